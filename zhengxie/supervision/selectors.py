"""Scoped reads of 重点提案与督办: every list is narrowed by the same rules as permissions.can_view_*."""
from __future__ import annotations

import datetime as dt
import threading

from django.db.models import Count, Max, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from zhengxie.accounts.models import Organisation, User
from zhengxie.accounts.selectors import has_role
from zhengxie.core import config
from zhengxie.core.roles import Role
from zhengxie.intelligence.similarity import SimilarityIndex, VersionedIndex, overlapping_passages
from zhengxie.members.models import Meeting
from zhengxie.proposals import selectors as proposal_selectors
from zhengxie.proposals.models import Assignment, Proposal
from zhengxie.proposals.workflow import FILED_STATES

from . import permissions
from .models import (
    CaseMember,
    FollowUp,
    KeyItem,
    KeyRecommendation,
    KeySelection,
    SupervisionCase,
    SupervisionRecord,
)
from .workflow import FollowUpState, Status


def today() -> dt.date:
    return timezone.localdate()


def _none(model) -> QuerySet:
    return model.objects.none()


# 重点提案遴选 -------------------------------------------------------------------------------------

def selection_list_for(user, *, meeting=None, status: str = "") -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return _none(KeySelection)
    qs = KeySelection.objects.filter(cppcc_id=user.cppcc_id).select_related("meeting").annotate(
        n_items=Count("items", distinct=True), n_selected=Count("items", filter=Q(items__selected=True), distinct=True))
    if not (permissions.sees_all(user) or permissions.recommender_sources(user)):
        return qs.none()
    if meeting:
        qs = qs.filter(meeting_id=meeting)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-created_at", "-id")


def selection_get_for(user, pk) -> KeySelection:
    s = KeySelection.objects.select_related("meeting").filter(pk=pk).first()
    if s is None or not permissions.can_view_selection(user, s):
        raise Http404
    return s


def items_of(s: KeySelection, *, only: str = "") -> list[KeyItem]:
    qs = s.items.select_related("proposal__lead_member", "proposal__proposer_org", "proposal__category", "leader",
                                "committee").prefetch_related(
        Prefetch("recommendations", queryset=KeyRecommendation.objects.select_related("org", "by")),
        Prefetch("proposal__assignments", queryset=Assignment.objects.exclude(state=Assignment.State.REMOVED)
                 .select_related("unit")))
    if only == "shortlisted":
        qs = qs.filter(shortlisted=True)
    elif only == "selected":
        qs = qs.filter(selected=True)
    return list(qs.order_by("proposal__number", "id"))


def candidate_proposals(user, s: KeySelection, q: str = "") -> QuerySet:
    """Filed proposals of the round's 会议 that may be recommended (the picker)."""
    qs = Proposal.objects.filter(cppcc_id=s.cppcc_id, meeting_id=s.meeting_id, status__in=FILED_STATES,
                                 merged_into__isnull=True).select_related("lead_member", "proposer_org")
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(lead_member__name__icontains=q) | Q(number=int(q) if q.isdigit() else -1))
    return qs.order_by("number")


def my_recommendations(user, s: KeySelection) -> list[KeyRecommendation]:
    return list(KeyRecommendation.objects.filter(item__selection=s, by=user).select_related("item__proposal", "org"))


def leaders_for(user) -> list[User]:
    from zhengxie.accounts.models import RoleAssignment

    ids = RoleAssignment.objects.filter(RoleAssignment.valid_on(today()), cppcc_id=user.cppcc_id,
                                        role=Role.LEADER).values("user_id")
    return list(User.objects.filter(pk__in=ids).order_by("display_name"))


def committees_for(user) -> QuerySet:
    return Organisation.objects.filter(cppcc_id=user.cppcc_id, kind=Organisation.Kind.COMMITTEE).order_by("name")


def units_for(user) -> QuerySet:
    return Organisation.objects.filter(cppcc_id=user.cppcc_id, kind=Organisation.Kind.HANDLING_UNIT).order_by("name")


def plenaries_for(user) -> QuerySet:
    return Meeting.objects.filter(cppcc_id=user.cppcc_id, kind=Meeting.Kind.PLENARY).order_by("-start_date")


def current_meeting(user) -> Meeting | None:
    return plenaries_for(user).filter(start_date__lte=today()).first() or plenaries_for(user).first()


