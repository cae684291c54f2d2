"""The 提案 demo (`manage.py seed_demo`): every state occurs, every demo role has work waiting, the 2023 figures
of the 农业和农村委员会 read as in the annual review, numbering stays gap-free, and a second run changes nothing.

The demo is loaded once for this module inside a transaction that is rolled back at the end."""
import datetime as dt
import importlib.util
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from zhengxie.accounts.models import Organisation, User
from zhengxie.core.models import Cppcc, Event
from zhengxie.core.roles import Role
from zhengxie.members.models import Meeting
from zhengxie.notifications.models import Notification
from zhengxie.proposals import daily, deadlines, permissions
from zhengxie.proposals.models import Assignment, CoSigner, Counter, Evaluation, ExtensionRequest, Proposal
from zhengxie.proposals.workflow import FILED_STATES, Action, Status


def deliver_on_commit_callbacks():
    """What a commit would run (the notifications queued by the seed), inside the module's transaction."""
    while connection.run_on_commit:
        callbacks, connection.run_on_commit[:] = list(connection.run_on_commit), []
        for _savepoints, callback, *_robust in callbacks:
            callback()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            out = io.StringIO()
            call_command("seed_demo", stdout=out)
            deliver_on_commit_callbacks()
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def city(demo, db):
    return Cppcc.objects.get(code="changzhi")


def user(name):
    return User.objects.get(username=name)


def meeting(city, number):
    return Meeting.objects.get(cppcc=city, kind=Meeting.Kind.PLENARY, number=number)


def test_the_seed_reports_the_proposals_it_created(demo):
    assert "提案" in demo and "流转记录" in demo


def test_every_state_of_the_workflow_occurs_in_the_demo(city):
    present = set(Proposal.objects.filter(cppcc=city).values_list("status", flat=True))
    assert set(Status.values) <= present


def test_every_demo_proposal_can_be_found_by_the_search_box(city):
    from zhengxie.proposals import selectors

    staff = user("proposal_staff")
    visible = selectors.proposal_list_for(staff)
    assert visible.count() > 400
    assert selectors.proposal_list_for(staff, filters={"q": "建议"}).count() == visible.filter(title__contains="建议").count()
    p = visible.filter(meeting=meeting(city, 2)).exclude(number=None).order_by("pk").first()
    assert p.pk in selectors.proposal_list_for(staff, filters={"q": p.title}).values_list("pk", flat=True)


def test_the_2023_meeting_has_a_few_hundred_proposals_with_every_outcome(city):
    qs = Proposal.objects.filter(meeting=meeting(city, 2))
    assert 250 <= qs.count() <= 400
    decisions = set(qs.values_list("decision", flat=True))
    assert {Action.FILE, Action.MERGE, Action.TO_SUGGESTION, Action.TO_SQMY, Action.REJECT, Action.WITHDRAW} <= decisions
    closed = qs.filter(status__in=[Status.CLOSED, Status.CLOSED_UNSATISFIED])
    assert set(closed.values_list("result_class", flat=True)) == {"A", "B", "C"}
    ratings = set(Evaluation.objects.filter(reply__assignment__proposal__in=closed).values_list("rating", flat=True))
    assert ratings == set(Evaluation.Rating.values)
    ways = set(qs.values_list("assignments__contacts__way", flat=True))
    assert {"face", "phone"} <= ways


def test_the_agricultural_committee_figures_of_2023_read_as_in_the_review(city):
    from zhengxie.reports.registry import Context, Period, ScopeKind, compute

    committee = Organisation.objects.get(cppcc=city, kind=Organisation.Kind.COMMITTEE, name="农业和农村委员会")
    ctx = Context.build(city, Period.year(2023), ScopeKind.COMMITTEE, committee)
    assert compute("proposals.received", ctx).value == 63
    assert compute("proposals.filed", ctx).value == 52
    assert compute("proposals.key", ctx).value == 6
    plain = Proposal.objects.filter(meeting=meeting(city, 2), committee=committee)
    assert (plain.count(), plain.filter(status__in=FILED_STATES).count(), plain.filter(is_key=True).count()) == (63, 52, 6)


def test_numbers_are_gap_free_and_the_counters_agree(city):
    for m in Meeting.objects.filter(cppcc=city, kind=Meeting.Kind.PLENARY, proposals__isnull=False).distinct():
        numbers = sorted(Proposal.objects.filter(meeting=m, number__isnull=False).values_list("number", flat=True))
        assert numbers == list(range(1, len(numbers) + 1))
        assert Counter.objects.get(meeting=m, kind="number").value == len(numbers)
        receipts = Proposal.objects.filter(meeting=m).exclude(receipt_no="").values_list("receipt_no", flat=True)
        assert len(set(receipts)) == len(receipts) == Counter.objects.get(meeting=m, kind="receipt").value


def test_a_bulk_proposals_timeline_starts_with_its_submission_and_ends_with_its_last_step(city):
    p = Proposal.objects.filter(meeting=meeting(city, 2), status=Status.CLOSED).order_by("number").first()
    timeline = list(Event.objects.filter(object_id=str(p.pk), verb__startswith="proposal.").order_by("at", "id")
                    .values_list("message", flat=True))
    assert timeline[0] == "提交提案" and timeline[-1] == "办结"
    assert Event.objects.filter(object_id=str(p.pk), at__year=2023).count() == len(timeline)


