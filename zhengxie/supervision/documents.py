"""《重点提案目录》 and 《重要提案摘编》 (.docx 公文, zhengxie.documents.docx) of one 遴选 round."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied

from zhengxie.documents import fonts
from zhengxie.documents.docx import DOCX_CONTENT_TYPE, GongwenDocument, format_cn_date
from zhengxie.proposals.exports import Download, _centered, cppcc_full_name, proposer_display, session_name
from zhengxie.proposals.numbering import _cn, meeting_prefix

from . import permissions
from .conf import APPROVAL_BODIES
from .models import KeyItem, KeySelection
from .selectors import items_of
from .workflow import Status

EXCERPT = 300


def _excerpt(value: str, limit: int = EXCERPT) -> str:
    value = " ".join((value or "").split())
    return value if len(value) <= limit else value[:limit].rstrip("，。；、 ") + "……"


def _units(item: KeyItem) -> str:
    rows = [a for a in item.proposal.assignments.all() if a.state not in ("removed", "reference")]
    lead = [a.unit.name for a in rows if a.role in ("lead", "sole", "split")]
    co = [a.unit.name for a in rows if a.role == "co"]
    text = "、".join(lead) or "（尚未交办）"
    return text + (f"；会办：{'、'.join(co)}" if co else "")


def _leader(item: KeyItem) -> str:
    parts = [f"{item.leader_form}：{item.leader_display}" if item.leader_display else item.leader_form]
    if item.committee_id:
        parts.append(f"对口督办：{item.committee.name}")
    return "；".join(p for p in parts if p)


def _heading(doc: GongwenDocument, s: KeySelection, name: str, items) -> None:
    doc.add_title(f"{session_name(s.meeting)}\n{name}", blank_before=0)
    if s.status == Status.APPROVED:
        body = APPROVAL_BODIES.get(s.approval_body, s.approval_body)
        doc.add_paragraph(f"经{s.approval_meeting}（{body}）于{format_cn_date(s.approval_date)}审定，确定重点提案{len(items)}件。",
                          detect_headings=False)
    else:
        doc.add_paragraph(f"（送审稿）拟定重点提案{len(items)}件，待{APPROVAL_BODIES.get(s.approval_body, '主席会议')}审定。",
                          detect_headings=False)


def catalogue_docx(s: KeySelection) -> bytes:
    items = items_of(s, only="selected")
    doc = GongwenDocument(kind="compilation")
    _heading(doc, s, "重点提案目录", items)
    if items:
        doc.add_table(("序号", "提案号", "案由", "提案者", "主办单位", "督办领导"),
                      [[str(i), it.proposal.number_display, it.proposal.title, proposer_display(it.proposal), _units(it),
                        _leader(it)] for i, it in enumerate(items, start=1)],
                      widths_mm=(10, 18, 50, 22, 28, 28))
    doc.add_signature(f"{cppcc_full_name(s.cppcc)}提案委员会", s.approval_date or s.updated_at.date())
    return doc.to_bytes()


def digest_docx(s: KeySelection) -> bytes:
    """《重要提案摘编》: per key proposal the number, title, proposer, 案由/建议 excerpt, 承办单位, 督办 leader."""
    items = items_of(s, only="selected")
    doc = GongwenDocument(kind="compilation")
    _heading(doc, s, "重要提案摘编", items)
    for i, it in enumerate(items, start=1):
        p = it.proposal
        doc.add_heading(1, f"{_cn(i)}、{p.title}").paragraph_format.keep_with_next = True
        _centered(doc, f"{p.number_display}　提案者：{proposer_display(p, limit=6)}", fonts.KAITI)
        if p.situation or p.analysis:
            doc.add_heading(2, "（一）案由摘要").paragraph_format.keep_with_next = True
            doc.add_paragraph(_excerpt(f"{p.situation}{p.analysis}"), detect_headings=False)
        if p.suggestions:
            doc.add_heading(2, "（二）主要建议").paragraph_format.keep_with_next = True
            doc.add_paragraphs(_excerpt(p.suggestions, 600), split="line", detect_headings=False)
        doc.add_heading(2, "（三）承办与督办").paragraph_format.keep_with_next = True
        doc.add_paragraph(f"承办单位：{_units(it)}。", detect_headings=False)
        doc.add_paragraph(f"督办：{_leader(it)}。", detect_headings=False)
    if not items:
        doc.add_paragraph("本轮尚未拟定重点提案。", detect_headings=False)
    return doc.to_bytes()


def document_for(user, s: KeySelection, kind: str) -> Download:
    if not (permissions.sees_all(user) and permissions.same_cppcc(user, s)):
        raise PermissionDenied("只有提案委、领导和督办部门可以下载重点提案文件。")
    if kind == "digest":
        return Download(f"重要提案摘编-{meeting_prefix(s.meeting)}.docx", DOCX_CONTENT_TYPE, digest_docx(s))
    return Download(f"重点提案目录-{meeting_prefix(s.meeting)}.docx", DOCX_CONTENT_TYPE, catalogue_docx(s))
