"""Scoped reads of the text intelligence on proposals: similar proposals, 并案 groups, 交办 suggestions, hints.

Who sees what:
* 提案委工作人员 (proposal_staff): everything of their 政协 – similar proposals, 并案 groups, unit suggestions, hints;
* 委员 / 集体提案单位 (proposers) and leaders: similar proposals, **only among the proposals visible to them**
  (`zhengxie.proposals.selectors.scoped`); the index is asked for more than k and filtered;
* the reviewer of a reply (政府督查室 for government units) also sees the reply hints of the replies they audit;
* 承办单位 and everyone else: nothing of this.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.safestring import SafeString

from zhengxie.accounts.models import Organisation
from zhengxie.accounts.selectors import roles_of
from zhengxie.core import config
from zhengxie.core.roles import Role
from zhengxie.proposals import permissions as p_perms
from zhengxie.proposals import selectors as p_sel
from zhengxie.proposals.models import Assignment, Proposal, Reply, ReviewMeeting
from zhengxie.proposals.workflow import Action, Status

from . import highlight, routing_model
from .hints import Hint, reply_hints
from .index import ENCODER, index_for, proposal_body, stored_vector
from .similarity import SimilarityIndex
from .unit_categories import categories_of, units_for_category
from .units import UnitSuggestion, suggest_units

SIMILAR_ROLES = frozenset({Role.PROPOSAL_STAFF, Role.LEADER, Role.MEMBER, Role.STANDING_MEMBER, Role.ORG_SUBMITTER})
GROUP_EXCLUDED = (Status.DRAFT, Status.WITHDRAWN, Status.MERGED, Status.REJECTED)
MAX_FETCH = 400


# --- permissions ----------------------------------------------------------------------------------------------

def can_see_similar(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.cppcc_id and roles_of(user) & SIMILAR_ROLES)


def is_staff(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.cppcc_id and p_perms.can_manage(user))


def require_similar(user) -> None:
    if not can_see_similar(user):
        raise PermissionDenied("您的角色不能查看相似提案。")


def require_staff(user) -> None:
    if not is_staff(user):
        raise PermissionDenied("只有提案委工作人员可以使用此功能。")


def audits(user, p: Proposal) -> bool:
    """True when the user has the 督办审核 button on p (the hints are then shown in that form)."""
    return p_perms.can(user, Action.AUDIT, p)


def can_see_hints(user, p: Proposal) -> bool:
    if not getattr(user, "is_authenticated", False) or user.cppcc_id != p.cppcc_id:
        return False
    return is_staff(user) or p_perms.can(user, Action.AUDIT, p)


# --- similar proposals ----------------------------------------------------------------------------------------

@dataclass
class SimilarHit:
    proposal: Proposal
    score: float
    code: str
    passages: list[str] = field(default_factory=list)
    snippets: list[SafeString] = field(default_factory=list)

    @property
    def percent(self) -> int:
        return round(100 * min(max(self.score, 0.0), 1.0))


def _full_text(p: Proposal) -> str:
    return f"{p.title}\n{proposal_body(p)}"


def _visible_ids(user, ids: list[int]) -> set[int]:
    return set(p_sel.scoped(user).filter(pk__in=ids).values_list("pk", flat=True))


def _search(user, *, title: str = "", body: str = "", vector=None, exclude=(), k: int | None = None) -> list[tuple[int, float]]:
    cppcc = user.cppcc_id
    k = k or config.get("intelligence.similar_k", cppcc=cppcc)
    min_score = float(config.get("intelligence.similar_min_score", cppcc=cppcc))
    if vector is None:
        vector = ENCODER.encode(body, title=title)
    if not vector:
        return []
    index = index_for(cppcc).get()
    fetch = max(k * 4, 20)
    while True:
        hits = index.top_k(vector=vector, k=fetch, exclude=exclude, min_score=min_score)
        allowed = _visible_ids(user, [pk for pk, _ in hits])
        kept = [(pk, s) for pk, s in hits if pk in allowed]
        if len(kept) >= k or len(hits) < fetch or fetch >= MAX_FETCH:
            return kept[:k]
        fetch *= 4


def _hits(user, found: list[tuple[int, float]], query_text: str) -> list[SimilarHit]:
    rows = {p.pk: p for p in Proposal.objects.filter(pk__in=[pk for pk, _ in found]).select_related(
        "meeting", "lead_member", "proposer_org", "category")}
    pattern = p_sel.number_pattern(user.cppcc_id)
    out = []
    for pk, score in found:
        p = rows.get(pk)
        if p is None:
            continue
        text = _full_text(p)
        shared = highlight.passages(query_text, text)
        code = pattern.format(n=p.number) if p.number else (p.receipt_no or "")
        out.append(SimilarHit(p, score, code, shared, highlight.snippets(text, shared)))
    return out


def similar_for_text(user, *, title: str = "", body: str = "", exclude_pk: int | None = None,
                     k: int | None = None) -> list[SimilarHit]:
    """Proposals visible to the user most similar to a text being written (title = 案由)."""
    require_similar(user)
    if len((title or "").strip()) + len((body or "").strip()) < 4:
        return []
    found = _search(user, title=title, body=body, exclude=[exclude_pk] if exclude_pk else (), k=k)
    return _hits(user, found, f"{title}\n{body}")


def similar_for_proposal(user, p: Proposal, *, k: int | None = None) -> list[SimilarHit]:
    """Proposals visible to the user most similar to proposal p (which the user must be able to see)."""
    require_similar(user)
    vector = stored_vector(p.pk) or ENCODER.encode(proposal_body(p), title=p.title)
    found = _search(user, vector=vector, exclude=[p.pk], k=k)
    return _hits(user, found, _full_text(p))


@dataclass
class Comparison:
    a: Proposal
    b: Proposal
    score: float
    passages: list[str]
    a_marked: dict
    b_marked: dict

    @property
    def percent(self) -> int:
        return round(100 * min(max(self.score, 0.0), 1.0))


def pair_score(a: Proposal, b: Proposal) -> float:
    """Cosine of the two proposals' TF-IDF vectors (IDF of the 政协's index, no query expansion)."""
    index = index_for(a.cppcc_id).get()
    va = stored_vector(a.pk) or ENCODER.encode(proposal_body(a), title=a.title)
    vb = stored_vector(b.pk) or ENCODER.encode(proposal_body(b), title=b.title)
    ia, wa = index._weights(va)
    ib, wb = index._weights(vb)
    common = dict(zip(ia.tolist(), wa.tolist(), strict=True))
    return float(sum(common.get(i, 0.0) * w for i, w in zip(ib.tolist(), wb.tolist(), strict=True)))


def compare(user, a_pk: int, b_pk: int) -> Comparison:
    """Both texts side by side with the shared passages marked; both must be visible to the user (else 404)."""
    require_similar(user)
    a = p_sel.proposal_get_for(user, a_pk)
    b = p_sel.proposal_get_for(user, b_pk)
    shared = highlight.passages(_full_text(a), _full_text(b))

    def marked(p):
        return {"title": highlight.marked(p.title, shared), "situation": highlight.marked(p.situation, shared),
                "analysis": highlight.marked(p.analysis, shared), "suggestions": highlight.marked(p.suggestions, shared)}

    return Comparison(a, b, pair_score(a, b), shared, marked(a), marked(b))


# --- 并案 group suggestions for a 会议 ----------------------------------------------------------------------------

@dataclass
class Pair:
    a: Proposal
    b: Proposal
    score: float
    snippets: list[SafeString]

    @property
    def percent(self) -> int:
        return round(100 * min(max(self.score, 0.0), 1.0))


@dataclass
class Group:
    members: list[Proposal]
    pairs: list[Pair]
    main: Proposal

    @property
    def best(self) -> float:
        return max(p.score for p in self.pairs)


def meetings_for(user) -> QuerySet:
    return p_sel.meetings_for(user)


def group_candidates(user, meeting) -> QuerySet:
    return (Proposal.objects.filter(cppcc_id=user.cppcc_id, meeting=meeting).exclude(status__in=GROUP_EXCLUDED)
            .select_related("meeting", "lead_member", "proposer_org", "category"))


def _main_of(members: list[Proposal]) -> Proposal:
    """The suggested 主案: a 重点提案 first, then one already filed, then the earliest submitted."""
    filed = {Status.FILED, Status.ASSIGNED, Status.IN_PROGRESS}

    def key(p):
        return (not p.is_key, p.status not in filed and p.number is None, p.submitted_at or p.created_at, p.pk)

    return sorted(members, key=key)[0]


def group_suggestions(user, meeting, *, threshold: float | None = None, states=None) -> list[Group]:
    """Connected groups of the 会议's proposals whose pairwise similarity reaches the threshold (staff only)."""
    require_staff(user)
    if threshold is None:
        threshold = float(config.get("intelligence.group_threshold", cppcc=user.cppcc_id))
    index_for(user.cppcc_id).get()  # makes sure every proposal has its stored vector
    props = group_candidates(user, meeting)
    if states:
        props = props.filter(status__in=states)
    by_pk = {p.pk: p for p in props}
    from .models import ProposalVector

    vectors = {pk: {int(k): v for k, v in vec.items()} for pk, vec in
               ProposalVector.objects.filter(proposal_id__in=list(by_pk)).values_list("proposal_id", "vector")}
    local = SimilarityIndex(ENCODER, feedback=0)
    for pk, vec in vectors.items():
        local.add(pk, vector=vec)
    local.compact()
    edges: dict[tuple[int, int], float] = {}
    for pk, vec in vectors.items():
        for other, score in local.top_k(vector=vec, k=15, exclude=[pk], min_score=threshold - 1e-9, feedback=0):
            if score >= threshold:
                key = (min(pk, other), max(pk, other))
                edges[key] = max(edges.get(key, 0.0), score)
    parent = {pk: pk for pk in vectors}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        parent[find(a)] = find(b)
    comps: dict[int, list[int]] = {}
    for pk in vectors:
        comps.setdefault(find(pk), []).append(pk)
    texts: dict[int, str] = {}
    groups = []
    for members in comps.values():
        if len(members) < 2:
            continue
        rows = [by_pk[pk] for pk in members]
        pairs = []
        for (a, b), score in sorted(edges.items(), key=lambda e: -e[1]):
            if a in members and b in members:
                ta = texts.setdefault(a, _full_text(by_pk[a]))
                tb = texts.setdefault(b, _full_text(by_pk[b]))
                shared = highlight.passages(ta[:1500], tb[:1500])
                pairs.append(Pair(by_pk[a], by_pk[b], score, highlight.snippets(ta, shared)))
        main = _main_of(rows)
        rows.sort(key=lambda p: (p.pk != main.pk, p.number or 10**9, p.pk))
        groups.append(Group(rows, pairs, main))
    groups.sort(key=lambda g: (-len(g.members), -g.best))
    pattern = p_sel.number_pattern(user.cppcc_id)
    for g in groups:
        for p in g.members:
            p.code = pattern.format(n=p.number) if p.number else (p.receipt_no or "")
    return groups


