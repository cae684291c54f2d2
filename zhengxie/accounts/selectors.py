"""Who a user is on a date: roles from RoleAssignments valid on that date, scoped to the user's 政协."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhengxie.core.roles import READ_ALL_ROLES, STAFF_ROLES

from .models import Organisation, RoleAssignment, User


def active_assignments(user, on: dt.date | None = None) -> list[RoleAssignment]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    on = on or timezone.localdate()
    cache = user.__dict__.setdefault("_zx_assignments", {})
    if on not in cache:
        cache[on] = list(
            RoleAssignment.objects.filter(RoleAssignment.valid_on(on), user=user, cppcc_id=user.cppcc_id).select_related(
                "organisation"
            )
        )
    return cache[on]


def roles_of(user, on: dt.date | None = None) -> set[str]:
    return {a.role for a in active_assignments(user, on)}


def has_role(user, *roles: str, on: dt.date | None = None) -> bool:
    mine = roles_of(user, on)
    return any(r in mine for r in roles)


def is_staff_user(user) -> bool:
    return has_role(user, *STAFF_ROLES)


def can_read_all(user) -> bool:
    return has_role(user, *READ_ALL_ROLES)


def organisations_for_role(user, role: str, on: dt.date | None = None) -> list[Organisation]:
    return [a.organisation for a in active_assignments(user, on) if a.role == role and a.organisation_id]


def organisation_list_for(user, *, kind: str | None = None, q: str = ""):
    qs = Organisation.objects.filter(cppcc_id=user.cppcc_id).select_related("parent", "liaison")
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs.order_by("kind", "sort", "id")


def user_list_for(user, *, q: str = "", role: str = ""):
    qs = User.objects.filter(cppcc_id=user.cppcc_id)
    if q:
        from django.db.models import Q

        qs = qs.filter(Q(username__icontains=q) | Q(display_name__icontains=q))
    if role:
        qs = qs.filter(role_assignments__role=role).distinct()
    return qs.order_by("username")
