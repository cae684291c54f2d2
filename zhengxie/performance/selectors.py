"""Scoped reads: year standings, rankings by 界别/专委会, "三个一", the 履职档案 of one member per 届."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from zhengxie.activities import selectors as activity_selectors
from zhengxie.members.models import Member, Membership, Term
from zhengxie.opinions.models import Adoption, Instruction, Opinion
from zhengxie.proposals.models import CoSigner, Proposal

from . import facts as F
from . import permissions
from .models import Award, CultureContribution, ScoreAdjustment, ScoreEntry, YearFreeze
from .rules import grade_of, grades, grades_by_year

DUTIES = {"plenary": "参加全体会议", "proposal_or_opinion": "提交提案或社情民意", "research": "参加视察调研"}


def today() -> dt.date:
    return timezone.localdate()


def is_frozen(cppcc, year: int) -> bool:
    return YearFreeze.objects.filter(cppcc_id=getattr(cppcc, "pk", cppcc), year=year, frozen=True).exists()


def year_state(cppcc, year: int) -> YearFreeze | None:
    return YearFreeze.objects.filter(cppcc_id=getattr(cppcc, "pk", cppcc), year=year).select_related("signed_by").first()


def _seats(cppcc_id: int, year: int):
    start, end = F.year_bounds(year)
    return Membership.objects.filter(Q(cppcc_id=cppcc_id, start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gte=start)))


def seated_member_ids(cppcc_id: int, year: int) -> set[int]:
    return set(_seats(cppcc_id, year).values_list("member_id", flat=True))


def is_seated(member: Member, year: int) -> bool:
    return _seats(member.cppcc_id, year).filter(member=member).exists()


def standings(user, year: int, *, q: str = "", sector=None, committee=None, grade: str = "", duty: str = "") -> list[dict]:
    """One row per member seated in the year: 积分 (ledger + approved adjustments), 等次, 三个一, 名次."""
    cppcc_id = user.cppcc_id
    if not permissions.can_view_all(user, cppcc_id):
        return []
    seat = {}
    for s in _seats(cppcc_id, year).select_related("member", "sector", "committee").order_by("member_id", "start_date"):
        seat[s.member_id] = s
    ledger = dict(ScoreEntry.objects.filter(cppcc_id=cppcc_id, year=year).values("member_id")
                  .annotate(t=Sum("points")).values_list("member_id", "t"))
    adjust = dict(ScoreAdjustment.objects.filter(cppcc_id=cppcc_id, year=year, state=ScoreAdjustment.State.APPROVED)
                  .values("member_id").annotate(t=Sum("points")).values_list("member_id", "t"))
    duties = F.duty_facts(cppcc_id, year)
    th = grades(cppcc_id, year)
    rows = []
    for mid, s in seat.items():
        total = (ledger.get(mid) or Decimal(0)) + (adjust.get(mid) or Decimal(0))
        d = duties.get(mid, {})
        missing = [label for code, label in DUTIES.items() if not d.get(code)]
        rows.append({"member": s.member, "sector": s.sector, "committee": s.committee, "standing": s.is_standing,
                     "ledger": ledger.get(mid) or Decimal(0), "adjust": adjust.get(mid) or Decimal(0), "total": total,
                     "grade": grade_of(total, th), "missing": missing})
    rows.sort(key=lambda r: (-r["total"], r["member"].pinyin_initials, r["member"].pk))
    for i, r in enumerate(rows, start=1):
        r["rank"] = i
    if q:
        rows = [r for r in rows if q in r["member"].name or q in (r["member"].employer or "")]
    if sector:
        rows = [r for r in rows if str(r["sector"].pk) == str(sector)]
    if committee:
        rows = [r for r in rows if r["committee"] and str(r["committee"].pk) == str(committee)]
    if grade:
        rows = [r for r in rows if r["grade"] == grade]
    if duty == "missing":
        rows = [r for r in rows if r["missing"]]
    return rows


def rankings(rows: list[dict], by: str) -> list[dict]:
    """Group standings by 界别 ("sector") or 专委会 ("committee"): members, average, 优秀 count, 三个一 missing."""
    groups: dict = defaultdict(list)
    for r in rows:
        org = r[by]
        groups[(org.pk, org.name) if org else (0, "（未分配）")].append(r)
    out = []
    for (_, name), items in groups.items():
        total = sum((r["total"] for r in items), Decimal(0))
        out.append({"name": name, "members": len(items), "total": total, "average": round(total / len(items), 1),
                    "excellent": sum(r["grade"] == "优秀" for r in items),
                    "failing": sum(r["grade"] == "不称职" for r in items),
                    "missing": sum(bool(r["missing"]) for r in items)})
    out.sort(key=lambda g: (-g["average"], g["name"]))
    for i, g in enumerate(out, start=1):
        g["rank"] = i
    return out


def org_choices(user) -> list:
    from zhengxie.accounts.models import Organisation

    return list(Organisation.objects.filter(cppcc_id=getattr(user, "cppcc_id", None), kind__in=["sector", "committee"])
                .order_by("sort", "id"))


def member_get_for(user, pk) -> Member:
    member = get_object_or_404(Member, pk=pk, cppcc_id=getattr(user, "cppcc_id", None))
    if not permissions.can_view_member(user, member):
        raise Http404
    return member


def terms_of(member: Member) -> list[Term]:
    return list(Term.objects.filter(memberships__member=member).distinct().order_by("-number"))


def missing_duties(member: Member, year: int) -> list[str]:
    d = F.duty_facts(member.cppcc_id, year, member_ids=[member.pk]).get(member.pk, {})
    return [label for code, label in DUTIES.items() if not d.get(code)]


def adjustment_queue_for(user):
    from zhengxie.accounts.selectors import roles_of

    if not getattr(user, "cppcc_id", None) or not (roles_of(user) & permissions.APPROVE_ROLES):
        return ScoreAdjustment.objects.none()
    return (ScoreAdjustment.objects.filter(cppcc_id=user.cppcc_id, state=ScoreAdjustment.State.PENDING)
            .exclude(requested_by=user).select_related("member", "requested_by"))


def adjustment_get_for(user, pk) -> ScoreAdjustment:
    return get_object_or_404(ScoreAdjustment.objects.select_related("member"), pk=pk, cppcc_id=getattr(user, "cppcc_id", None))


def _in(day, start: dt.date, end: dt.date) -> bool:
    return day is not None and start <= day <= end


def _local_day(value) -> dt.date | None:
    return timezone.localtime(value).date() if value else None


def dossier(member: Member, term: Term | None = None, *, year: int | None = None) -> dict:
    """The 履职档案 of one member for one 届 (or one year).

    A fixed number of small queries whatever the size of the 政协 (about 17): every section is read for this member
    only, over the whole years the period touches (the "三个一" of each year is derived from the same rows), and
    only the columns the page shows are loaded."""
    terms = terms_of(member)
    term = term or (terms[0] if terms else None)
    start = term.start_date if term else dt.date(today().year, 1, 1)
    end = min(term.end_date or today(), today()) if term else today()
    if year:
        start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), max(today(), dt.date(year, 1, 1)))
    cid, mids = member.cppcc_id, [member.pk]
    years = list(range(start.year, end.year + 1))
    ystart, yend = dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)  # whole years: for each year's "三个一"
    seats = list(Membership.objects.filter(member=member, **({"term": term} if term else {}))
                 .select_related("term", "sector", "committee", "party").order_by("start_date"))
    all_attendance = sorted(activity_selectors.attendance_facts(cid, ystart, yend, member_ids=mids), key=lambda r: r["date"])
    attendance = [r for r in all_attendance if _in(r["date"], start, end)]
    meetings = [r for r in attendance if r["kind"] in ("plenary", "standing", "chair")]
    others = [r for r in attendance if r["kind"] not in ("plenary", "standing", "chair")]
    leaves = activity_selectors.leave_facts(cid, start, end, member_ids=mids)
    lo, hi = activity_selectors.day_bounds(ystart, yend)
    cosigned_ids = list(CoSigner.objects.filter(member=member, state=CoSigner.State.CONFIRMED, proposal__cppcc_id=cid,
                                                proposal__submitted_at__gte=lo, proposal__submitted_at__lt=hi)
                        .values_list("proposal_id", flat=True))
    all_proposals = list(Proposal.objects.filter(Q(lead_member=member) | Q(pk__in=cosigned_ids), cppcc_id=cid,
                                                 submitted_at__gte=lo, submitted_at__lt=hi)
                         .only("id", "number", "title", "status", "is_key", "decision", "lead_member_id", "submitted_at")
                         .order_by("submitted_at", "id"))
    proposals = [{"p": p, "role": "领衔" if p.lead_member_id == member.pk else "联名",
                  "filed": p.decision in F.FILED_DECISIONS}
                 for p in all_proposals if _in(_local_day(p.submitted_at), start, end)]
    op_q, coauthored = Q(member=member), []
    if member.user_id:
        coauthored = list(Opinion.coauthors.through.objects.filter(user_id=member.user_id).values_list("opinion_id", flat=True))
        op_q |= Q(reporter_id=member.user_id) | Q(pk__in=coauthored)
    all_opinions = list(Opinion.objects.filter(op_q, cppcc_id=cid)
                        .filter(Q(received_at__gte=lo, received_at__lt=hi) | Q(submitted_at__gte=lo, submitted_at__lt=hi))
                        .only("id", "title", "status", "received_at", "submitted_at", "member_id", "reporter_id")
                        .order_by("received_at", "id"))
    opinions = [o for o in all_opinions
                if _in(_local_day(o.received_at), start, end) or _in(_local_day(o.submitted_at), start, end)]
    oids = [o.pk for o in opinions]
    adopted = defaultdict(list)
    level_label = dict(Adoption._meta.get_field("level").choices)
    for opinion_id, level in Adoption.objects.filter(opinion_id__in=oids).values_list("opinion_id", "level"):
        adopted[opinion_id].append(level_label.get(level, level))
    from django.contrib.contenttypes.models import ContentType

    instructed = defaultdict(list)
    for object_id, leader in Instruction.objects.filter(content_type=ContentType.objects.get_for_model(Opinion),
                                                        object_id__in=[str(o) for o in oids]).values_list("object_id", "leader_name"):
        instructed[int(object_id)].append(leader)
    homes = F.home_facts(cid, start, end, member_ids=mids)
    appointments = activity_selectors.appointment_facts(cid, start, end, member_ids=mids)
    awards = list(Award.objects.filter(member=member, awarded_on__gte=start, awarded_on__lte=end).order_by("awarded_on", "id"))
    culture = list(CultureContribution.objects.filter(member=member, year__in=years).order_by("year", "id"))
    entries = list(ScoreEntry.objects.filter(member=member, year__in=years)
                   .only("id", "year", "fact_date", "rule_label", "points", "explanation").order_by("year", "fact_date", "id"))
    adjustments = list(ScoreAdjustment.objects.filter(member=member, year__in=years).select_related("approver", "requested_by"))
    frozen = set(YearFreeze.objects.filter(cppcc_id=cid, year__in=years, frozen=True).values_list("year", flat=True))
    thresholds = grades_by_year(cid, years)
    coauthored_set = set(coauthored)
    authored = [o for o in all_opinions if o.member_id == member.pk or o.pk in coauthored_set
                or (o.member_id is None and member.user_id and o.reporter_id == member.user_id)]
    duties = _duties_by_year(member, years, all_attendance, all_proposals, authored)
    per_year = []
    for y in reversed(years):
        ye = [e for e in entries if e.year == y]
        ya = [a for a in adjustments if a.year == y]
        total = sum((e.points for e in ye), Decimal(0)) + sum((a.points for a in ya if a.state == "approved"), Decimal(0))
        per_year.append({"year": y, "entries": ye, "adjustments": ya, "total": total,
                         "grade": grade_of(total, thresholds[y]), "frozen": y in frozen,
                         "missing": [label for code, label in DUTIES.items() if not duties[y][code]]})
    return {
        "member": member, "term": term, "terms": terms, "start": start, "end": end, "seats": seats,
        "meetings": meetings, "activities": others, "leaves": leaves,
        "speeches": [r for r in attendance if r["is_speaker"]], "proposals": proposals,
        "proposal_counts": {"lead": sum(p["role"] == "领衔" for p in proposals), "cosign": sum(p["role"] == "联名" for p in proposals),
                            "filed": sum(p["filed"] for p in proposals), "key": sum(p["p"].is_key for p in proposals)},
        "opinions": [{"o": o, "adopted": adopted.get(o.pk, []), "instructed": instructed.get(o.pk, [])} for o in opinions],
        "homes": homes, "appointments": appointments, "years": per_year, "awards": awards, "culture": culture,
        "attendance": {"meetings": len(meetings), "attended": sum(r["attended"] for r in meetings),
                       "leave": sum(r["attendance"] == "leave" for r in meetings),
                       "absent": sum(r["attendance"] == "absent" for r in meetings),
                       "activities": sum(r["attended"] for r in others)},
    }


def _duties_by_year(member, years, attendance, proposals, opinions) -> dict[int, dict]:
    """"三个一" of each year from rows already read for the 档案 (same definition as `facts.duty_facts`)."""
    out = {y: {"plenary": False, "proposal_or_opinion": False, "research": False} for y in years}
    for r in attendance:
        d = out.get(r["date"].year)
        if d is None or not r["attended"]:
            continue
        if r["kind"] == "plenary":
            d["plenary"] = True
        if r["category"] in ("research", "inspection"):
            d["research"] = True
    for p in proposals:
        day = _local_day(p.submitted_at)
        if day and day.year in out:
            out[day.year]["proposal_or_opinion"] = True
    for o in opinions:
        for day in (_local_day(o.received_at), _local_day(o.submitted_at)):
            if day and day.year in out:
                out[day.year]["proposal_or_opinion"] = True
    return out


def annual_report_of(member: Member, year: int):
    from .models import AnnualReport

    return AnnualReport.objects.filter(member=member, year=year).select_related("archived_by").first()


def annual_report_get_for(user, pk):
    from .models import AnnualReport

    report = get_object_or_404(AnnualReport.objects.select_related("member"), pk=pk, cppcc_id=getattr(user, "cppcc_id", None))
    if not permissions.can_view_member(user, report.member):
        raise Http404
    return report


def reports_to_archive(user):
    from zhengxie.accounts.selectors import roles_of

    from .models import AnnualReport

    if not getattr(user, "cppcc_id", None) or not (roles_of(user) & permissions.ADJUST_ROLES):
        return AnnualReport.objects.none()
    return AnnualReport.objects.filter(cppcc_id=user.cppcc_id, state=AnnualReport.State.SUBMITTED).select_related("member")


def award_get_for(user, pk):
    return get_object_or_404(Award.objects.select_related("member"), pk=pk, cppcc_id=getattr(user, "cppcc_id", None))


def culture_get_for(user, pk):
    return get_object_or_404(CultureContribution.objects.select_related("member"), pk=pk,
                             cppcc_id=getattr(user, "cppcc_id", None))
