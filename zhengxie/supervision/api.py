"""/api/v1/proposals/supervision/: the same selectors and services as the pages.

    GET  /selections                      rounds (meeting, status)       POST /selections        start a round (提案委)
    GET  /selections/{id}                 one round with candidates, recommendations, leaders and `actions`
    POST /selections/{id}/recommend       推荐 {proposal, reason, source?, org?}
    POST /selections/{id}/act/{action}    shortlist/reopen/hold_meeting/submit/approve/return/cancel (+ fields)
    POST /items/{id}/shortlist|select     {on}          POST /items/{id}/leader   {form, leader?, leader_name, leader_title, committee?}
    GET  /key                             重点提案 (meeting, q, mine)
    GET  /records  POST /records          督办记录 (filters: q, form, meeting, start, end, key, proposal)   GET /records/{id}
    GET  /followups                       跟进事项 (q, state incl. overdue, unit)   POST /followups/{id}/{report|close|reopen} {note}
    GET  /cases  POST /cases              并案集中督办                GET /cases/{id}  members with handling and reply state
    GET  /cases/{id}/suggestions          similar ordinary proposals with shared passages
    POST /cases/{id}/members {proposal}   DELETE /members/{id}      POST /members/{id}/outcome {outcome_state, outcome}
Errors are Chinese JSON: {"detail": "..."} with 400 / 403 / 404.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from zhengxie.accounts.models import Organisation, User
from zhengxie.core.exceptions import ApplicationError
from zhengxie.proposals import selectors as proposal_selectors
from zhengxie.proposals.models import Proposal

from . import permissions, selectors, services
from .models import CaseMember, KeyItem, SupervisionCase
from .workflow import Action, FollowUpAction

router = Router()


class SelectionIn(Schema):
    meeting: int
    title: str = ""
    recommend_until: dt.date | None = None
    notice: str = ""


class RecommendIn(Schema):
    proposal: int
    reason: str = ""
    source: str | None = None
    org: int | None = None


class ActIn(Schema):
    meeting_date: str = ""
    meeting_participants: str = ""
    meeting_minutes: str = ""
    approval_meeting: str = ""
    approval_date: str = ""
    approval_note: str = ""


class OnIn(Schema):
    on: bool = True
    note: str = ""


class LeaderIn(Schema):
    form: str
    leader: int | None = None
    leader_name: str = ""
    leader_title: str = ""
    committee: int | None = None


class FollowUpIn(Schema):
    content: str
    owner_unit: int
    due_date: str


class RecordIn(Schema):
    proposal: int
    form: str
    date: str
    place: str = ""
    leaders: str = ""
    members_text: str = ""
    unit_people: str = ""
    minutes: str = ""
    participants: list[int] = []
    case: int | None = None
    followups: list[FollowUpIn] = []


class NoteIn(Schema):
    note: str = ""


class Milestone(Schema):
    title: str
    due_date: str


class CaseIn(Schema):
    lead: int
    title: str = ""
    plan: str = ""
    lead_units: list[int] = []
    milestones: list[Milestone] = []


class MemberIn(Schema):
    proposal: int
    score: float | None = None


class OutcomeIn(Schema):
    outcome_state: str
    outcome: str = ""


def _p(p: Proposal) -> dict:
    return {"id": p.pk, "number": p.number_display, "title": p.title, "status": p.status, "status_label": p.get_status_display(),
            "is_key": p.is_key, "meeting_id": p.meeting_id}


def _selection(s, user, *, items: bool = False) -> dict:
    out = {"id": s.pk, "title": s.title, "meeting_id": s.meeting_id, "meeting": s.meeting.name, "status": s.status,
           "status_label": s.get_status_display(), "recommend_until": s.recommend_until, "meeting_date": s.meeting_date,
           "meeting_minutes": s.meeting_minutes, "approval_body": s.approval_body, "approval_meeting": s.approval_meeting,
           "approval_date": s.approval_date, "actions": permissions.available_actions(user, s)}
    if items:
        visible = permissions.sees_all(user)
        rows = selectors.items_of(s) if visible else []
        out["items"] = [{"id": it.pk, "proposal": _p(it.proposal), "shortlisted": it.shortlisted, "selected": it.selected,
                         "leader_form": it.leader_form, "leader": it.leader_display, "leader_id": it.leader_id,
                         "committee": it.committee.name if it.committee_id else "",
                         "recommendations": [{"id": r.pk, "source": r.source, "org": r.org.name if r.org_id else "", "reason": r.reason}
                                             for r in it.recommendations.all()]} for it in rows]
        out["my_recommendations"] = [{"id": r.pk, "proposal": _p(r.item.proposal), "reason": r.reason}
                                     for r in selectors.my_recommendations(user, s)]
    return out


@router.get("/selections")
def selection_list(request, meeting: int | None = None, status: str = ""):
    return [_selection(s, request.user) for s in selectors.selection_list_for(request.user, meeting=meeting, status=status)]


@router.post("/selections")
def selection_create(request, data: SelectionIn):
    meeting = get_object_or_404(selectors.plenaries_for(request.user), pk=data.meeting)
    s = services.selection_create(meeting=meeting, by=request.user, title=data.title, recommend_until=data.recommend_until,
                                  notice=data.notice)
    return _selection(s, request.user, items=True)


@router.get("/selections/{pk}")
def selection_detail(request, pk: int):
    return _selection(selectors.selection_get_for(request.user, pk), request.user, items=True)


def _proposal(user, pk: int) -> Proposal:
    p = Proposal.objects.filter(pk=pk, cppcc_id=user.cppcc_id).first()
    if p is None:
        raise ApplicationError("没有找到该提案。", field="proposal")
    return p


@router.post("/selections/{pk}/recommend")
def recommend(request, pk: int, data: RecommendIn):
    user = request.user
    s = selectors.selection_get_for(user, pk)
    org = Organisation.objects.filter(pk=data.org, cppcc_id=user.cppcc_id).first() if data.org else None
    rec = services.recommend(selection=s, proposal=_proposal(user, data.proposal), by=user, reason=data.reason,
                             source=data.source, org=org)
    return {"id": rec.pk, "item": rec.item_id, "source": rec.source}


@router.post("/selections/{pk}/act/{action}")
def selection_act(request, pk: int, action: str, data: ActIn):
    s = selectors.selection_get_for(request.user, pk)
    if action not in Action.values:
        raise ApplicationError("没有这个操作。")
    s = services.selection_act(selection=s, action=action, by=request.user, **data.dict())
    return _selection(s, request.user, items=True)


def _item(user, pk: int) -> KeyItem:
    item = get_object_or_404(KeyItem.objects.select_related("selection", "proposal"), pk=pk)
    selectors.selection_get_for(user, item.selection_id)
    return item


@router.post("/items/{pk}/shortlist")
def item_shortlist(request, pk: int, data: OnIn):
    item = services.item_shortlist(item=_item(request.user, pk), by=request.user, on=data.on)
    return {"id": item.pk, "shortlisted": item.shortlisted}


@router.post("/items/{pk}/select")
def item_select(request, pk: int, data: OnIn):
    item = services.item_select(item=_item(request.user, pk), by=request.user, on=data.on, note=data.note)
    return {"id": item.pk, "selected": item.selected}


@router.post("/items/{pk}/leader")
def item_leader(request, pk: int, data: LeaderIn):
    user = request.user
    leader = User.objects.filter(pk=data.leader, cppcc_id=user.cppcc_id).first() if data.leader else None
    committee = Organisation.objects.filter(pk=data.committee, cppcc_id=user.cppcc_id).first() if data.committee else None
    item = services.item_set_leader(item=_item(user, pk), by=user, form=data.form, leader=leader, leader_name=data.leader_name,
                                    leader_title=data.leader_title, committee=committee)
    return {"id": item.pk, "leader_form": item.leader_form, "leader": item.leader_display}


@router.get("/key")
def key_list(request, meeting: int | None = None, q: str = "", mine: bool = False):
    if not permissions.sees_all(request.user):
        raise PermissionDenied("您无权查看重点提案列表。")
    rows = list(selectors.key_proposals_for(request.user, meeting=meeting, q=q, mine=mine)[:1000])
    items = selectors.key_items_by_proposal([p.pk for p in rows])
    counts = selectors.record_counts([p.pk for p in rows])
    return [{**_p(p), "leader_form": items[p.pk].leader_form if p.pk in items else "",
             "leader": items[p.pk].leader_display if p.pk in items else "", "records": counts.get(p.pk, 0)} for p in rows]


def _record(r) -> dict:
    return {"id": r.pk, "proposal": _p(r.proposal), "form": r.form, "date": r.date, "place": r.place, "leaders": r.leaders,
            "members_text": r.members_text, "unit_people": r.unit_people, "minutes": r.minutes, "case_id": r.case_id,
            "followups": [_followup(f) for f in r.followups.select_related("owner_unit")]}


def _followup(f) -> dict:
    return {"id": f.pk, "record_id": f.record_id, "content": f.content, "owner_unit": f.owner_unit.name,
            "owner_unit_id": f.owner_unit_id, "due_date": f.due_date, "state": f.state, "state_label": f.get_state_display(),
            "overdue": services.is_overdue(f), "note": f.note}


@router.get("/records")
def record_list(request, q: str = "", form: str = "", meeting: int | None = None, start: dt.date | None = None,
                end: dt.date | None = None, key: bool = False, proposal: int | None = None, page: int = 1):
    qs = selectors.record_list_for(request.user, filters={"q": q, "form": form, "meeting": meeting, "start": start, "end": end,
                                                          "key": key, "proposal": proposal})
    total = qs.count()
    rows = qs[(max(page, 1) - 1) * 50: max(page, 1) * 50]
    return {"count": total, "results": [_record(r) for r in rows]}


@router.post("/records")
def record_create(request, data: RecordIn):
    user = request.user
    p = proposal_selectors.proposal_list_for(user).filter(pk=data.proposal).first()
    if p is None:
        raise ApplicationError("没有找到该提案，或您无权查看。", field="proposal")
    people = list(User.objects.filter(cppcc_id=user.cppcc_id, pk__in=data.participants))
    case = SupervisionCase.objects.filter(cppcc_id=user.cppcc_id, pk=data.case).first() if data.case else None
    r = services.record_create(proposal=p, by=user, followups=[f.dict() for f in data.followups], participants=people, case=case,
                               form=data.form, date=data.date, place=data.place, leaders=data.leaders,
                               members_text=data.members_text, unit_people=data.unit_people, minutes=data.minutes)
    return _record(r)


@router.get("/records/{pk}")
def record_detail(request, pk: int):
    return _record(selectors.record_get_for(request.user, pk))


@router.get("/followups")
def followup_list(request, q: str = "", state: str = "", unit: int | None = None):
    qs = selectors.followup_list_for(request.user, filters={"q": q, "state": state, "unit": unit})
    return [_followup(f) for f in qs[:1000]]


@router.post("/followups/{pk}/{action}")
def followup_act(request, pk: int, action: str, data: NoteIn):
    f = selectors.followup_get_for(request.user, pk)
    if action not in FollowUpAction.values:
        raise ApplicationError("没有这个操作。")
    return _followup(services.followup_act(followup=f, action=action, by=request.user, note=data.note))


def _case(c, user, *, rows: bool = False) -> dict:
    out = {"id": c.pk, "title": c.title, "lead": _p(c.lead), "meeting_id": c.meeting_id, "plan": c.plan, "state": c.state,
           "state_label": c.get_state_display(), "lead_units": [u.name for u in c.lead_units.all()]}
    if rows:
        data = selectors.case_rows(c, user)
        out["progress"] = selectors.case_progress(c, user, data)
        out["proposals"] = [{**_p(r["proposal"]), "is_lead": r["is_lead"], "units": r["proposal"].units_text,
                             "member_id": r["member"].pk if r["member"] else None,
                             "outcome_state": r["member"].outcome_state if r["member"] else "",
                             "outcome": r["member"].outcome if r["member"] else "",
                             "replies": [{"unit": x.assignment.unit.name, "state": x.state, "state_label": x.get_state_display(),
                                          "result_class": x.result_class} for x in r["replies"]]} for r in data]
        out["milestones"] = [{"id": m.pk, "title": m.title, "due_date": m.due_date, "done_at": m.done_at} for m in c.milestones.all()]
    return out


@router.get("/cases")
def case_list(request, q: str = "", meeting: int | None = None, state: str = "", mine: bool = False):
    qs = selectors.case_list_for(request.user, filters={"q": q, "meeting": meeting, "state": state, "mine": mine})
    return [{**_case(c, request.user), "members": c.n_members} for c in qs[:500]]


@router.post("/cases")
def case_create(request, data: CaseIn):
    user = request.user
    c = services.case_create(lead=_proposal(user, data.lead), by=user, title=data.title, plan=data.plan,
                             lead_units=data.lead_units, milestones=[m.dict() for m in data.milestones])
    return _case(c, user, rows=True)


@router.get("/cases/{pk}")
def case_detail(request, pk: int):
    return _case(selectors.case_get_for(request.user, pk), request.user, rows=True)


@router.get("/cases/{pk}/suggestions")
def case_suggestions(request, pk: int, k: int | None = None):
    c = selectors.case_get_for(request.user, pk)
    if not permissions.can_manage_cases(request.user):
        raise PermissionDenied("只有提案委可以查看并确认推荐的同类提案。")
    return [{**_p(s["proposal"]), "score": s["score"], "passages": s["passages"]} for s in selectors.case_suggestions(c, k=k)]


@router.post("/cases/{pk}/members")
def case_add(request, pk: int, data: MemberIn):
    c = selectors.case_get_for(request.user, pk)
    m = services.case_add_member(case=c, proposal=_proposal(request.user, data.proposal), by=request.user, score=data.score)
    return {"id": m.pk, "proposal": _p(m.proposal)}


def _member(user, pk: int) -> CaseMember:
    m = get_object_or_404(CaseMember.objects.select_related("case", "proposal"), pk=pk)
    selectors.case_get_for(user, m.case_id)
    return m


@router.delete("/members/{pk}")
def case_remove(request, pk: int, reason: str = ""):
    services.case_remove_member(member=_member(request.user, pk), by=request.user, reason=reason)
    return {"ok": True}


@router.post("/members/{pk}/outcome")
def member_outcome(request, pk: int, data: OutcomeIn):
    m = services.member_set_outcome(member=_member(request.user, pk), by=request.user, outcome_state=data.outcome_state,
                                    outcome=data.outcome)
    return {"id": m.pk, "outcome_state": m.outcome_state, "outcome": m.outcome}
