"""Arrange activities directly (no services) for tests: a small world of one 政协 with a persona per role."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.activities.models import Activity, ActivityKind, Participation
from zhengxie.activities.services import activity_kinds_ensure
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member, make_org, make_term, make_user

ORG_OF_ROLE = {Role.COMMITTEE_STAFF: "经济委员会", Role.PROPOSAL_STAFF: "提案委员会", Role.INFO_EDITOR: "研究室"}


@dataclass
class World:
    cppcc: object
    term: object
    orgs: dict
    users: dict
    kinds: dict
    sector: Organisation

    def kind(self, code: str) -> ActivityKind:
        return self.kinds[code]

    def org_for(self, role: str) -> Organisation:
        return self.orgs[ORG_OF_ROLE.get(role, "经济委员会")]


def build_world(cppcc, prefix: str = "") -> World:
    term = make_term(cppcc)
    sector = make_org(cppcc, "经济界", Organisation.Kind.SECTOR)
    orgs = {
        "经济委员会": make_org(cppcc, "经济委员会", Organisation.Kind.COMMITTEE),
        "提案委员会": make_org(cppcc, "提案委员会", Organisation.Kind.COMMITTEE),
        "研究室": make_org(cppcc, "研究室", Organisation.Kind.OFFICE),
        "农业和农村委员会": make_org(cppcc, "农业和农村委员会", Organisation.Kind.COMMITTEE),
    }
    p = prefix or cppcc.code
    users = {}
    for role in Role.values:
        org = orgs[ORG_OF_ROLE[role]] if role in ORG_OF_ROLE else None
        users[role] = make_user(cppcc, f"{role}-{p}", roles=[role], org=org, name=f"{Role(role).label}")
    for role in (Role.MEMBER, Role.STANDING_MEMBER):
        make_member(cppcc, f"{Role(role).label}委员{p}", term=term, sector=sector, user=users[role],
                    committee=orgs["经济委员会"], is_standing=role == Role.STANDING_MEMBER)
    users["other_member"] = make_user(cppcc, f"other-member-{p}", roles=[Role.MEMBER], name="另一委员")
    make_member(cppcc, f"另一委员{p}", term=term, sector=sector, user=users["other_member"])
    users["agri_staff"] = make_user(cppcc, f"agri-staff-{p}", roles=[Role.COMMITTEE_STAFF], org=orgs["农业和农村委员会"],
                                    name="农业委工作人员")
    kinds = {k.code: k for k in activity_kinds_ensure(cppcc)}
    return World(cppcc, term, orgs, users, kinds, sector)


def make_activity(w: World, *, status: str = "draft", kind: str = "research", organiser=None, title: str = "光伏产业发展专题调研",
                  start=None, hours: int = 3, invite=(), **extra) -> Activity:
    start = start or timezone.now() + dt.timedelta(minutes=10)
    a = Activity.objects.create(cppcc=w.cppcc, kind=w.kind(kind), title=title, organiser=organiser or w.orgs["经济委员会"],
                                start_at=start, end_at=start + dt.timedelta(hours=hours), location="市政协三楼会议室",
                                status=status, **extra)
    for user in invite:
        Participation.objects.create(cppcc=w.cppcc, activity=a, member=user.member, invited_at=timezone.now())
    return a
