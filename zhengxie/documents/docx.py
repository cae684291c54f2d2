"""A small 公文 (official document) builder on python-docx.

Layout follows GB/T 9704-2012《党政机关公文格式》(domain.md §13): A4, 版心 156 mm × 225 mm placed
37 mm from the top (天头) and 28 mm from the left (订口); 标题 2号小标宋, 正文 3号仿宋, 一级标题 黑体,
二级标题 楷体, 页码 4号半角宋体 "— 1 —".  The 答复函 shape (domain.md §3.7) is ``reply_letter``.

Usage::

    from zhengxie.documents.docx import GongwenDocument, render_docx

    doc = GongwenDocument(kind="reply")
    doc.add_class_mark("A")
    doc.add_doc_number("浙海渔提〔2024〕12号")
    doc.add_title("关于市政协十四届二次会议第0123号提案的答复")
    doc.add_salutation("尊敬的张三委员：")
    doc.add_paragraphs(text)
    doc.add_signature("××市海洋与渔业局", date(2024, 5, 20))
    data = doc.to_bytes()

East-Asian font names are written on every run and on the Normal style with
``rPr.get_or_add_rFonts().set(qn("w:eastAsia"), name)``; ascii/hAnsi get a Latin font.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable, Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

from zhengxie.core.exceptions import ApplicationError

from . import fonts

# ---------------------------------------------------------------------------------------------
# Layout constants (GB/T 9704-2012 §5.2.1–5.2.3, §7; domain.md §13)
# ---------------------------------------------------------------------------------------------
PAGE_WIDTH = Mm(210)  # A4
PAGE_HEIGHT = Mm(297)
MARGIN_TOP = Mm(37)  # 天头 37 mm
MARGIN_BOTTOM = Mm(35)  # 297 − 37 − 225 (版心高)
MARGIN_LEFT = Mm(28)  # 订口 28 mm
MARGIN_RIGHT = Mm(26)  # 210 − 28 − 156 (版心宽)
TEXT_WIDTH = Mm(156)  # 版心 156 mm × 225 mm
TEXT_HEIGHT = Mm(225)
# 页码 "一字线上距版心下边缘7mm": its line top sits 28 mm above the page edge; a 14 pt line is ~5 mm.
FOOTER_DISTANCE = Mm(23)
HEADER_DISTANCE = Mm(15)

SIZE_TITLE = Pt(22)  # 二号
SIZE_BODY = Pt(16)  # 三号
SIZE_SMALL = Pt(14)  # 四号 (页码, 版记)
SIZE_TABLE = Pt(12)  # 小四 (目录/汇编表格)
SIZE_LETTERHEAD = Pt(26)  # 一号 (信函格式发文机关标志)

LINE_SPACING = Pt(28)  # 正文行距 固定值 28 磅
TITLE_LINE_SPACING = Pt(35)  # 多行标题行距 (our choice: 22 pt glyphs need more than 28 pt)
FIRST_LINE_INDENT = Pt(32)  # 首行缩进 2 字 (2 × 16 pt)
CHAR = Pt(16)  # one 三号 character
# -0.3 pt per character gives the standard 28 characters per line in the 156 mm 版心 (16 pt → 27).
CHAR_SPACING_TWIPS = -6  # w:spacing is in twentieths of a point

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

RED = RGBColor(0xE6, 0x00, 0x12)  # 发文机关标志 / 分隔线 红色

KINDS = {
    # kind: (label, alignment of 文号)
    "document": ("公文", WD_ALIGN_PARAGRAPH.CENTER),  # 文号 居中, 发文机关标志下空二行
    "reply": ("答复函", WD_ALIGN_PARAGRAPH.RIGHT),  # 信函格式: 文号 居版心右边缘
    "compilation": ("汇编/目录", WD_ALIGN_PARAGRAPH.CENTER),
}

_BLANK_LINES = re.compile(r"\n[ \t\u3000]*\n")
_LEVEL1 = re.compile(r"^[一二三四五六七八九十]+、")
_LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]+[）)]")
_CN_DIGITS = "〇一二三四五六七八九"


# ---------------------------------------------------------------------------------------------
# Small helpers
# ---------------------------------------------------------------------------------------------
def format_cn_date(value: dt.date | dt.datetime | str) -> str:
    """成文日期: 阿拉伯数字标全年月日, 月日不编虚位 (GB/T 9704 §7.3.5.1): 2024年5月20日."""
    if isinstance(value, str):
        return value
    return f"{value.year}年{value.month}月{value.day}日"


def format_cn_date_upper(value: dt.date) -> str:
    """Chinese-numeral date for 期刊/落款 variants that want it: 二〇二四年五月二十日."""

    def number(n: int) -> str:
        if n < 10:
            return _CN_DIGITS[n]
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN_DIGITS[tens]) + "十" + (_CN_DIGITS[ones] if ones else "")

    year = "".join(_CN_DIGITS[int(c)] for c in str(value.year))
    return f"{year}年{number(value.month)}月{number(value.day)}日"


def doc_number(prefix: str, year: int, seq: int) -> str:
    """发文字号: 机关代字 + 〔年份〕 + 序号 (六角括号, 序号不编虚位): 浙海渔提〔2024〕12号."""
    return f"{prefix}〔{year}〕{seq}号"


def text_width(text: str, size: Pt = SIZE_BODY) -> int:
    """Approximate rendered width in EMU: full-width characters 1 em, ASCII ½ em, minus the -0.3 pt
    character spacing, plus the small gap Word/LibreOffice put between Chinese and Latin text."""
    ems = 0.0
    prev_ascii = None
    for c in text:
        is_ascii = ord(c) < 0x2000
        ems += 0.5 if is_ascii else 1.0
        if prev_ascii is not None and is_ascii != prev_ascii:
            ems += 0.17
        prev_ascii = is_ascii
    return int(ems * size + len(text) * CHAR_SPACING_TWIPS * 635)  # 1 twip = 635 EMU


def split_title(text: str, size: Pt = SIZE_TITLE, width: int = TEXT_WIDTH) -> list[str]:
    """Break a long title into balanced lines (GB/T 9704 §7.3.1: 梯形或菱形, 词意完整).

    Breaks are tried before 关于/第/对 and after 的/、/，/与/和/及/议; the most even split that fits wins.
    Titles that already contain line breaks are kept as given.
    """
    if "\n" in text or text_width(text, size) <= width:
        return [line.strip() for line in text.splitlines() if line.strip()] or [text]
    candidates = []
    for i in range(2, len(text) - 1):
        if text[i] in "第对" or text.startswith("关于", i) or text[i - 1] in "的、，与和及议":
            candidates.append(i)
    best = None
    for i in candidates:
        first, second = text[:i], text[i:]
        w1, w2 = text_width(first, size), text_width(second, size)
        if w1 > width or w2 > width:
            continue
        score = abs(w1 - w2)
        if best is None or score < best[0]:
            best = (score, i)
    if best is None:  # more than two lines: fill the first line up to the last break point that fits
        fitting = [i for i in candidates if text_width(text[:i], size) <= width]
        i = fitting[-1] if fitting else len(text)
        while not fitting and i > 1 and text_width(text[:i], size) > width:
            i -= 1
        return [text[:i], *split_title(text[i:], size, width)]
    return [text[: best[1]], text[best[1]:]]


def set_run_font(run, east_asia: str, *, size=SIZE_BODY, bold: bool | None = None, latin: str = fonts.LATIN):
    """Set the East-Asian and Latin font, size and weight on one run."""
    run.font.name = latin
    run.font.size = size
    if bold is not None:
        run.font.bold = bold
    r_fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    r_fonts.set(qn("w:eastAsia"), east_asia)
    r_fonts.set(qn("w:ascii"), latin)
    r_fonts.set(qn("w:hAnsi"), latin)
    r_fonts.set(qn("w:cs"), latin)
    return run


def _exact(paragraph, spacing=LINE_SPACING):
    pf = paragraph.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = spacing
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    return paragraph


def _border(tag: str, *, val="single", size=8, color="000000", space=1):
    el = OxmlElement(f"w:{tag}")
    el.set(qn("w:val"), val)
    el.set(qn("w:sz"), str(size))  # eighths of a point
    el.set(qn("w:space"), str(space))
    el.set(qn("w:color"), color)
    return el


def _paragraph_borders(paragraph, **sides):
    """sides: top=dict(...), bottom=dict(...) → <w:pBdr>."""
    p_pr = paragraph._element.get_or_add_pPr()
    p_bdr = OxmlElement("w:pBdr")
    for tag in ("top", "left", "bottom", "right"):
        if tag in sides:
            p_bdr.append(_border(tag, **sides[tag]))
    p_pr.append(p_bdr)
    # pBdr must come before spacing/ind/jc in CT_PPr order; python-docx's insert helper keeps order.
    p_pr.remove(p_bdr)
    p_pr.insert_element_before(
        p_bdr, "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
        "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
        "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
        "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
        "w:rPr", "w:sectPr", "w:pPrChange",
    )


def _add_field(run, instruction: str, placeholder: str = "1"):
    """A complex field (begin / instrText / separate / result / end) inside ``run``'s paragraph."""
    paragraph = run._parent

    def fld_run(kind=None, instr=None, text=None):
        new = paragraph.add_run()
        set_run_font(new, fonts.SONGTI, size=run.font.size or SIZE_SMALL, latin=fonts.SONGTI)
        if kind:
            fld = OxmlElement("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            new._element.append(fld)
        if instr:
            it = OxmlElement("w:instrText")
            it.set(qn("xml:space"), "preserve")
            it.text = instr
            new._element.append(it)
        if text:
            new.text = text
        return new

    fld_run("begin")
    fld_run(instr=f" {instruction} ")
    fld_run("separate")
    fld_run(text=placeholder)
    fld_run("end")


# ---------------------------------------------------------------------------------------------
# The builder
# ---------------------------------------------------------------------------------------------
class GongwenDocument:
    """Builds one 公文 in GB/T 9704 layout.  Methods append paragraphs in reading order and return them."""

    def __init__(self, kind: str = "document"):
        if kind not in KINDS:
            raise ApplicationError(f"不支持的文档类型「{kind}」，可选：{'、'.join(KINDS)}。")
        self.kind = kind
        self.document = Document()
        self._class_mark = None
        self._body = self.document.element.body
        # The default template starts with no paragraphs; keep it that way.
        self._setup_styles()
        self._setup_page()
        self._setup_page_numbers()

    # -- setup ------------------------------------------------------------------------------
    def _setup_styles(self):
        styles = self.document.styles.element
        # docDefaults: drop theme fonts (they would override w:eastAsia) and set ours.
        r_pr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
        r_fonts = r_pr_default.find(qn("w:rFonts"))
        for attr in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
            r_fonts.attrib.pop(qn(attr), None)
        for attr, name in (("w:ascii", fonts.LATIN), ("w:hAnsi", fonts.LATIN), ("w:cs", fonts.LATIN),
                           ("w:eastAsia", fonts.FANGSONG)):
            r_fonts.set(qn(attr), name)
        lang = r_pr_default.find(qn("w:lang"))
        lang.set(qn("w:eastAsia"), "zh-CN")
        p_pr_default = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
        spacing = p_pr_default.find(qn("w:spacing"))
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), str(int(LINE_SPACING.pt * 20)))
        spacing.set(qn("w:lineRule"), "exact")

        normal = self.document.styles["Normal"]
        normal.font.name = fonts.LATIN
        normal.font.size = SIZE_BODY
        r_pr = normal.element.get_or_add_rPr()
        r_fonts = r_pr.get_or_add_rFonts()
        r_fonts.set(qn("w:eastAsia"), fonts.FANGSONG)
        r_fonts.set(qn("w:ascii"), fonts.LATIN)
        r_fonts.set(qn("w:hAnsi"), fonts.LATIN)
        r_fonts.set(qn("w:cs"), fonts.LATIN)
        char_spacing = OxmlElement("w:spacing")
        char_spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))
        r_pr.append(char_spacing)
        r_pr.remove(char_spacing)
        r_pr.insert_element_before(
            char_spacing, "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
            "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
            "w:specVanish", "w:oMath",
        )
        pf = normal.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = LINE_SPACING
        pf.space_before = Pt(0)
        pf.space_after = Pt(0)
        pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        for name in ("Header", "Footer"):
            style = self.document.styles[name]
            style.font.size = SIZE_SMALL
            style.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE

    def _setup_page(self):
        section = self.document.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width = PAGE_WIDTH
        section.page_height = PAGE_HEIGHT
        section.top_margin = MARGIN_TOP
        section.bottom_margin = MARGIN_BOTTOM
        section.left_margin = MARGIN_LEFT
        section.right_margin = MARGIN_RIGHT
        section.footer_distance = FOOTER_DISTANCE
        section.header_distance = HEADER_DISTANCE
        section.gutter = Emu(0)

    def _setup_page_numbers(self):
        """页码: 4号半角宋体 "— 1 —"; 单页居右空一字, 双页居左空一字 (GB/T 9704 §7.5)."""
        self.document.settings.odd_and_even_pages_header_footer = True
        section = self.document.sections[0]
        for footer, alignment in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
                                  (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
            footer.is_linked_to_previous = False
            paragraph = footer.paragraphs[0]
            paragraph.alignment = alignment
            _exact(paragraph, SIZE_SMALL)
            if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
                paragraph.paragraph_format.right_indent = SIZE_SMALL
            else:
                paragraph.paragraph_format.left_indent = SIZE_SMALL
            lead = paragraph.add_run("— ")
            set_run_font(lead, fonts.SONGTI, size=SIZE_SMALL, latin=fonts.SONGTI)
            _add_field(lead, "PAGE")
            tail = paragraph.add_run(" —")
            set_run_font(tail, fonts.SONGTI, size=SIZE_SMALL, latin=fonts.SONGTI)

    # -- primitives -------------------------------------------------------------------------
    def _paragraph(self, *, align=None, indent_first: bool = False, spacing=LINE_SPACING):
        paragraph = self.document.add_paragraph()
        _exact(paragraph, spacing)
        if align is not None:
            paragraph.alignment = align
        paragraph.paragraph_format.first_line_indent = FIRST_LINE_INDENT if indent_first else Pt(0)
        return paragraph

    def _run(self, paragraph, text, font=fonts.FANGSONG, *, size=SIZE_BODY, bold=False, color=None):
        run = paragraph.add_run(text)
        set_run_font(run, font, size=size, bold=bold)
        if color is not None:
            run.font.color.rgb = color
        return run

    def add_blank_line(self, count: int = 1):
        for _ in range(count):
            self._paragraph()
        return self

    def add_page_break(self):
        paragraph = self._paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)
        return paragraph

    # -- 版头 ---------------------------------------------------------------------------------
    def add_class_mark(self, mark: str):
        """答复分类标识 (A/B/C) at the top right of page 1: always the first paragraph of the body.

        Boxed, 3号黑体, right-aligned.  Calling it again replaces the mark.
        """
        mark = (mark or "").strip()
        if not mark:
            raise ApplicationError("分类标识不能为空（如 A、B、C）。")
        if self._class_mark is not None:
            self._body.remove(self._class_mark._element)
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT)
        run = self._run(paragraph, mark, fonts.HEITI)
        r_pr = run._element.get_or_add_rPr()
        bdr = _border("bdr", size=8, space=2)
        r_pr.append(bdr)
        r_pr.remove(bdr)
        r_pr.insert_element_before(
            bdr, "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
            "w:specVanish", "w:oMath",
        )
        # Move to the very top of the body (before anything already added).
        self._body.remove(paragraph._element)
        self._body.insert(0, paragraph._element)
        self._class_mark = paragraph
        return paragraph

    def add_letterhead(self, org: str):
        """发文机关标志 (信函格式): red 小标宋, centred, with the red double line (上粗下细) under it."""
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, spacing=Pt(40))
        self._run(paragraph, org, fonts.TITLE, size=SIZE_LETTERHEAD, color=RED)
        _paragraph_borders(paragraph, bottom=dict(val="thickThinSmallGap", size=24, color="E60012", space=4))
        return paragraph

    def add_doc_number(self, number: str, *, align=None):
        """发文字号 e.g. "浙海渔提〔2024〕12号": 居中 (公文) or 居版心右边缘 (答复函/信函格式)."""
        number = (number or "").strip()
        if not number:
            raise ApplicationError("文号不能为空，格式如“浙海渔提〔2024〕12号”。")
        paragraph = self._paragraph(align=align if align is not None else KINDS[self.kind][1])
        self._run(paragraph, number)
        return paragraph

    def add_signer(self, name: str):
        """签发人: "签发人：" 3号仿宋 + 姓名 3号楷体, 居右空一字 (GB/T 9704 §7.2.6)."""
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT)
        paragraph.paragraph_format.right_indent = CHAR
        self._run(paragraph, "签发人：")
        self._run(paragraph, name, fonts.KAITI)
        return paragraph

    # -- 主体 ---------------------------------------------------------------------------------
    def add_title(self, text: str, *, blank_before: int = 1, blank_after: int = 1):
        """标题: 2号方正小标宋 加粗 居中; a long title is split into balanced lines (``split_title``);
        "\\n" in ``text`` sets the breaks by hand."""
        text = (text or "").strip()
        if not text:
            raise ApplicationError("标题不能为空。")
        self.add_blank_line(blank_before)
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER, spacing=TITLE_LINE_SPACING)
        for i, line in enumerate(split_title(text)):
            run = self._run(paragraph, line, fonts.TITLE, size=SIZE_TITLE, bold=True)
            if i:
                run._element.addprevious(OxmlElement("w:br"))
        self.add_blank_line(blank_after)
        return paragraph

    def add_salutation(self, text: str):
        """主送机关 / 称呼: 居左顶格, 全角冒号结尾."""
        text = text.strip()
        if not text.endswith(("：", ":")):
            text += "："
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.LEFT)
        self._run(paragraph, text)
        return paragraph

    def add_paragraph(self, text: str, *, detect_headings: bool = True):
        """One body paragraph (3号仿宋, 首行缩进2字, 两端对齐).

        With ``detect_headings`` a paragraph starting "一、" is set in 黑体 and "（一）" in 楷体 up to its
        first 句号 (the usual way a point-by-point answer puts its heading on the first line).
        """
        text = text.strip().lstrip("\u3000 \t")
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_first=True)
        font = fonts.FANGSONG
        if detect_headings:
            if _LEVEL1.match(text):
                font = fonts.HEITI
            elif _LEVEL2.match(text):
                font = fonts.KAITI
        if font == fonts.FANGSONG:
            self._run(paragraph, text)
            return paragraph
        head, sep, rest = text.partition("。")
        if sep and rest:
            self._run(paragraph, head + sep, font)
            self._run(paragraph, rest)
        else:
            self._run(paragraph, text, font)
        return paragraph

    def add_paragraphs(self, text: str, *, split: str = "blank", detect_headings: bool = True):
        """Body text: paragraphs are separated by blank lines (``split="blank"``; lines inside one
        paragraph are joined) or by every line break (``split="line"``).  Returns the paragraphs."""
        text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
        if split == "line":
            blocks = text.split("\n")
        else:
            blocks = [_join_lines(block) for block in _BLANK_LINES.split(text)]
        return [self.add_paragraph(b, detect_headings=detect_headings) for b in blocks if b.strip()]

    def add_heading(self, level: int, text: str):
        """层次标题: 1 黑体 "一、", 2 楷体 "（一）", 3 仿宋加粗 "1.", 4 仿宋 "（1）"; 首行缩进2字."""
        choices = {1: (fonts.HEITI, False), 2: (fonts.KAITI, False), 3: (fonts.FANGSONG, True),
                   4: (fonts.FANGSONG, False)}
        if level not in choices:
            raise ApplicationError("标题层级只能是 1 至 4。")
        font, bold = choices[level]
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_first=True)
        self._run(paragraph, text.strip(), font, bold=bold)
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level - 1))
        paragraph._element.get_or_add_pPr().insert_element_before(
            outline, "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"
        )
        return paragraph

    # -- 落款、附注、版记 -----------------------------------------------------------------------
    def add_signature(self, org: str, date: dt.date | str, *, blank_before: int = 2):
        """落款 (加盖印章): 成文日期右空四字; 发文机关署名以成文日期为准居中 (GB/T 9704 §7.3.5.1)."""
        date_text = format_cn_date(date)
        self.add_blank_line(blank_before)
        date_indent = 4 * CHAR
        axis = date_indent + text_width(date_text) // 2  # distance of the common centre from the right edge
        org_half = text_width(org) // 2
        if org_half + CHAR > axis:  # a long name: keep it one character from the edge, centre the date under it
            axis = org_half + CHAR * 2
            date_indent = max(CHAR, axis - text_width(date_text) // 2)
        org_p = self._paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT)
        org_p.paragraph_format.right_indent = Emu(int(axis - org_half))
        self._run(org_p, org)
        date_p = self._paragraph(align=WD_ALIGN_PARAGRAPH.RIGHT)
        date_p.paragraph_format.right_indent = Emu(int(date_indent))
        self._run(date_p, date_text)
        return org_p, date_p

    def add_contact(self, text: str):
        """附注 (联系人、电话): 成文日期下一行, 居左空二字, 加圆括号 (GB/T 9704 §7.3.6)."""
        text = text.strip()
        if not (text.startswith("（") and text.endswith("）")):
            text = f"（{text.strip('()（）')}）"
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.LEFT, indent_first=True)
        self._run(paragraph, text)
        return paragraph

    def add_cc(self, text: str, *, blank_before: int | None = None, at_page_bottom: bool = True):
        """版记 抄送: 4号仿宋, 左右各空一字, 回行与冒号后首字对齐, 句号结尾, 上下分隔线 (GB/T 9704 §7.4).

        With ``at_page_bottom`` (default) the 版记 is a frame at the bottom of the 版心 of the last page,
        as the standard asks; body text on that page flows around it."""
        text = text.strip()
        if not text.startswith("抄送"):
            text = "抄送：" + text
        text = text.replace("抄送:", "抄送：")
        if not text.endswith("。"):
            text = text.rstrip("，,;；.") + "。"
        self.add_blank_line(blank_before if blank_before is not None else (0 if at_page_bottom else 1))
        paragraph = self._paragraph(align=WD_ALIGN_PARAGRAPH.LEFT)
        pf = paragraph.paragraph_format
        pf.left_indent = SIZE_SMALL + 3 * SIZE_SMALL
        pf.first_line_indent = -3 * SIZE_SMALL
        pf.right_indent = SIZE_SMALL
        _paragraph_borders(paragraph, top=dict(size=8, space=4), bottom=dict(size=8, space=4))
        if at_page_bottom:
            # 版记 sits at the bottom of the last page: a frame anchored to the bottom of the 版心.
            frame = OxmlElement("w:framePr")
            for attr, value in (("w:w", str(int(TEXT_WIDTH / 635))), ("w:wrap", "around"),
                                ("w:vAnchor", "margin"), ("w:hAnchor", "margin"),
                                ("w:xAlign", "center"), ("w:yAlign", "bottom")):
                frame.set(qn(attr), value)
            paragraph._element.get_or_add_pPr().insert_element_before(
                frame, "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
                "w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr", "w:sectPr", "w:pPrChange",
            )
        label, _, rest = text.partition("：")
        self._run(paragraph, label + "：", size=SIZE_SMALL)
        self._run(paragraph, rest, size=SIZE_SMALL)
        return paragraph

    # -- tables -----------------------------------------------------------------------------
    def add_table(self, headers: Sequence[str], rows: Iterable[Sequence], *, widths_mm: Sequence[float] | None = None,
                  size=SIZE_TABLE):
        """A grid table (目录, 汇编): header row 黑体 repeated on each page, cells 仿宋."""
        headers = list(headers)
        rows = [list(r) for r in rows]
        if not headers:
            raise ApplicationError("表格至少需要一列。")
        for i, row in enumerate(rows, start=1):
            if len(row) != len(headers):
                raise ApplicationError(f"表格第{i}行有{len(row)}列，表头有{len(headers)}列，列数必须一致。")
        table = self.document.add_table(rows=1 + len(rows), cols=len(headers))
        table.style = self.document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if widths_mm is None:
            widths = [int(TEXT_WIDTH / len(headers))] * len(headers)
        else:
            widths = [int(Mm(w)) for w in widths_mm]
        if sum(widths) > TEXT_WIDTH + Mm(0.5):
            raise ApplicationError("表格列宽之和超过了版心宽度 156 毫米。")
        table.autofit = False
        for column, width in zip(table.columns, widths, strict=True):
            column.width = Emu(width)  # w:gridCol, which LibreOffice follows
        line = Pt(size.pt + 8)
        for r, values in enumerate([headers, *rows]):
            row = table.rows[r]
            tr_pr = row._tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:cantSplit"))  # a row never breaks across pages
            if r == 0:
                tr_pr.append(OxmlElement("w:tblHeader"))
            for c, value in enumerate(values):
                cell = row.cells[c]
                cell.width = Emu(widths[c])
                paragraph = cell.paragraphs[0]
                _exact(paragraph, line)
                paragraph.paragraph_format.first_line_indent = Pt(0)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if r == 0 else WD_ALIGN_PARAGRAPH.LEFT
                self._run(paragraph, "" if value is None else str(value),
                          fonts.HEITI if r == 0 else fonts.FANGSONG, size=size)
        return table

    # -- output -----------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


