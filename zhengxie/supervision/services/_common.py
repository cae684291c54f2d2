"""Shared helpers of the 重点提案与督办 services: timeline rows on the proposal, notifications."""
from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.writes import _jsonable
from zhengxie.proposals.models import Proposal

KIND = "supervision"


def today() -> dt.date:
    return timezone.localdate()


def proposal_event(proposal: Proposal, *, by, verb: str, message: str, data: dict | None = None) -> Event:
    """A row in the proposal's 办理进程 timeline (the caller is inside a recorded_write transaction)."""
    return Event.objects.create(cppcc_id=proposal.cppcc_id, content_type=ContentType.objects.get_for_model(Proposal),
                                object_id=str(proposal.pk), verb=verb, message=message[:500],
                                actor=by if getattr(by, "pk", None) else None, data=_jsonable(data or {}))


def notify(recipients, title: str, body: str = "", url: str = "", by=None, cppcc=None) -> None:
    from zhengxie.notifications.services import notify as _notify

    users = list({u.pk: u for u in recipients if u is not None}.values())
    if users:
        _notify(recipients=users, kind=KIND, title=title, body=body, url=url, by=by, cppcc=cppcc)


def text(value, label: str, *, field: str, required: bool = True, max_len: int | None = None) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ApplicationError(f"请填写{label}。", field=field)
    if max_len and len(value) > max_len:
        raise ApplicationError(f"{label}不能超过{max_len}个字。", field=field)
    return value


def date(value, label: str, *, field: str, required: bool = True) -> dt.date | None:
    if value in (None, ""):
        if required:
            raise ApplicationError(f"请填写{label}。", field=field)
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise ApplicationError(f"{label}格式不正确，请按“2026-03-15”填写。", field=field) from None


def proposal_label(p: Proposal) -> str:
    return f"{p.number_display}「{p.title}」" if p.number is not None else f"「{p.title}」"
