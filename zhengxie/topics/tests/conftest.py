import pytest

from zhengxie.proposals.tests.builders import build_world


@pytest.fixture
def world(city):
    return build_world(city)


@pytest.fixture
def staff(world):
    from zhengxie.core.roles import Role

    return world.users[Role.PROPOSAL_STAFF]
