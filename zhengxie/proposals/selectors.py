"""Scoped reads of the 提案 module: every list is a QuerySet narrowed by the same rules as `permissions.can_view`.

    proposal_list_for(user, filters={...})  – everything the user may see, filtered (提案查询)
    proposal_get_for(user, pk)              – one proposal or 404
    staff_queue / unit_inbox / audit_queue / my_proposals / overdue_assignments – the work lists per role
Rows of a list page are decorated by `decorate(rows, user)` (提案号 text, the user's own assignment, overdue
flags) from prefetched data, so the number of queries does not depend on the page size.
"""
from __future__ import annotations

import datetime as dt
import re

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.accounts.selectors import organisations_for_role, roles_of
from zhengxie.core import config
from zhengxie.core.models import Event
from zhengxie.core.roles import READ_ALL_ROLES, Role
from zhengxie.members.models import Meeting, Member, Membership

from . import permissions
from .models import (
    COLLECTIVE_TYPES,
    Assignment,
    Category,
    CoSign,
    CoSigner,
    Evaluation,
    ExtensionRequest,
    Proposal,
    ProposerType,
    Reply,
    ReviewMeeting,
)
from .workflow import PUBLIC_STATES, Status

S = Status
HANDLING_STATES = (S.ASSIGNED, S.REASSIGNING, S.IN_PROGRESS, S.REHANDLING)
LIVE_ASSIGNMENT = (Assignment.State.PENDING, Assignment.State.ACCEPTED, Assignment.State.DISPUTED)
ANSWERING = (Assignment.Role.LEAD, Assignment.Role.SOLE, Assignment.Role.SPLIT)

#: Status groups offered by the 状态 filter (besides single states).
STATUS_GROUPS = {
    "reviewing": ("审查阶段", (S.SUBMITTED, S.RECEIVED, S.UNDER_REVIEW)),
    "filed_all": ("已立案（全部）", tuple(sorted(PUBLIC_STATES))),
    "handling": ("办理中（含交办、调整、重新办理）", HANDLING_STATES),
    "answering": ("答复会签/审核中", (S.ANSWER_DRAFTED, S.ANSWER_COSIGNED)),
    "done": ("已答复/已办结", (S.ANSWERED, S.EVALUATED, S.CLOSED, S.CLOSED_UNSATISFIED)),
    "not_filed": ("未立案（并案、转出、不予立案、撤案）", (S.MERGED, S.TO_SUGGESTION, S.TO_SQMY, S.REJECTED, S.WITHDRAWN)),
}


def today() -> dt.date:
    return timezone.localdate()


_today = today


def _member(user) -> Member | None:
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return user.member
    except Member.DoesNotExist:
        return None


# Scope --------------------------------------------------------------------------------------------

def _proposer_q(user, roles: set[str]) -> Q:
    """Proposals the user submitted: as 领衔人 (a 委员 role) or through an organisation account."""
    q = Q(pk__in=[])
    member = _member(user)
    if member is not None and roles & {Role.MEMBER, Role.STANDING_MEMBER}:
        q |= Q(lead_member=member) & ~Q(proposer_type__in=COLLECTIVE_TYPES)
    org_ids = [o.pk for o in organisations_for_role(user, Role.ORG_SUBMITTER)]
    if org_ids:
        q |= Q(proposer_type__in=COLLECTIVE_TYPES, proposer_org_id__in=org_ids)
    return q


def _cosigner_q(user) -> Q:
    member = _member(user)
    if member is None:
        return Q(pk__in=[])
    return Q(pk__in=CoSigner.objects.filter(member=member).values("proposal_id"))


def unit_ids_of(user) -> list[int]:
    return [o.pk for o in organisations_for_role(user, Role.HANDLING_UNIT)]


def _unit_q(user, states=None) -> Q:
    units = unit_ids_of(user)
    if not units:
        return Q(pk__in=[])
    rows = Assignment.objects.filter(unit_id__in=units).exclude(state=Assignment.State.REMOVED)
    if states is not None:
        rows = rows.filter(state__in=states)
    return Q(pk__in=rows.values("proposal_id"))


