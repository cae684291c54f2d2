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
from .models import ScoreAdjustment, ScoreEntry, YearFreeze
from .rules import grade_of, grades

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


def dossier(member: Member, term: Term | None = None, *, year: int | None = None) -> dict:
    """The 履职档案 of one member for one 届 (or one year): every section read in bulk for the period."""
    terms = terms_of(member)
    term = term or (terms[0] if terms else None)
    start = term.start_date if term else dt.date(today().year, 1, 1)
    end = min(term.end_date or today(), today()) if term else today()
    if year:
        start, end = dt.date(year, 1, 1), min(dt.date(year, 12, 31), max(today(), dt.date(year, 1, 1)))
    cid, mids = member.cppcc_id, [member.pk]
    seats = list(Membership.objects.filter(member=member, **({"term": term} if term else {}))
                 .select_related("sector", "committee", "party").order_by("start_date"))
    attendance = sorted(activity_selectors.attendance_facts(cid, start, end, member_ids=mids), key=lambda r: r["date"])
    meetings = [r for r in attendance if r["kind"] in ("plenary", "standing", "chair")]
    others = [r for r in attendance if r["kind"] not in ("plenary", "standing", "chair")]
    lo, hi = activity_selectors.day_bounds(start, end)
    leaves = [r for r in activity_selectors.leave_facts(cid, start, end) if r["member_id"] == member.pk]
    led = Proposal.objects.filter(cppcc_id=cid, lead_member=member, submitted_at__gte=lo, submitted_at__lt=hi)
    cosigned = Proposal.objects.filter(cppcc_id=cid, submitted_at__gte=lo, submitted_at__lt=hi,
                                       cosigners__member=member, cosigners__state=CoSigner.State.CONFIRMED)
    proposals = [{"p": p, "role": "领衔" if p.lead_member_id == member.pk else "联名",
                  "filed": p.decision in F.FILED_DECISIONS} for p in (led | cosigned).distinct().order_by("submitted_at")]
    op_q = Q(member=member)
    if member.user_id:
        op_q |= Q(reporter_id=member.user_id) | Q(coauthors=member.user_id)
    opinions = list(Opinion.objects.filter(op_q, cppcc_id=cid).filter(Q(received_at__gte=lo, received_at__lt=hi)
                                                                      | Q(submitted_at__gte=lo, submitted_at__lt=hi))
                    .distinct().order_by("received_at"))
    oids = [o.pk for o in opinions]
    adopted = defaultdict(list)
    for a in Adoption.objects.filter(opinion_id__in=oids):
        adopted[a.opinion_id].append(a.get_level_display())
    from django.contrib.contenttypes.models import ContentType

    instructed = defaultdict(list)
    for i in Instruction.objects.filter(content_type=ContentType.objects.get_for_model(Opinion),
                                        object_id__in=[str(o) for o in oids]):
        instructed[int(i.object_id)].append(i.leader_name)
    homes = [r for r in F.home_facts(cid, start, end, member_ids=mids)]
    appointments = [r for r in activity_selectors.appointment_facts(cid, start, end) if r["member_id"] == member.pk]
    years = list(range(start.year, end.year + 1))
    entries = list(ScoreEntry.objects.filter(member=member, year__in=years).order_by("year", "fact_date", "id"))
    adjustments = list(ScoreAdjustment.objects.filter(member=member, year__in=years).select_related("approver", "requested_by"))
    per_year = []
    for y in reversed(years):
        ye = [e for e in entries if e.year == y]
        ya = [a for a in adjustments if a.year == y]
        total = sum((e.points for e in ye), Decimal(0)) + sum((a.points for a in ya if a.state == "approved"), Decimal(0))
        per_year.append({"year": y, "entries": ye, "adjustments": ya, "total": total,
                         "grade": grade_of(total, grades(cid, y)), "frozen": is_frozen(cid, y),
                         "missing": missing_duties(member, y)})
    return {
        "member": member, "term": term, "terms": terms, "start": start, "end": end, "seats": seats,
        "meetings": meetings, "activities": others, "leaves": leaves,
        "speeches": [r for r in attendance if r["is_speaker"]], "proposals": proposals,
        "proposal_counts": {"lead": sum(p["role"] == "领衔" for p in proposals), "cosign": sum(p["role"] == "联名" for p in proposals),
                            "filed": sum(p["filed"] for p in proposals), "key": sum(p["p"].is_key for p in proposals)},
        "opinions": [{"o": o, "adopted": adopted.get(o.pk, []), "instructed": instructed.get(o.pk, [])} for o in opinions],
        "homes": homes, "appointments": appointments, "years": per_year,
        "attendance": {"meetings": len(meetings), "attended": sum(r["attended"] for r in meetings),
                       "leave": sum(r["attendance"] == "leave" for r in meetings),
                       "absent": sum(r["attendance"] == "absent" for r in meetings),
                       "activities": sum(r["attended"] for r in others)},
    }


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
