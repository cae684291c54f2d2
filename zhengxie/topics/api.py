"""/api/v1/proposals/topics/: the same selectors and services as the pages.

    GET  /catalogues                       catalogues (members: published only) with coverage
    POST /catalogues                       {"meeting_id", "title"}               (提案委)
    GET  /catalogues/{id}                  with topics (citing counts) and coverage
    POST /catalogues/{id}/publish          POST /catalogues/{id}/withdraw {"reason"}
    POST /catalogues/{id}/topics           {"title", "description", "category_id", "unit_ids", "clue_ids"}  (merge 线索)
    GET  /topics/{id}                      with the citing proposals visible to the caller
    POST /topics/{id}/merge                {"clue_ids"}
    GET  /clues                            q, status, source, category; paged    POST /clues {"title", "body", "category_id"}
    GET  /clues/{id}    POST /clues/{id}/accept    POST /clues/{id}/reject {"reason"}
    GET  /cite/{proposal_id}               POST /cite/{proposal_id} {"topic_id": id | null}
Errors are Chinese JSON: {"detail": "..."} with 400 / 403 / 404.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from ninja import Router, Schema, Status

from zhengxie.accounts.models import Organisation
from zhengxie.members.models import Meeting
from zhengxie.proposals.models import Category

from . import selectors, services

router = Router()


class CoverageOut(Schema):
    topics: int
    cited: int
    rate: float | None = None
    proposals: int


class TopicOut(Schema):
    id: int
    seq: int
    title: str
    description: str
    category: str
    suggested_units: list[str]
    citing: int
    clues: int


class CatalogueOut(Schema):
    id: int
    meeting_id: int
    meeting: str
    title: str
    status: str
    published_at: dt.datetime | None = None
    coverage: CoverageOut


class CatalogueDetailOut(CatalogueOut):
    intro: str
    topics: list[TopicOut]


class ProposalRef(Schema):
    id: int
    number: str
    title: str
    status: str


class TopicDetailOut(TopicOut):
    catalogue_id: int
    catalogue: str
    proposals: list[ProposalRef]


class ClueOut(Schema):
    id: int
    title: str
    body: str
    source: str
    source_label: str
    submitter: str
    category: str
    status: str
    status_label: str
    topic_id: int | None = None
    reject_reason: str
    created_at: dt.datetime


class CluePage(Schema):
    count: int
    page: int
    pages: int
    items: list[ClueOut]


class CatalogueIn(Schema):
    meeting_id: int
    title: str = ""


class ReasonIn(Schema):
    reason: str


class TopicIn(Schema):
    title: str
    description: str = ""
    category_id: int | None = None
    unit_ids: list[int] = []
    clue_ids: list[int] = []


class MergeIn(Schema):
    clue_ids: list[int]


class ClueIn(Schema):
    title: str
    body: str
    category_id: int | None = None


class CiteIn(Schema):
    topic_id: int | None = None


class CitationOut(Schema):
    proposal_id: int
    topic_id: int | None = None
    topic: str = ""


def _topic(t, citing=None, clues=None) -> dict:
    return {"id": t.pk, "seq": t.seq, "title": t.title, "description": t.description,
            "category": t.category.name if t.category_id else "", "suggested_units": [u.name for u in t.suggested_units.all()],
            "citing": citing if citing is not None else getattr(t, "n_citing", 0),
            "clues": clues if clues is not None else getattr(t, "n_clues", 0)}


def _cat(c, detail=False) -> dict:
    out = {"id": c.pk, "meeting_id": c.meeting_id, "meeting": c.meeting.name, "title": c.title, "status": c.status,
           "published_at": c.published_at, "coverage": selectors.coverage(c)}
    if detail:
        out.update(intro=c.intro, topics=[_topic(t) for t in selectors.topics_of(c)])
    return out


def _clue(c) -> dict:
    return {"id": c.pk, "title": c.title, "body": c.body, "source": c.source, "source_label": c.get_source_display(),
            "submitter": c.submitter_label, "category": c.category.name if c.category_id else "", "status": c.status,
            "status_label": c.get_status_display(), "topic_id": c.topic_id, "reject_reason": c.reject_reason,
            "created_at": c.created_at}


def _category(user, pk):
    if pk is None:
        return None
    obj = Category.objects.filter(cppcc_id=user.cppcc_id, pk=pk).first()
    if obj is None:
        raise ValidationError("类别不存在。")
    return obj


@router.get("/catalogues", response=list[CatalogueOut])
def catalogues(request):
    return [_cat(c) for c in selectors.catalogue_list_for(request.auth)]


@router.post("/catalogues", response={201: CatalogueDetailOut})
def catalogue_create(request, data: CatalogueIn):
    meeting = Meeting.objects.filter(cppcc_id=request.auth.cppcc_id, pk=data.meeting_id).first()
    if meeting is None:
        raise ValidationError("会议不存在。")
    return Status(201, _cat(services.catalogue_create(by=request.auth, meeting=meeting, title=data.title), detail=True))


@router.get("/catalogues/{pk}", response=CatalogueDetailOut)
def catalogue(request, pk: int):
    return _cat(selectors.catalogue_get_for(request.auth, pk), detail=True)


@router.post("/catalogues/{pk}/publish", response=CatalogueDetailOut)
def publish(request, pk: int):
    cat = selectors.catalogue_get_for(request.auth, pk)
    return _cat(services.catalogue_publish(by=request.auth, catalogue=cat), detail=True)


@router.post("/catalogues/{pk}/withdraw", response=CatalogueDetailOut)
def withdraw(request, pk: int, data: ReasonIn):
    cat = selectors.catalogue_get_for(request.auth, pk)
    return _cat(services.catalogue_withdraw(by=request.auth, catalogue=cat, reason=data.reason), detail=True)


@router.post("/catalogues/{pk}/topics", response={201: TopicOut})
def topic_create(request, pk: int, data: TopicIn):
    cat = selectors.catalogue_get_for(request.auth, pk)
    units = list(Organisation.objects.filter(cppcc_id=request.auth.cppcc_id, pk__in=data.unit_ids))
    if len(units) != len(set(data.unit_ids)):
        raise ValidationError("建议承办单位不存在。")
    t = services.topic_save(by=request.auth, catalogue=cat, title=data.title, description=data.description,
                            category=_category(request.auth, data.category_id), units=units, clue_ids=data.clue_ids)
    return Status(201, _topic(t, citing=0, clues=t.clues.count()))


@router.get("/topics/{pk}", response=TopicDetailOut)
def topic(request, pk: int):
    t = selectors.topic_get_for(request.auth, pk)
    proposals = selectors.citing_proposals_for(request.auth, t)
    out = _topic(t, citing=t.citations.filter(proposal__submitted_at__isnull=False).count(), clues=t.clues.count())
    out.update(catalogue_id=t.catalogue_id, catalogue=t.catalogue.title,
               proposals=[{"id": p.pk, "number": p.number_display or p.receipt_no, "title": p.title, "status": p.status}
                          for p in proposals])
    return out


@router.post("/topics/{pk}/merge", response=TopicOut)
def merge(request, pk: int, data: MergeIn):
    t = selectors.topic_get_for(request.auth, pk)
    t = services.topic_merge_clues(by=request.auth, topic=t, clue_ids=data.clue_ids)
    return _topic(t, citing=t.citations.count(), clues=t.clues.count())


@router.get("/clues", response=CluePage)
def clues(request, q: str = "", status: str = "", source: str = "", category: int | None = None, page: int = 1):
    qs = selectors.clue_list_for(request.auth, q=q, status=status, source=source, category=category)
    pager = Paginator(qs, 50)
    pg = pager.get_page(page)
    return {"count": pager.count, "page": pg.number, "pages": pager.num_pages, "items": [_clue(c) for c in pg.object_list]}


@router.post("/clues", response={201: ClueOut})
def clue_create(request, data: ClueIn):
    c = services.clue_create(by=request.auth, title=data.title, body=data.body,
                             category=_category(request.auth, data.category_id))
    return Status(201, _clue(c))


@router.get("/clues/{pk}", response=ClueOut)
def clue(request, pk: int):
    return _clue(selectors.clue_get_for(request.auth, pk))


@router.post("/clues/{pk}/accept", response=ClueOut)
def clue_accept(request, pk: int):
    return _clue(services.clue_accept(by=request.auth, clue=selectors.clue_get_for(request.auth, pk)))


@router.post("/clues/{pk}/reject", response=ClueOut)
def clue_reject(request, pk: int, data: ReasonIn):
    return _clue(services.clue_reject(by=request.auth, clue=selectors.clue_get_for(request.auth, pk), reason=data.reason))


def _citation(p) -> dict:
    c = selectors.citation_of(p)
    return {"proposal_id": p.pk, "topic_id": c.topic_id if c else None, "topic": c.topic.title if c else ""}


@router.get("/cite/{proposal_id}", response=CitationOut)
def citation(request, proposal_id: int):
    from zhengxie.proposals import selectors as ps

    return _citation(ps.proposal_get_for(request.auth, proposal_id))


@router.post("/cite/{proposal_id}", response=CitationOut)
def cite(request, proposal_id: int, data: CiteIn):
    from zhengxie.proposals import selectors as ps

    p = ps.proposal_get_for(request.auth, proposal_id)
    topic = selectors.topic_get_for(request.auth, data.topic_id) if data.topic_id else None
    services.citation_set(by=request.auth, proposal=p, topic=topic)
    return _citation(p)


__all__ = ["Http404"]