def sees_all(user) -> bool:
    return bool(roles_of(user) & (READ_ALL_ROLES | {Role.SUPERVISING_OFFICE}))


def visible_q(user) -> Q:
    """The QuerySet form of permissions.can_view (tested against it)."""
    roles = roles_of(user)
    if roles & (READ_ALL_ROLES | {Role.SUPERVISING_OFFICE}):
        return Q()
    q = _proposer_q(user, roles) | _cosigner_q(user)
    q |= _unit_q(user) & Q(status__in=list(PUBLIC_STATES) + [S.TO_SUGGESTION])
    if roles & {Role.MEMBER, Role.STANDING_MEMBER, Role.EXPERT}:
        q |= Q(status__in=list(PUBLIC_STATES), is_public=True)
    return q


def _base(user) -> QuerySet:
    if not getattr(user, "is_authenticated", False) or not user.cppcc_id:
        return Proposal.objects.none()
    return Proposal.objects.filter(cppcc_id=user.cppcc_id)


def scoped(user) -> QuerySet:
    return _base(user).filter(visible_q(user))


def with_rows(qs: QuerySet) -> QuerySet:
    """What a list row shows: joined names plus the live assignments with their units (two extra queries)."""
    if any(getattr(x, "to_attr", None) == "live_assignments" for x in qs._prefetch_related_lookups):
        return qs
    live = Assignment.objects.exclude(state=Assignment.State.REMOVED).select_related("unit").order_by("role", "id")
    return qs.select_related("category", "lead_member", "proposer_org", "sector", "meeting__term").prefetch_related(
        Prefetch("assignments", queryset=live, to_attr="live_assignments"))


# Filters ------------------------------------------------------------------------------------------

def _int(value) -> int | None:
    value = getattr(value, "pk", value)
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


_NUMBER_ONLY = re.compile(r"第?\s*0*(\d{1,9})\s*号?")


def _number_q(text: str) -> Q:
    """提案号 “0123”/“第0123号” → that number (index (cppcc, number)) or that exact 收件号; other text (a 收件号 such
    as “142-S0001”, or its beginning) → 收件号 by prefix. Never a LIKE '%…%' over every row."""
    text = text.strip().upper()
    if m := _NUMBER_ONLY.fullmatch(text):
        return Q(number=int(m.group(1))) | Q(receipt_no=text)
    return Q(receipt_no__startswith=text)


def apply_filters(qs: QuerySet, user, filters: dict | None, *, text: bool = True) -> QuerySet:
    """qs narrowed by the list filters; the text query ("q") too unless text=False (list_page then pages it)."""
    f = filters or {}
    number = str(f.get("number") or "").strip()
    if number:
        qs = qs.filter(_number_q(number))
    proposer = str(f.get("proposer") or "").strip()
    if proposer:
        names = Q(lead_member__name__contains=proposer) | Q(proposer_org__name__contains=proposer)
        names |= Q(pk__in=CoSigner.objects.filter(member__name__contains=proposer).values("proposal_id"))
        qs = qs.filter(names)
    for key, field in (("sector", "sector_id"), ("category", "category_id"), ("meeting", "meeting_id")):
        if (value := _int(f.get(key))) is not None:
            qs = qs.filter(**{field: value})
    if (unit := _int(f.get("unit"))) is not None:
        qs = qs.filter(pk__in=Assignment.objects.filter(unit_id=unit).exclude(state=Assignment.State.REMOVED)
                       .values("proposal_id"))
    status = f.get("status") or ""
    if status in STATUS_GROUPS:
        qs = qs.filter(status__in=STATUS_GROUPS[status][1])
    elif status in Status.values:
        qs = qs.filter(status=status)
    if (year := _int(f.get("year"))) is not None:
        qs = qs.filter(meeting__start_date__year=year)
    if f.get("key") in (True, "1", "yes"):
        qs = qs.filter(is_key=True)
    plenary = f.get("plenary") or ""
    if plenary in ("plenary", "regular"):
        qs = qs.filter(is_plenary=plenary == "plenary")
    kind = f.get("kind") or ""
    if kind == "individual":
        qs = qs.filter(proposer_type=ProposerType.INDIVIDUAL)
    elif kind == "joint":
        qs = qs.filter(proposer_type=ProposerType.JOINT)
    elif kind == "collective":
        qs = qs.filter(proposer_type__in=COLLECTIVE_TYPES)
    query = str(f.get("q") or "").strip()
    if query and text:
        from zhengxie import textindex

        qs = textindex.search_queryset(qs, query, cppcc=user.cppcc_id)
    return qs


