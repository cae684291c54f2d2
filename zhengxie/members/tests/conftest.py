"""Fixtures of the members app: one 届, the reference organisations and a few members in the city."""
import datetime as dt

import pytest

from zhengxie.accounts.models import Organisation
from zhengxie.core.testing import make_member, make_org, make_term


@pytest.fixture
def term(city):
    return make_term(city, 14, start=dt.date(2022, 1, 1))


@pytest.fixture
def orgs(city):
    return {
        "经济界": make_org(city, "经济界", Organisation.Kind.SECTOR),
        "教育界": make_org(city, "教育界", Organisation.Kind.SECTOR),
        "经济委员会": make_org(city, "经济委员会", Organisation.Kind.COMMITTEE),
        "民革": make_org(city, "民革", Organisation.Kind.PARTY),
    }


@pytest.fixture
def zhang(city, term, orgs):
    return make_member(city, "张三", term=term, sector=orgs["经济界"], committee=orgs["经济委员会"], phone="13800000001",
                       email="zs@example.cn", employer="市工商联", birth_date=dt.date(1970, 1, 2))


@pytest.fixture
def li(city, term, orgs):
    return make_member(city, "李四", term=term, sector=orgs["教育界"], employer="市第一中学", phone="13800000002",
                       is_standing=True)
