"""Every (state, action, role) of the 重点提案遴选 round and of a 跟进事项, against the hand-written matrix
docs/workflows/supervision.csv and through the services (allowed → new state and one timeline row; refused → nothing)."""
import csv
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.roles import Role
from zhengxie.supervision import permissions, services
from zhengxie.supervision.models import FollowUp, KeySelection, SupervisionRecord
from zhengxie.supervision.workflow import (
    FOLLOWUP_TRANSITIONS,
    TRANSITIONS,
    Action,
    FollowUpAction,
    FollowUpState,
    Status,
)

from .builders import APPROVE, MEETING, build, filed, selection

MATRIX = Path(settings.BASE_DIR) / "docs" / "workflows" / "supervision.csv"


def expected_rows():
    with MATRIX.open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh)]


def test_the_written_matrix_is_the_transition_table():
    rows = [r for r in expected_rows() if r["machine"] == "selection"]
    assert {(r["state"], r["action"]): r["next"] for r in rows} == {k: v for k, v in TRANSITIONS.items()}
    rows = [r for r in expected_rows() if r["machine"] == "followup"]
    assert {(r["state"], r["action"]): r["next"] for r in rows} == {k: v for k, v in FOLLOWUP_TRANSITIONS.items()}


def allowed_roles(machine: str, state: str, action: str) -> set[str]:
    for r in expected_rows():
        if (r["machine"], r["state"], r["action"]) == (machine, state, action):
            return set(r["roles"].split("|"))
    return set()


@pytest.mark.parametrize("state", Status.values)
@pytest.mark.parametrize("action", Action.values)
@pytest.mark.parametrize("role", Role.values)
def test_selection_action(city, state, action, role):
    w = build(city)
    p = filed(w)
    s = selection(w, state, proposals=[p])
    user = w.users[role]
    allowed = role in allowed_roles("selection", state, action)
    assert permissions.can(user, action, s) is allowed
    assert (action in permissions.available_actions(user, s)) is allowed
    before = Event.objects.count()
    fields = {**MEETING, **APPROVE, "approval_note": "请补充遴选理由"}
    if allowed:
        s = services.selection_act(selection=s, action=action, by=user, **fields)
        assert s.status == TRANSITIONS[(state, action)]
        assert KeySelection.objects.get(pk=s.pk).status == s.status
        new = Event.objects.count() - before
        assert new == (2 if action == Action.APPROVE else 1)  # the round, plus the proposal's 确定为重点提案
        p.refresh_from_db()
        assert p.is_key is (action == Action.APPROVE)
    else:
        with pytest.raises((PermissionDenied, ApplicationError)):
            services.selection_act(selection=s, action=action, by=user, **fields)
        assert KeySelection.objects.get(pk=s.pk).status == state
        assert Event.objects.count() == before


FOLLOWUP_ACTORS = ("owner_unit", Role.PROPOSAL_STAFF, "party_unit_user", Role.LEADER, Role.MEMBER, Role.SUPERVISING_OFFICE)


@pytest.mark.parametrize("state", FollowUpState.values)
@pytest.mark.parametrize("action", FollowUpAction.values)
@pytest.mark.parametrize("actor", FOLLOWUP_ACTORS)
def test_followup_action(city, state, action, actor):
    w = build(city)
    p = filed(w, unit=w.gov_unit)
    r = SupervisionRecord.objects.create(cppcc=city, proposal=p, form="走访", date=timezone.localdate(), minutes="走访市教育局")
    f = FollowUp.objects.create(cppcc=city, record=r, content="制定实施方案", owner_unit=w.gov_unit,
                                due_date=timezone.localdate(), state=state)
    user = w.users[Role.HANDLING_UNIT] if actor == "owner_unit" else w.users[actor]
    allowed = actor in allowed_roles("followup", state, action)
    assert permissions.can_followup(user, action, f) is allowed
    if allowed:
        f = services.followup_act(followup=f, action=action, by=user, note="已落实")
        assert f.state == FOLLOWUP_TRANSITIONS[(state, action)]
    else:
        with pytest.raises((PermissionDenied, ApplicationError)):
            services.followup_act(followup=f, action=action, by=user, note="已落实")
        assert FollowUp.objects.get(pk=f.pk).state == state
