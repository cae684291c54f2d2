"""/api/v1/votes/: the same selectors and services as the pages.

    GET  /                    votes visible to me (q, status, mine)
    POST /                    create a draft {title, items[], electors[user ids], activity_id, attended_only, description,
                              quorum "2/3", opens_at, closes_at, options}
    GET  /{id}                detail with items, turnout, my state and `actions`
    POST /{id}/act/{action}   open | close | publish | cancel
    POST /{id}/cast           {choices: {item_id: option code}} — one anonymous ballot, once
    GET  /{id}/results        counts per item and option, 满意率, quorum (after closing; voters after publishing)
Errors are Chinese JSON {"detail": "..."} with 400 / 403 / 404.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema, Status

from zhengxie.accounts.models import User
from zhengxie.core.exceptions import ApplicationError

from . import permissions, selectors, services
from .workflow import Action

router = Router()


class VoteIn(Schema):
    title: str
    items: list[str]
    electors: list[int] = []
    activity_id: int | None = None  # add the accounts of the members invited to this activity/meeting
    attended_only: bool = False  # … only those signed in as present
    description: str = ""
    quorum: str | None = None
    options: list[list[str]] | None = None
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None


class ItemOut(Schema):
    id: int
    title: str
    note: str


class VoteOut(Schema):
    id: int
    title: str
    status: str
    status_label: str
    quorum: str
    options: list[list[str]]
    opens_at: dt.datetime | None = None
    closes_at: dt.datetime | None = None
    electorate: int
    voted: int


class VoteDetailOut(VoteOut):
    description: str
    items: list[ItemOut]
    is_elector: bool
    has_voted: bool
    can_cast: bool
    actions: list[str]


class CastIn(Schema):
    choices: dict[str, str]


class OptionOut(Schema):
    code: str
    label: str
    count: int
    rate: Decimal | None = None


class ItemResultOut(Schema):
    item_id: int
    title: str
    rank: int | None = None
    total: int
    valid: int
    satisfaction_rate: Decimal | None = None
    options: list[OptionOut]


class ResultsOut(Schema):
    vote_id: int
    electorate: int
    voted: int
    turnout_rate: Decimal | None = None
    quorum: str
    quorum_met: bool
    verdict: str
    items: list[ItemResultOut]


def _out(v, user) -> dict:
    voted, electorate = selectors.turnout(v)
    return {"id": v.pk, "title": v.title, "status": v.status, "status_label": v.get_status_display(),
            "quorum": v.quorum_label, "options": v.options, "opens_at": v.opens_at, "closes_at": v.closes_at,
            "electorate": electorate, "voted": voted}


def _detail(v, user) -> dict:
    return {**_out(v, user), "description": v.description,
            "items": [{"id": i.pk, "title": i.title, "note": i.note} for i in v.items.all()],
            "is_elector": permissions.is_elector(user, v), "has_voted": permissions.has_voted(user, v),
            "can_cast": permissions.can_cast(user, v), "actions": permissions.available_actions(user, v)}


@router.get("/", response=list[VoteOut], summary="表决列表")
def list_votes(request, q: str = "", status: str = "", mine: bool = False):
    return [_out(v, request.user) for v in selectors.vote_list_for(request.user, q=q, status=status, mine=mine)[:200]]


@router.post("/", response={201: VoteDetailOut}, summary="发起表决（草稿）")
def create_vote(request, data: VoteIn):
    if not permissions.can_create(request.user):
        raise PermissionDenied("只有提案委、专委会工作人员和管理员可以发起表决。")
    users = list(User.objects.filter(pk__in=data.electors, cppcc_id=request.user.cppcc_id))
    if len(users) != len(set(data.electors)):
        raise ApplicationError("投票人须是本政协的有效账号。", field="electors")
    if data.activity_id:
        users += selectors.users_of_activity(request.user, data.activity_id, attended_only=data.attended_only)
    v = services.vote_create(by=request.user, title=data.title, items=data.items, electors=users,
                             description=data.description, quorum=data.quorum, options=data.options,
                             opens_at=data.opens_at, closes_at=data.closes_at)
    return Status(201, _detail(v, request.user))


@router.get("/{vote_id}", response=VoteDetailOut, summary="表决详情")
def get_vote(request, vote_id: int):
    return _detail(selectors.vote_get_for(request.user, vote_id), request.user)


@router.post("/{vote_id}/act/{action}", response=VoteDetailOut, summary="开始/结束/公布/取消")
def act(request, vote_id: int, action: str):
    v = selectors.vote_get_for(request.user, vote_id)
    if action not in Action.values:
        raise ApplicationError("没有这个操作。")
    v = services.vote_act(by=request.user, vote=v, action=action)
    return _detail(v, request.user)


@router.post("/{vote_id}/cast", response={201: dict}, summary="投票（无记名，每人一次）")
def cast(request, vote_id: int, data: CastIn):
    v = selectors.vote_get_for(request.user, vote_id)
    services.vote_cast(by=request.user, vote=v, choices=data.choices)
    return Status(201, {"detail": "投票成功。"})


@router.get("/{vote_id}/results", response=ResultsOut, summary="表决结果")
def results(request, vote_id: int):
    v = selectors.vote_get_for(request.user, vote_id)
    if not permissions.can_see_counts(request.user, v):
        raise PermissionDenied("表决结束后工作人员和领导可查看结果；结果公布后投票人可查看。")
    res = selectors.results(v)
    return {"vote_id": v.pk, "electorate": res.electorate, "voted": res.voted, "turnout_rate": res.turnout_rate,
            "quorum": v.quorum_label, "quorum_met": res.quorum_met, "verdict": res.verdict,
            "items": [{"item_id": r.item.pk, "title": r.item.title, "rank": r.rank, "total": r.total, "valid": r.valid,
                       "satisfaction_rate": r.satisfaction_rate,
                       "options": [{"code": o.code, "label": o.label, "count": o.count, "rate": o.rate} for o in r.options]}
                      for r in res.items]}
