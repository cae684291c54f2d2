"""The 重点提案与督办 demo (`manage.py seed_demo`): one full round giving 8 重点提案 with leaders, 3 并案集中督办 cases,
督办 records of every form with follow-ups (some overdue, some for the demo 承办单位), and a second run that creates
nothing. The demo is loaded once for this module inside a transaction that is rolled back at the end."""
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.models import User
from zhengxie.core.models import Cppcc, Event
from zhengxie.core.todos import todos_for
from zhengxie.proposals.models import Proposal
from zhengxie.supervision import demo as supervision_demo
from zhengxie.supervision.models import (
    CaseMember,
    FollowUp,
    KeyItem,
    KeySelection,
    SupervisionCase,
    SupervisionRecord,
)
from zhengxie.supervision.workflow import FollowUpState, Status


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            call_command("seed_demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def city(demo, db):
    return Cppcc.objects.get(code="changzhi")


def test_the_seed_reports_the_round_cases_and_records(demo):
    assert "重点提案遴选1" in demo and "并案集中督办3" in demo and "督办记录" in demo


def test_one_full_round_gives_eight_key_proposals_with_leaders(city):
    s = KeySelection.objects.get(cppcc=city)
    assert s.status == Status.APPROVED and s.approval_meeting
    items = KeyItem.objects.filter(selection=s, selected=True)
    assert items.count() == 8 and all(i.leader_form and (i.leader_display or i.committee_id) for i in items)
    assert KeyItem.objects.filter(selection=s, recommendations__source="party").exists()
    assert KeyItem.objects.filter(selection=s, recommendations__source="committee").exists()
    keys = Proposal.objects.filter(meeting=s.meeting, is_key=True)
    assert set(keys.values_list("pk", flat=True)) == set(items.values_list("proposal_id", flat=True))  # the round explains them all
    ct = ContentType.objects.get_for_model(Proposal)
    assert Event.objects.filter(content_type=ct, verb="proposal.key", object_id__in=[str(p.pk) for p in keys]).count() == 8
    leader = User.objects.get(username="leader")
    assert items.filter(leader=leader).exists()


def test_cases_records_and_follow_ups(city):
    cases = SupervisionCase.objects.filter(cppcc=city)
    assert cases.count() == 3 and CaseMember.objects.filter(case__in=cases).count() >= 6
    assert all(c.lead.is_key for c in cases)
    assert not CaseMember.objects.filter(proposal__is_key=True).exists()
    records = SupervisionRecord.objects.filter(cppcc=city)
    assert records.count() >= 15
    assert set(records.values_list("form", flat=True)) == {"领办", "领衔督办", "对口督办", "走访", "督办协商会", "现场督办"}
    today = timezone.localdate()
    assert FollowUp.objects.filter(cppcc=city, state=FollowUpState.OPEN, due_date__lt=today).exists()
    assert FollowUp.objects.filter(cppcc=city, state=FollowUpState.CLOSED).exists()
    unit_todos = [t for t in todos_for(User.objects.get(username="handling_unit")) if t.kind == "supervision.followup"]
    assert any(t.status() == "overdue" for t in unit_todos)
    staff_todos = [t for t in todos_for(User.objects.get(username="proposal_staff")) if t.module == "督办"]
    assert staff_todos
    from zhengxie.supervision import selectors

    assert selectors.record_list_for(User.objects.get(username="member")).exists()  # on the demo 委员's own proposal


def test_a_second_run_creates_nothing(city):
    before = (KeySelection.objects.count(), SupervisionRecord.objects.count(), SupervisionCase.objects.count())
    import random

    assert not supervision_demo.seed(city, random.Random(1))
    assert (KeySelection.objects.count(), SupervisionRecord.objects.count(), SupervisionCase.objects.count()) == before
