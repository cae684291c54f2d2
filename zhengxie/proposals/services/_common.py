"""The one place a proposal's status changes, plus shared helpers of the proposal services."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.core import config, workdays
from zhengxie.core.writes import DENIED, recorded_write

from .. import permissions
from ..models import Proposal
from ..search import reindex_proposal
from ..workflow import Action, next_status

KIND = "proposal"


def today() -> dt.date:
    return timezone.localdate()


def due(start: dt.date, key: str, cppcc_id: int) -> dt.date:
    return workdays.due_date(start, config.get(key, cppcc=cppcc_id, on=start))


def transition(p: Proposal, action: str, by, *, message: str = "", check: bool = True, data: dict | None = None,
               **updates) -> Proposal:
    """Move `p` by `action`: lock the row, check the permission (unless a cascade of an already-checked
    action), apply `updates`, write the timeline and audit rows. Returns the locked, updated proposal."""
    with recorded_write(by=by, action=f"proposal.{action}", obj=p,
                        message=message or Action(action).label) as w:
        locked = w.lock()
        if check and not permissions.can(by, action, locked):
            raise PermissionDenied(DENIED)
        new = next_status(locked.status, action)
        w.data = {"from": locked.status, "to": new, **(data or {})}
        locked.status = new
        for k, v in updates.items():
            setattr(locked, k, v)
        locked.save()
        reindex_proposal(locked)  # the search index follows every status change, on commit
        return locked


def notify(recipients, title: str, body: str = "", url: str = "", by=None, cppcc=None) -> None:
    from zhengxie.notifications.services import notify as _notify

    users = [u for u in recipients if u is not None]
    if users:
        _notify(recipients=users, kind=KIND, title=title, body=body, url=url, by=by, cppcc=cppcc)


def proposer_users(p: Proposal, *, include_cosigners: bool = True) -> list:
    from zhengxie.accounts.models import RoleAssignment
    from zhengxie.core.roles import Role

    from ..models import CoSigner

    users = []
    if p.lead_member_id and p.lead_member.user_id:
        users.append(p.lead_member.user)
    if include_cosigners:
        for c in p.cosigners.filter(state=CoSigner.State.CONFIRMED).select_related("member__user"):
            if c.member.user_id:
                users.append(c.member.user)
    if p.proposer_org_id:
        for ra in RoleAssignment.objects.filter(RoleAssignment.valid_on(today()), organisation_id=p.proposer_org_id,
                                                role=Role.ORG_SUBMITTER).select_related("user"):
            users.append(ra.user)
    return list({u.pk: u for u in users}.values())


def unit_users(unit_ids) -> list:
    from zhengxie.accounts.models import RoleAssignment
    from zhengxie.core.roles import Role

    qs = RoleAssignment.objects.filter(RoleAssignment.valid_on(today()), organisation_id__in=list(unit_ids),
                                       role=Role.HANDLING_UNIT).select_related("user")
    return list({ra.user.pk: ra.user for ra in qs}.values())


def role_users(cppcc_id: int, role: str) -> list:
    from zhengxie.accounts.models import RoleAssignment

    qs = RoleAssignment.objects.filter(RoleAssignment.valid_on(today()), cppcc_id=cppcc_id, role=role).select_related("user")
    return list({ra.user.pk: ra.user for ra in qs}.values())
