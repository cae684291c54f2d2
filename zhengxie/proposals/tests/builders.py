"""Put a proposal into any state directly (no services), arranged for one acting persona.

Used by the workflow matrix test and scenario tests. Rows are built explicitly; no magic ids.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member, make_org, make_term, make_user
from zhengxie.members.models import Meeting
from zhengxie.proposals.models import (
    Assignment,
    Category,
    CoSigner,
    Proposal,
    ProposerType,
    Reply,
    ReviewMeeting,
)
from zhengxie.proposals.workflow import Status


@dataclass
class World:
    cppcc: object
    meeting: Meeting
    category: Category
    sector: Organisation
    gov_unit: Organisation
    party_unit: Organisation
    other_unit: Organisation
    review: ReviewMeeting
    users: dict


def build_world(cppcc) -> World:
    term = make_term(cppcc)
    today = timezone.localdate()
    meeting, _ = Meeting.objects.get_or_create(
        cppcc=cppcc, term=term, kind=Meeting.Kind.PLENARY, number=2,
        defaults=dict(name="十四届二次会议", start_date=today - dt.timedelta(days=30), end_date=today - dt.timedelta(days=27),
                      proposal_window_start=today - dt.timedelta(days=120),
                      proposal_deadline=timezone.now() - dt.timedelta(days=28)))
    category, _ = Category.objects.get_or_create(cppcc=cppcc, code="economy", defaults={"name": "经济建设"})
    sector = make_org(cppcc, "经济界", Organisation.Kind.SECTOR)
    gov = make_org(cppcc, "市教育局", Organisation.Kind.HANDLING_UNIT, system="government")
    party = make_org(cppcc, "市委宣传部", Organisation.Kind.HANDLING_UNIT, system="party_committee")
    other = make_org(cppcc, "市交通运输局", Organisation.Kind.HANDLING_UNIT, system="government")
    league = make_org(cppcc, "民盟", Organisation.Kind.PARTY)
    users: dict = {}
    for role in Role.values:
        org = {Role.HANDLING_UNIT: gov, Role.ORG_SUBMITTER: league, Role.SUPERVISING_OFFICE:
               make_org(cppcc, "市政府督查室", Organisation.Kind.OFFICE)}.get(role)
        users[role] = make_user(cppcc, f"{role}-{cppcc.code}", roles=[role], org=org, name=f"{Role(role).label}")
    for role in (Role.MEMBER, Role.STANDING_MEMBER):
        make_member(cppcc, f"{Role(role).label}委员", term=term, sector=sector, user=users[role], is_standing=role == Role.STANDING_MEMBER)
    users["cosigner"] = make_user(cppcc, f"cosigner-{cppcc.code}", roles=[Role.MEMBER], name="联名委员")
    make_member(cppcc, "联名委员", term=term, sector=sector, user=users["cosigner"])
    users["party_unit_user"] = make_user(cppcc, f"party-unit-{cppcc.code}", roles=[Role.HANDLING_UNIT], org=party)
    review = ReviewMeeting.objects.create(cppcc=cppcc, meeting=meeting, date=today, title="提案审查委员会第一次会议")
    return World(cppcc, meeting, category, sector, gov, party, other, review, users)


def make_proposal(w: World, *, proposer: str = Role.MEMBER, status: str = Status.DRAFT, title: str = "关于推进光伏产业高质量发展的建议",
                  joint: bool = False, **extra) -> Proposal:
    if proposer == Role.ORG_SUBMITTER:
        league = Organisation.objects.get(cppcc=w.cppcc, kind=Organisation.Kind.PARTY, name="民盟")
        fields = dict(proposer_type=ProposerType.PARTY_ORG, proposer_org=league, has_seal=True)
    else:
        fields = dict(proposer_type=ProposerType.JOINT if joint else ProposerType.INDIVIDUAL,
                      lead_member=w.users[proposer].member)
    fields.update(extra)
    p = Proposal.objects.create(cppcc=w.cppcc, meeting=w.meeting, title=title, category=w.category, status=status,
                                situation="光伏装机规模增长较快，但消纳和储能配套不足。", analysis="电网接入能力有限。",
                                suggestions="一是加快配套电网建设；二是建设储能示范项目。", sector=w.sector,
                                consent_to_sqmy=True, created_by=w.users.get(proposer), **fields)
    if joint:
        CoSigner.objects.create(proposal=p, member=w.users["cosigner"].member, state=CoSigner.State.INVITED)
    return p


def assign(p: Proposal, unit: Organisation, role: str = Assignment.Role.LEAD, state: str = Assignment.State.ACCEPTED,
           **extra) -> Assignment:
    today = timezone.localdate()
    fields = {"due_date": today + dt.timedelta(days=60), "dispute_until": today + dt.timedelta(days=5), **extra}
    return Assignment.objects.create(cppcc=p.cppcc, proposal=p, unit=unit, role=role, state=state, **fields)


def reply(a: Assignment, state: str, round: int = 1, cls: str = "A") -> Reply:
    return Reply.objects.create(assignment=a, round=round, body="经研究，答复如下：……", proposed_class=cls, result_class=cls,
                                signer="李局长", signer_level="principal", state=state,
                                published_at=timezone.now() if state == Reply.State.PUBLISHED else None)
