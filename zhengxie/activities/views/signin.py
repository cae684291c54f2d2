"""签到: the member's phone page (scan → confirm, or type the 6-digit code) and the organiser's screen."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.htmx import render_page

from .. import permissions, selectors, services, signin
from ._common import fail, require


@login_required
def sign_in(request, pk):
    a = selectors.activity_get_for(request.user, pk)
    require(permissions.can_sign_in(request.user, a), "您不在本活动的参加名单中。如需参加，请联系组织单位。")
    ctx = {"a": a, "token": request.POST.get("t") or request.GET.get("t", ""), "mine": permissions.my_participation(request.user, a)}
    if request.method == "POST":
        try:
            services.activity_sign_in(activity=a, by=request.user, token=ctx["token"], code=request.POST.get("code", ""))
        except ApplicationError as exc:
            return render(request, "activities/sign_in.html", ctx, status=fail(request, exc))
        messages.success(request, "签到成功，欢迎参加！")
        return redirect("activities:detail", a.pk)
    return render(request, "activities/sign_in.html", ctx)


@login_required
def screen(request, pk):
    """The organiser's screen: the rotating sign-in link and short code, refreshed by htmx every few seconds."""
    a = selectors.activity_get_for(request.user, pk)
    require(permissions.is_organiser(request.user, a), "只有组织单位可以打开签到屏幕。")
    token = signin.token_for(a)
    url = request.build_absolute_uri(reverse("activities:sign_in", args=[a.pk])) + f"?t={token}"
    parts = selectors.participations_of(a)
    ctx = {"a": a, "url": url, "qr": signin.qr_svg(url), "code": signin.code_for(a), "left": signin.seconds_left(a), "window": signin.window(a),
           "summary": selectors.attendance_summary(parts), "slot": signin.slot_seconds(a),
           "can_start": "start" in permissions.available_actions(request.user, a)}
    return render_page(request, "activities/screen.html", ctx, partial="live")