# 重点提案 ------------------------------------------------------------------------------------------

def key_proposals_for(user, *, meeting=None, q: str = "", mine: bool = False) -> QuerySet:
    """重点提案 the user may see; a 领导 with mine=True: those assigned to him."""
    qs = proposal_selectors.proposal_list_for(user).filter(is_key=True)
    if meeting:
        qs = qs.filter(meeting_id=meeting)
    if mine:
        qs = qs.filter(key_items__leader=user, key_items__selected=True).distinct()
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(lead_member__name__icontains=q) | Q(proposer_org__name__icontains=q))
    return qs.select_related("lead_member", "proposer_org", "meeting").order_by("meeting_id", "number")


def key_item_of(p: Proposal) -> KeyItem | None:
    return (KeyItem.objects.filter(proposal=p, selected=True, selection__status=Status.APPROVED)
            .select_related("leader", "committee", "selection").order_by("-selection__approval_date", "-id").first())


def key_items_by_proposal(ids) -> dict[int, KeyItem]:
    out: dict[int, KeyItem] = {}
    for item in (KeyItem.objects.filter(proposal_id__in=list(ids), selected=True, selection__status=Status.APPROVED)
                 .select_related("leader", "committee").order_by("selection__approval_date", "id")):
        out[item.proposal_id] = item
    return out


# 督办 records ------------------------------------------------------------------------------------

def _record_scope(user) -> Q:
    """permissions.can_view_record as a Q: all for staff/leaders/督办部门; else records of proposals the user
    proposed, co-signed or handles, and records with a follow-up owned by the user's unit."""
    if permissions.sees_all(user):
        return Q(cppcc_id=user.cppcc_id)
    from zhengxie.accounts.selectors import roles_of
    from zhengxie.proposals.selectors import _cosigner_q, _proposer_q, _unit_q

    mine = Proposal.objects.filter(_proposer_q(user, roles_of(user)) | _cosigner_q(user) | _unit_q(user)).values("pk")
    units = permissions.unit_ids(user)
    return Q(cppcc_id=user.cppcc_id) & (Q(proposal_id__in=mine) | Q(followups__owner_unit_id__in=units))


def record_list_for(user, *, filters: dict | None = None) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return _none(SupervisionRecord)
    f = filters or {}
    qs = SupervisionRecord.objects.filter(_record_scope(user)).distinct()
    if f.get("q"):
        q = f["q"]
        qs = qs.filter(Q(proposal__title__icontains=q) | Q(minutes__icontains=q) | Q(leaders__icontains=q)
                       | Q(place__icontains=q) | Q(unit_people__icontains=q))
    if f.get("form"):
        qs = qs.filter(form=f["form"])
    if f.get("meeting"):
        qs = qs.filter(proposal__meeting_id=f["meeting"])
    if f.get("start"):
        qs = qs.filter(date__gte=f["start"])
    if f.get("end"):
        qs = qs.filter(date__lte=f["end"])
    if f.get("key"):
        qs = qs.filter(proposal__is_key=True)
    if f.get("proposal"):
        qs = qs.filter(proposal_id=f["proposal"])
    return qs.select_related("proposal", "case", "created_by").annotate(
        n_followups=Count("followups", distinct=True),
        n_open=Count("followups", filter=Q(followups__state=FollowUpState.OPEN), distinct=True),
    ).order_by("-date", "-id")


def record_get_for(user, pk) -> SupervisionRecord:
    r = SupervisionRecord.objects.select_related("proposal", "case", "created_by").filter(pk=pk).first()
    if r is None or not permissions.can_view_record(user, r):
        raise Http404
    return r


def records_of(p: Proposal) -> list[SupervisionRecord]:
    return list(p.supervision_records.select_related("created_by", "case").prefetch_related(
        Prefetch("followups", queryset=FollowUp.objects.select_related("owner_unit"))).order_by("-date", "-id"))


def forms_for(user) -> list[str]:
    return list(config.get("supervision.forms", cppcc=user.cppcc_id))


# Follow-ups --------------------------------------------------------------------------------------