def review_meetings_of(user, meeting) -> list[ReviewMeeting]:
    return list(ReviewMeeting.objects.filter(cppcc_id=user.cppcc_id, meeting=meeting).order_by("-date", "-id")[:3])


# --- 承办单位 suggestion at 交办 --------------------------------------------------------------------------------

@dataclass
class UnitAdvice:
    route: object | None  # routing.Ranked of the best category, or None without a trained model
    model: routing_model.TrainedRouter | None
    units: list[tuple[Organisation, UnitSuggestion]]
    history_count: int


HISTORY_LIMIT = 1500


def unit_history(cppcc_id: int, *, exclude_pk: int | None = None) -> list[tuple[str, int]]:
    """(text, unit id) of the 政协's past 交办 (主办/独办/分办 units, adjustments excluded), newest first."""
    rows = (Assignment.objects.filter(cppcc_id=cppcc_id, role__in=p_perms.ANSWERING)
            .exclude(state=Assignment.State.REMOVED).order_by("-id")
            .values_list("proposal_id", "unit_id", "proposal__title", "proposal__situation", "proposal__suggestions"))
    out = []
    for pid, unit, title, situation, suggestions in rows[:HISTORY_LIMIT]:
        if pid != exclude_pk:
            out.append((f"{title}。{title}。{(situation or '')[:600]}{(suggestions or '')[:600]}", unit))
    return out


