"""Build 民主评议 rounds in any state through the services (the way staff would)."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhengxie.core.roles import Role
from zhengxie.core.testing import make_user
from zhengxie.proposals.tests.builders import build_world
from zhengxie.votes import services as vote_services

from .. import services
from ..workflow import Action, Status


def world_with_voters(city, n: int = 6):
    w = build_world(city)
    w.voters = [make_user(city, f"cw{i}-{city.code}", roles=[Role.STANDING_MEMBER], name=f"常委{i}") for i in range(n)]
    return w


def make_round(w, *, status: str = Status.DRAFT, ballots=None, year: int | None = None):
    """A round of the world's three units; `ballots`: per voter a tuple of option codes (one per unit)."""
    staff = w.users[Role.PROPOSAL_STAFF]
    year = year or timezone.localdate().year
    a = services.appraisal_create(by=staff, year=year, meeting_date=timezone.localdate() - dt.timedelta(days=3),
                                  meeting_place="市政协常委会议室")
    services.appraisal_set_units(by=staff, appraisal=a, units=[w.gov_unit, w.other_unit, w.party_unit])
    services.appraisal_set_participants(by=staff, appraisal=a, users=w.voters)
    if status == Status.DRAFT:
        return a
    if status == Status.CANCELLED:
        return services.appraisal_act(by=staff, appraisal=a, action=Action.CANCEL)
    a = services.appraisal_act(by=staff, appraisal=a, action=Action.START_VOTE)
    items = list(a.vote.items.all())
    for voter, codes in zip(w.voters, [("satisfied", "basic", "unsatisfied")] * len(w.voters) if ballots is None else ballots, strict=False):
        vote_services.vote_cast(by=voter, vote=a.vote, choices={str(i.pk): c for i, c in zip(items, codes, strict=True)})
    if status == Status.VOTING:
        return a
    a = services.appraisal_act(by=staff, appraisal=a, action=Action.CLOSE_VOTE)
    if status == Status.RECTIFYING:
        return a
    a = services.appraisal_act(by=staff, appraisal=a, action=Action.REVIEW, review_date=timezone.localdate(),
                               review_findings="走访三家单位，整改措施已落实。")
    if status == Status.REVIEWED:
        return a
    return services.appraisal_act(by=staff, appraisal=a, action=Action.CLOSE)
