"""Two clerks approving the same round at once: one wins, the other gets a Chinese refusal, each proposal gets
exactly one 确定为重点提案 event. Two units reporting one follow-up at once: one report. Real transactions in
threads (PostgreSQL row locks in the PostgreSQL run; SQLite serialises writers)."""
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied

from zhengxie.accounts.models import RoleAssignment
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_user
from zhengxie.proposals.models import Proposal
from zhengxie.proposals.tests.test_concurrency import run_together
from zhengxie.supervision import services
from zhengxie.supervision.models import FollowUp, KeySelection, SupervisionRecord
from zhengxie.supervision.workflow import Action, FollowUpAction, FollowUpState, Status

from .builders import APPROVE, build, filed, selection

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_clerks_approving_the_same_round_at_once_one_wins_and_no_double_events(city):
    w = build(city)
    a = w.users[Role.PROPOSAL_STAFF]
    b = make_user(city, "staff-b", roles=[Role.PROPOSAL_STAFF], name="提案委乙")
    props = [filed(w, f"重点提案{i}") for i in range(3)]
    s = selection(w, Status.SUBMITTED, proposals=props)
    results = run_together([
        lambda: services.selection_act(selection=s, action=Action.APPROVE, by=a, **APPROVE),
        lambda: services.selection_act(selection=s, action=Action.APPROVE, by=b, **APPROVE),
    ])
    failures = [r for r in results if isinstance(r, BaseException)]
    assert len(failures) == 1 and isinstance(failures[0], ApplicationError), results
    assert "不能执行" in str(failures[0])
    assert KeySelection.objects.get(pk=s.pk).status == Status.APPROVED
    assert Proposal.objects.filter(is_key=True).count() == 3
    ct = ContentType.objects.get_for_model(Proposal)
    for p in props:
        assert Event.objects.filter(content_type=ct, object_id=str(p.pk), verb="proposal.key").count() == 1
    ct_s = ContentType.objects.get_for_model(KeySelection)
    assert Event.objects.filter(content_type=ct_s, object_id=str(s.pk), verb="supervision.approve").count() == 1


def test_approve_and_return_at_once_leave_one_consistent_outcome(city):
    w = build(city)
    a = w.users[Role.PROPOSAL_STAFF]
    b = make_user(city, "staff-c", roles=[Role.PROPOSAL_STAFF], name="提案委丙")
    p = filed(w)
    s = selection(w, Status.SUBMITTED, proposals=[p])
    results = run_together([
        lambda: services.selection_act(selection=s, action=Action.APPROVE, by=a, **APPROVE),
        lambda: services.selection_act(selection=s, action=Action.RETURN, by=b, approval_note="名单需调整"),
    ])
    failures = [r for r in results if isinstance(r, BaseException)]
    assert len(failures) == 1 and isinstance(failures[0], ApplicationError | PermissionDenied), results
    status = KeySelection.objects.get(pk=s.pk).status
    p.refresh_from_db()
    assert (status, p.is_key) in {(Status.APPROVED, True), (Status.DISCUSSED, False)}


def test_two_people_reporting_one_follow_up_at_once_record_one_report(city):
    w = build(city)
    other = make_user(city, "unit-b", roles=[Role.HANDLING_UNIT], org=w.gov_unit, name="教育局乙")
    assert RoleAssignment.objects.filter(user=other).exists()
    p = filed(w, unit=w.gov_unit)
    from django.utils import timezone

    r = SupervisionRecord.objects.create(cppcc=city, proposal=p, form="走访", date=timezone.localdate(), minutes="走访")
    f = FollowUp.objects.create(cppcc=city, record=r, content="制定方案", owner_unit=w.gov_unit, due_date=timezone.localdate())
    results = run_together([
        lambda: services.followup_act(followup=f, action=FollowUpAction.REPORT, by=w.users[Role.HANDLING_UNIT], note="甲报送"),
        lambda: services.followup_act(followup=f, action=FollowUpAction.REPORT, by=other, note="乙报送"),
    ])
    assert len([x for x in results if isinstance(x, BaseException)]) == 1, results
    f.refresh_from_db()
    assert f.state == FollowUpState.DONE and f.note in {"甲报送", "乙报送"}