def unit_suggestions(user, p: Proposal, *, k: int = 6) -> UnitAdvice:
    require_staff(user)
    units = list(p_sel.handling_units_for(user).filter(cppcc_id=p.cppcc_id))
    text = f"{p.title}。{p.title}。{proposal_body(p)}"
    model = routing_model.load(p.cppcc_id)
    route = None
    boost: dict[int, float] = {}
    if model is not None:
        ranked = model.router.rank(p.title, proposal_body(p), k=1)
        route = ranked[0] if ranked else None
        if route is not None:
            weight = float(config.get("intelligence.unit_boost", cppcc=p.cppcc_id))
            names = [u.name for u in units]
            main = set(units_for_category(route.label, names, main_only=True))
            for u in units:
                if u.name in main:
                    boost[u.pk] = weight
                elif route.label in categories_of(u.name):
                    boost[u.pk] = weight / 2
    history = unit_history(p.cppcc_id, exclude_pk=p.pk)
    ranked_units = suggest_units(text, [(u.pk, f"{u.name}。{u.duty}") for u in units], history, k=k, boost=boost)
    by_pk = {u.pk: u for u in units}
    return UnitAdvice(route, model, [(by_pk[s.unit_id], s) for s in ranked_units], len(history))


# --- reply quality hints --------------------------------------------------------------------------------------

@dataclass
class ReplyHints:
    reply: Reply
    hints: list[Hint]


def hints_for_reply(reply: Reply) -> list[Hint]:
    p = reply.assignment.proposal
    min_chars = int(config.get("intelligence.hints_min_chars", cppcc=p.cppcc_id))
    return reply_hints(proposal_body(p), reply.body, reply.result_class or reply.proposed_class,
                       proposal_title=p.title, min_chars=min_chars)


def replies_to_check(p: Proposal, *, states=(Reply.State.AUDITING,)) -> list[Reply]:
    return list(Reply.objects.filter(assignment__proposal=p, state__in=states).select_related(
        "assignment__unit", "assignment__proposal").order_by("assignment_id", "round"))


def reply_hints_for(user, p: Proposal, *, all_replies: bool = False) -> list[ReplyHints]:
    """Hints for the replies of p waiting for 督办审核 (or all its replies), for staff and the reviewer."""
    if not can_see_hints(user, p):
        raise PermissionDenied("只有提案委工作人员或负责审核的督办部门可以查看答复质量提示。")
    states = tuple(Reply.State) if all_replies else (Reply.State.AUDITING,)
    return [ReplyHints(r, hints_for_reply(r)) for r in replies_to_check(p, states=states)]
