"""Scoped reads of the 活动 module, plus bulk fact readers for later modules (履职档案, points, reports).

Fact readers (`attendance_facts`, `leave_facts`, `speech_facts`, `outcome_facts`, `appointment_facts`,
`home_duty_facts`) take a 政协 and a date range and return plain rows (dicts) in one or two queries, whatever the
number of members: a `performance` app reads them per member and period without importing our models.
"""
from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.accounts.selectors import active_assignments, roles_of
from zhengxie.core import config
from zhengxie.core.models import Event
from zhengxie.core.roles import READ_ALL_ROLES, Role
from zhengxie.members.models import Member, Membership

from . import permissions
from .models import (
    Activity,
    ActivityKind,
    ActivitySitting,
    Appointment,
    HomeReception,
    LeaveRequest,
    MemberHome,
    OutcomeFigure,
    Participation,
)
from .workflow import HELD_STATES, LeaveState, Status

PA = Participation.Attendance
ATTENDED = (PA.PRESENT, PA.PROXY)


def today() -> dt.date:
    return timezone.localdate()


def day_bounds(start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start 00:00, end+1 00:00) in local time."""
    tz = timezone.get_current_timezone()
    return (dt.datetime.combine(start, dt.time.min, tzinfo=tz),
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz))


def held_between(cppcc_id: int, start: dt.date, end: dt.date) -> Q:
    lo, hi = day_bounds(start, end)
    return Q(cppcc_id=cppcc_id, status__in=list(HELD_STATES), start_at__gte=lo, start_at__lt=hi)


# Activities ---------------------------------------------------------------------------------------------

def _visible_q(user) -> Q | None:
    """None: nothing visible."""
    if not getattr(user, "is_authenticated", False) or not user.cppcc_id:
        return None
    base = Q(cppcc_id=user.cppcc_id)
    ids = permissions.organiser_org_ids(user) if permissions.is_organiser_role(user) else set()
    if ids is None:
        return base
    own = Q(organiser_id__in=ids) if ids else Q(pk__in=[])
    if roles_of(user) & READ_ALL_ROLES:
        return base & (~Q(status=Status.DRAFT) | own)
    member = permissions.member_of(user)
    if member is None:
        return base & own if ids else None
    mine = Q(pk__in=Participation.objects.filter(member=member).values("activity_id")) | Q(home__lead_member=member)
    open_ = Q(open_registration=True) & ~Q(status=Status.DRAFT)
    return base & ((~Q(status=Status.DRAFT) & mine) | open_ | own)


def activity_list_for(user, *, q: str = "", kind=None, organiser=None, status: str = "", year=None, month=None,
                      home=None):
    where = _visible_q(user)
    if where is None:
        return Activity.objects.none()
    qs = Activity.objects.filter(where)
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(location__contains=q) | Q(description__contains=q)
                       | Q(organiser__name__contains=q))
    if kind:
        qs = qs.filter(kind_id=kind)
    if organiser:
        qs = qs.filter(organiser_id=organiser)
    if home:
        qs = qs.filter(home_id=home)
    if status:
        qs = qs.filter(status=status)
    if year:
        y = int(year)
        if month:
            m = int(month)
            qs = qs.filter(start_at__gte=day_bounds(dt.date(y, m, 1), dt.date(y, m, 1))[0],
                           start_at__lt=day_bounds(dt.date(y, m, calendar.monthrange(y, m)[1]),
                                                   dt.date(y, m, calendar.monthrange(y, m)[1]))[1])
        else:
            lo, hi = day_bounds(dt.date(y, 1, 1), dt.date(y, 12, 31))
            qs = qs.filter(start_at__gte=lo, start_at__lt=hi)
    return with_counts(qs)


def _participation_count(**filters):
    """Participations of the outer activity: a correlated subquery, so that a page of 20 activities counts only its
    own rows (a join + GROUP BY would count all 2,000,000 before the LIMIT)."""
    rows = (Participation.objects.filter(activity=OuterRef("pk"), **filters).order_by().values("activity")
            .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_counts(qs):
    return (qs.select_related("kind", "organiser", "home")
            .annotate(n_invited=_participation_count(), n_attended=_participation_count(attendance__in=ATTENDED),
                      n_speakers=_participation_count(is_speaker=True))
            .order_by("-start_at", "-id"))


def activity_get_for(user, pk) -> Activity:
    a = get_object_or_404(Activity.objects.select_related("kind", "organiser", "home__organisation", "meeting"), pk=pk,
                          cppcc_id=getattr(user, "cppcc_id", None))
    if not permissions.can_view(user, a):
        from django.http import Http404

        raise Http404
    return a


def my_activities(user, tab: str = "upcoming"):
    member = permissions.member_of(user)
    if member is None:
        return Activity.objects.none()
    qs = Activity.objects.filter(cppcc_id=user.cppcc_id, pk__in=Participation.objects.filter(member=member).values("activity_id"))
    qs = qs.exclude(status=Status.DRAFT)
    now = timezone.now()
    if tab == "upcoming":
        qs = qs.filter(end_at__gte=now, status__in=[Status.PUBLISHED, Status.IN_PROGRESS]).order_by("start_at")
    elif tab == "open":
        qs = Activity.objects.filter(cppcc_id=user.cppcc_id, open_registration=True, end_at__gte=now,
                                     status__in=[Status.PUBLISHED, Status.IN_PROGRESS]).order_by("start_at")
    else:
        qs = qs.filter(Q(end_at__lt=now) | Q(status__in=[Status.CLOSED, Status.ARCHIVED, Status.CANCELLED]))
    mine = Participation.objects.filter(member=member)
    return with_counts(qs).prefetch_related(Prefetch("participations", queryset=mine, to_attr="mine"))


def participations_of(a: Activity) -> list[Participation]:
    seat = Membership.objects.filter(Membership.valid_on(a.start_at.date())).select_related("sector", "committee")
    return list(a.participations.select_related("member", "signed_by")
                .prefetch_related(Prefetch("member__memberships", queryset=seat, to_attr="seats"), "sittings")
                .order_by("-is_speaker", "member__pinyin_initials", "id"))


def participation_get_for(user, pk) -> Participation:
    p = get_object_or_404(Participation.objects.select_related("activity__kind", "member"), pk=pk,
                          cppcc_id=getattr(user, "cppcc_id", None))
    if not permissions.can_view(user, p.activity):
        from django.http import Http404

        raise Http404
    return p


def outcome_get_for(user, pk) -> OutcomeFigure:
    o = get_object_or_404(OutcomeFigure.objects.select_related("activity"), pk=pk, cppcc_id=getattr(user, "cppcc_id", None))
    if not permissions.can_view(user, o.activity):
        from django.http import Http404

        raise Http404
    return o


def attendance_summary(parts: list[Participation]) -> dict:
    out = {code: 0 for code in PA.values}
    for p in parts:
        out[p.attendance] += 1
    out["attended"] = out[PA.PRESENT] + out[PA.PROXY]
    out["total"] = len(parts)
    out["speakers"] = sum(1 for p in parts if p.is_speaker)
    return out


def activity_timeline(a: Activity) -> list[Event]:
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(Activity)
    return list(Event.objects.filter(cppcc_id=a.cppcc_id, content_type=ct, object_id=str(a.pk))
                .select_related("actor").order_by("-at", "-id")[:200])


def kinds_for(user):
    return ActivityKind.objects.filter(cppcc_id=user.cppcc_id).order_by("sort", "id")


def organisers_for(user):
    """Organisations the user may record activities for (all organiser kinds for an administrator)."""
    ids = permissions.organiser_org_ids(user)
    qs = Organisation.objects.filter(cppcc_id=user.cppcc_id, is_active=True)
    if ids is None:
        return qs.filter(kind__in=permissions.ORGANISER_KINDS).order_by("kind", "sort", "id")
    return qs.filter(pk__in=ids).order_by("kind", "sort", "id")


def organiser_filter_options(user):
    # one index probe per organisation, not a DISTINCT over every activity
    organised = Exists(Activity.objects.filter(organiser_id=OuterRef("pk")))
    return Organisation.objects.filter(organised, cppcc_id=user.cppcc_id).order_by("kind", "sort")


def members_for_invite(user, *, committee=None, sector=None, standing=None, on: dt.date | None = None) -> list[int]:
    seats = Membership.objects.filter(Membership.valid_on(on or today()), cppcc_id=user.cppcc_id)
    if committee:
        seats = seats.filter(committee_id=committee)
    if sector:
        seats = seats.filter(sector_id=sector)
    if standing:
        seats = seats.filter(is_standing=True)
    return sorted(set(seats.values_list("member_id", flat=True)))


def member_choices(user, on: dt.date | None = None):
    ids = Membership.objects.filter(Membership.valid_on(on or today()), cppcc_id=user.cppcc_id).values("member_id")
    return Member.objects.filter(cppcc_id=user.cppcc_id, pk__in=ids).order_by("pinyin_initials", "id")


def member_get(user, pk) -> Member | None:
    if not pk:
        return None
    return Member.objects.filter(cppcc_id=user.cppcc_id, pk=pk).first()


def kind_get(user, pk) -> ActivityKind | None:
    return ActivityKind.objects.filter(cppcc_id=user.cppcc_id, pk=pk).first() if pk else None


def organisation_get(user, pk) -> Organisation | None:
    return Organisation.objects.filter(cppcc_id=user.cppcc_id, pk=pk).first() if pk else None


def meeting_choices(user):
    from zhengxie.members.models import Meeting

    return Meeting.objects.filter(cppcc_id=user.cppcc_id).order_by("-start_date")


def meeting_get(user, pk):
    from zhengxie.members.models import Meeting

    return Meeting.objects.filter(cppcc_id=user.cppcc_id, pk=pk).first() if pk else None


def calendar_month(user, year: int, month: int) -> list[list[dict]]:
    """Weeks (Monday first) of the month, each day with the visible activities starting on it."""
    first, last = dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    by_day: dict[dt.date, list] = defaultdict(list)
    for a in activity_list_for(user, year=year, month=month).exclude(status=Status.CANCELLED).order_by("start_at"):
        by_day[timezone.localtime(a.start_at).date()].append(a)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([{"date": d, "in_month": first <= d <= last, "today": d == today(), "items": by_day.get(d, [])}
                      for d in week])
    return weeks


# 请假 ---------------------------------------------------------------------------------------------------

def _approver_q(user) -> Q | None:
    parts = Q(pk__in=[])
    found = False
    roles = {}
    for a in active_assignments(user):
        roles.setdefault(a.role, set()).add(a.organisation_id)
    for role, orgs in roles.items():
        if role in permissions.ORGANISER_ROLES and role != Role.ADMIN:
            org_ids = {o for o in orgs if o}
            if org_ids:
                parts |= Q(activity__kind__leave_approver_role=role, activity__organiser_id__in=org_ids)
                found = True
        else:
            parts |= Q(activity__kind__leave_approver_role=role)
            found = True
    return parts if found else None


def leave_queue_for(user, state: str = LeaveState.REQUESTED):
    where = _approver_q(user)
    if where is None:
        return LeaveRequest.objects.none()
    qs = LeaveRequest.objects.filter(where, cppcc_id=user.cppcc_id)
    if state:
        qs = qs.filter(state=state)
    return qs.select_related("activity__kind", "activity__organiser", "member", "decided_by").order_by("activity__start_at", "id")


def my_leaves(user):
    member = permissions.member_of(user)
    if member is None:
        return LeaveRequest.objects.none()
    return LeaveRequest.objects.filter(member=member).select_related("activity", "decided_by").order_by("-created_at")


def leave_get_for(user, pk) -> LeaveRequest:
    leave = get_object_or_404(LeaveRequest.objects.select_related("activity__kind", "member"), pk=pk,
                              cppcc_id=getattr(user, "cppcc_id", None))
    if not permissions.can_view_leave(user, leave):
        from django.http import Http404

        raise Http404
    return leave


def leaves_of_activity(a: Activity) -> list[LeaveRequest]:
    return list(a.leave_requests.select_related("member", "decided_by").order_by("-created_at"))


# Appointments ---------------------------------------------------------------------------------------------

def appointment_list_for(user, *, q: str = "", kind: str = "", current: str = ""):
    if not permissions.can_view_appointments(user):
        return Appointment.objects.none()
    qs = Appointment.objects.filter(cppcc_id=user.cppcc_id).select_related("member")
    if q:
        qs = qs.filter(Q(member__name__contains=q) | Q(org_name__contains=q) | Q(title__contains=q))
    if kind:
        qs = qs.filter(kind=kind)
    if current == "1":
        d = today()
        qs = qs.filter(Q(start_date__lte=d) & (Q(end_date__isnull=True) | Q(end_date__gte=d)))
    return qs.order_by("-start_date", "-id")


def appointment_get_for(user, pk) -> Appointment:
    return get_object_or_404(Appointment.objects.select_related("member"), pk=pk, cppcc_id=getattr(user, "cppcc_id", None))


def appointments_of_member(member: Member) -> list[Appointment]:
    return list(Appointment.objects.filter(member=member).order_by("-start_date"))


# 委员之家 -------------------------------------------------------------------------------------------------

def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, 3 * quarter - 2, 1)
    last_month = 3 * quarter
    return first, dt.date(year, last_month, calendar.monthrange(year, last_month)[1])


def home_list_for(user, *, q: str = "", county: str = "", home_type: str = ""):
    qs = MemberHome.objects.filter(cppcc_id=getattr(user, "cppcc_id", None)).select_related("organisation", "lead_member")
    if not (roles_of(user) & READ_ALL_ROLES):
        member = permissions.member_of(user)
        if member is None:
            return MemberHome.objects.none()
        qs = qs.filter(Q(lead_member=member) | Q(members=member)).distinct()
    if q:
        qs = qs.filter(Q(organisation__name__contains=q) | Q(address__contains=q) | Q(lead_member__name__contains=q))
    if county:
        qs = qs.filter(county=county)
    if home_type:
        qs = qs.filter(home_type=home_type)
    return qs.annotate(n_members=Count("members", distinct=True)).order_by("county", "organisation__sort", "id")


def home_get_for(user, pk) -> MemberHome:
    home = get_object_or_404(MemberHome.objects.select_related("organisation", "lead_member"), pk=pk,
                             cppcc_id=getattr(user, "cppcc_id", None))
    if not permissions.can_view_home(user, home):
        from django.http import Http404

        raise Http404
    return home


def home_counties(user) -> list[str]:
    return sorted(set(MemberHome.objects.filter(cppcc_id=user.cppcc_id).exclude(county="").values_list("county", flat=True)))


def home_receptions(home: MemberHome):
    return home.receptions.select_related("duty_member", "recorded_by").order_by("-date", "-id")


def home_activities(home: MemberHome):
    return with_counts(Activity.objects.filter(home=home).exclude(status=Status.DRAFT))


def home_compliance(cppcc_id: int, year: int, *, county: str = "", on: dt.date | None = None) -> list[dict]:
    """Per home: activities held in each quarter of `year` and whether the quarterly minimum is met.
    A quarter still running is 'open' (not yet failed); a future quarter is 'future'. One grouped query."""
    on = on or today()
    homes = MemberHome.objects.filter(cppcc_id=cppcc_id, is_active=True).select_related("organisation", "lead_member")
    if county:
        homes = homes.filter(county=county)
    homes = list(homes.order_by("county", "organisation__sort", "id"))
    lo, hi = day_bounds(dt.date(year, 1, 1), dt.date(year, 12, 31))
    counts: dict[tuple[int, int], int] = defaultdict(int)
    rows = (Activity.objects.filter(home__in=homes, status__in=list(HELD_STATES), start_at__gte=lo, start_at__lt=hi)
            .values_list("home_id", "start_at"))
    for home_id, start_at in rows:
        counts[(home_id, quarter_of(timezone.localtime(start_at).date())[1])] += 1
    out = []
    for h in homes:
        quarters = []
        for q in (1, 2, 3, 4):
            first, last = quarter_bounds(year, q)
            minimum = int(config.get("activities.home_min_per_quarter", cppcc=cppcc_id, on=last))
            n = counts[(h.pk, q)]
            state = "ok" if n >= minimum else ("future" if first > on else ("open" if last >= on else "missed"))
            quarters.append({"quarter": q, "count": n, "minimum": minimum, "state": state})
        out.append({"home": h, "quarters": quarters, "total": sum(x["count"] for x in quarters),
                    "missed": sum(1 for x in quarters if x["state"] == "missed")})
    return out


def county_compliance(cppcc_id: int, year: int, *, on: dt.date | None = None) -> list[dict]:
    """Per 县区: number of homes, and per quarter how many met the minimum (and how many missed)."""
    by_county: dict[str, list[dict]] = defaultdict(list)
    for row in home_compliance(cppcc_id, year, on=on):
        by_county[row["home"].county or "（未填县区）"].append(row)
    out = []
    for county, rows in sorted(by_county.items()):
        quarters = []
        for i in range(4):
            states = [r["quarters"][i]["state"] for r in rows]
            quarters.append({"quarter": i + 1, "ok": states.count("ok"), "missed": states.count("missed"),
                             "open": states.count("open") + states.count("future"),
                             "activities": sum(r["quarters"][i]["count"] for r in rows)})
        out.append({"county": county, "homes": len(rows), "quarters": quarters})
    return out


# Figures (also read by zhengxie/activities/figures.py) ---------------------------------------------------

def activity_scope(cppcc_id: int, start: dt.date, end: dt.date, *, organiser=None, kinds=None):
    qs = Activity.objects.filter(held_between(cppcc_id, start, end))
    if organiser:
        qs = qs.filter(organiser_id=getattr(organiser, "pk", organiser))
    if kinds:
        qs = qs.filter(kind__code__in=list(kinds))
    return qs


def activity_figures(cppcc_id: int, start: dt.date, end: dt.date, *, organiser=None, kinds=None) -> dict:
    """活动次数, 参与人次, 参与委员数, 交流发言人数 and outcome sums by (name, unit), for activities held
    (进行中/已结束/已归档) with a start date in [start, end]; 3 queries."""
    acts = activity_scope(cppcc_id, start, end, organiser=organiser, kinds=kinds)
    parts = Participation.objects.filter(activity__in=acts)
    tally = parts.aggregate(
        person_times=Count("pk", filter=Q(attendance__in=ATTENDED)),
        members=Count("member_id", filter=Q(attendance__in=ATTENDED), distinct=True),
        speakers=Count("member_id", filter=Q(is_speaker=True), distinct=True),
        speeches=Count("pk", filter=Q(is_speaker=True)),
    )
    outcomes = [
        {"name": r["name"], "unit": r["unit"], "value": r["total"] or Decimal(0), "approximate": bool(r["approx"]),
         "activities": r["n"]}
        for r in OutcomeFigure.objects.filter(activity__in=acts).values("name", "unit")
        .annotate(total=Sum("value"), n=Count("activity", distinct=True),
                  approx=Count("pk", filter=Q(approximate=True))).order_by("name", "unit")
    ]
    return {"activities": acts.count(), **tally, "outcomes": outcomes}


# Bulk facts for the 履职档案 / points (performance app) -----------------------------------------------------

FACT_COLUMNS = ("id", "member_id", "activity_id", "activity__kind__code", "activity__kind__category", "activity__organiser_id",
                "activity__start_at", "activity__title", "attendance", "role", "is_speaker", "speech_kind",
                "activity__kind__counts_for_points")


def attendance_facts(cppcc_id: int, start: dt.date, end: dt.date, *, member_ids=None) -> list[dict]:
    """One row per (member, held activity) in the period: attendance, half days (sittings), speech, role.

    Three queries (rows; sittings per activity; sittings attended per participation), none grouping the big
    participation table. With `member_ids` (the 履职档案, the "三个一" reminder) the rows are read by member through
    the (cppcc, member) index and the two counts by the ids just read: a few hundred rows, whatever the size of the
    政协. `counts` is the kind's "计入履职积分"."""
    through = Participation.sittings.through
    if member_ids is not None:
        lo, hi = day_bounds(start, end)
        raw = list(Participation.objects.filter(
            cppcc_id=cppcc_id, member_id__in=list(member_ids), activity__cppcc_id=cppcc_id,
            activity__status__in=list(HELD_STATES), activity__start_at__gte=lo, activity__start_at__lt=hi,
        ).order_by().values_list(*FACT_COLUMNS))
        sittings = dict(ActivitySitting.objects.filter(activity_id__in={r[2] for r in raw}).values("activity_id")
                        .annotate(n=Count("pk")).values_list("activity_id", "n")) if raw else {}
        attended_sittings = dict(through.objects.filter(participation_id__in=[r[0] for r in raw]).values("participation_id")
                                 .annotate(n=Count("pk")).values_list("participation_id", "n")) if raw else {}
    else:
        held = Activity.objects.filter(held_between(cppcc_id, start, end))
        base = Participation.objects.filter(activity__in=held)
        sittings = dict(ActivitySitting.objects.filter(activity__in=held).values("activity_id")
                        .annotate(n=Count("pk")).values_list("activity_id", "n"))
        attended_sittings = dict(through.objects.filter(participation__in=base.values("pk")).values("participation_id")
                                 .annotate(n=Count("pk")).values_list("participation_id", "n"))
        raw = base.order_by().values_list(*FACT_COLUMNS).iterator(chunk_size=5000)
    tz = timezone.get_current_timezone()
    rows = []
    for pid, mid, aid, kind, category, organiser, start_at, title, attendance, role, speaker, speech, counts in raw:
        attended = attendance in ATTENDED
        rows.append({
            "participation_id": pid, "member_id": mid, "activity_id": aid, "kind": kind, "category": category,
            "organiser_id": organiser, "title": title, "date": start_at.astimezone(tz).date(), "attendance": attendance,
            "attended": attended, "proxy": attendance == PA.PROXY, "role": role,
            "sittings_total": sittings.get(aid, 0), "sittings_attended": attended_sittings.get(pid, 0) if attended else 0,
            "is_speaker": speaker, "speech_kind": speech, "counts": counts,
        })
    return rows


