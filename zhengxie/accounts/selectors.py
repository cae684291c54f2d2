"""Who a user is on a date: roles from RoleAssignments valid on that date, scoped to the user's 政协."""
from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zhengxie.core.roles import READ_ALL_ROLES, STAFF_ROLES

from .models import ApiToken, LoginAttempt, Organisation, RoleAssignment, User


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
        qs = qs.filter(Q(name__icontains=q) | Q(short_name__icontains=q) | Q(duty__icontains=q))
    return qs.order_by("kind", "sort", "id")


def organisation_get_for(user, pk) -> Organisation:
    return get_object_or_404(Organisation.objects.select_related("parent", "liaison"), pk=pk, cppcc_id=user.cppcc_id)


#: Order and grouping of the organisation page (承办单位 grouped by 系统).
TREE_KINDS = [
    Organisation.Kind.COMMITTEE,
    Organisation.Kind.PARTY,
    Organisation.Kind.PEOPLE_ORG,
    Organisation.Kind.SECTOR,
    Organisation.Kind.HANDLING_UNIT,
    Organisation.Kind.OFFICE,
    Organisation.Kind.MEMBER_HOME,
    Organisation.Kind.UPPER,
    Organisation.Kind.GROUP,
]


def _flatten(nodes: list[Organisation]) -> list[tuple[Organisation, int]]:
    """Depth-first order of a forest; nodes whose parent is outside the list become roots."""
    ids = {o.pk for o in nodes}
    children: dict[int | None, list[Organisation]] = {}
    for o in nodes:
        children.setdefault(o.parent_id if o.parent_id in ids else None, []).append(o)
    out: list[tuple[Organisation, int]] = []

    def walk(parent_id, depth):
        for o in children.get(parent_id, []):
            out.append((o, depth))
            walk(o.pk, depth + 1)

    walk(None, 0)
    return out


def organisation_tree_for(user, *, q: str = "", kind: str = "") -> list[dict]:
    """Sections per kind, each a list of (organisation, depth); 承办单位 split into groups by 系统."""
    orgs = list(organisation_list_for(user, q=q, kind=kind or None))
    sections = []
    for k in TREE_KINDS:
        of_kind = [o for o in orgs if o.kind == k]
        if not of_kind:
            continue
        if k == Organisation.Kind.HANDLING_UNIT:
            groups = []
            for code, label in Organisation.System.choices + [("", "未分系统")]:
                in_system = [o for o in of_kind if o.system == code]
                if in_system:
                    groups.append({"label": label, "rows": _flatten(in_system)})
        else:
            groups = [{"label": "", "rows": _flatten(of_kind)}]
        sections.append({"kind": k, "label": Organisation.Kind(k).label, "count": len(of_kind), "groups": groups})
    return sections


def user_list_for(user, *, q: str = "", role: str = "", status: str = ""):
    qs = User.objects.filter(cppcc_id=user.cppcc_id)
    if q:
        qs = qs.filter(
            Q(username__icontains=q) | Q(display_name__icontains=q) | Q(phone__icontains=q) | Q(email__icontains=q)
        )
    if role:
        today = timezone.localdate()
        holders = RoleAssignment.objects.filter(RoleAssignment.valid_on(today), role=role, cppcc_id=user.cppcc_id)
        qs = qs.filter(pk__in=holders.values("user_id"))
    if status == "active":
        qs = qs.filter(is_active=True)
    elif status == "inactive":
        qs = qs.filter(is_active=False)
    return qs.prefetch_related("role_assignments").order_by("username")


def user_get_for(user, pk) -> User:
    return get_object_or_404(User, pk=pk, cppcc_id=user.cppcc_id)


def users_of_cppcc(user):
    """Choices for 联络人 and the audit filter: the active users of the viewer's 政协."""
    return User.objects.filter(cppcc_id=user.cppcc_id, is_active=True).order_by("display_name", "username")


def current_role_labels(target, on: dt.date | None = None) -> list[str]:
    """Role labels valid today for a row of the user list (uses the prefetched assignments)."""
    on = on or timezone.localdate()
    labels = []
    for a in target.role_assignments.all():
        if a.valid_from <= on and (a.valid_to is None or a.valid_to >= on) and a.cppcc_id == target.cppcc_id:
            labels.append(a.get_role_display())
    return sorted(set(labels))


def assignments_of(target) -> list[RoleAssignment]:
    """Every assignment of a user, current and past, newest first."""
    return list(
        RoleAssignment.objects.filter(user=target, cppcc_id=target.cppcc_id)
        .select_related("organisation")
        .order_by("-valid_from", "role")
    )


def assignment_get_for(user, pk) -> RoleAssignment:
    return get_object_or_404(RoleAssignment.objects.select_related("user", "organisation"), pk=pk, cppcc_id=user.cppcc_id)


def api_tokens_of(user) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user).order_by("revoked_at", "-created_at"))


def api_token_get_for(user, pk) -> ApiToken:
    return get_object_or_404(ApiToken.objects.select_related("user"), pk=pk, user__cppcc_id=user.cppcc_id)


# Login security ------------------------------------------------------------------------------------

def login_key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def login_failures(username: str, *, now: dt.datetime | None = None) -> int:
    """Failures of this account name within the lock window and since its last success."""
    now = now or timezone.now()
    key = login_key(username)
    window_start = now - dt.timedelta(minutes=settings.LOGIN_LOCK_MINUTES)
    last_success = (
        LoginAttempt.objects.filter(username=key, success=True).order_by("-at").values_list("at", flat=True).first()
    )
    qs = LoginAttempt.objects.filter(username=key, success=False, at__gte=window_start)
    if last_success:
        qs = qs.filter(at__gt=last_success)
    return qs.count()


def login_is_locked(username: str, *, now: dt.datetime | None = None) -> bool:
    return login_failures(username, now=now) >= settings.LOGIN_MAX_FAILURES


def login_attempts_of(target, limit: int = 10) -> list[LoginAttempt]:
    return list(LoginAttempt.objects.filter(username=login_key(target.username)).order_by("-at")[:limit])


def user_by_login_name(username: str) -> User | None:
    return User.objects.filter(username__iexact=(username or "").strip()).select_related("cppcc").first()
