"""Scoped reads of 委员, 任职, 届次 and 会议: always the viewer's own 政协, checked against permissions."""
from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Prefetch, Q, Value
from django.db.models.functions import Coalesce, NullIf
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core.models import Cppcc, Event

from . import permissions
from .models import Meeting, Member, Membership, Term

DENIED_DIRECTORY = "您的角色不能查看委员名录。"
DENIED_MEETINGS = "您的角色不能查看会议信息。"
DENIED_COUNTY = "仅市政协的工作人员和领导可以查看县区委员统计。"


def _today() -> dt.date:
    return timezone.localdate()


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _as_id(value):
    if value in (None, ""):
        return None
    value = getattr(value, "pk", value)
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# Members ------------------------------------------------------------------------------------------

def seat_queryset(cppcc_id: int, *, on: dt.date | None = None, term=None, sector=None, committee=None, party=None,
                  standing=None):
    """The memberships that put a member in the list: valid on `on`, or any of `term`, plus the filters."""
    qs = Membership.objects.filter(cppcc_id=cppcc_id)
    term_id = _as_id(term)
    if term_id:
        qs = qs.filter(term_id=term_id)
    else:
        qs = qs.filter(Membership.valid_on(on or _today()))
    for name, value in (("sector_id", sector), ("committee_id", committee), ("party_id", party)):
        value_id = _as_id(value)
        if value_id:
            qs = qs.filter(**{name: value_id})
    if standing is not None and standing != "":
        qs = qs.filter(is_standing=standing in (True, "1", "true", "yes", "是"))
    return qs


def _initials_expr():
    return Coalesce(NullIf(F("pinyin_override"), Value("")), F("pinyin_initials"))


def member_list_for(user, *, q: str = "", sector=None, committee=None, party=None, term=None, standing=None,
                    on: dt.date | None = None):
    """Members of the user's 政协 with a matching seat; each row has `.seats` (the matching memberships,
    newest first, with 届次/界别/专委会/党派 loaded) and `.initials` (override or computed)."""
    _require(permissions.can_view_directory(user), DENIED_DIRECTORY)
    seats = seat_queryset(user.cppcc_id, on=on, term=term, sector=sector, committee=committee, party=party,
                          standing=standing)
    qs = Member.objects.filter(cppcc_id=user.cppcc_id, pk__in=seats.values("member_id")).annotate(initials=_initials_expr())
    q = (q or "").strip()
    if q and q.isascii() and q.isalpha():  # pinyin initials (override or computed): an index range, no UPPER()
        lo = q.lower()
        hi = lo[:-1] + chr(ord(lo[-1]) + 1)
        qs = qs.filter(Q(pinyin_override="", pinyin_initials__gte=lo, pinyin_initials__lt=hi)
                       | Q(pinyin_override__gte=lo, pinyin_override__lt=hi))
    elif q and q.isascii():  # digits or other Latin text in a name or 单位
        qs = qs.filter(Q(name__icontains=q) | Q(employer__icontains=q))
    elif q:  # Chinese text has no case: a plain LIKE is enough
        qs = qs.filter(Q(name__contains=q) | Q(employer__contains=q))
    seat_rows = seats.select_related("term", "sector", "committee", "party").order_by("-start_date", "-id")
    # Sorted by the stored initials so PostgreSQL walks the (cppcc, pinyin_initials) index and stops at the page.
    return qs.prefetch_related(Prefetch("memberships", queryset=seat_rows, to_attr="seats")).order_by("pinyin_initials", "id")


def member_get_for(user, pk) -> Member:
    _require(permissions.can_view_directory(user), DENIED_DIRECTORY)
    memberships = Membership.objects.select_related("term", "sector", "committee", "party").order_by("-start_date", "-id")
    qs = Member.objects.filter(cppcc_id=user.cppcc_id).annotate(initials=_initials_expr())
    return get_object_or_404(qs.prefetch_related(Prefetch("memberships", queryset=memberships, to_attr="all_seats")), pk=pk)


def member_for_user(user) -> Member | None:
    """The directory record linked to this login, if any."""
    return Member.objects.filter(user_id=user.pk, cppcc_id=user.cppcc_id).first()


def membership_on(member: Member, day: dt.date | None = None) -> Membership | None:
    """The member's seat valid on `day` (newest start if several), or None."""
    return (
        Membership.objects.filter(Membership.valid_on(day or _today()), member=member)
        .select_related("term", "sector", "committee", "party")
        .order_by("-start_date", "-id")
        .first()
    )


def seat_valid_on(seats, day: dt.date | None = None) -> Membership | None:
    """Of already-loaded seats (newest first), the one valid on `day`, else the newest."""
    day = day or _today()
    valid = [s for s in seats if s.start_date <= day and (s.end_date is None or s.end_date >= day)]
    return valid[0] if valid else (seats[0] if seats else None)


def membership_get_for(user, pk) -> Membership:
    _require(permissions.can_view_directory(user), DENIED_DIRECTORY)
    return get_object_or_404(Membership.objects.select_related("member", "term", "sector"), pk=pk, cppcc_id=user.cppcc_id)


