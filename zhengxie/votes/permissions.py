"""Who may do what with a 表决. `can()` / `available_actions()` drive both the buttons and the service checks.

Managers: 提案委(办)、专委会工作人员 and administrators of the vote's 政协. Voters: the vote's electorate.
Leaders read every vote of their 政协 (counts once the vote is closed). Expected matrix: tests/test_workflow_matrix.py.
"""
from __future__ import annotations

from django.utils import timezone

from zhengxie.accounts.selectors import has_role, roles_of
from zhengxie.core.roles import READ_ALL_ROLES, Role

from .models import Elector, Participation, Vote
from .workflow import COUNTED_STATES, TRANSITIONS, Status

MANAGER_ROLES = (Role.PROPOSAL_STAFF, Role.COMMITTEE_STAFF, Role.ADMIN)


def _same_cppcc(user, obj) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "cppcc_id", None) == obj.cppcc_id


def can_create(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "cppcc_id", None) is not None \
        and has_role(user, *MANAGER_ROLES)


def can_manage(user, v: Vote) -> bool:
    return _same_cppcc(user, v) and has_role(user, *MANAGER_ROLES)


def can(user, action: str, v: Vote) -> bool:
    return (v.status, action) in TRANSITIONS and can_manage(user, v)


def available_actions(user, v: Vote) -> list[str]:
    if not can_manage(user, v):
        return []
    return [act for (s, act) in TRANSITIONS if s == v.status]


def reads_all(user, v: Vote) -> bool:
    return _same_cppcc(user, v) and bool(roles_of(user) & READ_ALL_ROLES)


def is_elector(user, v: Vote) -> bool:
    return _same_cppcc(user, v) and Elector.objects.filter(vote=v, user=user).exists()


def has_voted(user, v: Vote) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and Participation.objects.filter(vote=v, voter=user).exists()


def can_view(user, v: Vote) -> bool:
    if not _same_cppcc(user, v):
        return False
    if can_manage(user, v) or reads_all(user, v):
        return True
    return v.status != Status.DRAFT and is_elector(user, v)


def can_edit(user, v: Vote) -> bool:
    return v.status == Status.DRAFT and can_manage(user, v)


def window_problem(v: Vote, now=None) -> str:
    """Why a ballot cannot be cast now ('' when it can)."""
    now = now or timezone.now()
    if v.status != Status.OPEN:
        return f"该表决当前为「{Status(v.status).label}」，不能投票。"
    if v.opens_at and now < v.opens_at:
        return f"投票尚未开始，开始时间为{timezone.localtime(v.opens_at):%Y-%m-%d %H:%M}。"
    if v.closes_at and now > v.closes_at:
        return "投票已截止。"
    return ""


def can_cast(user, v: Vote) -> bool:
    return not window_problem(v) and is_elector(user, v) and not has_voted(user, v)


def can_see_counts(user, v: Vote) -> bool:
    """Counts per option: managers and leaders once closed; electors once published."""
    if v.status not in COUNTED_STATES or not _same_cppcc(user, v):
        return False
    if can_manage(user, v) or reads_all(user, v):
        return True
    return v.status == Status.PUBLISHED and is_elector(user, v)