def _join_lines(block: str) -> str:
    """Join the lines of one paragraph: no space between CJK, one space between Latin words."""
    out = ""
    for line in block.split("\n"):
        line = line.strip()
        if not line:
            continue
        if out and out[-1].isascii() and out[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            out += " "
        out += line
    return out


# ---------------------------------------------------------------------------------------------
# Convenience and the 答复函 shape
# ---------------------------------------------------------------------------------------------
def render_docx(builder_fn: Callable[..., object], /, *, kind: str | None = None, **context) -> bytes:
    """Build a document with ``builder_fn(doc, **context)`` and return the .docx bytes.

    ``kind`` defaults to ``builder_fn.kind`` (if set) or "document".
    """
    doc = GongwenDocument(kind=kind or getattr(builder_fn, "kind", "document"))
    builder_fn(doc, **context)
    return doc.to_bytes()


def reply_letter(doc: GongwenDocument, *, unit: str, number: str, title: str, salutation: str, body: str,
                 date: dt.date | str, class_mark: str = "", signer: str = "", contact: str = "",
                 cc: str = "", letterhead: bool = True) -> GongwenDocument:
    """答复函 (domain.md §3.7, §13): 分类标识 top right, 发文机关标志, 文号 + 签发人, 标题, 称呼, 正文,
    落款 (单位 + 日期, 公章 goes over it), 附注 联系人/电话, 版记 抄送."""
    if class_mark:
        doc.add_class_mark(class_mark)
    if letterhead:
        doc.add_letterhead(unit)
    doc.add_doc_number(number)
    if signer:
        doc.add_signer(signer)
    doc.add_title(title)
    doc.add_salutation(salutation)
    doc.add_paragraphs(body)
    doc.add_signature(unit, date)
    if contact:
        doc.add_contact(contact)
    if cc:
        doc.add_cc(cc)
    return doc


reply_letter.kind = "reply"

SAMPLE_REPLY = {
    "unit": "舟山市海洋与渔业局",
    "number": "舟海渔提〔2024〕12号",
    "class_mark": "A",
    "signer": "李建国",
    "title": "关于市政协十四届二次会议第0123号提案的答复",
    "salutation": "尊敬的张三委员：",
    "body": (
        "您提出的《关于加强近海渔业资源保护的提案》收悉。经认真研究，并与市财政局、市生态环境局会商，现答复如下：\n\n"
        "一、关于严格执行伏季休渔制度。我局联合海警、公安等部门开展“亮剑”专项执法行动，2023年共查处违规渔船47艘，"
        "休渔期间未发生重大违法违规事件。下一步将继续加大巡查力度，推动休渔管理常态化、规范化。\n\n"
        "二、关于增殖放流。2023年全市共投放大黄鱼、曼氏无针乌贼等苗种1.2亿尾，投入资金860万元。"
        "今年计划增加放流品种，并委托浙江海洋大学开展放流效果评估。\n\n"
        "三、关于渔民转产转业。我局会同市人力社保局制定渔民转产转业培训计划，"
        "今年计划培训渔民600人次，并对转产渔民给予创业补助。\n\n"
        "感谢您对全市海洋渔业工作的关心和支持，欢迎继续提出宝贵意见和建议。"
    ),
    "date": dt.date(2024, 5, 20),
    "contact": "联系人：王五　电话：0580-2281234",
    "cc": "抄送：市政协提案委员会，市政府督查室",
}


def sample_reply_letter(**overrides) -> bytes:
    """The sample 答复函 used by the tests and docs/screenshots (same shape the 提案 module uses)."""
    return render_docx(reply_letter, **{**SAMPLE_REPLY, **overrides})