def member_timeline(member: Member) -> list[Event]:
    """Timeline rows of the member and of their memberships, newest first."""
    seat_ids = [str(pk) for pk in Membership.objects.filter(member=member).values_list("pk", flat=True)]
    member_ct = ContentType.objects.get_for_model(Member)
    seat_ct = ContentType.objects.get_for_model(Membership)
    rows = Event.objects.filter(cppcc_id=member.cppcc_id).filter(
        Q(content_type=member_ct, object_id=str(member.pk)) | Q(content_type=seat_ct, object_id__in=seat_ids)
    )
    return list(rows.select_related("actor").order_by("-at", "-id")[:200])


def organisations_of_kind(user, kind: str):
    return Organisation.objects.filter(cppcc_id=user.cppcc_id, kind=kind, is_active=True).order_by("sort", "id")


def directory_filter_options(user) -> dict[str, list[tuple[str, str]]]:
    """Choices of the directory filters (界别, 专委会, 党派, 届次) in two plain queries."""
    kinds = {Organisation.Kind.SECTOR: "sector", Organisation.Kind.COMMITTEE: "committee", Organisation.Kind.PARTY: "party"}
    options: dict[str, list[tuple[str, str]]] = {key: [] for key in kinds.values()}
    rows = Organisation.objects.filter(cppcc_id=user.cppcc_id, kind__in=list(kinds), is_active=True).order_by("sort", "id")
    for pk, kind, name in rows.values_list("pk", "kind", "name"):
        options[kinds[kind]].append((str(pk), name))
    options["term"] = term_choices(user)
    return options


def term_choices(user) -> list[tuple[str, str]]:
    return [(str(pk), name) for pk, name in Term.objects.filter(cppcc_id=user.cppcc_id).order_by("-number").values_list("pk", "name")]


def organisation_lookup(cppcc_id: int, kind: str) -> dict[str, Organisation]:
    """Name (and short name) → organisation, for the import."""
    out: dict[str, Organisation] = {}
    for org in Organisation.objects.filter(cppcc_id=cppcc_id, kind=kind).order_by("-is_active", "sort", "id"):
        for key in (org.name, org.short_name):
            if key and key.strip() not in out:
                out[key.strip()] = org
    return out


def existing_members_by_name_phone(cppcc_id: int) -> dict[tuple[str, str], Member]:
    return {(m.name, m.phone): m for m in Member.objects.filter(cppcc_id=cppcc_id).exclude(phone="")}


def member_ids_in_term(term) -> set[int]:
    return set(Membership.objects.filter(term=term).values_list("member_id", flat=True))


# Terms and meetings -------------------------------------------------------------------------------

def term_list_for(user):
    return Term.objects.filter(cppcc_id=user.cppcc_id).annotate(
        meeting_count=Count("meetings", distinct=True)
    ).order_by("-number")


def term_get_for(user, pk) -> Term:
    return get_object_or_404(Term, pk=pk, cppcc_id=user.cppcc_id)


def term_current(cppcc, on: dt.date | None = None) -> Term | None:
    """The 届 running on `on` (default today); if none runs, the newest one."""
    on = on or _today()
    cppcc_id = getattr(cppcc, "pk", cppcc)
    terms = Term.objects.filter(cppcc_id=cppcc_id)
    running = terms.filter(Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on))).order_by("-number")
    return running.first() or terms.order_by("-number").first()


def meeting_list_for(user, *, kind: str | None = None, term=None):
    _require(permissions.can_view_meetings(user), DENIED_MEETINGS)
    qs = Meeting.objects.filter(cppcc_id=user.cppcc_id).select_related("term").annotate(sitting_count=Count("sittings"))
    if kind:
        qs = qs.filter(kind=kind)
    term_id = _as_id(term)
    if term_id:
        qs = qs.filter(term_id=term_id)
    return qs.order_by("-start_date", "-id")


def meeting_get_for(user, pk) -> Meeting:
    _require(permissions.can_view_meetings(user), DENIED_MEETINGS)
    return get_object_or_404(Meeting.objects.select_related("term").prefetch_related("sittings"), pk=pk,
                             cppcc_id=user.cppcc_id)


# City reporting -----------------------------------------------------------------------------------

def member_counts_by_county(user, on: dt.date | None = None) -> list[dict]:
    """For a 市政协 staff member or leader: per child 县区政协, members (and 常委) valid on `on`.

    The only place a city sees county data; it returns counts, never names.
    """
    _require(permissions.can_view_county_counts(user), DENIED_COUNTY)
    on = on or _today()
    counties = list(Cppcc.objects.filter(parent_id=user.cppcc_id, level=Cppcc.Level.COUNTY).order_by("id"))
    counts = (
        Membership.objects.filter(Membership.valid_on(on), cppcc_id__in=[c.pk for c in counties])
        .values("cppcc_id")
        .annotate(members=Count("member_id", distinct=True),
                  standing=Count("member_id", filter=Q(is_standing=True), distinct=True))
    )
    by_id = {row["cppcc_id"]: row for row in counts}
    return [
        {"cppcc": c, "members": by_id.get(c.pk, {}).get("members", 0), "standing": by_id.get(c.pk, {}).get("standing", 0)}
        for c in counties
    ]
