"""Who may manage accounts: only an `admin` of the same 政协 (never Django's is_staff/groups)."""
from __future__ import annotations

from zhengxie.core.roles import Role

from .selectors import has_role


def can_manage_accounts(user, cppcc_id: int | None = None) -> bool:
    """May `user` manage users, roles and organisations of 政协 `cppcc_id` (default: their own)?"""
    if not has_role(user, Role.ADMIN):
        return False
    return cppcc_id is None or user.cppcc_id == cppcc_id


def can_manage_token(user, token) -> bool:
    return token.user_id == user.pk or can_manage_accounts(user, token.user.cppcc_id)
