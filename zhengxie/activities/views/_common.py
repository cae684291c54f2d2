"""Helpers shared by the 活动 pages: refusals, paging, Excel export and the detail page's context."""
from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.accounts.selectors import roles_of
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.htmx import render_page
from zhengxie.core.roles import READ_ALL_ROLES

from .. import forms, permissions, selectors, signin
from ..models import ActivitySitting, OutcomeFigure, Participation
from ..workflow import Action

PER_PAGE = 20
DANGER = {Action.CANCEL, Action.REOPEN}
NEEDS_REASON = {Action.CANCEL: "取消原因", Action.REOPEN: "重新打开的原因"}


def require(allowed: bool, message: str = "您没有执行此操作的权限。") -> None:
    if not allowed:
        raise PermissionDenied(message)


def fail(request, exc: ApplicationError) -> int:
    messages.error(request, exc.message)
    return 400


def page_of(request, qs):
    page = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return page, page.paginator.get_elided_page_range(page.number)


def querystring(request, *drop: str) -> str:
    params = request.GET.copy()
    for name in ("page", "format", *drop):
        params.pop(name, None)
    return params.urlencode()


def local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def activity_rows(qs) -> list[list]:
    return [[a.title, a.kind.name, a.organiser.name, local(a.start_at), local(a.end_at), a.location, a.get_status_display(),
             a.n_invited, a.n_attended, a.n_speakers] for a in qs]


ACTIVITY_HEADERS = ["活动名称", "类型", "组织单位", "开始时间", "结束时间", "地点", "状态", "邀请人数", "出席人次", "发言人数"]


def detail_context(request, a) -> dict:
    user = request.user
    parts = selectors.participations_of(a)
    organiser = permissions.is_organiser(user, a)
    mine = permissions.my_participation(user, a)
    ctx = {
        "a": a, "parts": parts, "summary": selectors.attendance_summary(parts), "mine": mine, "organiser": organiser,
        "show_table": organiser or bool(roles_of(user) & READ_ALL_ROLES),
        "actions": [(code, Action(code).label, code in DANGER, NEEDS_REASON.get(code, ""))
                    for code in permissions.available_actions(user, a)],
        "can_edit": permissions.can_edit(user, a), "can_record": permissions.can_record(user, a),
        "can_register": permissions.can_register(user, a), "can_leave": permissions.can_request_leave(user, a),
        "can_sign_in": permissions.can_sign_in(user, a) and a.status == "in_progress" and (mine is None or not mine.attended),
        "outcomes": list(a.outcomes.all()), "sittings": list(a.sittings.all()),
        "timeline": selectors.activity_timeline(a) if organiser else [],
        "window": signin.window(a), "units": OutcomeFigure.Unit.choices, "periods": ActivitySitting.Period.choices,
        "speech_kinds": Participation.SpeechKind.choices,
    }
    if organiser:
        ctx["leaves"] = selectors.leaves_of_activity(a)
    elif mine is not None:
        ctx["my_leaves"] = [lv for lv in selectors.leaves_of_activity(a) if lv.member_id == mine.member_id]
    if ctx["can_edit"]:
        ctx["invite_form"] = forms.InviteForm(user)
        ctx["committees"] = selectors.organisers_for(user).filter(kind=Organisation.Kind.COMMITTEE)
    return ctx


def render_detail(request, a, status: int = 200):
    return render_page(request, "activities/detail.html", detail_context(request, a), status=status)
