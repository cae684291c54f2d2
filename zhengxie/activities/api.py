"""/api/v1/activities/: the same selectors and services as the pages.

    GET  /                       list (q, kind, organiser, status, year, month; paged)
    GET  /{id}                   detail with participations, outcomes and `actions`
    POST /                       create a draft (organiser)      POST /{id}/act/{action}  publish/start/close/reopen/archive/cancel
    POST /{id}/invite            invite members                  POST /{id}/signin        sign in with token or code
    POST /participations/{id}/proxy   代签 (reason required)      POST /{id}/outcomes      outcome figure
    POST /{id}/leave             请假; GET /leaves (approver queue); POST /leaves/{id}/{approve|refuse|withdraw}
    GET  /figures                figures for a period (and organiser)
    GET  /homes/compliance       quarterly compliance per home
    GET/POST /appointments       委员聘任
    GET/POST /kinds, POST /kinds/{id}   活动类型 (add/edit: administrator)
Errors are Chinese JSON: {"detail": "..."} with 400 / 403 / 404.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from ninja import Router, Schema, Status

from zhengxie.core.exceptions import ApplicationError

from . import permissions, selectors, services
from .views.activities import ACTIONS
from .views.leave import LEAVE_ACTIONS

router = Router()


class ActivityOut(Schema):
    id: int
    title: str
    kind: str
    organiser: str
    organiser_id: int
    status: str
    status_label: str
    start_at: dt.datetime
    end_at: dt.datetime
    location: str
    invited: int = 0
    attended: int = 0
    speakers: int = 0


class ParticipationOut(Schema):
    id: int
    member: str
    member_id: int
    attendance: str
    attendance_label: str
    signed_in_at: dt.datetime | None = None
    proxy_reason: str
    is_speaker: bool
    speech_title: str


class OutcomeOut(Schema):
    id: int
    name: str
    unit: str
    value: Decimal
    approximate: bool


class ActivityDetailOut(ActivityOut):
    description: str
    summary: str
    signin_opens_at: dt.datetime
    signin_closes_at: dt.datetime
    actions: list[str] = []
    participations: list[ParticipationOut] = []
    outcomes: list[OutcomeOut] = []


class ActivityPage(Schema):
    count: int
    page: int
    num_pages: int
    results: list[ActivityOut]


class ActivityIn(Schema):
    kind: int
    title: str
    organiser: int
    start_at: dt.datetime
    end_at: dt.datetime
    location: str = ""
    description: str = ""
    signin_opens_at: dt.datetime | None = None
    signin_closes_at: dt.datetime | None = None
    open_registration: bool = False
    meeting: int | None = None


class ReasonIn(Schema):
    reason: str = ""
    summary: str | None = None
    note: str = ""


class InviteIn(Schema):
    members: list[int]


class SignInIn(Schema):
    token: str = ""
    code: str = ""


class OutcomeIn(Schema):
    name: str
    unit: str
    value: Decimal
    approximate: bool = False
    note: str = ""


class LeaveOut(Schema):
    id: int
    activity_id: int
    activity: str
    member: str
    reason: str
    state: str
    state_label: str
    decision_note: str


class AppointmentIn(Schema):
    member: int
    kind: str
    org_name: str
    start_date: dt.date
    end_date: dt.date | None = None
    title: str = ""
    note: str = ""


class AppointmentOut(Schema):
    id: int
    member: str
    member_id: int
    kind: str
    label: str
    org_name: str
    start_date: dt.date
    end_date: dt.date | None = None


def _row(a) -> dict:
    return {"id": a.pk, "title": a.title, "kind": a.kind.name, "organiser": a.organiser.name, "organiser_id": a.organiser_id,
            "status": a.status, "status_label": a.get_status_display(), "start_at": a.start_at, "end_at": a.end_at,
            "location": a.location, "invited": getattr(a, "n_invited", 0), "attended": getattr(a, "n_attended", 0),
            "speakers": getattr(a, "n_speakers", 0)}


def _detail(user, a) -> dict:
    from .signin import window

    opens, closes = window(a)
    parts = selectors.participations_of(a) if permissions.is_organiser(user, a) else [
        p for p in [permissions.my_participation(user, a)] if p]
    summary = selectors.attendance_summary(selectors.participations_of(a))
    return {**_row(a), "invited": summary["total"], "attended": summary["attended"], "speakers": summary["speakers"],
            "description": a.description, "summary": a.summary, "signin_opens_at": opens, "signin_closes_at": closes,
            "actions": permissions.available_actions(user, a),
            "participations": [{"id": p.pk, "member": p.member.name, "member_id": p.member_id, "attendance": p.attendance,
                                "attendance_label": p.get_attendance_display(), "signed_in_at": p.signed_in_at,
                                "proxy_reason": p.proxy_reason, "is_speaker": p.is_speaker, "speech_title": p.speech_title}
                               for p in parts],
            "outcomes": [{"id": o.pk, "name": o.name, "unit": o.unit, "value": o.value, "approximate": o.approximate}
                         for o in a.outcomes.all()]}


@router.get("/", response=ActivityPage)
def list_activities(request, q: str = "", kind: int | None = None, organiser: int | None = None, status: str = "",
                    year: int | None = None, month: int | None = None, page: int = 1):
    qs = selectors.activity_list_for(request.user, q=q, kind=kind, organiser=organiser, status=status, year=year, month=month)
    p = Paginator(qs, 20).get_page(page)
    return {"count": p.paginator.count, "page": p.number, "num_pages": p.paginator.num_pages,
            "results": [_row(a) for a in p.object_list]}


@router.post("/", response={201: ActivityDetailOut})
def create_activity(request, data: ActivityIn):
    kind = selectors.kind_get(request.user, data.kind)
    organiser = selectors.organisation_get(request.user, data.organiser)
    if kind is None or organiser is None:
        raise ApplicationError("活动类型或组织单位不存在。")
    fields = data.dict(exclude={"kind", "organiser", "meeting"})
    a = services.activity_create(by=request.user, kind=kind, organiser=organiser,
                                 meeting=selectors.meeting_get(request.user, data.meeting), **fields)
    return Status(201, _detail(request.user, selectors.activity_get_for(request.user, a.pk)))


@router.get("/leaves", response=list[LeaveOut])
def leave_queue(request, state: str = "requested"):
    return [_leave(lv) for lv in selectors.leave_queue_for(request.user, state)[:500]]


def _leave(lv) -> dict:
    return {"id": lv.pk, "activity_id": lv.activity_id, "activity": lv.activity.title, "member": lv.member.name,
            "reason": lv.reason, "state": lv.state, "state_label": lv.get_state_display(), "decision_note": lv.decision_note}


@router.post("/leaves/{pk}/{action}", response=LeaveOut)
def leave_action(request, pk: int, action: str, data: ReasonIn):
    leave = selectors.leave_get_for(request.user, pk)
    if action not in LEAVE_ACTIONS:
        raise Http404
    return _leave(LEAVE_ACTIONS[action](leave, request.user, {"note": data.note}))


@router.get("/figures")
def figures(request, start: dt.date, end: dt.date, organiser: int | None = None, kind: str = ""):
    if not permissions.can_view_appointments(request.user):
        raise PermissionDenied("只有机关工作人员和领导可以查看活动统计。")
    data = selectors.activity_figures(request.user.cppcc_id, start, end, organiser=organiser, kinds=[kind] if kind else None)
    data["outcomes"] = [{**o, "value": str(o["value"])} for o in data["outcomes"]]
    return data


@router.get("/homes/compliance")
def home_compliance(request, year: int):
    if not permissions.can_view_appointments(request.user):
        raise PermissionDenied("只有机关工作人员和领导可以查看委员之家活动情况。")
    return [{"home_id": r["home"].pk, "home": r["home"].name, "county": r["home"].county, "quarters": r["quarters"],
             "total": r["total"], "missed": r["missed"]} for r in selectors.home_compliance(request.user.cppcc_id, year)]


@router.get("/appointments", response=list[AppointmentOut])
def list_appointments(request, q: str = "", kind: str = "", current: str = ""):
    if not permissions.can_view_appointments(request.user):
        raise PermissionDenied("只有机关工作人员和领导可以查看委员聘任情况。")
    return [_appt(x) for x in selectors.appointment_list_for(request.user, q=q, kind=kind, current=current)[:1000]]


def _appt(x) -> dict:
    return {"id": x.pk, "member": x.member.name, "member_id": x.member_id, "kind": x.kind, "label": x.label,
            "org_name": x.org_name, "start_date": x.start_date, "end_date": x.end_date}


@router.post("/appointments", response={201: AppointmentOut})
def create_appointment(request, data: AppointmentIn):
    member = selectors.member_get(request.user, data.member)
    x = services.appointment_create(by=request.user, member=member, **data.dict(exclude={"member"}))
    return Status(201, _appt(x))


class OutcomeTemplate(Schema):
    name: str
    unit: str


class KindOut(Schema):
    id: int
    code: str
    name: str
    category: str
    leave_approver_role: str
    signin_required: bool
    counts_for_points: bool
    is_active: bool
    outcome_templates: list[OutcomeTemplate] = []


class KindIn(Schema):
    code: str = ""
    name: str
    category: str
    leave_approver_role: str
    signin_required: bool = True
    counts_for_points: bool = True
    is_active: bool = True
    outcome_templates: list[OutcomeTemplate] = []


def _kind(k) -> dict:
    return {"id": k.pk, "code": k.code, "name": k.name, "category": k.category, "leave_approver_role": k.leave_approver_role,
            "signin_required": k.signin_required, "counts_for_points": k.counts_for_points, "is_active": k.is_active,
            "outcome_templates": k.outcome_templates or []}


@router.get("/kinds", response=list[KindOut])
def list_kinds(request):
    if not permissions.can_view_kinds(request.user):
        raise PermissionDenied("只有机关工作人员和领导可以查看活动类型。")
    from .models import ActivityKind

    return [_kind(k) for k in ActivityKind.objects.filter(cppcc_id=request.user.cppcc_id).order_by("sort", "id")]


@router.post("/kinds", response={201: KindOut})
def create_kind(request, data: KindIn):
    d = data.dict(exclude={"is_active"})
    return Status(201, _kind(services.activity_kind_create(cppcc=request.user.cppcc, by=request.user, **d)))


@router.post("/kinds/{pk}", response=KindOut)
def update_kind(request, pk: int, data: KindIn):
    from .models import ActivityKind

    kind = ActivityKind.objects.filter(pk=pk, cppcc_id=request.user.cppcc_id).first()
    if kind is None:
        raise Http404
    d = data.dict(exclude={"code"})
    return _kind(services.activity_kind_update(kind=kind, by=request.user, **d))


@router.get("/{pk}", response=ActivityDetailOut)
def get_activity(request, pk: int):
    return _detail(request.user, selectors.activity_get_for(request.user, pk))


@router.post("/{pk}/act/{action}", response=ActivityDetailOut)
def act(request, pk: int, action: str, data: ReasonIn):
    a = selectors.activity_get_for(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    ACTIONS[action](a, request.user, {"reason": data.reason, "summary": data.summary})
    return _detail(request.user, selectors.activity_get_for(request.user, pk))


@router.post("/{pk}/invite", response=ActivityDetailOut)
def invite(request, pk: int, data: InviteIn):
    a = selectors.activity_get_for(request.user, pk)
    services.activity_invite(activity=a, member_ids=data.members, by=request.user)
    return _detail(request.user, selectors.activity_get_for(request.user, pk))


@router.post("/{pk}/signin", response=ParticipationOut)
def sign_in(request, pk: int, data: SignInIn):
    a = selectors.activity_get_for(request.user, pk)
    p = services.activity_sign_in(activity=a, by=request.user, token=data.token, code=data.code)
    return {"id": p.pk, "member": p.member.name, "member_id": p.member_id, "attendance": p.attendance,
            "attendance_label": p.get_attendance_display(), "signed_in_at": p.signed_in_at, "proxy_reason": p.proxy_reason,
            "is_speaker": p.is_speaker, "speech_title": p.speech_title}


@router.post("/participations/{pk}/proxy", response=ParticipationOut)
def proxy(request, pk: int, data: ReasonIn):
    part = selectors.participation_get_for(request.user, pk)
    p = services.activity_proxy_sign_in(participation=part, by=request.user, reason=data.reason)
    return {"id": p.pk, "member": p.member.name, "member_id": p.member_id, "attendance": p.attendance,
            "attendance_label": p.get_attendance_display(), "signed_in_at": p.signed_in_at, "proxy_reason": p.proxy_reason,
            "is_speaker": p.is_speaker, "speech_title": p.speech_title}


@router.post("/{pk}/outcomes", response={201: OutcomeOut})
def add_outcome(request, pk: int, data: OutcomeIn):
    a = selectors.activity_get_for(request.user, pk)
    o = services.outcome_add(activity=a, by=request.user, **data.dict())
    return Status(201, {"id": o.pk, "name": o.name, "unit": o.unit, "value": o.value, "approximate": o.approximate})


@router.post("/{pk}/leave", response={201: LeaveOut})
def request_leave(request, pk: int, data: ReasonIn):
    a = selectors.activity_get_for(request.user, pk)
    return Status(201, _leave(services.leave_request(activity=a, by=request.user, reason=data.reason)))
