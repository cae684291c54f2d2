"""/api/v1/proposals/: the same selectors, forms and services as the pages, for every action and role.

    GET  /                     list (filters + q, paged; scope=all|mine:<tab>|queue:<tab>|inbox:<tab>|audit|overdue)
    GET  /{id}                 detail with `actions` (exactly the buttons the pages show)
    POST /                     create a draft            PATCH /{id}   update a draft
    POST /{id}/<action>        one endpoint per action (submit, decide, assign, reply-save, evaluate, …)
    GET/POST /reviews          审查会; POST /reviews/{id}/decide: batch decisions (all or nothing)
Errors are Chinese JSON: {"detail": "...", "field": ...} with 400 / 403 / 404.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404
from ninja import Router, Schema, Status

from zhengxie.core.exceptions import ApplicationError

from . import forms, permissions, selectors, services
from .models import Assignment, Proposal, Reply
from .views import actions

router = Router()
PER_PAGE = 20


# Schemas ----------------------------------------------------------------------------------------------

class AssignmentOut(Schema):
    unit: str
    unit_id: int
    role: str
    role_label: str
    state: str
    state_label: str
    due_date: dt.date | None = None


class ProposalOut(Schema):
    id: int
    number: str
    receipt_no: str
    title: str
    status: str
    status_label: str
    proposer_type: str
    proposer: str
    sector: str | None = None
    category: str | None = None
    meeting: str
    is_plenary: bool
    is_key: bool
    is_urgent: bool
    submitted_at: dt.datetime | None = None
    due_date: dt.date | None = None
    overdue: bool = False
    result_class: str
    evaluation_result: str
    units: list[AssignmentOut] = []


class ActionOut(Schema):
    code: str
    label: str
    path: str


class EventOut(Schema):
    at: dt.datetime
    message: str
    actor: str | None = None


class CoSignerOut(Schema):
    member: str
    state: str
    state_label: str


class ReplyOut(Schema):
    id: int
    unit: str
    round: int
    state: str
    state_label: str
    result_class: str
    doc_number: str
    body: str
    signer: str
    published_at: dt.datetime | None = None
    follow_up_open: bool


class ProposalDetailOut(ProposalOut):
    situation: str
    analysis: str
    suggestions: str
    consent_to_sqmy: bool
    is_public: bool
    decision: str
    decision_reason: str
    decision_text: str
    cosign_deadline: dt.datetime | None = None
    cosigners: list[CoSignerOut] = []
    replies: list[ReplyOut] = []
    timeline: list[EventOut] = []
    actions: list[ActionOut] = []
    contact: dict | None = None


class ProposalPage(Schema):
    count: int
    count_capped: bool = False  # a text search counts up to textindex.selectors.COUNT_LIMIT matches; true when there are more
    page: int
    num_pages: int
    results: list[ProposalOut]


class ProposalIn(Schema):
    title: str
    proposer_type: str = "individual"
    proposer_org: int | None = None
    category: int | None = None
    situation: str = ""
    analysis: str = ""
    suggestions: str = ""
    cosigners: list[int] = []
    suggested_units: list[int] = []
    consent_to_sqmy: bool = False
    is_public: bool = True
    is_urgent: bool = False
    has_seal: bool = False


class ProposalPatch(Schema):
    title: str | None = None
    category: int | None = None
    situation: str | None = None
    analysis: str | None = None
    suggestions: str | None = None
    cosigners: list[int] | None = None
    suggested_units: list[int] | None = None
    consent_to_sqmy: bool | None = None
    is_public: bool | None = None
    is_urgent: bool | None = None
    has_seal: bool | None = None


class PlanRow(Schema):
    unit: int
    role: str


class ActionIn(Schema):
    """Every action's optional fields; each action reads the ones it needs (see the page's form)."""

    reason: str | None = None
    note: str | None = None
    text: str | None = None
    decision: str | None = None
    review: int | None = None
    merged_into: int | None = None
    units: list[int] | None = None
    plan: list[PlanRow] | None = None
    due_date: dt.date | None = None
    remove: list[int] | None = None
    add: list[PlanRow] | None = None
    days: int | None = None
    request: int | None = None
    approve: bool | None = None
    date: dt.date | None = None
    stage: str | None = None
    way: str | None = None
    body: str | None = None
    proposed_class: str | None = None
    doc_number: str | None = None
    salutation: str | None = None
    signer: str | None = None
    signer_level: str | None = None
    contact_person: str | None = None
    contact_phone: str | None = None
    cc: str | None = None
    corrected_class: str | None = None
    rating: str | None = None
    comment: str | None = None
    reply: int | None = None
    unit_ids: list[int] | None = None
    resolved: bool | None = None


class ReviewIn(Schema):
    meeting: int
    date: dt.date
    title: str
    kind: str = "review"
    participants: str = ""
    invited: str = ""
    opinions: str = ""


class ReviewOut(Schema):
    id: int
    title: str
    date: dt.date
    kind: str
    meeting: str
    participants: str
    invited: str
    opinions: str
    decisions: int


class BatchItem(Schema):
    proposal: int
    decision: str
    reason: str = ""
    text: str = ""
    merged_into: int | None = None
    units: list[int] = []


class BatchIn(Schema):
    items: list[BatchItem]


class BatchOut(Schema):
    decided: int
    results: list[ProposalOut]


# Serialisation -------------------------------------------------------------------------------------------

def _row(p: Proposal) -> dict:
    proposer = p.proposer_org.name if p.proposer_org_id else (p.lead_member.name if p.lead_member_id else "")
    live = getattr(p, "live_assignments", None)  # prefetched by selectors.with_rows ([] = none yet: no query)
    if live is None:
        live = [x for x in p.assignments.all() if x.state != Assignment.State.REMOVED]
    units = [{"unit": a.unit.name, "unit_id": a.unit_id, "role": a.role, "role_label": a.get_role_display(),
              "state": a.state, "state_label": a.get_state_display(), "due_date": a.due_date} for a in live]
    return {"id": p.pk, "number": getattr(p, "num", None) if hasattr(p, "num") else selectors.display_number(p),
            "receipt_no": p.receipt_no, "title": p.title, "status": p.status, "status_label": p.get_status_display(),
            "proposer_type": p.proposer_type, "proposer": proposer, "sector": p.sector.name if p.sector_id else None,
            "category": p.category.name if p.category_id else None, "meeting": p.meeting.name, "is_plenary": p.is_plenary,
            "is_key": p.is_key, "is_urgent": p.is_urgent, "submitted_at": p.submitted_at, "due_date": p.due_date,
            "overdue": getattr(p, "overdue", False), "result_class": p.result_class,
            "evaluation_result": p.evaluation_result, "units": units}


def _slug(code: str) -> str:
    return API_PATHS.get(code, code.replace("_", "-"))


def _detail(user, p: Proposal) -> dict:
    out = _row(p)
    replies = [r for r in selectors.replies_of(p)
               if r.state == Reply.State.PUBLISHED or permissions.unit_assignments(user, p) or selectors.sees_all(user)]
    contact = None
    if permissions.can_see_contacts(user, p):
        who = p.lead_member
        contact = ({"name": who.name, "phone": who.phone, "email": who.email, "address": who.address} if who else
                   {"name": p.proposer_org.name, "phone": p.proposer_org.phone, "address": p.proposer_org.address}
                   if p.proposer_org_id else None)
    out.update({
        "situation": p.situation, "analysis": p.analysis, "suggestions": p.suggestions,
        "consent_to_sqmy": p.consent_to_sqmy, "is_public": p.is_public, "decision": p.decision,
        "decision_reason": p.decision_reason, "decision_text": p.decision_text, "cosign_deadline": p.cosign_deadline,
        "cosigners": [{"member": c.member.name, "state": c.state, "state_label": c.get_state_display()}
                      for c in selectors.cosigners_of(p)],
        "replies": [{"id": r.pk, "unit": r.assignment.unit.name, "round": r.round, "state": r.state,
                     "state_label": r.get_state_display(), "result_class": r.result_class, "doc_number": r.doc_number,
                     "body": r.body, "signer": r.signer, "published_at": r.published_at, "follow_up_open": r.follow_up_open}
                    for r in replies],
        "timeline": [{"at": e.at, "message": e.message, "actor": e.actor.name if e.actor_id else None}
                     for e in selectors.timeline(p)],
        "actions": [{"code": c, "label": actions.label(c), "path": f"/api/v1/proposals/{p.pk}/{_slug(c)}"}
                    for c in actions.buttons(user, p)],
        "contact": contact,
    })
    return out


# Lists and detail ----------------------------------------------------------------------------------------

def _scoped(user, scope: str):
    kind, _, tab = scope.partition(":")
    if kind == "mine":
        return selectors.my_proposals(user, tab or "lead")
    if kind == "queue":
        return selectors.staff_queue(user, tab or "to_pre_review")
    if kind == "inbox":
        return selectors.unit_inbox(user, tab or "all")
    if kind == "audit":
        return selectors.audit_queue(user)
    if kind == "overdue":
        return selectors.overdue_proposals(user)
    return selectors.proposal_list_for(user)


@router.get("/", response=ProposalPage, summary="提案列表（筛选、全文检索、分页）")
def proposal_list(request, scope: str = "all", q: str = "", number: str = "", proposer: str = "", sector: int | None = None,
                  category: int | None = None, unit: int | None = None, status: str = "", meeting: int | None = None,
                  year: int | None = None, kind: str = "", plenary: str = "", key: bool = False, page: int = 1):
    filters = {"q": q, "number": number, "proposer": proposer, "sector": sector, "category": category, "unit": unit,
               "status": status, "meeting": meeting, "year": year, "kind": kind, "plenary": plenary, "key": key}
    qs = selectors.apply_filters(_scoped(request.user, scope), request.user, filters, text=False)
    current = selectors.list_page(qs, request.user, page, PER_PAGE, text=q)
    return {"count": current.paginator.count, "count_capped": getattr(current, "count_capped", False),
            "page": current.number, "num_pages": current.paginator.num_pages,
            "results": [_row(p) for p in current.object_list]}


@router.get("/{int:pk}", response=ProposalDetailOut, summary="提案详情（含当前用户可执行的操作）")
def proposal_detail(request, pk: int):
    return _detail(request.user, selectors.proposal_get_for(request.user, pk))


def _form_data(payload: dict) -> dict:
    return {k: v for k, v in payload.items() if v is not None}


@router.post("/", response={201: ProposalDetailOut}, summary="起草提案（保存为草稿）")
def proposal_create(request, payload: ProposalIn):
    if not permissions.can_create(request.user):
        raise PermissionDenied("只有委员和集体提案单位账号可以提出提案。")
    form = forms.ProposalForm(request.user, _form_data(payload.dict()))
    if not form.is_valid():
        raise ApplicationError(forms.form_errors(form))
    p = services.proposal_create(by=request.user, **forms.create_kwargs_renamed(form.create_kwargs(), form))
    return Status(201, _detail(request.user, selectors.proposal_get_for(request.user, p.pk)))


@router.patch("/{int:pk}", response=ProposalDetailOut, summary="修改草稿（或退回修改的提案）")
def proposal_update(request, pk: int, payload: ProposalPatch):
    p = selectors.proposal_get_for(request.user, pk)
    if not permissions.can_edit(request.user, p):
        raise PermissionDenied("只有提案者可以在草稿或退回修改时修改提案。")
    data = {**forms.ProposalForm.initial_for(p), **_form_data(payload.dict())}
    form = forms.ProposalForm(request.user, data, proposal=p)
    if not form.is_valid():
        raise ApplicationError(forms.form_errors(form))
    services.proposal_update(proposal=p, by=request.user, cosigner_ids=form.cleaned_data["cosigners"],
                             suggested_unit_ids=form.cleaned_data["suggested_units"], **form.update_kwargs())
    return _detail(request.user, selectors.proposal_get_for(request.user, pk))


# One endpoint per action ---------------------------------------------------------------------------------

API_PATHS = {"cosign": "reply-cosign", "submit_answer": "reply-submit", "return_answer": "reply-return",
             "audit": "reply-audit", "contact": "contacts", "evaluate_reply": "evaluate"}
ACTION_ENDPOINTS = [
    ("submit", "提交"), ("resubmit", "修改后重新提交"), ("withdraw", "撤案（reason）"), ("cosign_confirm", "确认联名"),
    ("cosign_decline", "拒绝联名"), ("receive", "收件"), ("pre_review", "初审通过（note）"),
    ("decide", "审查决定（decision, review, reason, text, merged_into, units）"), ("assign", "交办（plan, due_date）"),
    ("accept", "签收"), ("dispute", "申请调整（reason）"), ("reassign", "调整承办单位（remove, add）"),
    ("extension_request", "申请延期（days, reason）"), ("extension_decide", "审批延期（request, approve, note）"),
    ("contact", "登记办理协商（date, stage, way, note）"), ("co_opinion", "会办意见（text）"),
    ("reply_save", "起草答复（body, proposed_class, …）"), ("reply_sign", "领导签发"), ("submit_answer", "报送答复"),
    ("cosign", "会签（note）"), ("return_answer", "退回答复（note）"), ("audit", "督办审核（corrected_class, note）"),
    ("evaluate", "评价（rating, comment, reply）"), ("rehandle", "重新办理（note, unit_ids）"), ("close", "办结"),
    ("close_unsatisfied", "不满意办结（note）"), ("follow_up", "跟踪办理报告（text, resolved）"),
]


def _resolve(user, p: Proposal, code: str, payload: dict) -> str:
    """API codes → the page's action code (decide → its decision; evaluate → evaluate_reply for co-signers)."""
    buttons = actions.buttons(user, p)
    if code == "decide":
        decision = payload.get("decision") or ""
        if decision == "withdraw":
            return "withdraw" if "withdraw" in buttons else "decide"
        return decision if decision in actions.DECISION_ACTIONS else "decide"
    if code == "evaluate" and "evaluate" not in buttons and "evaluate_reply" in buttons:
        return "evaluate_reply"
    return code


