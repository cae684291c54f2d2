"""Who may do what in 民主评议 and 评优. One rule per workflow table entry (workflow.py: roles per transition).

提案委(办) and administrators manage; leaders and other staff read; a 承办单位 sees the rounds it is evaluated
in (its own results and 整改 items) and reports on its own 整改 items.
"""
from __future__ import annotations

from zhengxie.accounts.selectors import organisations_for_role, roles_of
from zhengxie.core.roles import READ_ALL_ROLES, Role

from .models import Appraisal, AwardRound, Rectification
from .workflow import (
    AWARD_TRANSITIONS,
    RECT_TRANSITIONS,
    RECTIFY_STATES,
    STAFF,
    TRANSITIONS,
    AwardStatus,
    Status,
)


def _same(user, obj) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "cppcc_id", None) == obj.cppcc_id


def is_manager(user) -> bool:
    return bool(roles_of(user) & STAFF)


def reads_all(user) -> bool:
    return bool(roles_of(user) & (READ_ALL_ROLES | {Role.SUPERVISING_OFFICE}))


def unit_ids(user) -> set[int]:
    return {o.pk for o in organisations_for_role(user, Role.HANDLING_UNIT)}


def _allowed(table, state: str, action: str, user, obj) -> bool:
    entry = table.get((state, action))
    return entry is not None and _same(user, obj) and bool(roles_of(user) & entry[0])


# Appraisal -------------------------------------------------------------------------------------------------

def can(user, action: str, a: Appraisal) -> bool:
    return _allowed(TRANSITIONS, a.status, action, user, a)


def available_actions(user, a: Appraisal) -> list[str]:
    return [act for (s, act) in TRANSITIONS if s == a.status and can(user, act, a)]


def can_create(user) -> bool:
    return bool(getattr(user, "cppcc_id", None)) and is_manager(user)


def can_manage(user, a: Appraisal) -> bool:
    return _same(user, a) and is_manager(user)


def can_edit(user, a: Appraisal) -> bool:
    """Units, participants and meeting data: before the vote opens."""
    return a.status == Status.DRAFT and can_manage(user, a)


def is_evaluated_unit(user, a: Appraisal) -> bool:
    ids = unit_ids(user)
    return bool(ids) and a.units.filter(unit_id__in=ids).exists()


def can_view(user, a: Appraisal) -> bool:
    if not _same(user, a):
        return False
    if is_manager(user) or reads_all(user):
        return True
    return a.status not in (Status.DRAFT, Status.CANCELLED) and is_evaluated_unit(user, a)


def can_add_rectification(user, a: Appraisal) -> bool:
    return a.status in RECTIFY_STATES and can_manage(user, a)


# 整改 ---------------------------------------------------------------------------------------------------

def can_rect(user, action: str, r: Rectification) -> bool:
    if r.entry.appraisal.status not in RECTIFY_STATES:
        return False
    if not _allowed(RECT_TRANSITIONS, r.state, action, user, r):
        return False
    entry_roles = RECT_TRANSITIONS[(r.state, action)][0]
    if Role.HANDLING_UNIT in entry_roles:
        return r.entry.unit_id in unit_ids(user)
    return True


def rect_actions(user, r: Rectification) -> list[str]:
    return [act for (s, act) in RECT_TRANSITIONS if s == r.state and can_rect(user, act, r)]


# 评优 ---------------------------------------------------------------------------------------------------

def can_award(user, action: str, r: AwardRound) -> bool:
    return _allowed(AWARD_TRANSITIONS, r.status, action, user, r)


def award_actions(user, r: AwardRound) -> list[str]:
    return [act for (s, act) in AWARD_TRANSITIONS if s == r.status and can_award(user, act, r)]


def can_view_award(user, r: AwardRound) -> bool:
    if not _same(user, r):
        return False
    return is_manager(user) or reads_all(user) or r.status == AwardStatus.APPROVED


def can_nominate(user, r: AwardRound) -> bool:
    return r.status == AwardStatus.NOMINATING and _same(user, r) and is_manager(user)


def can_judge(user, r: AwardRound) -> bool:
    """入选 / 未入选 of a nomination: while the round is being reviewed."""
    return r.status == AwardStatus.REVIEWING and _same(user, r) and is_manager(user)
