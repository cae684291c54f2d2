"""Excel engine (openpyxl): write a formatted sheet, read an uploaded sheet against a schema.

    data = write_xlsx("委员名录", [("姓名", 10), ("手机", 14)], rows)
    result = read_xlsx(fileobj, {"姓名": Column("name", required=True), "手机": Column("phone", parser=phone_text)})
    result.rows    -> [ImportRow(number=2, data={"name": ..., "phone": ...}), ...]
    result.errors  -> [RowError(row=5, message="手机「abc」格式不正确")]; str(error) == "第5行：手机「abc」格式不正确"

Reading tolerates: columns in any order, spaces around headers and values, a title row above the
header, number-typed phone cells, date cells or text dates (2023-01-05, 2023/1/5, 2023年1月5日), and
empty rows. Domain checks (does this 界别 exist?) belong to the caller, which adds its own row errors.
This module renders and parses data it is given; it never queries the database.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any

from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 5000
_HEADER_SCAN_ROWS = 5


class CellError(ValueError):
    """Raised by a parser; the message completes "第N行：<列名>…"."""


# Writing ------------------------------------------------------------------------------------------

def _cell_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        # Excel has no time zones: show an aware time in the platform's zone (Asia/Shanghai)
        return timezone.localtime(value).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple | set):
        return "、".join(str(v) for v in value)
    return value


def _sheet_title(title: str) -> str:
    cleaned = re.sub(r"[\[\]:*?/\\]", "", title or "").strip()
    return (cleaned or "Sheet1")[:31]


def _write_sheet(ws, columns: list[tuple[str, float]], rows: Iterable[Iterable[Any]]) -> None:
    ws.append([header for header, _ in columns])
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="F2F4F7")
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(vertical="center")
    for index, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for row in rows:
        values = [_cell_value(v) for v in row]
        ws.append(values)
        for index, value in enumerate(values, start=1):
            if isinstance(value, dt.date | dt.datetime):
                ws.cell(row=ws.max_row, column=index).number_format = (
                    "yyyy-mm-dd hh:mm" if isinstance(value, dt.datetime) else "yyyy-mm-dd"
                )
    ws.freeze_panes = "A2"


def write_xlsx(
    title: str,
    columns: list[tuple[str, float]],
    rows: Iterable[Iterable[Any]],
    *,
    extra_sheets: dict[str, list[list[Any]]] | None = None,
) -> bytes:
    """One sheet named `title`: bold frozen header row, the given column widths, then the rows.

    `extra_sheets` adds plain sheets (e.g. 填写说明) after the main one: {title: [[cell, ...], ...]}.
    """
    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_title(title)
    _write_sheet(ws, columns, rows)
    for sheet_title, sheet_rows in (extra_sheets or {}).items():
        extra = wb.create_sheet(_sheet_title(sheet_title))
        for sheet_row in sheet_rows:
            extra.append([_cell_value(v) for v in sheet_row])
        extra.column_dimensions["A"].width = 24
        extra.column_dimensions["B"].width = 60
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


# Parsers ------------------------------------------------------------------------------------------

def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).replace("\u3000", " ").strip()


def phone_text(value: Any) -> str:
    """A phone cell: Excel may store 13800001111 as a number (even 1.38e10); keep digits, '+' and '-'."""
    if value is None:
        return ""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer():
            return str(int(value))
        raise CellError(f"「{value}」不是有效的电话号码")
    raw = text(value)
    return re.sub(r"[\s()（）]", "", raw)


_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]


def date_value(value: Any) -> dt.date | None:
    """A date cell, an Excel serial number, or text such as 2023-01-05, 2023/1/5, 2023年1月5日."""
    if _is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # an Excel serial date (1900 system) up to 9999-12-31
            converted = from_excel(value)
            return converted.date() if isinstance(converted, dt.datetime) else converted
        raise CellError(f"「{value}」不是有效的日期")
    raw = text(value)
    for pattern in _DATE_PATTERNS:
        match = pattern.match(raw)
        if match:
            try:
                return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                break
    raise CellError(f"「{raw}」不是有效的日期（请写成 2023-01-05、2023/1/5 或 2023年1月5日）")


_TRUE = {"是", "y", "yes", "true", "1", "√", "✓", "常委"}
_FALSE = {"否", "n", "no", "false", "0", "×", ""}


def yes_no(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    raw = text(value).lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise CellError(f"「{raw}」应填写“是”或“否”")


# Reading ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    field: str
    required: bool = False
    parser: Callable[[Any], Any] = text


@dataclass
class ImportRow:
    number: int  # the Excel row number, as the user sees it
    data: dict
    raw: dict = field(default_factory=dict)  # header -> the cell as text, for a preview


@dataclass(frozen=True)
class RowError:
    row: int | None
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行：{self.message}" if self.row else self.message


@dataclass
class ImportResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, row: int | None, message: str) -> None:
        self.errors.append(RowError(row, message))

    def errors_for(self, row: int) -> list[str]:
        return [e.message for e in self.errors if e.row == row]

    @property
    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]


def normalise_header(value: Any) -> str:
    """「 姓名* 」→ 姓名; full-width brackets → half-width; inner spaces removed."""
    raw = text(value).replace("（", "(").replace("）", ")")
    raw = re.sub(r"\s+", "", raw)
    return raw.rstrip("*＊")


def _base_header(header: str) -> str:
    return re.sub(r"\(.*?\)$", "", header)


def _match_headers(header_cells: list[Any], schema: dict[str, Column]) -> dict[int, str]:
    """Map column index → schema key, matching exactly or ignoring a trailing (可选)/(必填) remark."""
    wanted = {normalise_header(k): k for k in schema}
    wanted_base = {_base_header(normalise_header(k)): k for k in schema}
    found: dict[int, str] = {}
    for index, cell in enumerate(header_cells):
        header = normalise_header(cell)
        if not header:
            continue
        key = wanted.get(header) or wanted_base.get(_base_header(header))
        if key and key not in found.values():
            found[index] = key
    return found


def _coerce(column: Column, value: Any):
    if isinstance(value, str):
        value = value.strip()
    return column.parser(value)


def read_xlsx(fileobj, schema: dict[str, Column | tuple], *, max_rows: int = MAX_ROWS) -> ImportResult:
    """Read the first sheet: find the header row, then parse every non-empty row with the schema."""
    schema = {k: (v if isinstance(v, Column) else Column(*v)) for k, v in schema.items()}
    result = ImportResult()
    try:
        wb = load_workbook(fileobj, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for a non-xlsx upload
        result.add_error(None, "文件无法读取：请上传 Excel 2007 及以上格式（.xlsx）的文件。")
        return result
    try:
        ws = wb.worksheets[0]
        ws.reset_dimensions()  # some writers store a wrong sheet size; read every row there is
        rows = ws.iter_rows(values_only=True)
        header_map: dict[int, str] = {}
        header_row_number = 0
        for number, cells in enumerate(rows, start=1):
            header_map = _match_headers(list(cells or ()), schema)
            if header_map:
                header_row_number = number
                break
            if number >= _HEADER_SCAN_ROWS:
                break
        if not header_map:
            result.add_error(None, "没有找到表头：第一行应为列名（如「" + "」「".join(list(schema)[:3]) + "」…），请使用导入模板。")
            return result
        result.headers = [header_map[i] for i in sorted(header_map)]
        missing = [k for k, c in schema.items() if c.required and k not in header_map.values()]
        if missing:
            result.add_error(header_row_number, "缺少必填列「" + "」「".join(missing) + "」，请使用导入模板。")
            return result
        for number, cells in enumerate(rows, start=header_row_number + 1):
            cells = list(cells or ())
            by_key = {key: (cells[i] if i < len(cells) else None) for i, key in header_map.items()}
            if all(_is_blank(v) for v in by_key.values()):
                continue
            if len(result.rows) >= max_rows:
                result.add_error(None, f"文件超过 {max_rows} 行，请分批导入。")
                break
            row = ImportRow(number=number, data={}, raw={k: text(v) for k, v in by_key.items()})
            for key, column in schema.items():
                value = by_key.get(key)
                if _is_blank(value):
                    if column.required:
                        result.add_error(number, f"「{key}」不能为空")
                        continue
                try:
                    row.data[column.field] = _coerce(column, value)
                except CellError as exc:
                    result.add_error(number, f"{_base_header(normalise_header(key))}{exc}")
            result.rows.append(row)
    finally:
        wb.close()
    return result
