from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from zhengxie.core.exceptions import ApplicationError

from . import selectors, services

INBOX = "notifications/inbox.html"


@login_required
def inbox(request):
    status, kind, q = request.GET.get("status", ""), request.GET.get("kind", ""), request.GET.get("q", "").strip()
    qs = selectors.inbox_for(request.user, unread_only=status == "unread", kind=kind or None, q=q)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(request, INBOX, {
        "page": page, "status": status, "kind": kind, "q": q, "kinds": selectors.kind_choices(),
        "querystring": params.urlencode(), "unread_total": selectors.unread_count(request.user),
    })


@login_required
@require_POST
def read(request, pk):
    note = services.notification_mark_read(notification=selectors.notification_get_for(request.user, pk), by=request.user)
    if request.htmx:
        return render(request, f"{INBOX}#row", {"n": note})
    safe = note.url and url_has_allowed_host_and_scheme(note.url, {request.get_host()}, request.is_secure())
    return redirect(note.url if safe else "notifications:inbox")


@login_required
@require_POST
def read_all(request):
    count = services.notification_mark_all_read(by=request.user)
    messages.success(request, f"已将 {count} 条消息标为已读。" if count else "没有未读消息。")
    return redirect("notifications:inbox")


@login_required
def preferences(request):
    status = 200
    if request.method == "POST":
        kind, user = request.POST.get("kind", ""), request.user
        try:
            if request.POST.get("action") == "reset":
                services.preference_reset(user=user, kind=kind, by=user)
            else:
                services.preference_set(user=user, kind=kind, channels=request.POST.getlist("channels"), by=user)
            messages.success(request, "通知设置已保存。")
            return redirect("notifications:preferences")
        except ApplicationError as exc:
            messages.error(request, exc.message)
            status = 400
    return render(request, "notifications/preferences.html", {"rows": selectors.preference_rows_for(request.user)}, status=status)
