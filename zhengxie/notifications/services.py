"""Notifications: the one `notify()` every module calls, plus read marks and channel preferences."""
from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.selectors import has_role
from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.core.writes import recorded_write

from . import backends, kinds
from .models import Channel, Delivery, Notification, Preference
from .selectors import channels_for

log = logging.getLogger("zhengxie.notifications")


def _user_model():
    from django.contrib.auth import get_user_model

    return get_user_model()


def notify(*, recipients, kind: str, title: str, body: str = "", url: str = "", by=None, cppcc=None) -> None:
    """Send a notification to users of one 政协 once the surrounding transaction commits.

    `recipients`: users or user ids; those of another 政协 (or inactive) are dropped silently.
    The 政协 is `cppcc` if given, else the acting user's. Nothing is sent if the transaction rolls back.
    """
    cppcc_id = getattr(cppcc, "pk", cppcc) or getattr(by, "cppcc_id", None)
    if not cppcc_id:
        raise ApplicationError("发送通知时必须指明所属政协。")
    ids = sorted({getattr(r, "pk", r) for r in recipients if r is not None})
    if not ids:
        return
    if not kinds.is_registered(kind):
        log.warning("未登记的通知类型 %s（请在应用的 ready() 中 register_kind）", kind)
    send = partial(_deliver, ids, cppcc_id, kind, title[:200], body, url[:300])
    transaction.on_commit(send, robust=True)


def _deliver(user_ids: list[int], cppcc_id: int, kind: str, title: str, body: str, url: str) -> None:
    users = list(_user_model().objects.filter(pk__in=user_ids, cppcc_id=cppcc_id, is_active=True))
    rows = Preference.objects.filter(user__in=users, kind__in=[kind, kinds.ALL]).values_list("user_id", "kind", "channels")
    prefs: dict[int, dict] = {}
    for user_id, pref_kind, chans in rows:
        prefs.setdefault(user_id, {})[pref_kind] = chans
    default = config.get("notifications.default_channels", cppcc=cppcc_id)
    for user in users:
        try:
            channels = channels_for(user, kind, prefs=prefs.get(user.pk, {}), default=default)
            if channels:
                _deliver_one(user, cppcc_id, kind, title, body, url, channels)
        except Exception:  # one recipient's trouble must not stop the others
            log.exception("通知发送失败：用户 %s，类型 %s", user.pk, kind)


def _deliver_one(user, cppcc_id, kind, title, body, url, channels: list[str]) -> None:
    note = Notification.objects.create(
        cppcc_id=cppcc_id, recipient=user, kind=kind, title=title, body=body, url=url,
        in_inbox=Channel.INBOX in channels,
    )
    for channel in channels:
        if channel == Channel.INBOX:
            continue
        try:
            status, address, error = _send(channel, user, title, body, url)
        except Exception as exc:
            log.exception("通知渠道 %s 发送失败：用户 %s", channel, user.pk)
            status, address, error = backends.FAILED, "", f"{type(exc).__name__}: {exc}"
        Delivery.objects.create(
            notification=note, channel=channel, address=(address or "")[:200], status=status, error=(error or "")[:300]
        )


def _send(channel: str, user, title: str, body: str, url: str) -> tuple[str, str, str]:
    if channel == Channel.EMAIL:
        address = (user.email or "").strip()
        if not address:
            return backends.SKIPPED, "", "用户未登记电子邮箱"
        link = f"{getattr(settings, 'ZX_SITE_URL', '')}{url}" if url else ""
        text = "\n\n".join(p for p in [body, f"查看详情：{link}" if link else "", "—— 智慧政协（系统自动发送，请勿回复）"] if p)
        send_mail(f"【智慧政协】{title}", text, None, [address])
        return backends.SENT, address, ""
    return backends.backend_for(channel).send(user, title, body, url)


# Read marks ----------------------------------------------------------------------------------------
def notification_mark_read(*, notification: Notification, by) -> Notification:
    allowed = notification.recipient_id == getattr(by, "pk", None)
    if allowed and notification.read_at is not None:
        return notification
    with recorded_write(by=by, action="notification.read", obj=notification, allowed=allowed,
                        message="标记消息为已读", timeline=False) as w:
        w.obj.read_at = timezone.now()
        w.obj.save(update_fields=["read_at"])
    return w.obj


def notification_mark_all_read(*, by) -> int:
    with recorded_write(by=by, action="notification.read_all", allowed=getattr(by, "is_authenticated", False),
                        message="全部消息标为已读", timeline=False):
        count = Notification.objects.filter(recipient=by, read_at__isnull=True).update(read_at=timezone.now())
    return count


# Preferences ---------------------------------------------------------------------------------------
def _may_set_preferences(by, user) -> bool:
    if getattr(by, "pk", None) == user.pk:
        return True
    return has_role(by, Role.ADMIN) and by.cppcc_id == user.cppcc_id


def _check_kind(kind: str) -> None:
    if kind != kinds.ALL and not kinds.is_registered(kind):
        raise ApplicationError(f"没有「{kind}」这种通知类型。", field="kind")


def preference_set(*, user, kind: str, channels, by) -> Preference:
    _check_kind(kind)
    chosen = list(dict.fromkeys(c.strip() for c in channels if c and c.strip()))
    unknown = [c for c in chosen if c not in Channel.values]
    if unknown:
        raise ApplicationError(f"未知的通知渠道：{'、'.join(unknown)}。可选：站内消息、电子邮件、短信、微信。", field="channels")
    if not chosen:
        raise ApplicationError("请至少选择一种接收方式；不想单独设置时请点“恢复默认”。", field="channels")
    chosen = [c for c in Channel.values if c in chosen]
    pref = Preference.objects.filter(user=user, kind=kind).first()
    label = kinds.label_for(kind)
    with recorded_write(by=by, action="notification.preference_set", obj=pref, allowed=_may_set_preferences(by, user),
                        message=f"设置「{label}」的通知渠道", timeline=False) as w:
        if pref is None:
            w.obj = Preference.objects.create(user=user, kind=kind, channels=chosen)
        else:
            w.obj.channels = chosen
            w.obj.save(update_fields=["channels"])
    return w.obj


def preference_reset(*, user, kind: str, by) -> None:
    """Drop the user's own setting for a kind so that the '*' setting (or the 政协's default) applies."""
    _check_kind(kind)
    pref = Preference.objects.filter(user=user, kind=kind).first()
    if pref is None:
        return
    with recorded_write(by=by, action="notification.preference_reset", obj=pref, allowed=_may_set_preferences(by, user),
                        message=f"恢复「{kinds.label_for(kind)}」的默认通知渠道", timeline=False):
        Preference.objects.filter(pk=pref.pk).delete()
