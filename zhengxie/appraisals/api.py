"""/api/v1/proposals/appraisals/: the same selectors and services as the pages.

    GET  /                               民主评议 rounds (q, year, status)
    POST /                               create {year, title, meeting_date, meeting_place}
    GET  /{id}                           detail: units with results and 整改, turnout, `actions`
    POST /{id}/units                     {unit_ids: [...]}         POST /{id}/participants  {user_ids: [...]}
    POST /{id}/act/{action}              start_vote | close_vote | review {review_date, review_findings} | close | cancel
    POST /entries/{id}/rectifications    {text, due_date}
    GET  /rectifications                 整改 items visible to me (state, q, year)
    POST /rectifications/{id}/{action}   feedback | accept | send_back {text}
    GET  /awards                         评优 rounds;  POST /awards {year}
    GET  /awards/{id}                    nominations;  POST /awards/{id}/nominate {proposal_id | unit_id, reason, source}
    POST /awards/{id}/act/{action}       start_review | approve {approved_on, doc_number} | reopen
    POST /nominations/{id}/{select|drop}
    GET  /excellent?year=                ids of 优秀提案 and 先进承办单位 of the approved list
Errors are Chinese JSON {"detail": "..."} with 400 / 403 / 404.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404
from ninja import Router, Schema, Status

from zhengxie.accounts.models import Organisation
from zhengxie.core.exceptions import ApplicationError
from zhengxie.proposals.models import Proposal

from . import permissions, selectors, services
from .models import Nomination

router = Router()


class AppraisalIn(Schema):
    year: int
    title: str = ""
    meeting_date: dt.date | None = None
    meeting_place: str = ""


class IdsIn(Schema):
    ids: list[int]


class ActIn(Schema):
    review_date: dt.date | None = None
    review_findings: str = ""


class RectIn(Schema):
    text: str
    due_date: dt.date | None = None


class TextIn(Schema):
    text: str = ""


class YearIn(Schema):
    year: int


class NominateIn(Schema):
    proposal_id: int | None = None
    unit_id: int | None = None
    reason: str = ""
    source: str = "staff"


class AwardActIn(Schema):
    approved_on: dt.date | None = None
    doc_number: str = ""


class RectOut(Schema):
    id: int
    unit: str
    text: str
    due_date: dt.date
    state: str
    state_label: str
    feedback: str
    staff_note: str


class EntryOut(Schema):
    id: int
    unit_id: int
    unit: str
    rank: int | None = None
    satisfied: int
    basic: int
    unsatisfied: int
    abstain: int
    valid: int
    satisfaction_rate: Decimal | None = None
    opinion: str
    rectifications: list[RectOut] = []


class AppraisalOut(Schema):
    id: int
    year: int
    title: str
    status: str
    status_label: str
    meeting_date: dt.date | None = None
    meeting_place: str
    vote_id: int | None = None
    quorum_met: bool | None = None
    review_date: dt.date | None = None
    review_findings: str


class AppraisalDetailOut(AppraisalOut):
    units: list[EntryOut]
    actions: list[str]


class NominationOut(Schema):
    id: int
    kind: str
    proposal_id: int | None = None
    unit_id: int | None = None
    name: str
    source: str
    reason: str
    state: str


class AwardOut(Schema):
    id: int
    year: int
    status: str
    status_label: str
    approval_body: str
    approved_on: dt.date | None = None
    doc_number: str
    nominations: list[NominationOut] = []
    actions: list[str] = []


def _rect(r) -> dict:
    return {"id": r.pk, "unit": r.entry.unit.name, "text": r.text, "due_date": r.due_date, "state": r.state,
            "state_label": r.get_state_display(), "feedback": r.feedback, "staff_note": r.staff_note}


def _appraisal(a) -> dict:
    return {"id": a.pk, "year": a.year, "title": a.title, "status": a.status, "status_label": a.get_status_display(),
            "meeting_date": a.meeting_date, "meeting_place": a.meeting_place, "vote_id": a.vote_id,
            "quorum_met": a.vote.quorum_met if a.vote_id else None, "review_date": a.review_date,
            "review_findings": a.review_findings}


def _detail(a, user) -> dict:
    units = []
    for e in selectors.entries_of(a):
        units.append({"id": e.pk, "unit_id": e.unit_id, "unit": e.unit.name, "rank": e.rank, "satisfied": e.satisfied,
                      "basic": e.basic, "unsatisfied": e.unsatisfied, "abstain": e.abstain, "valid": e.valid,
                      "satisfaction_rate": e.satisfaction_rate, "opinion": e.opinion,
                      "rectifications": [_rect(r) for r in e.rectifications.all()]})
    return {**_appraisal(a), "units": units, "actions": permissions.available_actions(user, a)}


def _award(r, user) -> dict:
    return {"id": r.pk, "year": r.year, "status": r.status, "status_label": r.get_status_display(),
            "approval_body": r.approval_body, "approved_on": r.approved_on, "doc_number": r.doc_number,
            "nominations": [{"id": n.pk, "kind": n.kind, "proposal_id": n.proposal_id, "unit_id": n.unit_id,
                             "name": n.target_name, "source": n.source, "reason": n.reason, "state": n.state}
                            for n in selectors.nominations_of(r)],
            "actions": permissions.award_actions(user, r)}


@router.get("/", response=list[AppraisalOut], summary="民主评议列表")
def list_appraisals(request, q: str = "", year: int | None = None, status: str = ""):
    return [_appraisal(a) for a in selectors.appraisal_list_for(request.user, q=q, year=year, status=status)[:200]]


@router.post("/", response={201: AppraisalDetailOut}, summary="组织民主评议")
def create(request, data: AppraisalIn):
    a = services.appraisal_create(by=request.user, year=data.year, title=data.title, meeting_date=data.meeting_date,
                                  meeting_place=data.meeting_place)
    return Status(201, _detail(a, request.user))


@router.get("/rectifications", response=list[RectOut], summary="整改事项")
def rectifications(request, state: str = "", q: str = "", year: int | None = None):
    return [_rect(r) for r in selectors.rectification_list_for(request.user, state=state, q=q, year=year)[:500]]


@router.post("/rectifications/{rect_id}/{action}", response=RectOut, summary="反馈/确认/退回整改")
def rectification_act(request, rect_id: int, action: str, data: TextIn):
    r = selectors.rectification_get_for(request.user, rect_id)
    return _rect(services.rectification_act(by=request.user, rectification=r, action=action, text=data.text))


@router.get("/awards", response=list[AwardOut], summary="年度评优列表")
def awards(request):
    return [_award(r, request.user) for r in selectors.award_list_for(request.user)]


@router.post("/awards", response={201: AwardOut}, summary="开始年度评优")
def award_create(request, data: YearIn):
    return Status(201, _award(services.award_round_create(by=request.user, year=data.year), request.user))


@router.get("/awards/{round_id}", response=AwardOut, summary="年度评优详情")
def award_detail(request, round_id: int):
    return _award(selectors.award_get_for(request.user, round_id), request.user)


@router.post("/awards/{round_id}/nominate", response={201: AwardOut}, summary="推荐优秀提案或先进承办单位")
def nominate(request, round_id: int, data: NominateIn):
    r = selectors.award_get_for(request.user, round_id)
    proposal = unit = None
    if data.proposal_id:
        proposal = Proposal.objects.filter(pk=data.proposal_id, cppcc_id=r.cppcc_id).first()
        if proposal is None:
            raise ApplicationError("没有找到这件提案。", field="proposal_id")
    if data.unit_id:
        unit = Organisation.objects.filter(pk=data.unit_id, cppcc_id=r.cppcc_id).first()
        if unit is None:
            raise ApplicationError("没有找到这个承办单位。", field="unit_id")
    services.nominate(by=request.user, round=r, proposal=proposal, unit=unit, reason=data.reason, source=data.source)
    return Status(201, _award(r, request.user))


@router.post("/awards/{round_id}/act/{action}", response=AwardOut, summary="评审/审定/退回")
def award_act(request, round_id: int, action: str, data: AwardActIn):
    r = selectors.award_get_for(request.user, round_id)
    r = services.award_act(by=request.user, round=r, action=action, approved_on=data.approved_on,
                           doc_number=data.doc_number)
    return _award(r, request.user)


@router.post("/nominations/{nomination_id}/{action}", response=NominationOut, summary="入选/未入选")
def nomination_act(request, nomination_id: int, action: str, data: TextIn):
    n = Nomination.objects.filter(pk=nomination_id).select_related("round").first()
    if n is None or not permissions.can_view_award(request.user, n.round):
        raise Http404
    if action not in ("select", "drop"):
        raise ApplicationError("没有这个操作。")
    n = services.nomination_judge(by=request.user, nomination=n, selected=action == "select", note=data.text)
    return {"id": n.pk, "kind": n.kind, "proposal_id": n.proposal_id, "unit_id": n.unit_id, "name": n.target_name,
            "source": n.source, "reason": n.reason, "state": n.state}


@router.get("/excellent", response=dict, summary="年度优秀提案和先进承办单位（已审定）")
def excellent(request, year: int):
    if not getattr(request.user, "cppcc_id", None):
        raise Http404
    return {"year": year, "proposal_ids": selectors.excellent_proposal_ids(request.user.cppcc_id, year),
            "unit_ids": selectors.excellent_unit_ids(request.user.cppcc_id, year)}


@router.get("/{appraisal_id}", response=AppraisalDetailOut, summary="民主评议详情")
def detail(request, appraisal_id: int):
    return _detail(selectors.appraisal_get_for(request.user, appraisal_id), request.user)


@router.post("/{appraisal_id}/units", response=AppraisalDetailOut, summary="确定被评议单位")
def set_units(request, appraisal_id: int, data: IdsIn):
    a = selectors.appraisal_get_for(request.user, appraisal_id)
    units = list(Organisation.objects.filter(pk__in=data.ids, cppcc_id=a.cppcc_id))
    if len(units) != len(set(data.ids)):
        raise ApplicationError("有的承办单位不存在或不属于本政协。", field="ids")
    order = {i: n for n, i in enumerate(data.ids)}
    units.sort(key=lambda u: order[u.pk])
    services.appraisal_set_units(by=request.user, appraisal=a, units=units)
    return _detail(a, request.user)


@router.post("/{appraisal_id}/participants", response=AppraisalDetailOut, summary="确定参加评议人员")
def set_participants(request, appraisal_id: int, data: IdsIn):
    a = selectors.appraisal_get_for(request.user, appraisal_id)
    services.appraisal_set_participants(by=request.user, appraisal=a, users=data.ids)
    return _detail(a, request.user)


@router.post("/{appraisal_id}/act/{action}", response=AppraisalDetailOut, summary="开始投票/结束投票/回头看/完成/取消")
def act(request, appraisal_id: int, action: str, data: ActIn):
    a = selectors.appraisal_get_for(request.user, appraisal_id)
    a = services.appraisal_act(by=request.user, appraisal=a, action=action, review_date=data.review_date,
                               review_findings=data.review_findings)
    return _detail(a, request.user)


@router.post("/entries/{entry_id}/rectifications", response={201: RectOut}, summary="提出整改事项")
def rectification_add(request, entry_id: int, data: RectIn):
    from .models import AppraisalUnit

    e = AppraisalUnit.objects.filter(pk=entry_id).select_related("appraisal", "unit").first()
    if e is None or not permissions.can_view(request.user, e.appraisal):
        raise Http404
    return Status(201, _rect(services.rectification_add(by=request.user, entry=e, text=data.text, due_date=data.due_date)))
