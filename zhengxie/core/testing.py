"""Builders for tests (and the benchmark seeder): small, explicit, no magic ids."""
from __future__ import annotations

import datetime as dt
import itertools

from zhengxie.accounts.models import Organisation, RoleAssignment, User
from zhengxie.core.models import Cppcc
from zhengxie.members.models import Member, Membership, Term

_seq = itertools.count(1)
PASSWORD = "Test-pass-2026"


def make_cppcc(code: str = "city", name: str = "测试市政协", level: str = Cppcc.Level.CITY, parent=None) -> Cppcc:
    obj, _ = Cppcc.objects.get_or_create(
        code=code, defaults={"name": name, "short_name": name.replace("政协", "") or name, "level": level, "parent": parent}
    )
    return obj


def make_org(cppcc, name: str, kind: str, **extra) -> Organisation:
    obj, _ = Organisation.objects.get_or_create(cppcc=cppcc, kind=kind, name=name, defaults=extra)
    return obj


def make_user(cppcc, username: str | None = None, *, roles=(), org=None, name: str = "", since=dt.date(2022, 1, 1)) -> User:
    username = username or f"user{next(_seq)}"
    user = User.objects.create_user(username=username, password=PASSWORD, cppcc=cppcc, display_name=name or username)
    for role in roles:
        RoleAssignment.objects.create(cppcc=cppcc, user=user, role=role, organisation=org, valid_from=since)
    return user


def make_term(cppcc, number: int = 14, start=dt.date(2022, 1, 1)) -> Term:
    names = {13: "十三届", 14: "十四届", 15: "十五届"}
    obj, _ = Term.objects.get_or_create(cppcc=cppcc, number=number, defaults={"name": names.get(number, f"{number}届"), "start_date": start})
    return obj


def make_member(cppcc, name: str, *, term=None, sector=None, committee=None, user=None, start=dt.date(2022, 1, 1), end=None,
                is_standing=False, **fields) -> Member:
    from zhengxie.members.pinyin import initials

    member = Member.objects.create(cppcc=cppcc, name=name, user=user, pinyin_initials=initials(name), **fields)
    term = term or make_term(cppcc)
    sector = sector or make_org(cppcc, "经济界", Organisation.Kind.SECTOR)
    Membership.objects.create(
        cppcc=cppcc, member=member, term=term, sector=sector, committee=committee, start_date=start, end_date=end,
        is_standing=is_standing,
    )
    return member
