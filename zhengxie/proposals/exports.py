"""提案 documents (domain.md §13, issue 3 "Documents"): scoped reads → the documents engines.

Each public ``*_for(user, …)`` function checks what the acting user may download (404 outside their 政协 or
when they may not see the proposal, 403 when they see it but not this document) and returns a ``Download``
(filename, content type, bytes).  The builders below them take records and return bytes; they never check.

| Document | Builder | Who may download |
|---|---|---|
| 提案表 .docx / PDF | ``proposal_form_docx`` | 提案者 (领衔人/集体账号, 联名人), 承办单位 of the case, 提案委/领导/管理员 |
| 不予立案通知 .docx | ``rejection_notice_docx`` | 提案者 and staff, once 不予立案 |
| 答复函 .docx / PDF | ``reply_letter_docx`` | the replying unit (and 会办 units from 会签 on), the 督办审核 reviewer from 审核 on, staff; the 提案者 once published |
| 征询意见表 .docx | ``evaluation_form_docx`` | 提案者, the replying unit and staff, once the reply is published |
| 提案目录 / 重点提案目录 / 提案汇编 .docx | ``catalogue_docx`` / ``compilation_docx`` | 提案委, 领导, 管理员 |
| 交办清单 / 办理进度表 .xlsx | ``assignment_list_xlsx`` / ``progress_xlsx`` | 提案委, 领导, 管理员 |
"""
from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.shared import Emu, Mm, Pt

from zhengxie.accounts.selectors import has_role, organisations_for_role
from zhengxie.core import config
from zhengxie.core.roles import Role
from zhengxie.documents import fonts
from zhengxie.documents.docx import (
    DOCX_CONTENT_TYPE,
    SIZE_SMALL,
    SIZE_TABLE,
    TEXT_WIDTH,
    GongwenDocument,
    format_cn_date,
    set_run_font,
)
from zhengxie.documents.pdf import PDF_CONTENT_TYPE, docx_to_pdf
from zhengxie.documents.xlsx import XLSX_CONTENT_TYPE, write_xlsx
from zhengxie.members.models import Meeting

from . import deadlines, permissions
from .models import Assignment, Category, CoSigner, Evaluation, Proposal, ProposerType, Reply
from .numbering import _cn, meeting_prefix
from .workflow import FILED_STATES, Action, Status

#: Roles that may download the lists and catalogues (and every single document) of their 政协.
DOCUMENT_STAFF = (Role.PROPOSAL_STAFF, Role.LEADER, Role.ADMIN)
EMPTY = "—"
ANSWERING = (Assignment.Role.LEAD, Assignment.Role.SOLE, Assignment.Role.SPLIT)
UNCHECKED, CHECKED = "☐", "☑"


@dataclass(frozen=True)
class Download:
    filename: str
    content_type: str
    data: bytes


