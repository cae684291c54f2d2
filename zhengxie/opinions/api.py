"""/api/v1/opinions/: the same selectors and services as the pages.

    GET  /                      list (q, status, year; scope=all|mine), paged
    GET  /{id}                  detail with `actions` (what the user may do now)
    POST /                      create a draft
    POST /{id}/submit | resubmit | accept | return | not-use | edit | report-up | adopt | instruct
    POST /issues/{id}/sign      签发 an issue
Errors are Chinese JSON: {"detail": "...", "field": ...} with 400 / 403 / 404.
"""
from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from ninja import Router, Schema

from . import permissions, selectors, services
from .models import Opinion

router = Router()


class OpinionOut(Schema):
    id: int
    title: str
    status: str
    status_label: str
    reporter: str
    reporting_unit: str | None = None
    received_at: dt.datetime | None = None
    actions: list[str] = []


class OpinionIn(Schema):
    title: str
    situation: str = ""
    analysis: str = ""
    suggestions: str = ""
    coauthor_ids: list[int] = []


class NoteIn(Schema):
    text: str = ""


class EditIn(Schema):
    title: str
    situation: str
    analysis: str
    suggestions: str
    note: str = ""


class ReportIn(Schema):
    target: str
    batch: str = ""


class AdoptIn(Schema):
    level: str
    mode: str
    adopted_at: dt.date
    source_document: str
    issue_ref: str = ""


class InstructIn(Schema):
    leader_name: str
    leader_level: str
    date: dt.date
    text: str = ""
    text_visible: bool | None = None


def _out(user, o: Opinion) -> dict:
    return {"id": o.pk, "title": o.title, "status": o.status, "status_label": o.get_status_display(),
            "reporter": o.reporter_name, "reporting_unit": o.reporting_unit.name if o.reporting_unit_id else None,
            "received_at": o.received_at, "actions": permissions.available_actions(user, o)}


@router.get("/", response=dict)
def opinion_list(request, q: str = "", status: str = "", year: str = "", scope: str = "all", page: int = 1):
    qs = selectors.opinion_list_for(request.user, q=q, status=status, year=year, mine=scope == "mine")
    p = Paginator(qs, 20).get_page(page)
    return {"count": p.paginator.count, "page": p.number, "pages": p.paginator.num_pages,
            "items": [_out(request.user, o) for o in p.object_list]}


@router.get("/{int:pk}", response=OpinionOut)
def opinion_detail(request, pk: int):
    return _out(request.user, selectors.opinion_get_for(request.user, pk))


@router.post("/", response={201: OpinionOut})
def opinion_create(request, data: OpinionIn):
    o = services.opinion_create(by=request.user, **data.dict())
    return 201, _out(request.user, o)


def _act(request, pk: int, fn) -> dict:
    o = selectors.opinion_get_for(request.user, pk)
    fn(o)
    return _out(request.user, selectors.opinion_get_for(request.user, pk))


@router.post("/{int:pk}/submit", response=OpinionOut)
def opinion_submit(request, pk: int):
    return _act(request, pk, lambda o: services.opinion_submit(opinion=o, by=request.user))


@router.post("/{int:pk}/resubmit", response=OpinionOut)
def opinion_resubmit(request, pk: int):
    return _act(request, pk, lambda o: services.opinion_resubmit(opinion=o, by=request.user))


@router.post("/{int:pk}/accept", response=OpinionOut)
def opinion_accept(request, pk: int, data: NoteIn):
    return _act(request, pk, lambda o: services.opinion_accept(opinion=o, by=request.user, note=data.text))


@router.post("/{int:pk}/return", response=OpinionOut)
def opinion_return(request, pk: int, data: NoteIn):
    return _act(request, pk, lambda o: services.opinion_return(opinion=o, by=request.user, comments=data.text))


@router.post("/{int:pk}/not-use", response=OpinionOut)
def opinion_not_use(request, pk: int, data: NoteIn):
    return _act(request, pk, lambda o: services.opinion_not_use(opinion=o, by=request.user, reason=data.text))


@router.post("/{int:pk}/edit", response=OpinionOut)
def opinion_edit(request, pk: int, data: EditIn):
    return _act(request, pk, lambda o: services.opinion_edit(opinion=o, by=request.user, **data.dict()))


@router.post("/{int:pk}/report-up", response=OpinionOut)
def opinion_report_up(request, pk: int, data: ReportIn):
    return _act(request, pk, lambda o: services.opinion_report_up(opinions=[o], by=request.user, **data.dict()))


@router.post("/{int:pk}/adopt", response=OpinionOut)
def opinion_adopt(request, pk: int, data: AdoptIn):
    return _act(request, pk, lambda o: services.adoption_record(opinion=o, by=request.user, **data.dict()))


@router.post("/{int:pk}/instruct", response=OpinionOut)
def opinion_instruct(request, pk: int, data: InstructIn):
    return _act(request, pk, lambda o: services.instruction_record(target=o, by=request.user, **data.dict()))


@router.post("/issues/{int:pk}/sign", response=dict)
def issue_sign(request, pk: int):
    issue = services.issue_sign(issue=selectors.issue_get_for(request.user, pk), by=request.user)
    return {"id": issue.pk, "number": issue.number, "total_number": issue.total_number, "title": str(issue)}
