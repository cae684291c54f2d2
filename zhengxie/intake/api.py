"""/api/v1/intake/: the same selectors and services as the pages.

    GET  /track/{code}                 public (no login): status and public reply only
    GET  /channels                     channels the user screens (with counts)
    GET  /submissions                  q, status, channel, date_from, date_to; paged (staff of the consumer)
    GET  /submissions/{id}             detail with personal data (staff of the consumer)
    POST /submissions/{id}/accept      {"reply", "note"}    POST /submissions/{id}/reject  {"reason", "note"}
Errors are Chinese JSON: {"detail": "..."} with 400 / 403 / 404.
"""
from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.http import Http404
from ninja import Router, Schema

from . import selectors, services
from .models import Submission

router = Router()


class TrackOut(Schema):
    channel: str
    status: str
    status_label: str
    public_reply: str
    submitted_on: dt.date


class ChannelOut(Schema):
    id: int
    code: str
    title: str
    consumer: str
    is_open: bool
    public_url: str
    total: int
    new: int


class SubmissionOut(Schema):
    id: int
    tracking_code: str
    channel_id: int
    channel: str
    consumer: str
    title: str
    body: str
    name: str
    phone: str
    org: str
    address: str
    status: str
    status_label: str
    public_reply: str
    created_at: dt.datetime
    handled_at: dt.datetime | None = None


class SubmissionPage(Schema):
    count: int
    page: int
    pages: int
    items: list[SubmissionOut]


class AcceptIn(Schema):
    reply: str = ""
    note: str = ""


class RejectIn(Schema):
    reason: str
    note: str = ""


def _out(s: Submission) -> dict:
    return {"id": s.pk, "tracking_code": s.tracking_code, "channel_id": s.channel_id, "channel": s.channel.title,
            "consumer": s.channel.consumer, "title": s.title, "body": s.body, "name": s.name, "phone": s.phone,
            "org": s.org, "address": s.address, "status": s.status, "status_label": s.get_status_display(),
            "public_reply": s.public_reply, "created_at": s.created_at, "handled_at": s.handled_at}


@router.get("/track/{code}", response=TrackOut, auth=None)
def track(request, code: str):
    sub = selectors.track(code)
    if sub is None:
        raise Http404
    return {"channel": sub.channel.title, "status": sub.status, "status_label": sub.get_status_display(),
            "public_reply": sub.public_reply, "submitted_on": sub.created_at.date()}


@router.get("/channels", response=list[ChannelOut])
def channels(request):
    return [{"id": c.pk, "code": c.code, "title": c.title, "consumer": c.consumer, "is_open": c.is_open,
             "public_url": c.get_public_url(), "total": c.n_total, "new": c.n_new}
            for c in selectors.channel_list_for(request.auth)]


@router.get("/submissions", response=SubmissionPage)
def submissions(request, q: str = "", status: str = "", channel: int | None = None, date_from: dt.date | None = None,
                date_to: dt.date | None = None, page: int = 1):
    qs = selectors.submission_list_for(request.auth, q=q, status=status, channel=channel, date_from=date_from,
                                       date_to=date_to)
    pager = Paginator(qs, 50)
    pg = pager.get_page(page)
    return {"count": pager.count, "page": pg.number, "pages": pager.num_pages, "items": [_out(s) for s in pg.object_list]}


@router.get("/submissions/{pk}", response=SubmissionOut)
def submission(request, pk: int):
    return _out(selectors.submission_get_for(request.auth, pk))


@router.post("/submissions/{pk}/accept", response=SubmissionOut)
def accept(request, pk: int, data: AcceptIn):
    sub = selectors.submission_get_for(request.auth, pk)
    sub, _ = services.submission_accept(submission=sub, by=request.auth, reply=data.reply, note=data.note)
    return _out(sub)


@router.post("/submissions/{pk}/reject", response=SubmissionOut)
def reject(request, pk: int, data: RejectIn):
    sub = selectors.submission_get_for(request.auth, pk)
    return _out(services.submission_reject(submission=sub, by=request.auth, reason=data.reason, note=data.note))
