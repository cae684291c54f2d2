import pytest

from zhengxie.accounts.models import Organisation
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member, make_org


@pytest.fixture
def staff(persona):
    return persona(Role.PROPOSAL_STAFF)


@pytest.fixture
def member_record(city):
    return make_member(city, "张委员")


@pytest.fixture
def org_record(city):
    return make_org(city, "市教育局", Organisation.Kind.HANDLING_UNIT)