def _data(code: str, payload: dict) -> dict:
    data = _form_data(payload)
    for key in ("plan", "add"):
        if key in data:
            data[key] = [dict(r) for r in data[key]]
    if "approve" in data:
        data["approve"] = "1" if data["approve"] else "0"
    if code == "withdraw" and "reason" not in data and "text" in data:
        data["reason"] = data["text"]
    return data


def _run_action(request, pk: int, code: str, payload: ActionIn) -> dict:
    p = selectors.proposal_get_for(request.user, pk)
    raw = payload.dict()
    action = _resolve(request.user, p, code, raw)
    if action == "decide" or action not in actions.buttons(request.user, p):
        raise PermissionDenied("您现在不能对此提案执行该操作。")
    form = forms.action_form(action, request.user, p, _data(action, raw))
    if not form.is_valid():
        raise ApplicationError(forms.form_errors(form))
    actions.perform(action, proposal=p, by=request.user, kwargs=form.kwargs())
    try:
        return _detail(request.user, selectors.proposal_get_for(request.user, pk))
    except Http404:  # e.g. a unit removed by its own dispute being granted no longer sees the case
        return {**_row(Proposal.objects.get(pk=pk)), "situation": "", "analysis": "", "suggestions": "",
                "consent_to_sqmy": False, "is_public": False, "decision": "", "decision_reason": "", "decision_text": ""}