# =============================================================================================
# Names and small formatting helpers
# =============================================================================================
def _local(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


def _cn_date(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_cn_date(value)


def _level_char(cppcc) -> str:
    """市 for the 市政协, the last character of a county's short name (县/区/市) otherwise."""
    if cppcc.level == cppcc.Level.CITY:
        return "市"
    short = (cppcc.short_name or "").strip()
    return short[-1] if short and short[-1] in "县区市旗" else "县"


def cppcc_full_name(cppcc) -> str:
    """政协长治市委员会 (from the short name 长治市)."""
    short = (cppcc.short_name or cppcc.name.replace("政协", "")).strip()
    return f"政协{short}委员会"


def proposal_committee_name(cppcc) -> str:
    return f"{cppcc_full_name(cppcc)}提案委员会"


def session_name(meeting: Meeting) -> str:
    """届次会议名 of the 文头: 政协长治市第十四届委员会第二次会议."""
    cppcc = meeting.cppcc
    short = (cppcc.short_name or cppcc.name.replace("政协", "")).strip()
    term = meeting.term.name.removesuffix("届")
    if meeting.kind == Meeting.Kind.PLENARY:
        return f"政协{short}第{term}届委员会第{_cn(meeting.number)}次会议"
    return f"政协{short}第{term}届委员会{meeting.name}"


def reply_title(p: Proposal) -> str:
    """关于市政协十四届二次会议第0123号提案的答复."""
    number = p.number_display or p.receipt_no
    return f"关于{_level_char(p.cppcc)}政协{meeting_prefix(p.meeting)}{number}提案的答复"


def _sector_of(member, day: dt.date):
    ms = [m for m in member.memberships.all() if m.start_date <= day and (m.end_date is None or m.end_date >= day)]
    return ms[0].sector if ms else None


def _cosigners(p: Proposal, *, confirmed_only: bool) -> list[CoSigner]:
    wanted = {CoSigner.State.CONFIRMED} if confirmed_only else {CoSigner.State.CONFIRMED, CoSigner.State.INVITED}
    return [c for c in p.cosigners.all() if c.state in wanted]


def proposer_names(p: Proposal) -> list[str]:
    """领衔人 then the confirmed 联名人, or the organisation of a collective proposal."""
    if p.is_collective:
        return [p.proposer_org.name] if p.proposer_org_id else []
    names = [p.lead_member.name] if p.lead_member_id else []
    return names + [c.member.name for c in _cosigners(p, confirmed_only=True)]


def proposer_display(p: Proposal, limit: int = 4) -> str:
    names = proposer_names(p)
    if len(names) > limit:
        return "、".join(names[:limit]) + f"等{len(names)}人"
    return "、".join(names)


def salutation_for(p: Proposal) -> str:
    """尊敬的张三、李四委员：  (merged proposals' submitters are answered too) or 民盟长治市委员会："""
    cases = [p, *[m for m in p.merged_proposals.all() if m.status == Status.MERGED]]
    people, orgs = [], []
    for case in cases:
        if case.is_collective:
            if case.proposer_org_id and case.proposer_org.name not in orgs:
                orgs.append(case.proposer_org.name)
        else:
            for name in proposer_names(case):
                if name not in people:
                    people.append(name)
    parts = []
    if people:
        parts.append(f"尊敬的{'、'.join(people)}委员")
    parts.extend(orgs)
    return "，".join(parts) + "："


def _unit_cell(assignments: Iterable[Assignment], roles) -> str:
    out = []
    for a in assignments:
        if a.role not in roles or a.state == Assignment.State.REMOVED:
            continue
        suffix = ""
        if a.state == Assignment.State.REFERENCE:
            suffix = "（参考件）"
        elif a.role in (Assignment.Role.SPLIT, Assignment.Role.SOLE):
            suffix = f"（{a.get_role_display()}）"
        out.append(f"{a.unit.name}{suffix}")
    return "、".join(out)


def _rule_text(rule: dict) -> str:
    for key, unit in (("workdays", "个工作日"), ("days", "日"), ("months", "个月")):
        if rule.get(key):
            return f"{rule[key]}{unit}"
    return "规定期限"


def _decision_text(p: Proposal) -> str:
    if not p.decision:
        return "尚未审查。"
    label = Action(p.decision).label
    parts = [label]
    if p.decision == Action.REJECT and p.decision_reason:
        parts.append(f"理由：{p.get_decision_reason_display()}")
    if p.decision == Action.MERGE and p.merged_into_id:
        parts.append(f"并入{p.merged_into.number_display or p.merged_into.receipt_no}提案")
    text = "；".join(parts) + "。"
    if p.decision_text.strip():
        text += p.decision_text.strip()
    return text


# =============================================================================================
# Scoped reads (the acting user's 政协 only) and the permission rules of the documents
# =============================================================================================
def _proposal_qs(user):
    return (Proposal.objects.filter(cppcc_id=user.cppcc_id)
            .select_related("cppcc", "meeting__term", "meeting__cppcc", "category", "lead_member", "proposer_org",
                            "sector", "committee", "merged_into")
            .prefetch_related(
                Prefetch("cosigners", queryset=CoSigner.objects.select_related("member").order_by("order", "id")),
                Prefetch("assignments", queryset=Assignment.objects.select_related("unit").order_by("role", "id")),
                Prefetch("merged_proposals", queryset=Proposal.objects.select_related("lead_member", "proposer_org")
                         .prefetch_related(Prefetch("cosigners", queryset=CoSigner.objects.select_related("member")))),
                "suggested_units", "lead_member__memberships__sector", "cosigners__member__memberships__sector"))


def is_document_staff(user) -> bool:
    return bool(getattr(user, "cppcc_id", None)) and has_role(user, *DOCUMENT_STAFF)


def proposal_for_documents(user, pk) -> Proposal:
    """The proposal if the user may see it at all; 404 otherwise (another 政协, a stranger's draft …)."""
    p = _proposal_qs(user).filter(pk=pk).first()
    if p is None or not permissions.can_view(user, p):
        raise Http404("没有找到该提案，或您无权查看。")
    return p


def _is_proposer_side(user, p: Proposal) -> bool:
    return permissions.is_proposer(user, p) or permissions.is_cosigner(user, p)


def can_download_form(user, p: Proposal) -> bool:
    """提案表: the 提案者, staff, and the units that handle it."""
    return _is_proposer_side(user, p) or is_document_staff(user) or bool(permissions.unit_assignments(user, p))


def can_download_rejection(user, p: Proposal) -> bool:
    return p.status == Status.REJECTED and (_is_proposer_side(user, p) or is_document_staff(user))


def _user_unit_ids(user) -> set[int]:
    return {o.pk for o in organisations_for_role(user, Role.HANDLING_UNIT)}


def can_download_reply(user, reply: Reply) -> bool:
    """答复函: its unit always; 会办 units from 会签 on; the reviewer from 审核 on; staff; 提案者 once published."""
    p = reply.assignment.proposal
    if getattr(user, "cppcc_id", None) != p.cppcc_id:
        return False
    if is_document_staff(user):
        return True
    units = _user_unit_ids(user)
    if reply.assignment.unit_id in units:
        return True
    S = Reply.State
    if reply.state in (S.COSIGNING, S.AUDITING, S.PUBLISHED) and any(
            a.unit_id in units and a.role == Assignment.Role.CO and a.state != Assignment.State.REMOVED
            for a in p.assignments.all()):
        return True
    if reply.state in (S.AUDITING, S.PUBLISHED) and has_role(user, *permissions.reviewer_role_for(p)):
        return True
    return reply.state == S.PUBLISHED and _is_proposer_side(user, p)


def can_download_evaluation_form(user, reply: Reply) -> bool:
    p = reply.assignment.proposal
    if reply.state != Reply.State.PUBLISHED or getattr(user, "cppcc_id", None) != p.cppcc_id:
        return False
    return is_document_staff(user) or _is_proposer_side(user, p) or reply.assignment.unit_id in _user_unit_ids(user)


def reply_for_documents(user, pk) -> Reply:
    reply = (Reply.objects.filter(pk=pk, assignment__cppcc_id=user.cppcc_id)
             .select_related("assignment__unit", "assignment__proposal").first())
    if reply is None:
        raise Http404("没有找到该答复。")
    reply.assignment.proposal = proposal_for_documents(user, reply.assignment.proposal_id)
    return reply


def available_documents(user, p: Proposal) -> list[dict]:
    """The downloads of one proposal the user may take, for the detail page
    (template ``proposals/documents/_downloads.html``): [{"label", "url", "kind"}]."""
    from django.urls import reverse

    docs = []
    if can_download_form(user, p):
        docs.append({"label": "提案表（Word）", "url": reverse("proposals:doc_form", args=[p.pk]), "kind": "docx"})
        docs.append({"label": "提案表（PDF）", "url": reverse("proposals:doc_form_pdf", args=[p.pk]), "kind": "pdf"})
    if can_download_rejection(user, p):
        docs.append({"label": "不予立案通知", "url": reverse("proposals:doc_rejection", args=[p.pk]), "kind": "docx"})
    replies = Reply.objects.filter(assignment__proposal=p).select_related("assignment__unit").order_by("round", "id")
    for reply in replies:
        reply.assignment.proposal = p
        suffix = f"{reply.assignment.unit.name}" + (f" 第{reply.round}轮" if reply.round > 1 else "")
        if can_download_reply(user, reply):
            docs.append({"label": f"答复函（Word）· {suffix}", "url": reverse("proposals:doc_reply", args=[reply.pk]),
                         "kind": "docx"})
            docs.append({"label": f"答复函（PDF）· {suffix}", "url": reverse("proposals:doc_reply_pdf", args=[reply.pk]),
                         "kind": "pdf"})
        if can_download_evaluation_form(user, reply):
            docs.append({"label": f"征询意见表 · {suffix}",
                         "url": reverse("proposals:doc_evaluation_form", args=[reply.pk]), "kind": "docx"})
    return docs


def meetings_for_documents(user) -> list[Meeting]:
    """全体会议 of the user's 政协 (newest first) for the document page's meeting choice."""
    return list(Meeting.objects.filter(cppcc_id=user.cppcc_id, kind=Meeting.Kind.PLENARY)
                .select_related("term", "cppcc").order_by("-start_date", "-id"))


def _meeting(user, meeting_id) -> Meeting:
    qs = Meeting.objects.filter(cppcc_id=user.cppcc_id).select_related("term", "cppcc")
    if meeting_id in (None, ""):
        meeting = qs.filter(kind=Meeting.Kind.PLENARY).order_by("-start_date", "-id").first()
    else:
        try:
            meeting = qs.filter(pk=int(meeting_id)).first()
        except (TypeError, ValueError):
            meeting = None
    if meeting is None:
        raise Http404("没有找到该会议。")
    return meeting


def require_document_staff(user) -> None:
    if not is_document_staff(user):
        raise PermissionDenied("只有提案委工作人员、领导和管理员可以下载提案目录、汇编和清单。")


def document_page_context(user, params) -> dict:
    """The 提案文档 page: meeting choice with its counts, and the filter choices of the 办理进度表."""
    from zhengxie.accounts.models import Organisation

    meetings = meetings_for_documents(user)
    chosen = None
    wanted = str(params.get("meeting") or "")
    for m in meetings:
        if str(m.pk) == wanted:
            chosen = m
    chosen = chosen or (meetings[0] if meetings else None)
    filed = (Proposal.objects.filter(cppcc_id=user.cppcc_id, meeting=chosen, status__in=FILED_STATES,
                                     number__isnull=False) if chosen else Proposal.objects.none())
    years = sorted({d.year for d in Proposal.objects.filter(cppcc_id=user.cppcc_id, submitted_at__isnull=False)
                    .dates("submitted_at", "year")}, reverse=True)
    return {
        "meetings": meetings,
        "meeting": chosen,
        "session": session_name(chosen) if chosen else "",
        "filed_count": filed.count(),
        "key_count": filed.filter(is_key=True).count(),
        "statuses": [(v, label) for v, label in Status.choices if v != Status.DRAFT],
        "categories": list(Category.objects.filter(cppcc_id=user.cppcc_id, is_active=True)),
        "units": list(Organisation.objects.filter(cppcc_id=user.cppcc_id, kind=Organisation.Kind.HANDLING_UNIT,
                                                  is_active=True).order_by("sort", "name")),
        "years": years,
    }


def _filed_of_meeting(user, meeting: Meeting, *, key: bool = False) -> list[Proposal]:
    qs = _proposal_qs(user).filter(meeting=meeting, status__in=FILED_STATES, number__isnull=False)
    if key:
        qs = qs.filter(is_key=True)
    return list(qs.order_by("number"))


def _by_category(proposals: Sequence[Proposal], cppcc_id: int) -> list[tuple[str, list[Proposal]]]:
    """Groups in the categories' configured order (uncategorised last), each in 提案号 order."""
    order = {c.pk: (c.sort, c.pk) for c in Category.objects.filter(cppcc_id=cppcc_id)}
    big = (10**6, 10**6)

    def key(p):
        return (order.get(p.category_id, big) if p.category_id else big, p.category_id or 0)

    groups = []
    for _, items in groupby(sorted(proposals, key=lambda p: (key(p), p.number or 0)), key=key):
        items = list(items)
        groups.append((items[0].category.name if items[0].category_id else "其他", items))
    return groups


# =============================================================================================
# Word helpers: a form table (label | value grid) in the 公文 fonts
# =============================================================================================
FORM_SIZE = SIZE_TABLE  # 小四 in the form tables (domain.md §13: 提案表 正文 小四 in one system)
FORM_LINE = Pt(20)


def _cell_text(doc: GongwenDocument, cell, text: str, *, label: bool = False, align=None, size=FORM_SIZE):
    lines = (text or "").replace("\r\n", "\n").split("\n") or [""]
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else cell.add_paragraph()
        pf = paragraph.paragraph_format
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = FORM_LINE
        pf.first_line_indent = Pt(0)
        pf.space_before = pf.space_after = Pt(0)
        paragraph.alignment = align if align is not None else (
            WD_ALIGN_PARAGRAPH.CENTER if label else WD_ALIGN_PARAGRAPH.LEFT)
        run = paragraph.add_run(line)
        set_run_font(run, fonts.HEITI if label else fonts.FANGSONG, size=size)
    cell.vertical_alignment = WD_ALIGN_VERTICAL.TOP if align == WD_ALIGN_PARAGRAPH.JUSTIFY else WD_ALIGN_VERTICAL.CENTER


def _form_table(doc: GongwenDocument, rows: list[list], widths_mm: Sequence[float], *, min_heights=None):
    """A grid of label/value cells.  A row is a list of cells; a cell is ``("text", kind, span)`` with kind
    "label" or "value"; ``span`` merges that many grid columns.  ``min_heights``: {row index: mm}."""
    cols = len(widths_mm)
    widths = [int(Mm(w)) for w in widths_mm]
    assert sum(widths) <= TEXT_WIDTH + Mm(0.5)
    table = doc.document.add_table(rows=len(rows), cols=cols)
    table.style = doc.document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Emu(width)
    for r, cells in enumerate(rows):
        row = table.rows[r]
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        if min_heights and r in min_heights:
            row.height = Mm(min_heights[r])
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        else:
            row.height = Mm(10)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        c = 0
        for text, kind, span in cells:
            cell = row.cells[c]
            for i in range(c, c + span):
                row.cells[i].width = Emu(widths[i])
            if span > 1:
                cell = cell.merge(row.cells[c + span - 1])
            _cell_text(doc, cell, text, label=kind == "label",
                       align=WD_ALIGN_PARAGRAPH.JUSTIFY if kind == "para" else None)
            c += span
        assert c == cols, f"row {r} fills {c} of {cols} columns"
    return table


def L(text: str, span: int = 1):  # noqa: N802 - reads like a table literal
    return (text, "label", span)


def V(text: str, span: int = 1):  # noqa: N802
    return (text or EMPTY, "value", span)


def _centered(doc: GongwenDocument, text: str, font=fonts.FANGSONG, *, size=None):
    paragraph = doc._paragraph(align=WD_ALIGN_PARAGRAPH.CENTER)
    doc._run(paragraph, text, font, **({"size": size} if size else {}))
    return paragraph


# =============================================================================================
# 提案表
# =============================================================================================
FORM_WIDTHS = (32, 52, 26, 46)


def _proposer_rows(p: Proposal) -> list[list]:
    if p.is_collective:
        org = p.proposer_org
        seal = "已加盖公章" if p.proposer_type in (ProposerType.PARTY_ORG, ProposerType.COMMITTEE,
                                                   ProposerType.COUNTY) else "已由召集人签名"
        if not p.has_seal:
            seal = "未盖章/未签名"
        return [
            [L("提案单位"), V(org.name if org else ""), L("盖章/签名"), V(seal)],
            [L("通讯地址"), V(org.address if org else ""), L("联系电话"), V(org.phone if org else "")],
        ]
    m = p.lead_member
    day = timezone.localdate(p.submitted_at) if p.submitted_at else timezone.localdate()
    sector = p.sector or (_sector_of(m, day) if m else None)
    rows = [
        [L("第一提案人" if p.proposer_type == ProposerType.JOINT else "提案人"), V(m.name if m else ""),
         L("界别"), V(sector.name if sector else "")],
        [L("单位职务"), V(m.employer if m else "", 3)],
        [L("通讯地址"), V(m.address if m else ""), L("电话"), V(m.phone if m else "")],
    ]
    if p.proposer_type == ProposerType.JOINT:
        names = []
        for c in _cosigners(p, confirmed_only=False):
            s = _sector_of(c.member, day)
            label = f"{c.member.name}（{s.name}）" if s else c.member.name
            if c.state != CoSigner.State.CONFIRMED:
                label += "（待确认）"
            names.append(label)
        rows.append([L("联名人"), V("、".join(names), 3)])
    return rows


def build_proposal_form(doc: GongwenDocument, p: Proposal) -> GongwenDocument:
    doc.add_title(f"{session_name(p.meeting)}\n提　案　表", blank_before=0)
    head = [f"提案号：{p.number_display}" if p.number else f"收件号：{p.receipt_no or '（未收件）'}",
            f"类别：{p.category.name if p.category_id else '未分类'}"]
    if p.is_key:
        head.append("重点提案")
    _centered(doc, "　　".join(head))
    doc.add_blank_line()
    rows = [
        [L("案由"), V(p.title, 3)],
        [L("提案者类型"), V(p.get_proposer_type_display()), L("提案性质"), V("大会提案" if p.is_plenary else "平时提案")],
        [L("提交时间"), V(_cn_date(p.submitted_at)), L("收件号"), V(p.receipt_no)],
        *_proposer_rows(p),
        [L("建议承办单位"), V("、".join(u.name for u in p.suggested_units.all()), 3)],
    ]
    _form_table(doc, rows, FORM_WIDTHS)
    doc.add_blank_line()
    _centered(doc, "提案内容", fonts.HEITI)
    parts = [("情况", p.situation), ("分析", p.analysis), ("建议", p.suggestions)]
    for i, (label, text) in enumerate([x for x in parts if x[1].strip()], start=1):
        doc.add_heading(1, f"{_cn(i)}、{label}").paragraph_format.keep_with_next = True
        doc.add_paragraphs(text, split="line", detect_headings=False)
    doc.add_blank_line()
    review = [
        [L("审查意见"), (_decision_text(p), "para", 3)],
        [L("收文时间"), V(_cn_date(p.received_at)), L("审查时间"), V(_cn_date(p.decided_at))],
    ]
    _form_table(doc, review, FORM_WIDTHS, min_heights={0: 30})
    return doc


def proposal_form_docx(p: Proposal) -> bytes:
    doc = GongwenDocument(kind="document")
    build_proposal_form(doc, p)
    return doc.to_bytes()


def _proposal_label(p: Proposal) -> str:
    return p.number_display or p.receipt_no or f"草稿{p.pk}"


def proposal_form_for(user, pk, *, pdf: bool = False) -> Download:
    p = proposal_for_documents(user, pk)
    if not can_download_form(user, p):
        raise PermissionDenied("只有提案者、承办单位和提案委工作人员可以下载提案表。")
    data = proposal_form_docx(p)
    name = f"提案表-{_proposal_label(p)}"
    if pdf:
        return Download(f"{name}.pdf", PDF_CONTENT_TYPE, docx_to_pdf(data))
    return Download(f"{name}.docx", DOCX_CONTENT_TYPE, data)


# =============================================================================================
# 不予立案通知
# =============================================================================================
def build_rejection_notice(doc: GongwenDocument, p: Proposal) -> GongwenDocument:
    committee = proposal_committee_name(p.cppcc)
    doc.add_title("提案不予立案通知书")
    doc.add_salutation(salutation_for(p))
    submitted = _cn_date(p.submitted_at) or "此前"
    ref = f"（收件号：{p.receipt_no}）" if p.receipt_no else ""
    doc.add_paragraph(f"您于{submitted}提交的《{p.title}》{ref}，经{committee}审查，决定不予立案。现将理由告知如下：")
    reason = p.get_decision_reason_display() if p.decision_reason else "未注明"
    doc.add_paragraph(f"不予立案理由：{reason}。", detect_headings=False)
    if p.decision_text.strip():
        doc.add_paragraphs(f"审查意见：{p.decision_text.strip()}", split="line", detect_headings=False)
    if p.consent_to_sqmy:
        doc.add_paragraph("您已同意将此件转为社情民意信息，我们将按有关程序处理。")
    doc.add_paragraph("感谢您对政协提案工作的关心和支持，欢迎继续围绕全市中心工作和群众关心的问题提出提案。")
    doc.add_signature(committee, timezone.localdate(p.decided_at) if p.decided_at else timezone.localdate())
    return doc


def rejection_notice_docx(p: Proposal) -> bytes:
    doc = GongwenDocument(kind="document")
    build_rejection_notice(doc, p)
    return doc.to_bytes()


def rejection_notice_for(user, pk) -> Download:
    p = proposal_for_documents(user, pk)
    if p.status != Status.REJECTED:
        raise Http404("该提案没有不予立案的决定。")
    if not can_download_rejection(user, p):
        raise PermissionDenied("只有提案者和提案委工作人员可以下载不予立案通知。")
    return Download(f"不予立案通知-{_proposal_label(p)}.docx", DOCX_CONTENT_TYPE, rejection_notice_docx(p))


# =============================================================================================
# 答复函
# =============================================================================================
def reply_cc(reply: Reply) -> str:
    """抄送: the reply's own field, else 提案委 (and the 政府督查室 for 政府 units)."""
    if reply.cc.strip():
        return reply.cc.strip()
    p = reply.assignment.proposal
    to = [proposal_committee_name(p.cppcc)]
    if reply.assignment.unit.system == "government":
        to.append(f"{_level_char(p.cppcc)}政府督查室")
    return "抄送：" + "，".join(to)


def reply_context(reply: Reply) -> dict:
    p = reply.assignment.proposal
    contact = ""
    if reply.contact_person or reply.contact_phone:
        bits = []
        if reply.contact_person:
            bits.append(f"联系人：{reply.contact_person}")
        if reply.contact_phone:
            bits.append(f"电话：{reply.contact_phone}")
        contact = "　".join(bits)
    when = reply.signed_at or reply.published_at
    return {
        "unit": reply.assignment.unit.name,
        "number": reply.doc_number.strip(),
        "class_mark": (reply.result_class or reply.proposed_class).strip(),
        "signer": reply.signer.strip(),
        "title": reply_title(p),
        "salutation": (reply.salutation.strip() or salutation_for(p)),
        "body": reply.body,
        "date": timezone.localdate(when) if when else timezone.localdate(),
        "contact": contact,
        "cc": reply_cc(reply),
    }


def build_reply_letter(doc: GongwenDocument, *, unit, number, title, salutation, body, date, class_mark="",
                       signer="", contact="", cc="", letterhead=True) -> GongwenDocument:
    """``zhengxie.documents.docx.reply_letter`` in the same order; a draft without 文号 yet leaves it out."""
    if class_mark:
        doc.add_class_mark(class_mark)
    if letterhead:
        doc.add_letterhead(unit)
    if number:
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


def reply_letter_docx(reply: Reply) -> bytes:
    doc = GongwenDocument(kind="reply")
    build_reply_letter(doc, **reply_context(reply))
    return doc.to_bytes()


def _reply_name(prefix: str, reply: Reply, ext: str) -> str:
    p = reply.assignment.proposal
    rnd = f"-第{reply.round}轮" if reply.round > 1 else ""
    return f"{prefix}-{_proposal_label(p)}-{reply.assignment.unit.name}{rnd}.{ext}"


def reply_letter_for(user, pk, *, pdf: bool = False) -> Download:
    reply = reply_for_documents(user, pk)
    if not can_download_reply(user, reply):
        raise PermissionDenied("答复函在答复办结后向提案者公开；此前只有承办单位、督办审核部门和提案委可以下载。")
    data = reply_letter_docx(reply)
    if pdf:
        return Download(_reply_name("答复函", reply, "pdf"), PDF_CONTENT_TYPE, docx_to_pdf(data))
    return Download(_reply_name("答复函", reply, "docx"), DOCX_CONTENT_TYPE, data)


# =============================================================================================
# 提案办理征询意见表
# =============================================================================================
def _evaluation_of(reply: Reply, user=None) -> Evaluation | None:
    evaluations = list(reply.evaluations.select_related("member", "org"))
    member = getattr(user, "member", None) if user is not None else None
    if member is not None:
        mine = [e for e in evaluations if e.member_id == member.pk]
        if mine:
            return mine[0]
    lead = [e for e in evaluations if e.is_lead]
    return lead[0] if lead else None


def build_evaluation_form(doc: GongwenDocument, reply: Reply, evaluation: Evaluation | None) -> GongwenDocument:
    p = reply.assignment.proposal
    doc.add_title("提案办理征询意见表", blank_before=0)
    _centered(doc, session_name(p.meeting))
    doc.add_blank_line()
    boxes = "　　".join(
        f"{CHECKED if evaluation and evaluation.rating == value else UNCHECKED}{label}"
        for value, label in Evaluation.Rating.choices)
    if evaluation is not None:
        who = evaluation.member.name if evaluation.member_id else (evaluation.org.name if evaluation.org_id else "")
        signed = f"{who}（已在网上评价）"
        day = _cn_date(evaluation.at)
        comment = evaluation.comment.strip() or "无。"
    else:
        signed, day, comment = "", "　　年　　月　　日", ""
    rows = [
        [L("提案号"), V(_proposal_label(p)), L("类别"), V(p.category.name if p.category_id else "")],
        [L("案由"), V(p.title, 3)],
        [L("提案者"), V(proposer_display(p, limit=6), 3)],
        [L("承办单位"), V(f"{reply.assignment.unit.name}（{reply.assignment.get_role_display()}）", 3)],
        [L("答复文号"), V(reply.doc_number), L("答复时间"), V(_cn_date(reply.published_at))],
        [L("办理结果评价"), (boxes, "value", 3)],
        [L("意见和建议"), (comment, "para", 3)],
        [L("提案者签名"), (signed, "value", 1), L("日期"), (day, "value", 1)],
    ]
    _form_table(doc, rows, FORM_WIDTHS, min_heights={6: 62, 7: 14})
    rule = config.get("proposals.evaluation_rule", cppcc=p.cppcc_id)
    note = doc._paragraph(align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent_first=True)
    doc._run(note, f"说明：请在收到答复之日起{_rule_text(rule)}内，在“满意”“基本满意”“不满意”中选择一项打“☑”，"
                   f"填写意见后反馈{proposal_committee_name(p.cppcc)}；选择“不满意”的请写明理由。已在网上评价的，无需另行填写。",
             size=SIZE_SMALL)
    return doc


def evaluation_form_docx(reply: Reply, evaluation: Evaluation | None = None) -> bytes:
    doc = GongwenDocument(kind="document")
    build_evaluation_form(doc, reply, evaluation)
    return doc.to_bytes()


def evaluation_form_for(user, pk) -> Download:
    reply = reply_for_documents(user, pk)
    if reply.state != Reply.State.PUBLISHED:
        raise Http404("答复尚未办结，暂无征询意见表。")
    if not can_download_evaluation_form(user, reply):
        raise PermissionDenied("只有提案者、承办单位和提案委工作人员可以下载征询意见表。")
    data = evaluation_form_docx(reply, _evaluation_of(reply, user))
    return Download(_reply_name("征询意见表", reply, "docx"), DOCX_CONTENT_TYPE, data)


# =============================================================================================
# 提案目录 / 重点提案目录 / 提案汇编
# =============================================================================================
CATALOGUE_HEADERS = ("提案号", "案由", "提案者")
CATALOGUE_WIDTHS = (24, 94, 38)


def _catalogue_tables(doc: GongwenDocument, groups) -> None:
    for i, (name, items) in enumerate(groups, start=1):
        doc.add_heading(1, f"{_cn(i)}、{name}（{len(items)}件）").paragraph_format.keep_with_next = True
        doc.add_table(CATALOGUE_HEADERS, [[p.number_display, p.title, proposer_display(p)] for p in items],
                      widths_mm=CATALOGUE_WIDTHS)
        doc.add_blank_line()


def build_catalogue(doc: GongwenDocument, meeting: Meeting, proposals: Sequence[Proposal], *, key: bool = False):
    doc.add_title(f"{session_name(meeting)}\n{'重点提案目录' if key else '提案目录'}", blank_before=0)
    if not proposals:
        doc.add_paragraph("本次会议暂无已立案的" + ("重点提案。" if key else "提案。"))
        return doc
    groups = _by_category(proposals, meeting.cppcc_id)
    doc.add_paragraph(f"共{len(proposals)}件，按类别分组、按提案号排列。", detect_headings=False)
    _catalogue_tables(doc, groups)
    return doc


def catalogue_docx(meeting: Meeting, proposals: Sequence[Proposal], *, key: bool = False) -> bytes:
    doc = GongwenDocument(kind="compilation")
    build_catalogue(doc, meeting, proposals, key=key)
    return doc.to_bytes()


def build_compilation(doc: GongwenDocument, meeting: Meeting, proposals: Sequence[Proposal], *, key: bool = False):
    name = "重点提案汇编" if key else "提案汇编"
    doc.add_title(f"{session_name(meeting)}\n{name}", blank_before=0)
    if not proposals:
        doc.add_paragraph("本次会议暂无已立案的" + ("重点提案。" if key else "提案。"))
        return doc
    groups = _by_category(proposals, meeting.cppcc_id)
    doc.add_paragraph(f"共{len(proposals)}件。目录如下，正文按类别分组、按提案号排列，每件另起一页。", detect_headings=False)
    _catalogue_tables(doc, groups)
    for i, (category, items) in enumerate(groups, start=1):
        for j, p in enumerate(items):
            doc.add_page_break()
            if j == 0:
                doc.add_heading(1, f"{_cn(i)}、{category}")
            _centered(doc, p.number_display, fonts.HEITI)
            doc.add_title(p.title, blank_before=0, blank_after=0)
            who = proposer_display(p, limit=8)
            if not p.is_collective and p.sector_id:
                who += f"（{p.sector.name}）"
            _centered(doc, f"提案者：{who}", fonts.KAITI)
            doc.add_blank_line()
            parts = [("情况", p.situation), ("分析", p.analysis), ("建议", p.suggestions)]
            for k, (label, text) in enumerate([x for x in parts if x[1].strip()], start=1):
                doc.add_heading(2, f"（{_cn(k)}）{label}").paragraph_format.keep_with_next = True
                doc.add_paragraphs(text, split="line", detect_headings=False)
    return doc


def compilation_docx(meeting: Meeting, proposals: Sequence[Proposal], *, key: bool = False) -> bytes:
    doc = GongwenDocument(kind="compilation")
    build_compilation(doc, meeting, proposals, key=key)
    return doc.to_bytes()


def _truthy(value) -> bool:
    return str(value or "").lower() in ("1", "true", "yes", "on")


def catalogue_for(user, *, meeting=None, key=None) -> Download:
    require_document_staff(user)
    m = _meeting(user, meeting)
    key = _truthy(key)
    data = catalogue_docx(m, _filed_of_meeting(user, m, key=key), key=key)
    return Download(f"{'重点提案目录' if key else '提案目录'}-{meeting_prefix(m)}.docx", DOCX_CONTENT_TYPE, data)


def compilation_for(user, *, meeting=None, key=None) -> Download:
    require_document_staff(user)
    m = _meeting(user, meeting)
    key = _truthy(key)
    data = compilation_docx(m, _filed_of_meeting(user, m, key=key), key=key)
    return Download(f"{'重点提案汇编' if key else '提案汇编'}-{meeting_prefix(m)}.docx", DOCX_CONTENT_TYPE, data)


# =============================================================================================
# 交办清单 / 办理进度表 (.xlsx)
# =============================================================================================
LIST_COLUMNS = [
    ("提案号", 10), ("案由", 30), ("提案人类别", 13), ("提案人", 14), ("界别", 9), ("专委会", 12), ("类别", 10),
    ("提交时间", 16), ("状态", 9), ("承办单位（主办）", 18), ("承办单位（会办）", 18), ("办理期限", 11),
    ("答复时间", 16), ("结果类别", 8), ("评价", 8),
]
PROGRESS_COLUMNS = [*LIST_COLUMNS, ("是否逾期", 8)]


def _list_row(p: Proposal) -> list:
    assignments = list(p.assignments.all())
    dues = [a.due_date for a in assignments if a.due_date and a.role in ANSWERING and a.state != Assignment.State.REMOVED]
    return [
        p.number_display or p.receipt_no,
        p.title,
        p.get_proposer_type_display(),
        "、".join(proposer_names(p)),
        p.sector.name if p.sector_id and not p.is_collective else "",
        p.committee.name if p.committee_id else "",
        p.category.name if p.category_id else "",
        _local(p.submitted_at),
        p.get_status_display(),
        _unit_cell(assignments, ANSWERING),
        _unit_cell(assignments, (Assignment.Role.CO,)),
        p.due_date or (max(dues) if dues else None),
        _local(p.answered_at),
        p.result_class,
        Evaluation.Rating(p.evaluation_result).label if p.evaluation_result in Evaluation.Rating.values else "",
    ]


def _printable(data: bytes, heading: str, title_row: str = "1:1") -> bytes:
    """Print setup of a list: A4 landscape, all columns on one page width, header repeated, long text wrapped."""
    from io import BytesIO

    from openpyxl import load_workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    wb = load_workbook(BytesIO(data))
    ws = wb.worksheets[0]
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = title_row
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddHeader.center.text = heading
    ws.oddHeader.center.size = 14
    ws.oddHeader.center.font = "黑体,Bold"
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    for cell in ws[1]:
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    wrap = Alignment(wrap_text=True, vertical="top")
    widths = [ws.column_dimensions[get_column_letter(i)].width or 10 for i in range(1, ws.max_column + 1)]
    for row in ws.iter_rows(min_row=2):
        lines = 1
        for cell, width in zip(row, widths, strict=False):
            cell.alignment = wrap
            if isinstance(cell.value, str):  # a CJK character takes about two width units
                need = sum(2 if ord(ch) > 0x2000 else 1 for ch in cell.value)
                lines = max(lines, math.ceil(need / max(width - 1, 1)))
        ws.row_dimensions[row[0].row].height = 15 * lines  # Excel does not grow wrapped rows by itself
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def assignment_list_xlsx(meeting: Meeting, proposals: Sequence[Proposal]) -> bytes:
    title = f"交办清单（{meeting_prefix(meeting)}）"
    heading = f"{session_name(meeting)}提案交办清单（共{len(proposals)}件）"
    return _printable(write_xlsx(title, LIST_COLUMNS, [_list_row(p) for p in proposals]), heading)


def progress_xlsx(proposals: Sequence[Proposal], overdue_ids: set[int]) -> bytes:
    rows = [[*_list_row(p), "是" if p.pk in overdue_ids else ""] for p in proposals]
    heading = f"提案办理进度表（{timezone.localdate():%Y年%-m月%-d日}，共{len(rows)}件）"
    return _printable(write_xlsx("办理进度表", PROGRESS_COLUMNS, rows), heading)


def assignment_list_for(user, *, meeting=None) -> Download:
    require_document_staff(user)
    m = _meeting(user, meeting)
    data = assignment_list_xlsx(m, _filed_of_meeting(user, m))
    return Download(f"交办清单-{meeting_prefix(m)}-{timezone.localdate():%Y%m%d}.xlsx", XLSX_CONTENT_TYPE, data)


def progress_proposals(user, *, status="", unit="", category="", meeting="", year="", q="") -> list[Proposal]:
    """The staff list's filters (status, unit, category, meeting, year, q). Without a status: every 立案 case."""
    qs = _proposal_qs(user).exclude(status=Status.DRAFT)
    qs = qs.filter(status=status) if status in Status.values else qs.filter(status__in=FILED_STATES)
    for value, lookup in ((unit, "assignments__unit_id"), (category, "category_id"), (meeting, "meeting_id"),
                          (year, "submitted_at__year")):
        if str(value or "").strip():
            try:
                qs = qs.filter(**{lookup: int(value)})
            except (TypeError, ValueError):
                qs = qs.none()
    if str(unit or "").strip():
        qs = qs.distinct()
    q = (q or "").strip()
    if q:
        cond = Q(title__icontains=q) | Q(receipt_no__icontains=q)
        digits = "".join(ch for ch in q if ch.isdigit())
        if digits:
            cond |= Q(number=int(digits))
        qs = qs.filter(cond)
    return list(qs.order_by("meeting__start_date", "number", "id"))


def progress_for(user, **filters) -> Download:
    require_document_staff(user)
    proposals = progress_proposals(user, **filters)
    overdue = set(deadlines.overdue_proposals(user.cppcc_id, timezone.localdate()).values_list("pk", flat=True))
    return Download(f"办理进度表-{timezone.localdate():%Y%m%d}.xlsx", XLSX_CONTENT_TYPE, progress_xlsx(proposals, overdue))
