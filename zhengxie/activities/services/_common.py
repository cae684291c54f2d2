"""The one place an activity's or a leave request's state changes, plus shared helpers."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.core.writes import DENIED, recorded_write

from .. import permissions
from ..models import Activity, LeaveRequest
from ..workflow import Action, LeaveAction, next_leave_state, next_status

KIND = "activity"


def now() -> dt.datetime:
    return timezone.now()


def transition(a: Activity, action: str, by, *, message: str = "", data: dict | None = None, **updates) -> Activity:
    """Move `a` by `action`: lock, check `permissions.can`, apply `updates`, write timeline + audit rows."""
    with recorded_write(by=by, action=f"activity.{action}", obj=a, allowed=permissions.is_organiser(by, a),
                        message=message or Action(action).label) as w:
        locked = w.lock()
        new = next_status(locked.status, action)
        if not permissions.can(by, action, locked):
            raise PermissionDenied(DENIED)
        w.data = {"from": locked.status, "to": new, **(data or {})}
        locked.status = new
        for k, v in updates.items():
            setattr(locked, k, v)
        locked.save()
        return locked


def leave_transition(leave: LeaveRequest, action: str, by, *, message: str = "", **updates) -> LeaveRequest:
    with recorded_write(by=by, action=f"leave.{action}", obj=leave, message=message or LeaveAction(action).label) as w:
        locked = w.lock()
        new = next_leave_state(locked.state, action)
        if not permissions.can_leave(by, action, locked):
            raise PermissionDenied(DENIED)
        w.data = {"from": locked.state, "to": new}
        locked.state = new
        for k, v in updates.items():
            setattr(locked, k, v)
        locked.save()
        return locked


def notify(recipients, title: str, body: str = "", url: str = "", by=None, cppcc=None) -> None:
    from zhengxie.notifications.services import notify as _notify

    users = [u for u in recipients if u is not None]
    if users:
        _notify(recipients=users, kind=KIND, title=title, body=body, url=url, by=by, cppcc=cppcc)


def member_users(members) -> list:
    return [m.user for m in members if m.user_id]


def when(value: dt.datetime) -> str:
    local = timezone.localtime(value)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"
