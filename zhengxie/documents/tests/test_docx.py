"""The 公文 builder: what a clerk opening the .docx in Word would see (GB/T 9704 layout)."""

import datetime as dt
import io

import docx as python_docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from zhengxie.core.exceptions import ApplicationError
from zhengxie.documents import docx as gw
from zhengxie.documents.docx import GongwenDocument, render_docx, sample_reply_letter

TITLE = "关于市政协十四届二次会议第0123号提案的答复"


def reopen(doc: GongwenDocument):
    return python_docx.Document(io.BytesIO(doc.to_bytes()))


def east_asia(run) -> str | None:
    r_pr = run._element.rPr
    if r_pr is None or r_pr.rFonts is None:
        return None
    return r_pr.rFonts.get(qn("w:eastAsia"))


def paragraph_with(document, text):
    return next(p for p in document.paragraphs if text in p.text)


def test_the_reply_letter_is_a4_with_the_gongwen_margins(reply_document):
    section = reply_document.sections[0]
    assert abs(section.page_width.mm - 210) < 0.5
    assert abs(section.page_height.mm - 297) < 0.5
    assert abs(section.top_margin.mm - 37) < 0.1
    assert abs(section.bottom_margin.mm - 35) < 0.1
    assert abs(section.left_margin.mm - 28) < 0.1
    assert abs(section.right_margin.mm - 26) < 0.1
    text_width = section.page_width - section.left_margin - section.right_margin
    assert abs(Mm(156) - text_width) < Mm(0.1)


def test_the_title_is_22pt_bold_fangzheng_xiaobiaosong_and_centred(reply_document):
    title = next(p for p in reply_document.paragraphs if p.text.replace("\n", "") == TITLE)
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.runs
    for run in title.runs:
        assert run.font.size == Pt(22)
        assert run.font.bold is True
        assert east_asia(run) == "方正小标宋简体"


def test_body_text_is_16pt_fangsong_with_exact_28pt_lines_and_a_two_character_indent(reply_document):
    body = paragraph_with(reply_document, "收悉。经认真研究")
    fmt = body.paragraph_format
    assert fmt.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert fmt.line_spacing == Pt(28)
    assert fmt.first_line_indent == Pt(32)
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    for run in body.runs:
        assert run.font.size == Pt(16)
        assert east_asia(run) == "仿宋_GB2312"
        assert run.font.name == "Times New Roman"


def test_the_normal_style_and_every_run_name_an_east_asian_font(reply_document):
    normal = reply_document.styles["Normal"]
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing == Pt(28)
    runs = [r for p in reply_document.paragraphs for r in p.runs if r.text]
    assert runs
    assert all(east_asia(r) for r in runs)
    # No theme font left in the defaults: it would override w:eastAsia in Word.
    styles_xml = reply_document.styles.element.xml
    assert "eastAsiaTheme" not in styles_xml.split("</w:docDefaults>")[0]


def test_the_class_mark_is_the_first_paragraph_of_page_one_right_aligned_in_heiti(reply_document):
    first_block = reply_document.element.body[0]
    first = reply_document.paragraphs[0]
    assert first._element is first_block
    assert first.text == "A"
    assert first.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert east_asia(first.runs[0]) == "黑体"
    assert first.runs[0].font.size == Pt(16)


def test_the_class_mark_goes_to_the_top_even_when_added_last_and_a_second_call_replaces_it():
    doc = GongwenDocument(kind="reply")
    doc.add_title("关于第0001号提案的答复")
    doc.add_paragraphs("正文第一段。")
    doc.add_class_mark("B")
    doc.add_class_mark("C")
    document = reopen(doc)
    assert document.paragraphs[0].text == "C"
    assert [p.text for p in document.paragraphs].count("B") == 0
    with pytest.raises(ApplicationError, match="分类标识不能为空"):
        doc.add_class_mark("  ")


def test_the_doc_number_is_right_aligned_in_a_reply_and_centred_in_an_ordinary_document(reply_document):
    number = paragraph_with(reply_document, "舟海渔提〔2024〕12号")
    assert number.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    doc = GongwenDocument(kind="document")
    doc.add_doc_number(gw.doc_number("舟政协", 2024, 7))
    assert reopen(doc).paragraphs[0].text == "舟政协〔2024〕7号"
    assert reopen(doc).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    with pytest.raises(ApplicationError, match="文号不能为空"):
        doc.add_doc_number("")


def test_the_signer_and_the_letterhead_appear_above_the_title(reply_document):
    texts = [p.text for p in reply_document.paragraphs]
    assert texts.index("舟山市海洋与渔业局") < texts.index("签发人：李建国") < texts.index(
        next(t for t in texts if t.startswith("关于市政协"))
    )
    signer = paragraph_with(reply_document, "签发人：")
    assert east_asia(signer.runs[1]) == "楷体_GB2312"


