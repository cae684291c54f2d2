"""The one place an item's status changes, plus shared helpers of the 社情民意 services."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.core.writes import DENIED, recorded_write

from .. import permissions
from ..models import Opinion
from ..workflow import Action, next_status

KIND = "opinion"


def today() -> dt.date:
    return timezone.localdate()


def transition(o: Opinion, action: str, by, *, message: str = "", check: bool = True, data: dict | None = None,
               **updates) -> Opinion:
    """Move `o` by `action` (or record a fact): lock the row, check the permission (unless a cascade of an
    already-checked action), apply `updates`, write the timeline and audit rows."""
    with recorded_write(by=by, action=f"opinion.{action}", obj=o, message=message or Action(action).label) as w:
        locked = w.lock()
        if check and not permissions.can(by, action, locked):
            raise PermissionDenied(DENIED)
        new = next_status(locked.status, action)
        w.data = {"from": locked.status, "to": new, **(data or {})}
        locked.status = new
        for k, v in updates.items():
            setattr(locked, k, v)
        locked.save()
        return locked


def notify(recipients, title: str, body: str = "", url: str = "", by=None, cppcc=None) -> None:
    from zhengxie.notifications.services import notify as _notify

    users = [u for u in recipients if u is not None]
    if users:
        _notify(recipients=users, kind=KIND, title=title, body=body, url=url, by=by, cppcc=cppcc)


def author_users(o: Opinion) -> list:
    users = [o.reporter] + list(o.coauthors.all())
    return list({u.pk: u for u in users}.values())


def role_users(cppcc_id: int, role: str) -> list:
    from zhengxie.accounts.models import RoleAssignment

    qs = RoleAssignment.objects.filter(RoleAssignment.valid_on(today()), cppcc_id=cppcc_id, role=role).select_related("user")
    return list({ra.user.pk: ra.user for ra in qs}.values())
