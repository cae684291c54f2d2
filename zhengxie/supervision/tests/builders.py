"""A world for 督办 tests: the proposals world plus a 专委会 for committee staff, a 领导 with his own key proposal,
and helpers that put a round into any state directly (no services)."""
from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zhengxie.accounts.models import Organisation, RoleAssignment
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_org
from zhengxie.proposals.tests.builders import World, assign, build_world, make_proposal
from zhengxie.proposals.workflow import Status as PStatus

from ..models import KeyItem, KeyRecommendation, KeySelection
from ..workflow import Status


def build(cppcc) -> World:
    w = build_world(cppcc)
    committee = make_org(cppcc, "经济委员会", Organisation.Kind.COMMITTEE)
    RoleAssignment.objects.filter(user=w.users[Role.COMMITTEE_STAFF], role=Role.COMMITTEE_STAFF).update(organisation=committee)
    w.committee = committee
    return w


def filed(w: World, title: str = "关于推进光伏产业高质量发展的建议", *, number: int | None = None, unit=None, **extra):
    from zhengxie.proposals.models import Proposal

    n = number or (Proposal.objects.filter(meeting=w.meeting).exclude(number=None).count() + 1)
    texts = {k: extra.pop(k) for k in ("situation", "analysis", "suggestions") if k in extra}
    p = make_proposal(w, status=PStatus.FILED, title=title, number=n, decided_at=timezone.now(), decision="file", **extra)
    if texts:
        texts.setdefault("analysis", "")
        for k, v in texts.items():
            setattr(p, k, v)
        p.save()
    if unit is not None:
        assign(p, unit)
        p.status = PStatus.IN_PROGRESS
        p.save(update_fields=["status"])
    return p


def selection(w: World, status: str = Status.RECOMMENDING, *, proposals=(), shortlisted=True, selected=True,
              leader=None) -> KeySelection:
    s = KeySelection.objects.create(cppcc=w.cppcc, meeting=w.meeting, title="十四届二次会议重点提案遴选", status=status,
                                    created_by=w.users[Role.PROPOSAL_STAFF])
    for p in proposals:
        item = KeyItem.objects.create(selection=s, proposal=p, shortlisted=shortlisted, selected=selected,
                                      leader=leader, leader_name=(leader.display_name if leader else "王副主席"),
                                      leader_title="市政协副主席", leader_form="领衔督办")
        KeyRecommendation.objects.create(item=item, source=KeyRecommendation.Source.STAFF, by=w.users[Role.PROPOSAL_STAFF],
                                         reason="事关全市发展大局")
    return s


APPROVE = {"approval_meeting": "十四届市政协主席会议第十二次会议", "approval_date": dt.date(2026, 3, 20).isoformat()}
MEETING = {"meeting_date": "2026-03-10", "meeting_participants": "经济委、民盟市委、市发改委、市政府督查室",
           "meeting_minutes": "与会单位一致同意初选名单。"}
