"""Every (state, action, role) of the 表决 workflow against a hand-written expected table."""
import itertools

import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_user
from zhengxie.votes import permissions, services
from zhengxie.votes.models import Elector, Vote, VoteItem
from zhengxie.votes.workflow import Action, Status

pytestmark = pytest.mark.django_db

ROLES = [Role.PROPOSAL_STAFF, Role.COMMITTEE_STAFF, Role.ADMIN, Role.LEADER, Role.MEMBER, Role.HANDLING_UNIT]
MANAGERS = {Role.PROPOSAL_STAFF, Role.COMMITTEE_STAFF, Role.ADMIN}
EXPECTED = {
    ("draft", "open"): MANAGERS,
    ("draft", "cancel"): MANAGERS,
    ("open", "close"): MANAGERS,
    ("open", "cancel"): MANAGERS,
    ("closed", "publish"): MANAGERS,
}
# who sees counts in each state (electors are members here)
COUNTS = {"draft": set(), "open": set(), "closed": MANAGERS | {Role.LEADER},
          "published": MANAGERS | {Role.LEADER, Role.MEMBER}, "cancelled": set()}


@pytest.fixture
def users(city):
    return {role: make_user(city, f"v-{role}", roles=[role]) for role in ROLES}


@pytest.mark.parametrize("state, action", list(itertools.product(Status.values, Action.values)))
def test_vote_matrix(city, users, state, action):
    v = Vote.objects.create(cppcc=city, title="表决", status=state, options=[["satisfied", "满意"], ["abstain", "弃权"]])
    VoteItem.objects.create(vote=v, title="甲")
    Elector.objects.create(vote=v, user=users[Role.MEMBER])
    for role in ROLES:
        expected = role in EXPECTED.get((state, action), set())
        assert permissions.can(users[role], action, v) is expected, (state, action, role)
        assert permissions.can_see_counts(users[role], v) is (role in COUNTS[state]), (state, role)
        if not expected:
            with pytest.raises((PermissionDenied, ApplicationError)):
                services.vote_act(by=users[role], vote=v, action=action)
            v.refresh_from_db()
            assert v.status == state
