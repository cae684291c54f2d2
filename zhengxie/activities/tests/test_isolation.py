"""A county never sees another county's (or the city's) activities, leaves, homes or appointments."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from zhengxie.activities import permissions, selectors, services, signin
from zhengxie.activities.models import Appointment, LeaveRequest
from zhengxie.activities.workflow import Status
from zhengxie.core.roles import Role

from .builders import build_world, make_activity


@pytest.fixture
def two(county, other_county):
    return build_world(county), build_world(other_county)


def test_lists_and_details_are_scoped_to_the_users_own_cppcc(two):
    a_world, b_world = two
    a = make_activity(a_world, status=Status.PUBLISHED, invite=[a_world.users[Role.MEMBER]], title="甲县调研")
    b = make_activity(b_world, status=Status.PUBLISHED, invite=[b_world.users[Role.MEMBER]], title="乙县调研")
    for role in (Role.ADMIN, Role.LEADER, Role.COMMITTEE_STAFF, Role.MEMBER):
        user = a_world.users[role]
        assert list(selectors.activity_list_for(user)) == [a], role
        assert not permissions.can_view(user, b)
        with pytest.raises(Http404):
            selectors.activity_get_for(user, b.pk)


def test_another_countys_staff_and_members_cannot_act_on_an_activity(two):
    a_world, b_world = two
    a = make_activity(a_world, status=Status.IN_PROGRESS, invite=[a_world.users[Role.MEMBER]])
    with pytest.raises(PermissionDenied):
        services.activity_close(activity=a, by=b_world.users[Role.ADMIN])
    with pytest.raises(PermissionDenied):
        services.activity_sign_in(activity=a, by=b_world.users[Role.MEMBER], token=signin.token_for(a))
    with pytest.raises(PermissionDenied):
        services.outcome_add(activity=a, by=b_world.users[Role.ADMIN], name="走访农户", unit="户", value=1)


def test_another_countys_members_cannot_be_invited(two):
    a_world, b_world = two
    a = make_activity(a_world)
    with pytest.raises(Exception, match="只能邀请本政协的委员"):
        services.activity_invite(activity=a, member_ids=[b_world.users[Role.MEMBER].member.pk], by=a_world.users[Role.ADMIN])


def test_leave_queues_and_appointments_are_scoped(two):
    a_world, b_world = two
    a = make_activity(a_world, status=Status.PUBLISHED, kind="plenary", invite=[a_world.users[Role.MEMBER]])
    leave = services.leave_request(activity=a, by=a_world.users[Role.MEMBER], reason="出差")
    assert list(selectors.leave_queue_for(a_world.users[Role.LEADER])) == [leave]
    assert list(selectors.leave_queue_for(b_world.users[Role.LEADER])) == []
    with pytest.raises(PermissionDenied):
        services.leave_approve(leave=leave, by=b_world.users[Role.LEADER])
    assert LeaveRequest.objects.get().state == "requested"
    services.appointment_create(by=a_world.users[Role.ADMIN], member=a_world.users[Role.MEMBER].member,
                                kind=Appointment.Kind.SPECIAL_SUPERVISOR, org_name="县监委", start_date=dt.date(2023, 1, 1))
    assert selectors.appointment_list_for(b_world.users[Role.ADMIN]).count() == 0
    with pytest.raises(Exception, match="请选择本政协的委员"):
        services.appointment_create(by=b_world.users[Role.ADMIN], member=a_world.users[Role.MEMBER].member,
                                    kind=Appointment.Kind.SPECIAL_SUPERVISOR, org_name="县监委", start_date=dt.date(2023, 1, 1))


def test_facts_and_figures_of_one_county_do_not_include_the_other(two):
    a_world, b_world = two
    make_activity(a_world, status=Status.CLOSED, invite=[a_world.users[Role.MEMBER]])
    make_activity(b_world, status=Status.CLOSED, invite=[b_world.users[Role.MEMBER]])
    day = make_activity(a_world, status=Status.DRAFT).start_at.date()
    rows = selectors.attendance_facts(a_world.cppcc.pk, day - dt.timedelta(days=1), day + dt.timedelta(days=1))
    assert [r["member_id"] for r in rows] == [a_world.users[Role.MEMBER].member.pk]
    assert selectors.activity_figures(b_world.cppcc.pk, day - dt.timedelta(days=1), day + dt.timedelta(days=1))["activities"] == 1
