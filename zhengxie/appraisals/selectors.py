"""Scoped reads of 民主评议 and 评优, the handling figures of evaluated units, and the lists 履职档案 reads."""
from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from zhengxie.accounts.models import Organisation
from zhengxie.proposals.models import Assignment, Evaluation, Proposal, Reply
from zhengxie.reports.registry import percent

from . import permissions
from .models import Appraisal, AppraisalUnit, AwardRound, Nomination, Rectification
from .workflow import RESULT_STATES, AwardStatus, RectState, Status

# 民主评议 ------------------------------------------------------------------------------------------------

def appraisal_list_for(user, *, q: str = "", year: int | None = None, status: str = "") -> QuerySet:
    if not getattr(user, "is_authenticated", False) or not user.cppcc_id:
        return Appraisal.objects.none()
    qs = Appraisal.objects.filter(cppcc_id=user.cppcc_id)
    if not (permissions.is_manager(user) or permissions.reads_all(user)):
        qs = qs.filter(units__unit_id__in=permissions.unit_ids(user)).exclude(
            status__in=[Status.DRAFT, Status.CANCELLED]).distinct()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(units__unit__name__icontains=q)).distinct()
    if year:
        qs = qs.filter(year=year)
    if status in Status.values:
        qs = qs.filter(status=status)
    n_units = (AppraisalUnit.objects.filter(appraisal=OuterRef("pk")).order_by().values("appraisal")
               .annotate(n=Count("pk")).values("n"))
    return qs.annotate(n_units=Coalesce(Subquery(n_units, output_field=IntegerField()), 0)).order_by("-year", "-id")


def appraisal_get_for(user, pk) -> Appraisal:
    a = Appraisal.objects.filter(pk=pk).select_related("vote", "meeting").first()
    if a is None or not permissions.can_view(user, a):
        raise Http404
    return a


def timeline(a: Appraisal) -> list:
    """The round's 流转记录 (Events written by the services)."""
    from django.contrib.contenttypes.models import ContentType

    from zhengxie.core.models import Event

    ct = ContentType.objects.get_for_model(Appraisal)
    return list(Event.objects.filter(content_type=ct, object_id=str(a.pk)).select_related("actor").order_by("-at", "-id")[:50])


def entries_of(a: Appraisal, user=None) -> list[AppraisalUnit]:
    """The evaluated units (a 承办单位 outside the managers sees only its own row's details, the ranking of all)."""
    return list(a.units.select_related("unit").prefetch_related("rectifications").order_by("sort", "id"))


def handling_stats(cppcc_id: int, unit_ids, year: int) -> dict[int, dict]:
    """Per unit, over the proposals 交办 in `year`: 交办件数, 已答复件数, 已评价, 满意+基本满意, 满意率 (领衔人评价)."""
    unit_ids = list(unit_ids)
    out = {uid: {"assigned": 0, "answered": 0, "evaluated": 0, "content": 0, "rate": None} for uid in unit_ids}
    rows = (Assignment.objects.filter(cppcc_id=cppcc_id, unit_id__in=unit_ids, proposal__assigned_at__year=year)
            .exclude(state=Assignment.State.REMOVED)
            .values("unit_id").annotate(n=Count("proposal_id", distinct=True)))
    for r in rows:
        out[r["unit_id"]]["assigned"] = r["n"]
    replies = (Reply.objects.filter(assignment__unit_id__in=unit_ids, assignment__cppcc_id=cppcc_id,
                                    assignment__proposal__assigned_at__year=year, state=Reply.State.PUBLISHED)
               .values("assignment__unit_id").annotate(n=Count("assignment__proposal_id", distinct=True)))
    for r in replies:
        out[r["assignment__unit_id"]]["answered"] = r["n"]
    evals = (Evaluation.objects.filter(reply__assignment__unit_id__in=unit_ids, reply__assignment__cppcc_id=cppcc_id,
                                       reply__assignment__proposal__assigned_at__year=year, is_lead=True)
             .values("reply__assignment__unit_id", "rating").annotate(n=Count("id")))
    for r in evals:
        s = out[r["reply__assignment__unit_id"]]
        s["evaluated"] += r["n"]
        if r["rating"] in (Evaluation.Rating.SATISFIED, Evaluation.Rating.BASIC):
            s["content"] += r["n"]
    for s in out.values():
        s["rate"] = percent(s["content"], s["evaluated"])
    return out