def list_order(qs: QuerySet) -> QuerySet:
    """A list's order: its own (a queue's, or relevance after a text search), else newest first."""
    return qs if qs.query.order_by else qs.order_by("-submitted_at", "-id")


def list_page(qs: QuerySet, user, number, per_page: int, *, text: str = "") -> Page:
    """One page of a proposal list, its rows joined and decorated (same queries on page 1 and page 1000).

    Pages by primary key first — the ORDER BY … OFFSET walks only the index (cppcc, -submitted_at, -id) and the
    filter columns, never the joined rows it skips — then loads and decorates just this page's rows. With a text
    query (qs filtered with apply_filters(…, text=False)) the order is textindex.search_queryset's: best matches
    first, then the rest."""
    text = (text or "").strip()
    if text:
        from zhengxie import textindex

        page = textindex.search_page(qs.prefetch_related(None), text, number=number, per_page=per_page,
                                     cppcc=user.cppcc_id)
    else:
        page = Paginator(list_order(qs).prefetch_related(None).values_list("pk", flat=True), per_page).get_page(number)
    ids = list(page.object_list)
    by_pk = {p.pk: p for p in with_rows(Proposal.objects.filter(pk__in=ids).order_by())} if ids else {}
    page.object_list = decorate([by_pk[i] for i in ids if i in by_pk], user)
    return page


def proposal_list_for(user, *, filters: dict | None = None) -> QuerySet:
    """Every proposal the user may see (never a draft of someone else, never another 政协), filtered."""
    qs = scoped(user).exclude(~_proposer_q(user, roles_of(user)), status=S.DRAFT)
    return with_rows(apply_filters(qs, user, filters))


def proposal_get_for(user, pk) -> Proposal:
    live = Assignment.objects.select_related("unit").order_by("role", "id")
    # the four organisations come from one query below: joined here they made an 11-table join whose
    # planning alone took 2 ms on every page and action
    qs = scoped(user).select_related("category", "lead_member", "meeting__term", "merged_into", "created_by")
    p = (qs.prefetch_related(Prefetch("assignments", queryset=live), "suggested_units")
         .filter(pk=_int(pk) or 0).order_by().first())
    if p is not None:
        fields = ("proposer_org", "sector", "committee", "party")
        ids = {getattr(p, f"{f}_id") for f in fields} - {None}
        orgs = Organisation.objects.in_bulk(ids) if ids else {}
        for f in fields:
            if getattr(p, f"{f}_id") is not None:
                setattr(p, f, orgs[getattr(p, f"{f}_id")])
    if p is None or not permissions.can_view(user, p):
        raise Http404("没有找到该提案，或您无权查看。")
    return p


# Work lists ---------------------------------------------------------------------------------------

def _pending_extensions() -> QuerySet:
    return ExtensionRequest.objects.filter(state=ExtensionRequest.State.PENDING)


def staff_queue_tabs() -> list[tuple[str, str]]:
    return [("to_receive", "待收件"), ("to_pre_review", "待初审"), ("under_review", "待审查"), ("to_assign", "待交办"),
            ("reassigning", "申请调整"), ("extensions", "延期申请"), ("to_close", "待办结")]