def leave_facts(cppcc_id: int, start: dt.date, end: dt.date, *, member_ids=None) -> list[dict]:
    lo, hi = day_bounds(start, end)
    qs = LeaveRequest.objects.filter(cppcc_id=cppcc_id, activity__start_at__gte=lo, activity__start_at__lt=hi)
    if member_ids is not None:
        qs = qs.filter(member_id__in=list(member_ids))
    return [{"leave_id": r["id"], "member_id": r["member_id"], "activity_id": r["activity_id"], "kind": r["activity__kind__code"],
             "state": r["state"], "date": timezone.localtime(r["activity__start_at"]).date()}
            for r in qs.values("id", "member_id", "activity_id", "activity__kind__code", "state", "activity__start_at")]


def speech_facts(cppcc_id: int, start: dt.date, end: dt.date) -> list[dict]:
    return [r for r in attendance_facts(cppcc_id, start, end) if r["is_speaker"]]


def outcome_facts(cppcc_id: int, start: dt.date, end: dt.date, *, organiser=None) -> list[dict]:
    acts = activity_scope(cppcc_id, start, end, organiser=organiser)
    return [{"outcome_id": r["id"], "activity_id": r["activity_id"], "name": r["name"], "unit": r["unit"], "value": r["value"],
             "approximate": r["approximate"], "organiser_id": r["activity__organiser_id"]}
            for r in OutcomeFigure.objects.filter(activity__in=acts)
            .values("id", "activity_id", "name", "unit", "value", "approximate", "activity__organiser_id")]