def _make_endpoint(code: str):
    def endpoint(request, pk: int, payload: ActionIn | None = None):
        return _run_action(request, pk, code, payload or ActionIn())

    endpoint.__name__ = f"proposal_{code}"
    return endpoint


for _code, _summary in ACTION_ENDPOINTS:
    router.add_api_operation(f"/{{int:pk}}/{_slug(_code)}", ["POST"], _make_endpoint(_code),
                             response=ProposalDetailOut, summary=_summary, url_name=f"proposal_{_code}")


# 审查会 -------------------------------------------------------------------------------------------------

def _review(r) -> dict:
    return {"id": r.pk, "title": r.title, "date": r.date, "kind": r.kind, "meeting": r.meeting.name,
            "participants": r.participants, "invited": r.invited, "opinions": r.opinions, "decisions": len(r.decisions.all())}


@router.get("/reviews", response=list[ReviewOut], summary="审查会列表")
def review_list(request, q: str = ""):
    if not (permissions.can_manage(request.user) or selectors.sees_all(request.user)):
        raise PermissionDenied("您的角色不能查看审查会。")
    return [_review(r) for r in selectors.review_meeting_list_for(request.user, q=q)[:200]]


@router.post("/reviews", response={201: ReviewOut}, summary="登记审查会")
def review_create(request, payload: ReviewIn):
    form = forms.ReviewMeetingForm(request.user, payload.dict())
    if not permissions.can_manage(request.user):
        raise PermissionDenied("只有提案委工作人员可以登记审查会。")
    if not form.is_valid():
        raise ApplicationError(forms.form_errors(form))
    r = services.review_meeting_create(by=request.user, **form.kwargs())
    return Status(201, _review(selectors.review_meeting_get_for(request.user, r.pk)))


