"""Public intake pages: the anonymous form and tracking page, and the staff screening pages."""
from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengxie.core.excel import xlsx_response
from zhengxie.core.htmx import render_page
from zhengxie.core.middleware import client_ip

from . import forms, permissions, registry, selectors, services
from .models import Submission

HEADERS = ["查询码", "渠道", "标题", "内容", "姓名", "手机", "单位", "地址", "状态", "答复", "收到时间", "处理人", "处理时间"]


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


# Public (no login) --------------------------------------------------------------------------------

def public_index(request):
    return render(request, "intake/public_index.html", {"channels": selectors.open_channels()})


def public_form(request, cppcc_code, channel_code):
    channel = selectors.public_channel(cppcc_code, channel_code)
    form = forms.PublicForm(request.POST or None, request.FILES or None)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if form.is_valid():
            d = form.cleaned_data
            try:
                sub = services.submission_create(
                    channel=channel, name=d["name"], phone=d["phone"], org=d["org"], address=d["address"],
                    title=d["title"], body=d["body"], attachment=d.get("attachment"), ip=client_ip(),
                    honeypot=d.get("website") or "", elapsed=forms.elapsed_seconds(d.get("ts") or ""))
            except ValidationError as exc:
                errors, status = _errors(exc), 400
            else:
                request.session["intake_done"] = {"code": sub.tracking_code, "channel": channel.title}
                return redirect("intake:done")
        else:
            status = 400
    return render(request, "intake/public_form.html", {"channel": channel, "form": form, "errors": errors,
                                                       "ts": forms.form_token()}, status=status)


def done(request):
    info = request.session.get("intake_done")
    if not info:
        return redirect("intake:track")
    return render(request, "intake/public_done.html", {"info": info})


def track(request):
    form = forms.TrackForm(request.POST or None)
    sub, looked = None, False
    if request.method == "POST" and form.is_valid():
        looked = True
        sub = selectors.track(form.cleaned_data["code"])
    return render(request, "intake/track.html", {"form": form, "sub": sub, "looked": looked},
                  status=404 if looked and sub is None else 200)


# Staff ---------------------------------------------------------------------------------------------

def _require_screener(user) -> None:
    if not permissions.screenable_consumers(user):
        raise PermissionDenied("只有负责处理公众来信的工作人员可以查看。")


@login_required
def manage_list(request):
    _require_screener(request.user)
    channels = list(selectors.channel_list_for(request.user))
    form = forms.FilterForm(channels, request.GET or None)
    qs = selectors.submission_list_for(request.user, **form.filters())
    if request.GET.get("format") == "xlsx":
        rows = [[s.tracking_code, s.channel.title, s.title, s.body, s.name, s.phone, s.org, s.address,
                 s.get_status_display(), s.public_reply, _local(s.created_at),
                 s.handled_by.name if s.handled_by_id else "", _local(s.handled_at)] for s in qs[:5000]]
        return xlsx_response("公众来信", HEADERS, rows)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    params = request.GET.copy()
    for name in ("page", "format"):
        params.pop(name, None)
    return render_page(request, "intake/manage_list.html", {
        "form": form, "page": page, "page_range": page.paginator.get_elided_page_range(page.number),
        "querystring": params.urlencode(), "channels": channels,
        "counts": selectors.status_counts(request.user)}, partial="results")


@login_required
def manage_detail(request, pk):
    sub = selectors.submission_get_for(request.user, pk)
    consumer = registry.get(sub.channel.consumer)
    return render(request, "intake/manage_detail.html", {
        "sub": sub, "consumer": consumer, "can_screen": permissions.can_screen(request.user, sub.channel),
        "next": request.GET.get("next", "")})


def _back(request, sub):
    nxt = request.POST.get("next", "")
    return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") else sub.get_absolute_url())


@login_required
@require_POST
def accept(request, pk):
    sub = selectors.submission_get_for(request.user, pk)
    try:
        _, result = services.submission_accept(submission=sub, by=request.user, reply=request.POST.get("reply", ""),
                                               note=request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return _back(request, sub)
    messages.success(request, "已采纳。提交人可通过查询码看到处理结果。")
    if result is not None and hasattr(result, "get_absolute_url") and not request.POST.get("next"):
        return redirect(result.get_absolute_url())
    return _back(request, sub)


@login_required
@require_POST
def reject(request, pk):
    sub = selectors.submission_get_for(request.user, pk)
    try:
        services.submission_reject(submission=sub, by=request.user, reason=request.POST.get("reason", ""),
                                   note=request.POST.get("note", ""))
    except ValidationError as exc:
        messages.error(request, "；".join(exc.messages))
        return _back(request, sub)
    messages.success(request, "已标记为不予采纳，理由已告知提交人（通过查询码查看）。")
    return _back(request, sub)


@login_required
def attachment(request, pk):
    sub = selectors.submission_get_for(request.user, pk)
    if not sub.attachment:
        raise Http404("该来信没有附件。")
    ctype = mimetypes.guess_type(sub.attachment)[0] or "application/octet-stream"
    return FileResponse(default_storage.open(sub.attachment, "rb"), as_attachment=True,
                        filename=sub.attachment_name or sub.attachment.rsplit("/", 1)[-1], content_type=ctype)


@login_required
def channels(request):
    if not permissions.can_manage_channels(request.user):
        raise PermissionDenied("只有系统管理员和负责处理公众来信的工作人员可以管理征集渠道。")
    rows = selectors.channel_list_for(request.user)
    return render(request, "intake/channels.html", {"channels": rows, "base": request.build_absolute_uri("/")[:-1]})


@login_required
def channel_edit(request, pk=None):
    user = request.user
    if not permissions.can_manage_channels(user):
        raise PermissionDenied("只有系统管理员和负责处理公众来信的工作人员可以管理征集渠道。")
    ch = selectors.channel_get_for(user, pk) if pk else None
    consumers = permissions.channel_consumers(user)
    initial = ({"code": ch.code, "title": ch.title, "consumer": ch.consumer, "intro": ch.intro, "body_hint": ch.body_hint,
                "is_open": ch.is_open} if ch else {"is_open": True})
    form = forms.ChannelForm(consumers, request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.channel_save(by=user, cppcc=user.cppcc, channel=ch, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, "；".join(exc.messages))
            else:
                messages.success(request, "征集渠道已保存。")
                return redirect("intake:channels")
    return render(request, "intake/channel_form.html", {"form": form, "ch": ch}, status=status)


__all__ = ["Submission"]