def staff_queue(user, tab: str) -> QuerySet:
    """提案委's queues. Other roles get an empty list (the page refuses them before)."""
    if not permissions.can_manage(user):
        return Proposal.objects.none()
    qs = _base(user)
    if tab == "to_receive":
        return qs.filter(status=S.SUBMITTED, cosign_deadline__lt=timezone.now())
    if tab == "extensions":
        return qs.filter(pk__in=_pending_extensions().values("assignment__proposal_id"))
    states = {"to_pre_review": (S.RECEIVED,), "under_review": (S.UNDER_REVIEW,), "to_assign": (S.FILED,),
              "reassigning": (S.REASSIGNING,), "to_close": (S.ANSWERED, S.EVALUATED)}.get(tab)
    return qs.filter(status__in=states) if states else qs.none()


def queue_counts(user) -> dict[str, int]:
    return {code: staff_queue(user, code).count() for code, _ in staff_queue_tabs()}


def unit_inbox_tabs() -> list[tuple[str, str]]:
    return [("to_accept", "待签收"), ("in_progress", "办理中"), ("to_cosign", "待会签"), ("returned", "被退回"),
            ("follow_up", "跟踪办理"), ("reference", "参考件"), ("all", "全部")]


def unit_inbox(user, tab: str) -> QuerySet:
    units = unit_ids_of(user)
    qs = _base(user)
    if not units:
        return qs.none()
    mine = Assignment.objects.filter(unit_id__in=units)
    if tab == "to_accept":
        return qs.filter(status=S.ASSIGNED, pk__in=mine.filter(state=Assignment.State.PENDING).values("proposal_id"))
    if tab == "in_progress":
        return qs.filter(status__in=(S.IN_PROGRESS, S.REHANDLING),
                         pk__in=mine.filter(state=Assignment.State.ACCEPTED).values("proposal_id"))
    if tab == "to_cosign":
        signed = CoSign.objects.filter(assignment__unit_id__in=units, reply__assignment__proposal_id=OuterRef("pk"))
        return qs.filter(status=S.ANSWER_DRAFTED, pk__in=mine.filter(role=Assignment.Role.CO).exclude(
            state=Assignment.State.REMOVED).values("proposal_id")).exclude(Exists(signed))
    if tab == "returned":
        returned = Reply.objects.filter(assignment__unit_id__in=units, state=Reply.State.RETURNED)
        return qs.filter(status__in=(S.IN_PROGRESS, S.REHANDLING), pk__in=returned.values("assignment__proposal_id"))
    if tab == "follow_up":
        open_rows = Reply.objects.filter(assignment__unit_id__in=units, follow_up_open=True)
        return qs.filter(pk__in=open_rows.values("assignment__proposal_id"))
    if tab == "reference":
        return qs.filter(pk__in=mine.filter(state=Assignment.State.REFERENCE).values("proposal_id"))
    return qs.filter(_unit_q(user) & Q(status__in=list(PUBLIC_STATES) + [S.TO_SUGGESTION]))


def reviewer_systems(user) -> list[str]:
    """The 系统 whose answers this user audits (configuration proposals.reviewer_by_system)."""
    mapping = config.get("proposals.reviewer_by_system", cppcc=user.cppcc_id)
    roles = roles_of(user)
    systems = [code for code in Organisation.System.values if mapping.get(code, Role.PROPOSAL_STAFF) in roles]
    if mapping.get("other", Role.PROPOSAL_STAFF) in roles:
        systems.append("")
    return systems


def audit_queue(user) -> QuerySet:
    """督办审核: answers waiting (answer_cosigned) from units of the 系统 this user audits."""
    systems = reviewer_systems(user)
    if not systems:
        return Proposal.objects.none()
    answering = Assignment.objects.filter(role__in=ANSWERING, unit__system__in=systems).exclude(
        state__in=(Assignment.State.REMOVED, Assignment.State.REFERENCE))
    return _base(user).filter(status=S.ANSWER_COSIGNED, pk__in=answering.values("proposal_id"))


