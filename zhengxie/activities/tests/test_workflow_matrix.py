"""Every (state, action, role) against the hand-written matrices docs/workflows/activities.csv and leave.csv:
permissions say exactly what the matrix says, an allowed action run through its service reaches the matrix's
next state, and a refused one is refused by the service with nothing changed."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.activities import permissions, services
from zhengxie.activities.models import LeaveRequest
from zhengxie.activities.workflow import (
    LEAVE_TRANSITIONS,
    TRANSITIONS,
    Action,
    LeaveAction,
    LeaveState,
    Status,
)
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.roles import Role

from .builders import make_activity

DOCS = Path(__file__).resolve().parents[3] / "docs" / "workflows"


def load(name: str) -> dict[tuple[str, str, str], str]:
    rows = {}
    with (DOCS / name).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert row["allowed"] == "yes"
            rows[(row["state"], row["action"], row["role"])] = row["next_state"]
    return rows


MATRIX = load("activities.csv")
LEAVE_MATRIX = load("leave.csv")


def test_the_activity_matrix_and_the_transition_table_agree():
    for (state, action, _role), nxt in MATRIX.items():
        assert TRANSITIONS.get((state, action)) == nxt, (state, action)
    assert {(s, a) for (s, a, _r) in MATRIX} == set(TRANSITIONS)


def test_the_leave_matrix_and_the_transition_table_agree():
    for (state, action, _role), nxt in LEAVE_MATRIX.items():
        assert LEAVE_TRANSITIONS.get((state, action)) == nxt, (state, action)
    assert {(s, a) for (s, a, _r) in LEAVE_MATRIX} == set(LEAVE_TRANSITIONS)


def arrange(w, state: str, role: str):
    """An activity in `state` organised by the organisation of `role`'s persona (经济委员会 for other roles)."""
    return make_activity(w, status=state, organiser=w.org_for(role), invite=[w.users[Role.MEMBER]],
                         title=f"{state}-{role}")


def run(action: str, a, user):
    if action == Action.PUBLISH:
        return services.activity_publish(activity=a, by=user)
    if action == Action.START:
        return services.activity_start(activity=a, by=user)
    if action == Action.CLOSE:
        return services.activity_close(activity=a, by=user, summary="座谈交流，形成建议3条。")
    if action == Action.REOPEN:
        return services.activity_reopen(activity=a, by=user, reason="补录代签")
    if action == Action.ARCHIVE:
        return services.activity_archive(activity=a, by=user)
    if action == Action.CANCEL:
        return services.activity_cancel(activity=a, by=user, reason="与全会时间冲突")
    raise AssertionError(action)


@pytest.mark.parametrize("state", Status.values)
def test_activity_permissions_follow_the_matrix_for_every_action_and_role(world, state):
    for role in Role.values:
        a = arrange(world, state, role)
        user = world.users[role]
        for action in Action.values:
            expected = (state, action, role) in MATRIX
            assert permissions.can(user, action, a) is expected, (state, action, role)
            assert (action in permissions.available_actions(user, a)) is expected, (state, action, role)


@pytest.mark.parametrize("key", sorted(MATRIX), ids=lambda k: "-".join(k))
def test_an_allowed_activity_action_reaches_the_next_state(world, key, django_capture_on_commit_callbacks):
    state, action, role = key
    a = arrange(world, state, role)
    with django_capture_on_commit_callbacks(execute=True):
        run(action, a, world.users[role])
    a.refresh_from_db()
    assert a.status == MATRIX[key]
    event = Event.objects.filter(object_id=str(a.pk), verb=f"activity.{action}").latest("id")
    assert event.data["from"] == state and event.data["to"] == MATRIX[key]


@pytest.mark.parametrize("state", Status.values)
def test_a_refused_activity_action_is_refused_by_its_service_and_changes_nothing(world, state):
    for role in Role.values:
        a = arrange(world, state, role)
        for action in Action.values:
            if (state, action, role) in MATRIX:
                continue
            before = Event.objects.count()
            with pytest.raises((PermissionDenied, ApplicationError)):
                run(action, a, world.users[role])
            a.refresh_from_db()
            assert a.status == state, (state, action, role)
            assert Event.objects.count() == before, (state, action, role)


def test_an_organiser_of_another_committee_cannot_act_on_this_activity(world):
    a = make_activity(world, status=Status.DRAFT, invite=[world.users[Role.MEMBER]])
    other = world.users["agri_staff"]
    assert permissions.available_actions(other, a) == []
    with pytest.raises(PermissionDenied):
        services.activity_publish(activity=a, by=other)


# 请假 -------------------------------------------------------------------------------------------------

def make_leave(w, state: str, requester_role: str) -> LeaveRequest:
    a = make_activity(w, status=Status.PUBLISHED, invite=[w.users[Role.MEMBER], w.users[Role.STANDING_MEMBER]],
                      title=f"leave-{state}-{requester_role}")
    member = w.users[requester_role if requester_role in (Role.MEMBER, Role.STANDING_MEMBER) else Role.MEMBER].member
    return LeaveRequest.objects.create(cppcc=w.cppcc, activity=a, member=member, reason="出差在外", state=state)


def run_leave(action: str, leave, user):
    if action == LeaveAction.APPROVE:
        return services.leave_approve(leave=leave, by=user, note="同意")
    if action == LeaveAction.REFUSE:
        return services.leave_refuse(leave=leave, by=user, note="本次为重要协商，请尽量参加")
    if action == LeaveAction.WITHDRAW:
        return services.leave_withdraw(leave=leave, by=user)
    raise AssertionError(action)


@pytest.mark.parametrize("state", LeaveState.values)
def test_leave_permissions_follow_the_matrix_for_every_action_and_role(world, state):
    for role in Role.values:
        leave = make_leave(world, state, role)
        user = world.users[role]
        for action in LeaveAction.values:
            expected = (state, action, role) in LEAVE_MATRIX
            assert permissions.can_leave(user, action, leave) is expected, (state, action, role)
            assert (action in permissions.leave_actions(user, leave)) is expected, (state, action, role)


@pytest.mark.parametrize("key", sorted(LEAVE_MATRIX), ids=lambda k: "-".join(k))
def test_an_allowed_leave_action_reaches_the_next_state(world, key, django_capture_on_commit_callbacks):
    state, action, role = key
    leave = make_leave(world, state, role)
    with django_capture_on_commit_callbacks(execute=True):
        run_leave(action, leave, world.users[role])
    leave.refresh_from_db()
    assert leave.state == LEAVE_MATRIX[key]


@pytest.mark.parametrize("state", LeaveState.values)
def test_a_refused_leave_action_is_refused_by_its_service_and_changes_nothing(world, state):
    for role in Role.values:
        leave = make_leave(world, state, role)
        for action in LeaveAction.values:
            if (state, action, role) in LEAVE_MATRIX:
                continue
            with pytest.raises((PermissionDenied, ApplicationError)):
                run_leave(action, leave, world.users[role])
            leave.refresh_from_db()
            assert leave.state == state, (state, action, role)