def followup_list_for(user, *, filters: dict | None = None) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return _none(FollowUp)
    f = filters or {}
    qs = FollowUp.objects.filter(cppcc_id=user.cppcc_id)
    if not permissions.sees_all(user):
        units = permissions.unit_ids(user)
        qs = qs.filter(owner_unit_id__in=units) if units else qs.none()
    if f.get("q"):
        qs = qs.filter(Q(content__icontains=f["q"]) | Q(record__proposal__title__icontains=f["q"]) | Q(note__icontains=f["q"]))
    if f.get("state") == "overdue":
        qs = qs.filter(state=FollowUpState.OPEN, due_date__lt=today())
    elif f.get("state"):
        qs = qs.filter(state=f["state"])
    if f.get("unit"):
        qs = qs.filter(owner_unit_id=f["unit"])
    return qs.select_related("record__proposal", "owner_unit").order_by("state", "due_date", "id")


def followup_get_for(user, pk) -> FollowUp:
    f = FollowUp.objects.select_related("record__proposal", "owner_unit").filter(pk=pk).first()
    if f is None or not (permissions.sees_all(user) and permissions.same_cppcc(user, f) or permissions.is_owner_unit(user, f)):
        raise Http404
    return f


def overdue_followups(user) -> QuerySet:
    return followup_list_for(user, filters={"state": "overdue"})


# 并案集中督办 ------------------------------------------------------------------------------------

def case_list_for(user, *, filters: dict | None = None) -> QuerySet:
    if not getattr(user, "is_authenticated", False):
        return _none(SupervisionCase)
    f = filters or {}
    qs = SupervisionCase.objects.filter(cppcc_id=user.cppcc_id)
    if not permissions.sees_all(user):
        units = permissions.unit_ids(user)
        if not units:
            return qs.none()
        handled = Assignment.objects.filter(unit_id__in=units).exclude(state=Assignment.State.REMOVED).values("proposal_id")
        qs = qs.filter(Q(lead_units__in=units) | Q(lead_id__in=handled) | Q(members__proposal_id__in=handled)).distinct()
    if f.get("mine") and has_role(user, Role.LEADER):
        qs = qs.filter(lead__key_items__leader=user).distinct()
    if f.get("q"):
        qs = qs.filter(Q(title__icontains=f["q"]) | Q(lead__title__icontains=f["q"]) | Q(plan__icontains=f["q"]))
    if f.get("meeting"):
        qs = qs.filter(meeting_id=f["meeting"])
    if f.get("state"):
        qs = qs.filter(state=f["state"])
    return qs.select_related("lead", "meeting").annotate(n_members=Count("members", distinct=True)).order_by("-created_at", "-id")


def case_get_for(user, pk) -> SupervisionCase:
    c = SupervisionCase.objects.select_related("lead", "meeting").filter(pk=pk).first()
    if c is None or not permissions.can_view_case(user, c):
        raise Http404
    return c


def case_rows(c: SupervisionCase, user) -> list[dict]:
    """The lead and every member with handling state, units, reply state and outcome (case page / API)."""
    members = list(c.members.select_related("proposal"))
    ids = [c.lead_id, *[m.proposal_id for m in members]]
    props = {p.pk: p for p in proposal_selectors.decorate(
        proposal_selectors.with_rows(Proposal.objects.filter(pk__in=ids)), user)}
    from zhengxie.proposals.models import Reply

    replies: dict[int, list] = {}
    for r in Reply.objects.filter(assignment__proposal_id__in=ids).select_related("assignment__unit").order_by("round", "id"):
        replies.setdefault(r.assignment.proposal_id, []).append(r)
    rows = [{"proposal": props[c.lead_id], "is_lead": True, "member": None, "replies": replies.get(c.lead_id, [])}]
    for m in members:
        rows.append({"proposal": props[m.proposal_id], "is_lead": False, "member": m, "replies": replies.get(m.proposal_id, [])})
    return rows


def case_progress(c: SupervisionCase, user, rows: list[dict] | None = None) -> dict:
    rows = rows if rows is not None else case_rows(c, user)
    answered = {"answered", "evaluated", "closed", "closed_unsatisfied"}
    done = sum(1 for r in rows if r["proposal"].status in answered)
    members = [r["member"] for r in rows if r["member"] is not None]
    return {"total": len(rows), "answered": done, "outcomes": sum(1 for m in members if m.outcome_state != "pending"),
            "members": len(members)}


def proposal_text(p: Proposal) -> str:
    return "\n".join(x for x in (p.situation, p.analysis, p.suggestions) if x)