def handled_proposals(unit_id: int, cppcc_id: int, year: int) -> QuerySet:
    ids = (Assignment.objects.filter(cppcc_id=cppcc_id, unit_id=unit_id, proposal__assigned_at__year=year)
           .exclude(state=Assignment.State.REMOVED).values("proposal_id"))
    return Proposal.objects.filter(pk__in=ids).order_by("number", "id")


def handling_units_for(user) -> QuerySet:
    return Organisation.objects.filter(cppcc_id=user.cppcc_id, kind=Organisation.Kind.HANDLING_UNIT,
                                       is_active=True).order_by("sort", "id")


# 整改 ---------------------------------------------------------------------------------------------------

def rectification_list_for(user, *, state: str = "", q: str = "", year: int | None = None) -> QuerySet:
    if not getattr(user, "is_authenticated", False) or not user.cppcc_id:
        return Rectification.objects.none()
    qs = Rectification.objects.filter(cppcc_id=user.cppcc_id).select_related("entry__unit", "entry__appraisal")
    if not (permissions.is_manager(user) or permissions.reads_all(user)):
        qs = qs.filter(entry__unit_id__in=permissions.unit_ids(user))
    if state in RectState.values:
        qs = qs.filter(state=state)
    if q:
        qs = qs.filter(Q(text__icontains=q) | Q(entry__unit__name__icontains=q) | Q(feedback__icontains=q))
    if year:
        qs = qs.filter(entry__appraisal__year=year)
    return qs.order_by("state", "due_date", "id")


def rectification_get_for(user, pk) -> Rectification:
    r = Rectification.objects.filter(pk=pk).select_related("entry__appraisal", "entry__unit").first()
    if r is None or not permissions.can_view(user, r.entry.appraisal):
        raise Http404
    if not (permissions.is_manager(user) or permissions.reads_all(user)) and r.entry.unit_id not in permissions.unit_ids(user):
        raise Http404
    return r


def rectification_summary(qs) -> dict:
    counts = dict(qs.order_by().values_list("state").annotate(n=Count("id")))
    total = sum(counts.values())
    return {"total": total, "done": counts.get(RectState.DONE, 0), "reported": counts.get(RectState.REPORTED, 0),
            "open": counts.get(RectState.OPEN, 0), "rate": percent(counts.get(RectState.DONE, 0), total)}


# 评优 ---------------------------------------------------------------------------------------------------

def award_list_for(user) -> QuerySet:
    if not getattr(user, "is_authenticated", False) or not user.cppcc_id:
        return AwardRound.objects.none()
    qs = AwardRound.objects.filter(cppcc_id=user.cppcc_id)
    if not (permissions.is_manager(user) or permissions.reads_all(user)):
        qs = qs.filter(status=AwardStatus.APPROVED)
    return qs.annotate(
        n_proposals=Count("nominations", filter=Q(nominations__kind=Nomination.Kind.PROPOSAL,
                                                  nominations__state=Nomination.State.SELECTED)),
        n_units=Count("nominations", filter=Q(nominations__kind=Nomination.Kind.UNIT,
                                              nominations__state=Nomination.State.SELECTED)),
        n_nominated=Count("nominations")).order_by("-year")


def award_get_for(user, pk) -> AwardRound:
    r = AwardRound.objects.filter(pk=pk).first()
    if r is None or not permissions.can_view_award(user, r):
        raise Http404
    return r


def nominations_of(r: AwardRound, kind: str | None = None) -> list[Nomination]:
    qs = r.nominations.select_related("proposal__lead_member", "proposal__proposer_org", "unit")
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.order_by("kind", "-state", "id"))  # 入选, 已推荐, 未入选


def _selected(cppcc, year: int, kind: str) -> QuerySet:
    return Nomination.objects.filter(round__cppcc_id=getattr(cppcc, "pk", cppcc), round__year=year,
                                     round__status=AwardStatus.APPROVED, kind=kind, state=Nomination.State.SELECTED)


def excellent_proposal_ids(cppcc, year: int) -> list[int]:
    """Proposal ids named 年度优秀提案 (好提案) of `year` in the approved list — for the 履职档案."""
    return list(_selected(cppcc, year, Nomination.Kind.PROPOSAL).values_list("proposal_id", flat=True))


