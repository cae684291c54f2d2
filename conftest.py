"""Personas (Healthchecks style): one per demo role in the city 政协, plus a county with its own staff."""
import pytest

from zhengxie.core.roles import Role
from zhengxie.core.testing import PASSWORD, make_cppcc, make_member, make_org, make_term, make_user


@pytest.fixture
def city(db):
    return make_cppcc("city", "测试市政协")


@pytest.fixture
def county(db, city):
    return make_cppcc("county-a", "甲县政协", level="county", parent=city)


@pytest.fixture
def other_county(db, city):
    return make_cppcc("county-b", "乙县政协", level="county", parent=city)


@pytest.fixture
def persona(db, city):
    """persona(role) → a user of the city 政协 holding that role."""
    made = {}

    def get(role: str, cppcc=None):
        cppcc = cppcc or city
        key = (role, cppcc.pk)
        if key not in made:
            org = None
            if role == Role.HANDLING_UNIT:
                org = make_org(cppcc, "市教育局", "handling_unit", system="government")
            made[key] = make_user(cppcc, f"{role}-{cppcc.code}", roles=[role], org=org, name=f"{Role(role).label}甲")
        return made[key]

    return get


@pytest.fixture
def admin_user(persona):
    return persona(Role.ADMIN)


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture
def login(client, password):
    def do(user):
        assert client.login(username=user.username, password=password)
        return client

    return do


__all__ = ["make_member", "make_term", "make_org"]
