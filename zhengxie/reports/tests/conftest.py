import pytest

from zhengxie.core.roles import Role
from zhengxie.proposals.tests.builders import build_world
from zhengxie.proposals.tests.test_scenarios import rows
from zhengxie.proposals.workflow import Action


@pytest.fixture
def world(city):
    """The city with 5 proposals of 2023 (3 filed, 2 rejected)."""
    w = build_world(city)
    rows(w, 3, Action.FILE, title="关于市区停车难的建议")
    rows(w, 2, Action.REJECT, decision_reason="empty", title="关于个人待遇的建议")
    return w


@pytest.fixture
def county_world(county):
    """A county 政协 under the city, with 4 proposals of 2023 (all filed)."""
    w = build_world(county)
    rows(w, 4, Action.FILE, title="关于县域农村公路养护的建议")
    return w


@pytest.fixture
def leader(world):
    return world.users[Role.LEADER]


@pytest.fixture
def county_staff(county_world):
    return county_world.users[Role.PROPOSAL_STAFF]