def excellent_unit_ids(cppcc, year: int) -> list[int]:
    """Organisation ids named 先进承办单位 of `year` in the approved list."""
    return list(_selected(cppcc, year, Nomination.Kind.UNIT).values_list("unit_id", flat=True))


def suggested_units(r: AwardRound, limit: int = 10) -> list[dict]:
    """Candidates for 先进承办单位: units evaluated in the year's 民主评议 (by 满意率, rank) and units whose
    proposals of the year were rated best by members; already nominated units are left out."""
    taken = set(r.nominations.filter(kind=Nomination.Kind.UNIT).values_list("unit_id", flat=True))
    out: dict[int, dict] = {}
    entries = (AppraisalUnit.objects.filter(appraisal__cppcc_id=r.cppcc_id, appraisal__year=r.year,
                                            appraisal__status__in=list(RESULT_STATES), satisfaction_rate__isnull=False)
               .select_related("unit").order_by("-satisfaction_rate", "rank"))
    for e in entries:
        if e.unit_id not in taken and e.unit_id not in out:
            out[e.unit_id] = {"unit": e.unit, "source": Nomination.Source.APPRAISAL,
                              "reason": f"民主评议满意率{e.satisfaction_rate}%，第{e.rank}名"}
    units = handling_units_for_cppcc(r.cppcc_id)
    stats = handling_stats(r.cppcc_id, [u.pk for u in units], r.year)
    ranked = sorted((u for u in units if stats[u.pk]["evaluated"] >= 3 and stats[u.pk]["rate"] is not None),
                    key=lambda u: (-stats[u.pk]["rate"], -stats[u.pk]["evaluated"]))
    for u in ranked:
        if u.pk not in taken and u.pk not in out:
            s = stats[u.pk]
            out[u.pk] = {"unit": u, "source": Nomination.Source.EVALUATION,
                         "reason": f"承办{s['assigned']}件，委员评价满意率{s['rate']}%（{s['content']}/{s['evaluated']}）"}
    return list(out.values())[:limit]


def handling_units_for_cppcc(cppcc_id: int) -> list[Organisation]:
    return list(Organisation.objects.filter(cppcc_id=cppcc_id, kind=Organisation.Kind.HANDLING_UNIT, is_active=True))


def suggested_proposals(r: AwardRound, limit: int = 20) -> list[dict]:
    """Candidates for 优秀提案: proposals 立案 in the year, answered with class A and rated 满意 by the proposer,
    重点提案 first; already nominated proposals are left out."""
    taken = r.nominations.filter(kind=Nomination.Kind.PROPOSAL).values("proposal_id")
    qs = (Proposal.objects.filter(cppcc_id=r.cppcc_id, decided_at__year=r.year, result_class="A",
                                  evaluation_result=Evaluation.Rating.SATISFIED)
          .exclude(pk__in=taken).order_by("-is_key", "number", "id")[:limit])
    return [{"proposal": p, "source": Nomination.Source.EVALUATION,
             "reason": ("重点提案，" if p.is_key else "") + "办理结果已解决或采纳（A类），提案者评价满意"} for p in qs]


def good_proposal_count_hint(r: AwardRound) -> tuple[int, int]:
    """(selected proposals, proposals received in the year) for the ≈1% hint."""
    selected = r.nominations.filter(kind=Nomination.Kind.PROPOSAL, state=Nomination.State.SELECTED).count()
    received = Proposal.objects.filter(cppcc_id=r.cppcc_id, submitted_at__year=r.year).count()
    return selected, received


# Proposal detail panel -----------------------------------------------------------------------------------

def proposal_panel(p: Proposal) -> dict | None:
    """年度好提案 badges of the proposal, and the 民主评议 results of the units that handled it."""
    awards = list(Nomination.objects.filter(proposal=p, state=Nomination.State.SELECTED,
                                            round__status=AwardStatus.APPROVED).select_related("round"))
    unit_ids = Assignment.objects.filter(proposal=p).exclude(state=Assignment.State.REMOVED).values("unit_id")
    results = list(AppraisalUnit.objects.filter(unit_id__in=unit_ids, appraisal__cppcc_id=p.cppcc_id,
                                                appraisal__status__in=list(RESULT_STATES))
                   .select_related("unit", "appraisal").order_by("-appraisal__year", "rank"))
    if not awards and not results:
        return None
    return {"awards": awards, "results": results}
