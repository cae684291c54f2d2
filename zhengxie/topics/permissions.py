"""Who may do what with 线索, 选题 and the 选题目录."""
from __future__ import annotations

from zhengxie.accounts.selectors import has_role
from zhengxie.core.roles import Role

#: Roles that propose 线索 themselves (departments, experts) besides 提案委 staff.
CLUE_ROLES = (Role.HANDLING_UNIT, Role.EXPERT, Role.PROPOSAL_STAFF)


def _same(user, obj) -> bool:
    return getattr(user, "cppcc_id", None) is not None and getattr(user, "cppcc_id", None) == obj.cppcc_id


def is_staff(user, obj=None) -> bool:
    """提案委(办) of the record's 政协 (or of any 政协 when obj is None)."""
    return (obj is None or _same(user, obj)) and has_role(user, Role.PROPOSAL_STAFF)


def can_submit_clue(user) -> bool:
    return has_role(user, *CLUE_ROLES)


def can_view_clue(user, clue) -> bool:
    return is_staff(user, clue) or (_same(user, clue) and clue.created_by_id == getattr(user, "pk", None))


def can_screen_clue(user, clue) -> bool:
    return is_staff(user, clue)


def can_view_catalogue(user, catalogue) -> bool:
    if is_staff(user, catalogue):
        return True
    return _same(user, catalogue) and catalogue.is_published


def can_edit_catalogue(user, catalogue) -> bool:
    return is_staff(user, catalogue)


def can_cite(user, proposal) -> bool:
    """提案委 at any time; the proposer while the proposal is editable (草稿/退回修改)."""
    from zhengxie.proposals import permissions as pp

    if is_staff(user, proposal):
        return True
    return pp.can_edit(user, proposal)
