"""Scoped reads of 线索, 选题 and 选题目录."""
from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from zhengxie.accounts.selectors import has_role
from zhengxie.core.roles import Role

from . import permissions
from .models import Clue, Topic, TopicCatalogue, TopicCitation

#: A proposal counts as citing once it was submitted (drafts are not counted).
CITING = Q(citations__proposal__submitted_at__isnull=False)


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise Http404 from None


def _signed_in(user) -> bool:
    return getattr(user, "is_authenticated", False) and bool(getattr(user, "cppcc_id", None))


# 目录 -------------------------------------------------------------------------------------------------

def catalogue_list_for(user) -> QuerySet:
    if not _signed_in(user):
        return TopicCatalogue.objects.none()
    qs = TopicCatalogue.objects.filter(cppcc_id=user.cppcc_id).select_related("meeting")
    if not has_role(user, Role.PROPOSAL_STAFF):
        qs = qs.filter(status=TopicCatalogue.Status.PUBLISHED)
    return qs.annotate(n_topics=Count("topics", distinct=True)).order_by("-meeting__start_date", "-id")


def catalogue_get_for(user, pk) -> TopicCatalogue:
    cat = catalogue_list_for(user).filter(pk=_int(pk)).first()
    if cat is None:
        raise Http404("没有找到该目录，或目录尚未发布。")
    return cat


def topics_of(catalogue: TopicCatalogue) -> QuerySet:
    """The catalogue's topics in order, with the number of (submitted) proposals citing each and of its 线索."""
    return (catalogue.topics.select_related("category").prefetch_related("suggested_units")
            .annotate(n_citing=Count("citations", filter=CITING, distinct=True),
                      n_clues=Count("clues", distinct=True))
            .order_by("seq", "id"))


def coverage(catalogue: TopicCatalogue) -> dict:
    topics = list(topics_of(catalogue))
    cited = sum(1 for t in topics if t.n_citing)
    proposals = (TopicCitation.objects.filter(topic__catalogue=catalogue, proposal__submitted_at__isnull=False)
                 .values("proposal_id").distinct().count())
    rate = round(cited * 100 / len(topics), 1) if topics else None
    return {"topics": len(topics), "cited": cited, "rate": rate, "proposals": proposals}


def topic_get_for(user, pk) -> Topic:
    t = Topic.objects.select_related("catalogue__meeting", "category").filter(pk=_int(pk)).first()
    if t is None or not permissions.can_view_catalogue(user, t.catalogue):
        raise Http404("没有找到该选题，或目录尚未发布。")
    return t


def citing_proposals_for(user, topic: Topic) -> QuerySet:
    """The proposals citing the topic that this user may see (a 委员 sees only proposals visible to them)."""
    from zhengxie.proposals import selectors as ps

    return (ps.proposal_list_for(user).filter(topic_citation__topic=topic, submitted_at__isnull=False)
            .order_by("number", "id"))


def citable_topics(user, proposal) -> QuerySet:
    """Topics of this 政协's published catalogues (the proposal's own 会议 first)."""
    return (Topic.objects.filter(cppcc_id=proposal.cppcc_id, catalogue__status=TopicCatalogue.Status.PUBLISHED)
            .select_related("catalogue__meeting")
            .order_by("-catalogue__meeting__start_date", "seq", "id"))


def citation_of(proposal) -> TopicCitation | None:
    return TopicCitation.objects.select_related("topic__catalogue").filter(proposal=proposal).first()


# 线索 ------------------------------------------------------------------------------------------------

def clue_list_for(user, *, q: str = "", status: str = "", source: str = "", category=None, topic=None,
                  date_from=None, date_to=None, mine: bool = False) -> QuerySet:
    if not _signed_in(user):
        return Clue.objects.none()
    qs = Clue.objects.filter(cppcc_id=user.cppcc_id)
    if mine or not has_role(user, Role.PROPOSAL_STAFF):
        qs = qs.filter(created_by=user)
    if status:
        qs = qs.filter(status=status)
    if source:
        qs = qs.filter(source=source)
    if category:
        qs = qs.filter(category_id=getattr(category, "pk", category))
    if topic:
        qs = qs.filter(topic_id=getattr(topic, "pk", topic))
    if q:
        q = q.strip()
        qs = qs.filter(Q(title__icontains=q) | Q(body__icontains=q) | Q(org__name__icontains=q))
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs.select_related("category", "org", "topic__catalogue", "created_by").order_by("-created_at", "-id")


def clue_get_for(user, pk) -> Clue:
    c = Clue.objects.select_related("category", "org", "topic__catalogue", "created_by", "decided_by",
                                    "submission").filter(pk=_int(pk)).first()
    if c is None or not permissions.can_view_clue(user, c):
        raise Http404("没有找到该线索，或您无权查看。")
    return c


def clue_counts(user) -> dict[str, int]:
    return dict(clue_list_for(user).order_by().values_list("status").annotate(n=Count("pk")))


def mergeable_clues(user, catalogue: TopicCatalogue | None = None) -> QuerySet:
    return clue_list_for(user, status=Clue.Status.ACCEPTED)
