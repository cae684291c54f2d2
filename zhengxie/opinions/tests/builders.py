"""Put a 社情民意 item into any state directly (no services), arranged for one acting persona.

Used by the workflow matrix test and the service tests. Rows are built explicitly; no magic ids.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member, make_org, make_term, make_user
from zhengxie.opinions.models import Article, Informant, Issue, Opinion, ReportingUnit, UpwardReport
from zhengxie.opinions.workflow import Status

REPORTER_ROLES = (Role.MEMBER, Role.STANDING_MEMBER, Role.INFORMANT, Role.ORG_SUBMITTER)
SERIES = "政协社情民意"


@dataclass
class World:
    cppcc: object
    sector: Organisation
    committee: Organisation
    party: Organisation
    unit: ReportingUnit
    agency: Organisation
    users: dict


def build_world(cppcc) -> World:
    term = make_term(cppcc)
    sector = make_org(cppcc, "农业界", Organisation.Kind.SECTOR)
    committee = make_org(cppcc, "农业和农村委员会", Organisation.Kind.COMMITTEE)
    party = make_org(cppcc, "民盟", Organisation.Kind.PARTY)
    agency = make_org(cppcc, "市农业农村局", Organisation.Kind.HANDLING_UNIT, system="government")
    users: dict = {}
    for role in Role.values:
        org = {Role.ORG_SUBMITTER: party, Role.HANDLING_UNIT: agency}.get(role)
        users[role] = make_user(cppcc, f"{role}-{cppcc.code}", roles=[role], org=org, name=f"{Role(role).label}甲")
    for role in (Role.MEMBER, Role.STANDING_MEMBER):
        make_member(cppcc, f"{Role(role).label}甲", term=term, sector=sector, committee=committee, user=users[role],
                    is_standing=role == Role.STANDING_MEMBER)
    Informant.objects.create(cppcc=cppcc, user=users[Role.INFORMANT], appointed_at=dt.date(2022, 1, 1),
                             term_end=dt.date(2026, 12, 31))
    unit = ReportingUnit.objects.create(cppcc=cppcc, name="民盟市委会", kind=ReportingUnit.Kind.PARTY, organisation=party,
                                        leader_name="王副主委", liaison=users[Role.ORG_SUBMITTER], yearly_quota=20)
    return World(cppcc, sector, committee, party, unit, agency, users)


def make_opinion(w: World, *, reporter=None, status: str = Status.DRAFT, title: str = "关于加强高标准农田建后管护的建议",
                 **extra) -> Opinion:
    reporter = reporter or w.users[Role.MEMBER]
    now = timezone.now()
    fields = dict(situation="部分高标准农田建成后管护主体不明确，灌排设施损毁后无人维修。",
                  analysis="管护经费没有纳入预算，村集体无力承担。",
                  suggestions="一是明确管护主体；二是建立管护资金保障机制。", reporter_name=reporter.name)
    if status != Status.DRAFT:
        fields.update(submitted_at=now, received_at=now)
    if reporter.pk == w.users[Role.ORG_SUBMITTER].pk:
        fields["reporting_unit"] = w.unit
    fields.update(extra)
    return Opinion.objects.create(cppcc=w.cppcc, title=title, reporter=reporter, status=status, **fields)


def make_article(w: World, items: list[Opinion], *, kind: str = Article.Kind.SINGLE, issue: Issue | None = None) -> Article:
    position = (issue.articles.count() + 1) if issue else 0
    a = Article.objects.create(cppcc=w.cppcc, kind=kind, title=items[0].title, body=items[0].body,
                               author_line=items[0].reporter_name, issue=issue, position=position)
    a.items.set(items)
    return a


def make_issue(w: World, *, signed: bool = False, number: int | None = None, date: dt.date | None = None) -> Issue:
    date = date or timezone.localdate()
    issue = Issue.objects.create(cppcc=w.cppcc, series=SERIES, year=date.year, date=date, distribution="报送：市委、市政府。")
    if signed:
        issue.state, issue.number, issue.signed_at = Issue.State.SIGNED, number or 1, timezone.now()
        issue.signed_by = w.users[Role.INFO_APPROVER]
        issue.save()
    return issue


def report(o: Opinion, target: str = UpwardReport.Target.NATIONAL) -> UpwardReport:
    return UpwardReport.objects.create(cppcc=o.cppcc, opinion=o, target=target, reported_at=timezone.localdate())


def arrange(w: World, state: str, role: str) -> Opinion:
    """An item in `state`, set up so that `role`'s persona is the relevant party (the reporter for reporter roles);
    items past 初筛 have been reported to 全国政协 (so 采用 and 批示 can be recorded on them)."""
    reporter = w.users[role] if role in REPORTER_ROLES else w.users[Role.MEMBER]
    o = make_opinion(w, reporter=reporter, status=state)
    if state in (Status.EDITED, Status.IN_ISSUE, Status.ISSUED):
        issue = None
        if state == Status.IN_ISSUE:
            issue = make_issue(w)
        elif state == Status.ISSUED:
            issue = make_issue(w, signed=True, number=Issue.objects.filter(cppcc=w.cppcc).count() + 1)
        make_article(w, [o], issue=issue)
    if state in (Status.ACCEPTED, Status.EDITED, Status.IN_ISSUE, Status.ISSUED):
        report(o)
    return o
