import datetime as dt
from io import BytesIO

from openpyxl import Workbook, load_workbook

from zhengxie.documents.xlsx import Column, date_value, phone_text, read_xlsx, write_xlsx, yes_no

SCHEMA = {
    "姓名": Column("name", required=True),
    "手机": Column("phone", parser=phone_text),
    "出生日期": Column("birth", parser=date_value),
    "是否常委": Column("standing", parser=yes_no),
}


def _book(rows) -> BytesIO:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = BytesIO()
    wb.save(buf)
    buf.seek(0)
    return buf


def test_written_sheet_has_a_chinese_title_bold_frozen_header_and_widths():
    data = write_xlsx("委员名录", [("姓名", 10), ("工作单位及职务", 30)], [["张三", "市工商联"], ["李四", None]])
    ws = load_workbook(BytesIO(data)).active
    assert ws.title == "委员名录"
    assert ws["A1"].value == "姓名" and ws["A1"].font.bold
    assert ws.freeze_panes == "A2"
    assert ws.column_dimensions["B"].width == 30
    assert [c.value for c in ws[3]] == ["李四", None]


def test_written_dates_and_booleans_read_as_dates_and_是否():
    data = write_xlsx("表", [("日期", 12), ("常委", 6)], [[dt.date(2023, 1, 5), True]])
    ws = load_workbook(BytesIO(data)).active
    assert ws["A2"].value.date() == dt.date(2023, 1, 5) and ws["B2"].value == "是"


def test_reading_tolerates_column_order_spaces_numbers_and_text_dates():
    buf = _book([
        [" 出生日期 ", "是否常委", "手机", "姓名 "],
        ["2023-01-05", "是", 13800001111, " 张三 "],
        ["2023/1/5", "否", 13800001112.0, "李四"],
        ["2023年1月5日", None, "138 0000 1113", "王五"],
        [dt.datetime(2023, 1, 5), "", None, "赵六"],
        [None, None, None, None],
        [None, None, None, None],
    ])
    result = read_xlsx(buf, SCHEMA)
    assert result.ok, result.messages
    assert [r.number for r in result.rows] == [2, 3, 4, 5]
    assert {r.data["birth"] for r in result.rows} == {dt.date(2023, 1, 5)}
    assert [r.data["phone"] for r in result.rows] == ["13800001111", "13800001112", "13800001113", ""]
    assert [r.data["standing"] for r in result.rows] == [True, False, False, False]
    assert result.rows[0].data["name"] == "张三"


def test_bad_cells_are_reported_with_the_excel_row_number():
    buf = _book([["姓名", "出生日期", "是否常委"], ["张三", "去年", "是"], ["", "2023-02-30", "也许"]])
    result = read_xlsx(buf, SCHEMA)
    assert result.messages == [
        "第2行：出生日期「去年」不是有效的日期（请写成 2023-01-05、2023/1/5 或 2023年1月5日）",
        "第3行：「姓名」不能为空",
        "第3行：出生日期「2023-02-30」不是有效的日期（请写成 2023-01-05、2023/1/5 或 2023年1月5日）",
        "第3行：是否常委「也许」应填写“是”或“否”",
    ]


def test_a_missing_required_column_or_a_non_excel_file_is_explained():
    unknown = read_xlsx(_book([["序号", "备注"], [1, "x"]]), SCHEMA)
    assert unknown.messages == ["没有找到表头：第一行应为列名（如「姓名」「手机」「出生日期」…），请使用导入模板。"]
    missing = read_xlsx(_book([["手机", "出生日期"], ["13800001111", None]]), SCHEMA)
    assert missing.messages == ["第1行：缺少必填列「姓名」，请使用导入模板。"]
    assert read_xlsx(BytesIO(b"not an excel file"), SCHEMA).messages == [
        "文件无法读取：请上传 Excel 2007 及以上格式（.xlsx）的文件。"
    ]


def test_a_title_row_above_the_header_is_skipped():
    result = read_xlsx(_book([["2023年委员名单"], ["姓名", "手机"], ["张三", "13800001111"]]), SCHEMA)
    assert result.ok and result.rows[0].number == 3 and result.rows[0].data["name"] == "张三"


def test_a_header_with_a_remark_matches_the_schema_column():
    schema = {"拼音首字母(可选)": Column("py")}
    result = read_xlsx(_book([["拼音首字母（可选）"], ["sxx"]]), schema)
    assert result.rows[0].data == {"py": "sxx"}
    result = read_xlsx(_book([["拼音首字母"], ["zs"]]), schema)
    assert result.rows[0].data == {"py": "zs"}


def test_date_parser_accepts_excel_serial_numbers():
    assert date_value(44931) == dt.date(2023, 1, 5)
    assert date_value("20230105") == dt.date(2023, 1, 5)
    assert date_value(None) is None


def test_aware_times_are_written_in_beijing_time():
    import datetime as dt
    from io import BytesIO
    from zoneinfo import ZoneInfo

    from openpyxl import load_workbook

    from zhengxie.documents.xlsx import write_xlsx

    utc = dt.datetime(2024, 3, 1, 1, 30, tzinfo=ZoneInfo("UTC"))
    sheet = load_workbook(BytesIO(write_xlsx("时间", [("提交时间", 20)], [[utc]]))).active
    assert sheet.cell(row=2, column=1).value == dt.datetime(2024, 3, 1, 9, 30)