def test_the_member_has_a_draft_a_joint_one_waiting_a_returned_one_and_an_answer_to_evaluate(city):
    member = user("member")
    mine = Proposal.objects.filter(lead_member=member.member)
    assert {Status.DRAFT, Status.SUBMITTED, Status.RETURNED, Status.ANSWERED, Status.CLOSED} <= set(
        mine.values_list("status", flat=True))
    answered = mine.get(status=Status.ANSWERED, title="关于推进义务教育优质均衡发展的建议")
    assert Action.EVALUATE in permissions.available_actions(member, answered)
    assert Notification.objects.filter(recipient=member, kind="proposal", title__startswith="提案已答复").exists()


def test_the_standing_member_is_asked_to_confirm_a_joint_proposal(city):
    standing = user("standing_member")
    invited = CoSigner.objects.get(member=standing.member, state=CoSigner.State.INVITED)
    assert invited.proposal.status == Status.SUBMITTED and invited.proposal.cosign_deadline > timezone.now()


def test_the_proposal_staff_have_something_in_every_queue(city):
    staff = user("proposal_staff")
    qs = Proposal.objects.filter(cppcc=city)
    for status in (Status.RECEIVED, Status.UNDER_REVIEW, Status.FILED, Status.REASSIGNING, Status.EVALUATED):
        p = qs.filter(status=status).first()
        assert p is not None, status
        assert permissions.available_actions(staff, p), status
    assert ExtensionRequest.objects.filter(assignment__proposal__cppcc=city, state=ExtensionRequest.State.PENDING).exists()
    assert deadlines.evaluation_expired(city.pk, timezone.localdate())


def test_the_education_bureau_has_to_sign_handle_cosign_and_redo(city):
    today = timezone.localdate()
    edu = Organisation.objects.get(cppcc=city, kind=Organisation.Kind.HANDLING_UNIT, name="市教育局")
    mine = Assignment.objects.filter(unit=edu)
    assert mine.filter(state=Assignment.State.PENDING, proposal__status=Status.ASSIGNED).exists()
    assert deadlines.due_soon(city.pk, today, 7).filter(unit=edu).exists()
    assert deadlines.overdue_assignments(city.pk, today).filter(unit=edu).exists()
    to_cosign = mine.get(role=Assignment.Role.CO, proposal__status=Status.ANSWER_DRAFTED).proposal
    assert Action.COSIGN in permissions.available_actions(user("handling_unit"), to_cosign)
    assert mine.filter(proposal__status=Status.REHANDLING).exists()


def test_the_supervising_office_has_government_replies_to_audit(city):
    sup = user("supervising_office")
    waiting = [p for p in Proposal.objects.filter(cppcc=city, status=Status.ANSWER_COSIGNED)
               if Action.AUDIT in permissions.available_actions(sup, p)]
    assert len(waiting) >= 2


def test_the_collective_proposer_has_an_answer_to_evaluate(city):
    league = Organisation.objects.get(cppcc=city, kind=Organisation.Kind.PARTY, name="民盟长治市委员会")
    assert Proposal.objects.filter(proposer_org=league, status=Status.ANSWERED).exists()


def test_every_demo_role_sees_to_dos_once_the_proposal_provider_exists(city):
    users = [user(n) for n in ("member", "standing_member", "org_submitter", "proposal_staff", "handling_unit",
                               "supervising_office")]
    if importlib.util.find_spec("zhengxie.proposals.todos") is not None:
        from zhengxie.core.todos import todos_for

        for u in users:
            assert todos_for(u), u.username
    else:  # until then: each of them holds a role the proposal queues above serve
        from zhengxie.accounts.selectors import roles_of

        assert all(roles_of(u) for u in users)
        assert {Role.MEMBER, Role.PROPOSAL_STAFF, Role.HANDLING_UNIT, Role.SUPERVISING_OFFICE} <= {
            r for u in users for r in roles_of(u)}


def test_the_daily_job_finds_work_in_the_demo_and_sends_nothing_twice(city, django_capture_on_commit_callbacks):
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        first = daily.run_for(city, today)
    with django_capture_on_commit_callbacks(execute=True):
        second = daily.run_for(city, today)
    assert first["reminders"] > 0 and second["reminders"] == 0


def test_a_second_seed_changes_nothing(city):
    before = (Proposal.objects.count(), Event.objects.count(), Assignment.objects.count(), Evaluation.objects.count(),
              list(Counter.objects.order_by("id").values_list("value", flat=True)))
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "演示数据已存在，本次未做任何修改。" in out.getvalue()
    after = (Proposal.objects.count(), Event.objects.count(), Assignment.objects.count(), Evaluation.objects.count(),
             list(Counter.objects.order_by("id").values_list("value", flat=True)))
    assert after == before


def test_the_demo_dates_are_not_in_the_future(city):
    now = timezone.now() + dt.timedelta(minutes=5)
    qs = Proposal.objects.filter(cppcc=city)
    for f in ("submitted_at", "received_at", "decided_at", "assigned_at", "answered_at", "closed_at"):
        assert not qs.filter(**{f"{f}__gt": now}).exists(), f
    assert not Event.objects.filter(cppcc=city, at__gt=now).exists()