#: Cached 会议 indexes per server process (≈35 MB each, see docs/supervision.md); the least recently used is dropped.
MAX_INDEXES = 2
_indexes: dict[int, VersionedIndex] = {}
_indexes_lock = threading.Lock()


def meeting_index(meeting_id: int) -> SimilarityIndex:
    """One similarity index per 会议 and server process, rebuilt when a filed proposal of the 会议 changes
    (version = count and newest updated_at, so saves in other processes are seen on the next query)."""
    def version():
        agg = Proposal.objects.filter(meeting_id=meeting_id, status__in=FILED_STATES).aggregate(n=Count("id"), t=Max("updated_at"))
        return agg["n"], agg["t"]

    def loader():
        for p in Proposal.objects.filter(meeting_id=meeting_id, status__in=FILED_STATES, merged_into__isnull=True).only(
                "pk", "title", "situation", "analysis", "suggestions"):
            yield p.pk, f"{p.title}\n{p.title}\n{proposal_text(p)}"

    with _indexes_lock:
        vi = _indexes.pop(meeting_id, None) or VersionedIndex(version, loader)
        _indexes[meeting_id] = vi  # most recently used last
        while len(_indexes) > MAX_INDEXES:
            _indexes.pop(next(iter(_indexes)))
    return vi.get()


def case_suggestions(c: SupervisionCase, *, k: int | None = None) -> list[dict]:
    """Similar ordinary filed proposals of the same 会议 not yet in a case, best first, with the shared passages."""
    k = k or int(config.get("supervision.case_suggestions", cppcc=c.cppcc_id))
    floor = float(config.get("supervision.case_min_score", cppcc=c.cppcc_id))
    lead = c.lead
    taken = set(CaseMember.objects.filter(case__cppcc_id=c.cppcc_id).values_list("proposal_id", flat=True))
    keys = set(Proposal.objects.filter(meeting_id=c.meeting_id, is_key=True).values_list("pk", flat=True))
    exclude = taken | keys | {lead.pk}
    hits = meeting_index(c.meeting_id).top_k(f"{lead.title}\n{lead.title}\n{proposal_text(lead)}", k + len(exclude),
                                             exclude=exclude, min_score=floor)
    hits = hits[:k]
    props = {p.pk: p for p in Proposal.objects.filter(pk__in=[h[0] for h in hits], status__in=FILED_STATES)
             .select_related("lead_member", "proposer_org")}
    out = []
    lead_text = f"{lead.title}\n{proposal_text(lead)}"
    for pk, score in hits:
        p = props.get(pk)
        if p is None:
            continue
        passages = overlapping_passages(lead_text, f"{p.title}\n{proposal_text(p)}", min_chars=6)[:5]
        out.append({"proposal": p, "score": round(score, 3), "passages": passages})
    return out


def index_memory_bytes() -> int:
    return sum(vi.get().memory_bytes() for vi in list(_indexes.values()))


# Panel on the proposal page ------------------------------------------------------------------------

def panel_for(user, p: Proposal) -> dict | None:
    if not permissions.can_see_panel(user, p):
        return None
    records = records_of(p)
    item = key_item_of(p) if p.is_key else None
    case = SupervisionCase.objects.filter(lead=p).first()
    membership = CaseMember.objects.filter(proposal=p).select_related("case").first()
    if not (records or item or case or membership or permissions.can_record(user, p)):
        return None
    today_ = today()
    for r in records:
        for f in r.followups.all():
            f.overdue = f.state == FollowUpState.OPEN and f.due_date < today_
    return {"records": records, "item": item, "case": case or (membership.case if membership else None),
            "membership": membership, "can_record": permissions.can_record(user, p),
            "can_unset": p.is_key and permissions.is_staff(user, p)}


def record_counts(ids) -> dict[int, int]:
    return dict(SupervisionRecord.objects.filter(proposal_id__in=list(ids)).values_list("proposal_id").annotate(n=Count("id")))


def cases_by_proposal(ids) -> dict[int, SupervisionCase]:
    ids = list(ids)
    out = {c.lead_id: c for c in SupervisionCase.objects.filter(lead_id__in=ids)}
    for m in CaseMember.objects.filter(proposal_id__in=ids).select_related("case"):
        out[m.proposal_id] = m.case
    return out