def my_tabs() -> list[tuple[str, str]]:
    return [("lead", "我领衔的"), ("cosigned", "我联名的"), ("to_confirm", "待我确认联名"), ("to_evaluate", "待我评价")]


def _my_evaluation_exists(user) -> Exists:
    member = _member(user)
    orgs = [o.pk for o in organisations_for_role(user, Role.ORG_SUBMITTER)]
    who = Q(member=member) if member else Q(pk__in=[])
    if orgs:
        who |= Q(org_id__in=orgs)
    rows = Evaluation.objects.filter(who, reply__assignment__proposal_id=OuterRef("pk"),
                                     reply__round=OuterRef("rehandle_rounds") + 1)
    return Exists(rows)


def my_proposals(user, tab: str) -> QuerySet:
    qs = _base(user)
    member = _member(user)
    if tab == "cosigned":
        return qs.filter(pk__in=CoSigner.objects.filter(member=member).values("proposal_id")) if member else qs.none()
    if tab == "to_confirm":
        if member is None:
            return qs.none()
        rows = CoSigner.objects.filter(member=member, state=CoSigner.State.INVITED)
        return qs.filter(status=S.SUBMITTED, pk__in=rows.values("proposal_id"))
    if tab == "to_evaluate":
        who = _proposer_q(user, roles_of(user))
        if member is not None:
            who |= Q(pk__in=CoSigner.objects.filter(member=member, state=CoSigner.State.CONFIRMED).values("proposal_id"))
        return qs.filter(who, status=S.ANSWERED).exclude(_my_evaluation_exists(user))
    return qs.filter(_proposer_q(user, roles_of(user)))


def my_counts(user) -> dict[str, int]:
    return {code: my_proposals(user, code).count() for code, _ in my_tabs()}


def overdue_assignments(user) -> QuerySet:
    """Units past their due date that still owe an answer or a 会办意见 (definition: deadlines.py): all of the
    政协 for staff/leaders, the user's own units otherwise."""
    from . import deadlines

    qs = deadlines.overdue_assignments(user.cppcc_id, today())
    if not sees_all(user):
        qs = qs.filter(unit_id__in=unit_ids_of(user))
    return qs.select_related("unit", "proposal__meeting", "proposal__category")


def overdue_proposals(user) -> QuerySet:
    """Proposals with at least one overdue unit, in the user's scope."""
    qs = scoped(user).filter(pk__in=overdue_assignments(user).values("proposal_id"))
    return qs.order_by("due_date", "id")


# Review meetings -------------------------------------------------------------------------------------

def review_meeting_list_for(user, *, q: str = "", meeting=None) -> QuerySet:
    if not (permissions.can_manage(user) or sees_all(user)):
        return ReviewMeeting.objects.none()
    qs = ReviewMeeting.objects.filter(cppcc_id=user.cppcc_id).select_related("meeting__term")
    if q:
        qs = qs.filter(Q(title__contains=q) | Q(participants__contains=q) | Q(opinions__contains=q))
    if (mid := _int(meeting)) is not None:
        qs = qs.filter(meeting_id=mid)
    return qs.prefetch_related(Prefetch("decisions", queryset=_decision_rows()))


def _decision_rows():
    from .models import ReviewDecision

    return ReviewDecision.objects.select_related("proposal", "merged_into").order_by("id")


def review_meeting_get_for(user, pk) -> ReviewMeeting:
    r = review_meeting_list_for(user).filter(pk=_int(pk) or 0).first()
    if r is None:
        raise Http404("没有找到该审查会。")
    return r


def review_choices(user, p: Proposal | None = None, meeting=None) -> QuerySet:
    qs = ReviewMeeting.objects.filter(cppcc_id=user.cppcc_id).select_related("meeting")
    meeting_id = p.meeting_id if p is not None else _int(meeting)
    if meeting_id:
        qs = qs.filter(meeting_id=meeting_id)
    return qs.order_by("-date", "-id")[:50]


