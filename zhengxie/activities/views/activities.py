"""活动 pages: lists (管理/我的/日历), detail, create/edit, workflow actions, invitations, registration."""
from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengxie.core.excel import xlsx_response
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.htmx import render_page

from .. import forms, permissions, selectors, services
from ..workflow import Action
from ._common import ACTIVITY_HEADERS, activity_rows, fail, page_of, querystring, render_detail, require


@login_required
def activity_list(request):
    form = forms.FilterForm(request.user, request.GET or None)
    qs = selectors.activity_list_for(request.user, **form.filters())
    if request.GET.get("format") == "xlsx":
        return xlsx_response("履职活动", ACTIVITY_HEADERS, activity_rows(qs[:5000]))
    page, page_range = page_of(request, qs)
    return render_page(request, "activities/list.html", {
        "form": form, "page": page, "page_range": page_range, "querystring": querystring(request),
        "can_create": permissions.can_create(request.user), "title": "履职活动"}, partial="results")


@login_required
def mine(request):
    require(permissions.member_of(request.user) is not None, "只有委员有“我的活动”。")
    tab = request.GET.get("tab") if request.GET.get("tab") in ("upcoming", "open", "past") else "upcoming"
    qs = selectors.my_activities(request.user, tab)
    page, page_range = page_of(request, qs)
    return render(request, "activities/mine.html", {"page": page, "page_range": page_range, "tab": tab,
                                                    "leaves": selectors.my_leaves(request.user)[:10]})


@login_required
def calendar_view(request):
    today = timezone.localdate()
    try:
        year, month = int(request.GET.get("year", today.year)), int(request.GET.get("month", today.month))
        first = dt.date(year, month, 1)
    except ValueError:
        raise Http404 from None
    prev, nxt = (first - dt.timedelta(days=1)).replace(day=1), (first + dt.timedelta(days=32)).replace(day=1)
    return render(request, "activities/calendar.html", {"weeks": selectors.calendar_month(request.user, year, month),
                                                        "first": first, "prev": prev, "next": nxt})


@login_required
def detail(request, pk):
    return render_detail(request, selectors.activity_get_for(request.user, pk))


def _form_page(request, form, a=None, status=200):
    return render(request, "activities/form.html", {"form": form, "a": a}, status=status)


@login_required
def create(request):
    require(permissions.can_create(request.user), "只有专委会、提案委、信息编辑和管理员可以登记活动（须关联所在组织）。")
    form = forms.ActivityForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            a = services.activity_create(by=request.user, **form.cleaned_data)
            messages.success(request, "活动已保存为草稿。请邀请委员后发布通知。")
            return redirect("activities:detail", a.pk)
        except ApplicationError as exc:
            return _form_page(request, form, status=fail(request, exc))
    return _form_page(request, form, status=400 if request.method == "POST" else 200)


@login_required
def edit(request, pk):
    a = selectors.activity_get_for(request.user, pk)
    require(permissions.can_edit(request.user, a), "只有组织单位可以修改活动，且记录完成后不能修改。")
    form = forms.ActivityForm(request.user, request.POST or None, initial=forms.ActivityForm.initial_for(a))
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_update(activity=a, by=request.user, **form.cleaned_data)
            return redirect("activities:detail", a.pk)
        except ApplicationError as exc:
            return _form_page(request, form, a, status=fail(request, exc))
    return _form_page(request, form, a, status=400 if request.method == "POST" else 200)


ACTIONS = {
    Action.PUBLISH: lambda a, u, p: services.activity_publish(activity=a, by=u),
    Action.START: lambda a, u, p: services.activity_start(activity=a, by=u),
    Action.CLOSE: lambda a, u, p: services.activity_close(activity=a, by=u, summary=p.get("summary") or None),
    Action.REOPEN: lambda a, u, p: services.activity_reopen(activity=a, by=u, reason=p.get("reason", "")),
    Action.ARCHIVE: lambda a, u, p: services.activity_archive(activity=a, by=u),
    Action.CANCEL: lambda a, u, p: services.activity_cancel(activity=a, by=u, reason=p.get("reason", "")),
}


@login_required
@require_POST
def act(request, pk, action):
    a = selectors.activity_get_for(request.user, pk)
    if action not in ACTIONS:
        raise Http404
    try:
        ACTIONS[action](a, request.user, request.POST)
    except ApplicationError as exc:
        return render_detail(request, a, status=fail(request, exc))
    messages.success(request, f"已{Action(action).label}。")
    return redirect("activities:detail", a.pk)


@login_required
@require_POST
def invite(request, pk):
    a = selectors.activity_get_for(request.user, pk)
    form = forms.InviteForm(request.user, request.POST)
    try:
        n = services.activity_invite(activity=a, member_ids=form.member_ids(a.start_at.date()), by=request.user)
    except ApplicationError as exc:
        return render_detail(request, a, status=fail(request, exc))
    messages.success(request, f"已邀请{n}位委员。" if n else "所选委员均已在名单中。")
    return redirect("activities:detail", a.pk)


@login_required
@require_POST
def uninvite(request, pk):
    part = selectors.participation_get_for(request.user, pk)
    try:
        services.participation_remove(participation=part, by=request.user)
    except ApplicationError as exc:
        return render_detail(request, part.activity, status=fail(request, exc))
    return redirect("activities:detail", part.activity_id)


@login_required
@require_POST
def register(request, pk):
    a = selectors.activity_get_for(request.user, pk)
    try:
        services.participation_register(activity=a, by=request.user)
    except ApplicationError as exc:
        return render_detail(request, a, status=fail(request, exc))
    messages.success(request, "已确认参加。")
    return redirect("activities:detail", a.pk)


@login_required
@require_POST
def sitting_add(request, pk):
    a = selectors.activity_get_for(request.user, pk)
    form = forms.SittingForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(forms.first_error(form))
        services.sitting_add(activity=a, by=request.user, **form.cleaned_data)
    except ApplicationError as exc:
        return render_detail(request, a, status=fail(request, exc))
    return redirect("activities:detail", a.pk)