@router.post("/reviews/{int:pk}/decide", response=BatchOut, summary="审查会批量决定（全部成功才生效）")
def review_decide(request, pk: int, payload: BatchIn):
    review = selectors.review_meeting_get_for(request.user, pk)
    if not permissions.can_manage(request.user):
        raise PermissionDenied("只有提案委工作人员可以登记审查结果。")
    candidates = {p.pk: p for p in selectors.batch_candidates(request.user, review)}
    targets = {t.pk: t for t in selectors.merge_targets(request.user, review.meeting_id)}
    units = {u.pk: u for u in selectors.handling_units_for(request.user)}
    items = []
    for n, it in enumerate(payload.items, start=1):
        if it.proposal not in candidates:
            raise ApplicationError(f"第{n}项：该提案不在本次会议的待审查提案中。")
        if it.merged_into is not None and it.merged_into not in targets:
            raise ApplicationError(f"第{n}项：主案须是同一次会议已立案（或待审查）的提案。")
        if any(u not in units for u in it.units):
            raise ApplicationError(f"第{n}项：送达单位须从本政协的承办单位中选择。")
        items.append({"proposal": candidates[it.proposal], "decision": it.decision, "reason": it.reason, "text": it.text,
                      "merged_into": targets.get(it.merged_into), "units": [units[u] for u in it.units]})
    done = services.review_decide_batch(review=review, items=items, by=request.user)
    rows = selectors.decorate(selectors.with_rows(selectors.scoped(request.user).filter(pk__in=[p.pk for p in done])),
                              request.user)
    return {"decided": len(done), "results": [_row(p) for p in rows]}
