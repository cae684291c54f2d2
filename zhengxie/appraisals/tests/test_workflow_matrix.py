"""Every (state, action, role) of the 民主评议, 整改 and 评优 workflows against a hand-written expected table."""
import itertools

import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.accounts.models import Organisation
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_org, make_user

from .. import permissions, services
from ..models import Appraisal, AppraisalUnit, AwardRound, Rectification
from ..workflow import Action, AwardAction, AwardStatus, RectAction, RectState, Status

pytestmark = pytest.mark.django_db

ROLES = [Role.PROPOSAL_STAFF, Role.ADMIN, Role.LEADER, Role.COMMITTEE_STAFF, Role.HANDLING_UNIT, Role.MEMBER,
         Role.STANDING_MEMBER, Role.SUPERVISING_OFFICE]
STAFF = {Role.PROPOSAL_STAFF, Role.ADMIN}

# (state, action) → roles allowed; every pair not listed is refused for every role.
EXPECTED = {
    ("draft", "start_vote"): STAFF,
    ("draft", "cancel"): STAFF,
    ("voting", "close_vote"): STAFF,
    ("rectifying", "review"): STAFF,
    ("reviewed", "close"): STAFF,
}
RECT_EXPECTED = {  # the 承办单位 role here is the unit the item belongs to
    ("open", "feedback"): {Role.HANDLING_UNIT},
    ("reported", "feedback"): {Role.HANDLING_UNIT},
    ("reported", "accept"): STAFF,
    ("reported", "send_back"): STAFF,
}
AWARD_EXPECTED = {
    ("nominating", "start_review"): STAFF,
    ("reviewing", "approve"): STAFF,
    ("reviewing", "reopen"): STAFF,
}


@pytest.fixture
def people(city):
    unit = make_org(city, "市教育局", Organisation.Kind.HANDLING_UNIT)
    out = {}
    for role in ROLES:
        org = unit if role == Role.HANDLING_UNIT else None
        out[role] = make_user(city, f"m-{role}", roles=[role], org=org)
    out["other_unit"] = make_user(city, "m-other-unit", roles=[Role.HANDLING_UNIT],
                                  org=make_org(city, "市交通运输局", Organisation.Kind.HANDLING_UNIT))
    return out, unit


@pytest.mark.parametrize("state, action", list(itertools.product(Status.values, Action.values)))
def test_appraisal_matrix(city, people, state, action):
    users, unit = people
    a = Appraisal.objects.create(cppcc=city, year=2025, title="评议", status=state)
    for role in ROLES:
        expected = role in EXPECTED.get((state, action), set())
        assert permissions.can(users[role], action, a) is expected, (state, action, role)
        if not expected:
            with pytest.raises((PermissionDenied, ApplicationError)):
                services.appraisal_act(by=users[role], appraisal=a, action=action)
            a.refresh_from_db()
            assert a.status == state


@pytest.mark.parametrize("state, action", list(itertools.product(RectState.values, RectAction.values)))
def test_rectification_matrix(city, people, state, action):
    users, unit = people
    a = Appraisal.objects.create(cppcc=city, year=2025, title="评议", status=Status.RECTIFYING)
    e = AppraisalUnit.objects.create(appraisal=a, unit=unit)
    r = Rectification.objects.create(cppcc=city, entry=e, text="整改", due_date="2025-12-31", state=state)
    for role in ROLES:
        expected = role in RECT_EXPECTED.get((state, action), set())
        assert permissions.can_rect(users[role], action, r) is expected, (state, action, role)
    assert permissions.can_rect(users["other_unit"], action, r) is False
    # nothing moves once the round has been closed
    a.status = Status.CLOSED
    a.save()
    r.refresh_from_db()
    assert not any(permissions.can_rect(users[role], action, r) for role in ROLES)


@pytest.mark.parametrize("state, action", list(itertools.product(AwardStatus.values, AwardAction.values)))
def test_award_matrix(city, people, state, action):
    users, unit = people
    r = AwardRound.objects.create(cppcc=city, year=2025, status=state)
    for role in ROLES:
        expected = role in AWARD_EXPECTED.get((state, action), set())
        assert permissions.can_award(users[role], action, r) is expected, (state, action, role)
        if not expected:
            with pytest.raises((PermissionDenied, ApplicationError)):
                services.award_act(by=users[role], round=r, action=action)


def test_staff_of_another_cppcc_can_do_nothing(city, county, people):
    a = Appraisal.objects.create(cppcc=city, year=2025, title="评议", status=Status.DRAFT)
    outsider = make_user(county, "county-staff", roles=[Role.PROPOSAL_STAFF])
    assert not any(permissions.can(outsider, act, a) for act in Action.values)
    assert not permissions.can_view(outsider, a)