def appointment_facts(cppcc_id: int, start: dt.date, end: dt.date, *, member_ids=None) -> list[dict]:
    """Appointments whose term overlaps [start, end]."""
    qs = Appointment.objects.filter(Q(cppcc_id=cppcc_id, start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gte=start)))
    if member_ids is not None:
        qs = qs.filter(member_id__in=list(member_ids))
    return [{"appointment_id": a.pk, "member_id": a.member_id, "kind": a.kind, "label": a.label, "org_name": a.org_name,
             "start_date": a.start_date, "end_date": a.end_date} for a in qs]


def home_duty_facts(cppcc_id: int, start: dt.date, end: dt.date) -> list[dict]:
    """委员之家 duty: receptions a member was on duty for, per member (one grouped query)."""
    qs = (HomeReception.objects.filter(cppcc_id=cppcc_id, date__gte=start, date__lte=end, duty_member__isnull=False)
          .values("duty_member_id").annotate(n=Count("pk")))
    return [{"member_id": r["duty_member_id"], "receptions": r["n"]} for r in qs]


def member_activity_summary(member: Member, start: dt.date, end: dt.date) -> dict:
    rows = attendance_facts(member.cppcc_id, start, end, member_ids=[member.pk])
    return {"invited": len(rows), "attended": sum(r["attended"] for r in rows),
            "leave": sum(r["attendance"] == PA.LEAVE for r in rows), "absent": sum(r["attendance"] == PA.ABSENT for r in rows),
            "speeches": sum(r["is_speaker"] for r in rows)}


# To-do helpers ------------------------------------------------------------------------------------------

def activities_to_close(user):
    """Held activities of the user's organisations whose end has passed and are not recorded complete."""
    ids = permissions.organiser_org_ids(user)
    qs = Activity.objects.filter(cppcc_id=user.cppcc_id, status=Status.IN_PROGRESS, end_at__lt=timezone.now())
    if ids is not None:
        qs = qs.filter(organiser_id__in=ids)
    pending = Participation.objects.filter(activity=OuterRef("pk"), attendance=PA.PENDING)
    outcomes = OutcomeFigure.objects.filter(activity=OuterRef("pk"))
    return qs.annotate(has_pending=Exists(pending), has_outcomes=Exists(outcomes),
                       n_pending=Count("participations", filter=Q(participations__attendance=PA.PENDING))).order_by("end_at")
