"""Scoped reads of public intake."""
from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from . import permissions
from .models import Channel, Submission


def public_channel(cppcc_code: str, channel_code: str) -> Channel:
    ch = Channel.objects.select_related("cppcc").filter(cppcc__code=cppcc_code, code=channel_code).first()
    if ch is None:
        raise Http404("没有这个征集渠道，请检查网址。")
    return ch


def open_channels() -> QuerySet:
    return Channel.objects.select_related("cppcc").filter(is_open=True).order_by("cppcc__level", "cppcc_id", "id")


def track(code: str) -> Submission | None:
    """The submission with this tracking code (the public page shows its status and public reply only)."""
    from .services import normalize_code

    code = normalize_code(code)
    if not code:
        return None
    return Submission.objects.select_related("channel", "cppcc").filter(tracking_code=code).first()


def channel_list_for(user) -> QuerySet:
    if not getattr(user, "is_authenticated", False) or not user.cppcc_id:
        return Channel.objects.none()
    qs = Channel.objects.filter(cppcc_id=user.cppcc_id).select_related("cppcc")
    from zhengxie.accounts.selectors import has_role

    if not has_role(user, "admin"):
        qs = qs.filter(consumer__in=permissions.screenable_consumers(user))
    return qs.annotate(n_total=Count("submissions"), n_new=Count("submissions", filter=Q(submissions__status="new")))


def channel_get_for(user, pk) -> Channel:
    ch = channel_list_for(user).filter(pk=pk).first()
    if ch is None:
        raise Http404("没有找到该渠道，或您无权查看。")
    return ch


def submission_list_for(user, *, q: str = "", status: str = "", channel=None, consumer: str = "", date_from=None,
                        date_to=None) -> QuerySet:
    """Submissions of the channels the user screens (their 政协, their consumers' channels only)."""
    if not getattr(user, "is_authenticated", False) or not user.cppcc_id:
        return Submission.objects.none()
    qs = Submission.objects.filter(cppcc_id=user.cppcc_id,
                                   channel__consumer__in=permissions.screenable_consumers(user))
    if consumer:
        qs = qs.filter(channel__consumer=consumer)
    if channel:
        qs = qs.filter(channel_id=getattr(channel, "pk", channel))
    if status:
        qs = qs.filter(status=status)
    if q:
        q = q.strip()
        qs = qs.filter(Q(title__icontains=q) | Q(body__icontains=q) | Q(name__icontains=q) | Q(phone__contains=q)
                       | Q(tracking_code__iexact=q) | Q(org__icontains=q))
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs.select_related("channel", "handled_by").order_by("-created_at", "-id")


def submission_get_for(user, pk) -> Submission:
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404 from None
    sub = submission_list_for(user).filter(pk=pk).first()
    if sub is None:
        raise Http404("没有找到该来信，或您无权查看。")
    return sub


def status_counts(user, consumer: str = "") -> dict[str, int]:
    qs = submission_list_for(user, consumer=consumer)
    return dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