def batch_candidates(user, review: ReviewMeeting) -> QuerySet:
    """Proposals under review of the review meeting's 会议 (the rows of the batch table)."""
    if not permissions.can_manage(user):
        return Proposal.objects.none()
    return with_rows(_base(user).filter(meeting_id=review.meeting_id, status=S.UNDER_REVIEW)).order_by("receipt_no", "id")


def merge_targets(user, meeting_id: int) -> QuerySet:
    """Lead cases a proposal may be merged into: filed (not merged) cases of the same 会议, plus those under
    review (they may be filed in the same batch)."""
    return (_base(user).filter(meeting_id=meeting_id, merged_into__isnull=True,
                               status__in=(S.FILED, S.ASSIGNED, S.IN_PROGRESS, S.UNDER_REVIEW))
            .order_by("number", "receipt_no", "id")[:1000])


# Reference data for forms ----------------------------------------------------------------------------

def categories_for(user) -> QuerySet:
    return Category.objects.filter(cppcc_id=user.cppcc_id, is_active=True)


def handling_units_for(user) -> QuerySet:
    return Organisation.objects.filter(cppcc_id=user.cppcc_id, kind=Organisation.Kind.HANDLING_UNIT,
                                       is_active=True).order_by("system", "sort", "name")


def sectors_for(user) -> QuerySet:
    return Organisation.objects.filter(cppcc_id=user.cppcc_id, kind=Organisation.Kind.SECTOR).order_by("sort", "name")


def meetings_for(user) -> QuerySet:
    return Meeting.objects.filter(cppcc_id=user.cppcc_id, kind=Meeting.Kind.PLENARY).select_related("term").order_by(
        "-start_date")


def proposer_orgs_for(user) -> list[Organisation]:
    return organisations_for_role(user, Role.ORG_SUBMITTER)


def member_search(user, q: str, *, limit: int = 20) -> list[Member]:
    """Co-signer picker: members of the user's 政协 seated today, by name or pinyin initials (name and 界别 only)."""
    q = (q or "").strip()
    if not q or not getattr(user, "cppcc_id", None):
        return []
    seated = Membership.objects.filter(Membership.valid_on(_today()), cppcc_id=user.cppcc_id)
    qs = Member.objects.filter(cppcc_id=user.cppcc_id, pk__in=seated.values("member_id"))
    qs = qs.filter(Q(pinyin_initials__istartswith=q) | Q(pinyin_override__istartswith=q) | Q(name__icontains=q)
                   if q.isascii() else Q(name__contains=q))
    me = _member(user)
    if me is not None:
        qs = qs.exclude(pk=me.pk)
    seats = seated.select_related("sector").order_by("-start_date")
    return list(qs.prefetch_related(Prefetch("memberships", queryset=seats, to_attr="seats")).order_by("name")[:limit])


def members_by_ids(user, ids) -> list[Member]:
    ids = [i for i in (_int(x) for x in ids or []) if i]
    return list(Member.objects.filter(cppcc_id=user.cppcc_id, pk__in=ids))


# Detail page pieces ----------------------------------------------------------------------------------

def timeline(p: Proposal) -> list[Event]:
    ct = ContentType.objects.get_for_model(Proposal)
    return list(Event.objects.filter(content_type=ct, object_id=str(p.pk)).select_related("actor").order_by("at", "id"))


def cosigners_of(p: Proposal) -> list[CoSigner]:
    return list(p.cosigners.select_related("member").order_by("order", "id"))


def replies_of(p: Proposal) -> list[Reply]:
    return list(Reply.objects.filter(assignment__proposal=p).select_related("assignment__unit")
                .prefetch_related("evaluations__member", "cosigns__assignment__unit").order_by("round", "assignment_id"))


def contacts_of(p: Proposal) -> list:
    from .models import Contact

    return list(Contact.objects.filter(assignment__proposal=p).select_related("assignment__unit").order_by("date", "id"))


def extensions_of(p: Proposal) -> list[ExtensionRequest]:
    return list(ExtensionRequest.objects.filter(assignment__proposal=p).select_related("assignment__unit", "requested_by")
                .order_by("-requested_at"))