def test_each_footer_shows_the_page_number_field_between_dashes(reply_document):
    section = reply_document.sections[0]
    assert reply_document.settings.odd_and_even_pages_header_footer
    for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                              (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        paragraph = footer.paragraphs[0]
        xml = paragraph._element.xml
        assert "PAGE" in "".join(t.text for t in paragraph._element.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert paragraph.alignment == alignment
        assert paragraph.runs[0].font.size == Pt(14)


def test_the_signature_block_has_the_unit_then_the_date_right_aligned(reply_document):
    texts = [p.text for p in reply_document.paragraphs]
    date_index = texts.index("2024年5月20日")
    assert texts[date_index - 1] == "舟山市海洋与渔业局"
    date = reply_document.paragraphs[date_index]
    assert date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert date.paragraph_format.right_indent == Pt(64)  # 右空四字


def test_contact_and_cc_follow_the_signature_in_their_customary_form(reply_document):
    texts = [p.text for p in reply_document.paragraphs]
    assert "（联系人：王五　电话：0580-2281234）" in texts
    cc = paragraph_with(reply_document, "抄送：")
    assert cc.text == "抄送：市政协提案委员会，市政府督查室。"
    assert cc.runs[0].font.size == Pt(14)
    assert texts.index("2024年5月20日") < texts.index("（联系人：王五　电话：0580-2281234）") < texts.index(cc.text)


def test_paragraph_text_is_split_on_blank_lines_and_point_headings_are_set_in_heiti():
    doc = GongwenDocument()
    made = doc.add_paragraphs("　　第一段第一行\n接第一行。\n\n一、关于休渔。正文内容。\n \n（一）关于放流。具体做法。\n\n\n")
    assert [p.text for p in made] == ["第一段第一行接第一行。", "一、关于休渔。正文内容。", "（一）关于放流。具体做法。"]
    assert [east_asia(r) for r in made[1].runs] == ["黑体", "仿宋_GB2312"]
    assert [east_asia(r) for r in made[2].runs] == ["楷体_GB2312", "仿宋_GB2312"]
    lines = doc.add_paragraphs("甲\n乙", split="line")
    assert [p.text for p in lines] == ["甲", "乙"]


def test_heading_levels_use_heiti_kaiti_and_bold_fangsong():
    doc = GongwenDocument()
    fonts = [(east_asia(doc.add_heading(level, "标题").runs[0]), doc.document.paragraphs[-1].runs[0].font.bold)
             for level in (1, 2, 3, 4)]
    assert fonts == [("黑体", False), ("楷体_GB2312", False), ("仿宋_GB2312", True), ("仿宋_GB2312", False)]
    with pytest.raises(ApplicationError, match="标题层级"):
        doc.add_heading(5, "太深")


def test_a_long_title_is_broken_into_two_balanced_lines():
    assert gw.split_title(TITLE) == ["关于市政协十四届二次会议", "第0123号提案的答复"]
    assert gw.split_title("关于提案") == ["关于提案"]
    assert gw.split_title("第一行\n第二行") == ["第一行", "第二行"]
    for line in gw.split_title("啊" * 50):
        assert gw.text_width(line, gw.SIZE_TITLE) <= gw.TEXT_WIDTH


def test_a_table_has_fixed_columns_a_repeating_heiti_header_and_refuses_ragged_or_too_wide_tables():
    doc = GongwenDocument(kind="compilation")
    doc.add_table(["提案号", "案由", "提案人"], [["0001", "关于加强近海渔业资源保护的提案", "张三"], [2, "案由二", None]],
                  widths_mm=[25, 101, 30])
    table = reopen(doc).tables[0]
    assert [c.text for c in table.rows[0].cells] == ["提案号", "案由", "提案人"]
    assert [c.text for c in table.rows[2].cells] == ["2", "案由二", ""]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in table.rows)
    assert [round(col.width.mm) for col in table.columns] == [25, 101, 30]
    assert east_asia(table.rows[0].cells[0].paragraphs[0].runs[0]) == "黑体"
    assert east_asia(table.rows[1].cells[1].paragraphs[0].runs[0]) == "仿宋_GB2312"
    with pytest.raises(ApplicationError, match="第1行有2列，表头有3列"):
        doc.add_table(["a", "b", "c"], [["x", "y"]])
    with pytest.raises(ApplicationError, match="超过了版心宽度"):
        doc.add_table(["a", "b"], [], widths_mm=[100, 100])


def test_dates_and_doc_numbers_are_written_the_gongwen_way():
    assert gw.format_cn_date(dt.date(2024, 5, 1)) == "2024年5月1日"
    assert gw.format_cn_date_upper(dt.date(2024, 5, 20)) == "二〇二四年五月二十日"
    assert gw.format_cn_date_upper(dt.date(2024, 10, 31)) == "二〇二四年十月三十一日"
    assert gw.doc_number("浙海渔提", 2024, 12) == "浙海渔提〔2024〕12号"


def test_render_docx_hands_the_context_to_the_builder_and_unknown_kinds_are_refused():
    def builder(doc, *, title):
        doc.add_title(title)

    data = render_docx(builder, title="关于召开全体会议的通知")
    assert "关于召开全体会议的通知" in [p.text for p in python_docx.Document(io.BytesIO(data)).paragraphs]
    with pytest.raises(ApplicationError, match="不支持的文档类型"):
        GongwenDocument(kind="poster")


def test_the_sample_letter_takes_overrides_for_the_proposals_module():
    data = sample_reply_letter(class_mark="B", number="舟海渔提〔2024〕13号", letterhead=False, cc="")
    document = python_docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "B"
    assert "舟海渔提〔2024〕13号" in texts
    assert "舟山市海洋与渔业局" in texts  # still the 落款
    assert not any(t.startswith("抄送") for t in texts)
