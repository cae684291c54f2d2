"""Who may see and do what in 履职积分/履职档案 (roles from accounts.selectors, never Django groups)."""
from zhengxie.accounts.selectors import roles_of
from zhengxie.core.roles import READ_ALL_ROLES, Role

RECOMPUTE_ROLES = frozenset({Role.ADMIN, Role.COMMITTEE_STAFF})
ADJUST_ROLES = frozenset({Role.ADMIN, Role.COMMITTEE_STAFF})
APPROVE_ROLES = frozenset({Role.ADMIN, Role.LEADER})
FREEZE_ROLES = frozenset({Role.ADMIN, Role.LEADER})


def _same(user, cppcc) -> bool:
    return bool(getattr(user, "cppcc_id", None)) and user.cppcc_id == getattr(cppcc, "pk", cppcc)


def own_member(user):
    return getattr(user, "member", None) if getattr(user, "is_authenticated", False) else None


def can_view_all(user, cppcc) -> bool:
    return _same(user, cppcc) and bool(roles_of(user) & READ_ALL_ROLES)


def can_view_member(user, member) -> bool:
    if not _same(user, member.cppcc_id):
        return False
    me = own_member(user)
    return (me is not None and me.pk == member.pk) or bool(roles_of(user) & READ_ALL_ROLES)


def can_recompute(user, cppcc) -> bool:
    return _same(user, cppcc) and bool(roles_of(user) & RECOMPUTE_ROLES)


def can_adjust(user, cppcc) -> bool:
    return _same(user, cppcc) and bool(roles_of(user) & ADJUST_ROLES)


def can_approve(user, adjustment) -> bool:
    return (_same(user, adjustment.cppcc_id) and bool(roles_of(user) & APPROVE_ROLES)
            and adjustment.requested_by_id != user.pk)


def can_freeze(user, cppcc) -> bool:
    return _same(user, cppcc) and bool(roles_of(user) & FREEZE_ROLES)


def can_write_report(user, member) -> bool:
    me = own_member(user)
    return me is not None and me.pk == member.pk and _same(user, member.cppcc_id)


def can_archive_report(user, report) -> bool:
    return _same(user, report.cppcc_id) and bool(roles_of(user) & ADJUST_ROLES)