def review_decisions_of(p: Proposal) -> list:
    from .models import ReviewDecision

    return list(ReviewDecision.objects.filter(proposal=p).select_related("review").order_by("id"))


def merged_children(p: Proposal) -> list[Proposal]:
    return list(p.merged_proposals.select_related("lead_member", "proposer_org").order_by("id"))


def meeting_rate(user, unit_ids) -> dict[int, tuple[int, int]]:
    """见面率 per unit: (assignments with ≥1 face-to-face contact, assignments handed over)."""
    from .models import Contact

    rows = Assignment.objects.filter(cppcc_id=user.cppcc_id, unit_id__in=list(unit_ids)).exclude(
        state__in=(Assignment.State.REMOVED, Assignment.State.REFERENCE))
    face = Contact.objects.filter(assignment_id=OuterRef("pk"), way__in=("face", "forum", "site"))
    counts = rows.order_by().values("unit_id").annotate(n=Count("id"), met=Count("id", filter=Exists(face)))
    return {row["unit_id"]: (row["met"], row["n"]) for row in counts}  # one row per unit, counted in the database


def evaluation_pending_for(user, p: Proposal) -> list[Reply]:
    """Published replies of the current round the user (proposer or confirmed co-signer) has not yet rated."""
    if p.status != S.ANSWERED:
        return []
    member = _member(user)
    orgs = {o.pk for o in organisations_for_role(user, Role.ORG_SUBMITTER)}
    confirmed = member is not None and p.cosigners.filter(member=member, state=CoSigner.State.CONFIRMED).exists()
    if not (permissions.is_proposer(user, p) or confirmed):
        return []
    out = []
    for r in Reply.objects.filter(assignment__proposal=p, round=p.rehandle_rounds + 1, state=Reply.State.PUBLISHED
                                  ).select_related("assignment__unit").prefetch_related("evaluations"):
        rated = any((member and e.member_id == member.pk) or (e.org_id in orgs) for e in r.evaluations.all())
        if not rated:
            out.append(r)
    return out


# Row decoration (no queries per row) -------------------------------------------------------------------

def number_pattern(cppcc_id: int) -> str:
    return config.get("proposals.number_pattern", cppcc=cppcc_id)


def decorate(rows, user) -> list[Proposal]:
    """Add .num (提案号 text), .units_text, .mine (the user's assignment), .overdue to loaded rows."""
    rows = list(rows)
    if not rows:
        return rows
    pattern = number_pattern(user.cppcc_id)
    units = set(unit_ids_of(user))
    today = _today()
    for p in rows:
        p.num = pattern.format(n=p.number) if p.number is not None else ""
        live = getattr(p, "live_assignments", [])
        p.units_text = "、".join(f"{a.unit.name}（{a.get_role_display()}）" for a in live
                                 if a.state != Assignment.State.REFERENCE)
        p.mine = next((a for a in live if a.unit_id in units), None)
        due = p.mine.due_date if p.mine else p.due_date
        p.due = due
        handling = p.status in HANDLING_STATES
        p.overdue = bool(handling and due and due < today and (p.mine is None or p.mine.state in LIVE_ASSIGNMENT))
    return rows


def display_number(p: Proposal) -> str:
    return p.number_display if p.number is not None else ""


def cosign_row_for(user, p: Proposal) -> CoSigner | None:
    member = _member(user)
    if member is None:
        return None
    return p.cosigners.filter(member=member).first()


def assignments_of_user(user, p: Proposal) -> list[Assignment]:
    return permissions.unit_assignments(user, p)


def current_reply_for(user, p: Proposal) -> Reply | None:
    mine = [a for a in permissions.unit_assignments(user, p, ANSWERING)]
    return Reply.objects.filter(assignment__in=mine, round=p.rehandle_rounds + 1).first() if mine else None


def due_soon(days: int = 7) -> dt.date:
    return _today() + dt.timedelta(days=days)

