from django.db.models import Q
from django.shortcuts import get_object_or_404

from zhengxie.core import config

from . import kinds
from .models import Channel, Notification, Preference


def _mine(user):
    return Notification.objects.filter(recipient=user, cppcc_id=user.cppcc_id, in_inbox=True)


def unread_count(user) -> int:
    return _mine(user).filter(read_at__isnull=True).count()


def inbox_for(user, *, unread_only: bool = False, kind: str | None = None, q: str = ""):
    qs = _mine(user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    if kind:
        qs = qs.filter(kind=kind)
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(body__icontains=q))
    return qs.order_by("-created_at", "-id")


def notification_get_for(user, pk) -> Notification:
    """One of the user's own messages; anybody else's → 404."""
    return get_object_or_404(_mine(user), pk=pk)


def channels_for(user, kind: str, *, prefs: dict | None = None, default: list | None = None) -> list[str]:
    """The user's channels for a kind: their setting for the kind, else their '*' setting, else the default."""
    if prefs is None:
        prefs = dict(Preference.objects.filter(user=user, kind__in=[kind, kinds.ALL]).values_list("kind", "channels"))
    chosen = prefs.get(kind)
    if chosen is None:
        chosen = prefs.get(kinds.ALL)
    if chosen is None:
        chosen = default
    if chosen is None:
        chosen = config.get("notifications.default_channels", cppcc=user.cppcc_id)
    valid = set(Channel.values)
    return [c for c in dict.fromkeys(chosen or []) if c in valid]


def kind_choices() -> list[tuple[str, str]]:
    return kinds.kinds()


def preference_rows_for(user) -> list[dict]:
    """One row per kind ('*' first): the channels in force and whether the user set them for this kind."""
    own = dict(Preference.objects.filter(user=user).values_list("kind", "channels"))
    rows = []
    for code, label in [(kinds.ALL, kinds.ALL_LABEL), *kinds.kinds()]:
        effective = channels_for(user, code, prefs=own)
        rows.append({
            "kind": code, "label": label, "channels": effective, "custom": code in own,
            "options": [(value, text, value in effective) for value, text in Channel.choices],
        })
    return rows
