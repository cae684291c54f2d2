"""The 提案 daily job: automatic 收件 after the co-signing deadline, reminders before and after the due date and
before the evaluation window closes — each sent once — and the deadline queries behind them."""
import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core.jobs import run_daily_jobs
from zhengxie.core.models import ConfigValue, Event
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member
from zhengxie.notifications.models import Notification
from zhengxie.proposals import daily, deadlines
from zhengxie.proposals.models import Assignment, CoSigner, Proposal
from zhengxie.proposals.workflow import Status

from .builders import assign, build_world, make_proposal, reply

JOB = "提案：联名截止自动收件、办理期限和评价提醒"


@pytest.fixture
def w(city):
    return build_world(city)


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Run the job for a day the way Celery beat does, delivering the notifications it queues."""

    def go(today=None):
        with django_capture_on_commit_callbacks(execute=True):
            return daily.proposals_daily(today or timezone.localdate())

    return go


def titles(user):
    return list(Notification.objects.filter(recipient=user, kind="proposal").order_by("id").values_list("title", flat=True))


def submitted_joint(w, *, deadline_in: dt.timedelta, confirm: bool, number_of_cosigners: int = 1):
    p = make_proposal(w, status=Status.SUBMITTED, joint=True, receipt_no="142-S0007",
                      submitted_at=timezone.now() - dt.timedelta(days=8), cosign_deadline=timezone.now() + deadline_in)
    if confirm:
        p.cosigners.update(state=CoSigner.State.CONFIRMED, answered_at=timezone.now() - dt.timedelta(days=2))
    return p


def in_progress(w, *, due: dt.date, unit=None, role=Assignment.Role.SOLE, **extra) -> Assignment:
    p = make_proposal(w, status=Status.IN_PROGRESS, number=12, due_date=due, title="关于加快老旧小区改造的建议", **extra)
    return assign(p, unit or w.gov_unit, role=role, due_date=due)


# --- automatic 收件 ---------------------------------------------------------------------------------------------

def test_a_proposal_is_received_automatically_once_the_cosigning_deadline_has_passed(w, run):
    p = submitted_joint(w, deadline_in=-dt.timedelta(hours=2), confirm=True)
    message = run()
    p.refresh_from_db()
    assert p.status == Status.RECEIVED and p.received_at is not None
    assert message.startswith("自动收件1件")
    event = Event.objects.filter(object_id=str(p.pk), verb="proposal.receive").get()
    assert event.message == "联名确认截止，完成收件" and event.actor.username == f"system-{w.cppcc.code}"
    assert any(t.startswith("新收提案") for t in titles(w.users[Role.PROPOSAL_STAFF]))


def test_cosigners_who_did_not_confirm_in_time_lapse_when_the_job_receives_the_proposal(w, run):
    p = submitted_joint(w, deadline_in=-dt.timedelta(hours=1), confirm=True)
    other = make_member(w.cppcc, "晚到委员", term=w.meeting.term, sector=w.sector)
    CoSigner.objects.create(proposal=p, member=other, order=2, state=CoSigner.State.INVITED)
    run()
    p.refresh_from_db()
    assert p.status == Status.RECEIVED
    assert p.cosigners.get(member=other).state == CoSigner.State.EXPIRED


def test_nothing_is_received_before_the_cosigning_deadline(w, run):
    p = submitted_joint(w, deadline_in=dt.timedelta(hours=5), confirm=False)
    assert run().startswith("自动收件0件")
    p.refresh_from_db()
    assert p.status == Status.SUBMITTED
    assert p.cosigners.get().state == CoSigner.State.INVITED


def test_a_joint_proposal_nobody_confirmed_is_not_received_and_its_proposer_is_told_once(w, run):
    p = submitted_joint(w, deadline_in=-dt.timedelta(days=1), confirm=False)
    first = run()
    run()
    p.refresh_from_db()
    assert p.status == Status.SUBMITTED
    notes = [t for t in titles(w.users[Role.MEMBER]) if t.startswith("联名未获确认")]
    assert notes == [f"联名未获确认，提案未能收件：{p.title}"]
    assert "1件联名提案无人确认联名、已通知提案者" in first


# --- reminders to units -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("days", [7, 3, 1])
def test_the_unit_is_reminded_seven_three_and_one_day_before_the_due_date(w, run, days):
    today = timezone.localdate()
    due = today + dt.timedelta(days=days)
    in_progress(w, due=due)
    assert run(today) == "自动收件0件，发送催办提醒1条"
    assert titles(w.users[Role.HANDLING_UNIT]) == [
        f"【办理提醒】第0012号「关于加快老旧小区改造的建议」距{due.year}年{due.month}月{due.day}日办理期限还有{days}天"]


def test_no_reminder_is_sent_on_other_days_before_the_due_date(w, run):
    in_progress(w, due=timezone.localdate() + dt.timedelta(days=5))
    assert run() == "自动收件0件，发送催办提醒0条"
    assert titles(w.users[Role.HANDLING_UNIT]) == []


def test_the_remind_days_come_from_configuration(w, run):
    today = timezone.localdate()
    ConfigValue.objects.create(cppcc=w.cppcc, key="proposals.remind_days", value=["5"], valid_from=dt.date(2020, 1, 1))
    in_progress(w, due=today + dt.timedelta(days=5))
    assert run(today) == "自动收件0件，发送催办提醒1条"
    assert "还有5天" in titles(w.users[Role.HANDLING_UNIT])[0]


def test_on_the_day_it_becomes_overdue_the_unit_and_the_proposal_staff_are_told(w, run):
    today = timezone.localdate()
    a = in_progress(w, due=today - dt.timedelta(days=1))
    assert run(today) == "自动收件0件，发送催办提醒2条"
    title = f"【已逾期】市教育局承办的第0012号「关于加快老旧小区改造的建议」已超过{a.due_date.year}年{a.due_date.month}月{a.due_date.day}日办理期限"
    assert titles(w.users[Role.HANDLING_UNIT]) == [title]
    assert titles(w.users[Role.PROPOSAL_STAFF]) == [title]


def test_a_unit_still_overdue_a_week_later_gets_a_weekly_reminder(w, run):
    today = timezone.localdate()
    a = in_progress(w, due=today - dt.timedelta(days=14))
    run(today - dt.timedelta(days=13))  # the day it became overdue
    run(today)
    unit_titles = titles(w.users[Role.HANDLING_UNIT])
    assert len(unit_titles) == 2
    assert unit_titles[1] == (f"【逾期催办】第0012号「关于加快老旧小区改造的建议」已逾期2周"
                              f"（期限{a.due_date.year}年{a.due_date.month}月{a.due_date.day}日）")


def test_running_the_job_twice_on_the_same_day_sends_nothing_twice(w, run):
    today = timezone.localdate()
    in_progress(w, due=today + dt.timedelta(days=3))
    other = make_proposal(w, status=Status.IN_PROGRESS, number=13, title="关于推进光伏产业发展的建议")
    assign(other, w.gov_unit, role=Assignment.Role.SOLE, due_date=today - dt.timedelta(days=1))
    assert run(today) == "自动收件0件，发送催办提醒3条"
    assert run(today) == "自动收件0件，发送催办提醒0条"
    assert Notification.objects.filter(kind="proposal").count() == 3


def test_a_unit_whose_reply_is_published_gets_no_reminder(w, run):
    today = timezone.localdate()
    a = in_progress(w, due=today - dt.timedelta(days=1))
    Proposal.objects.filter(pk=a.proposal_id).update(status=Status.ANSWERED, answered_at=timezone.now())
    reply(a, "published")
    assert run(today) == "自动收件0件，发送催办提醒0条"


# --- reminders to proposers -------------------------------------------------------------------------------------

def test_proposers_who_have_not_evaluated_are_reminded_three_days_before_the_window_closes(w, run):
    today = timezone.localdate()
    ConfigValue.objects.create(cppcc=w.cppcc, key="proposals.evaluation_rule", value={"days": 10},
                               valid_from=dt.date(2020, 1, 1))
    answered_on = today - dt.timedelta(days=7)
    p = make_proposal(w, status=Status.ANSWERED, number=21, title="关于推进义务教育优质均衡发展的建议",
                      answered_at=timezone.make_aware(dt.datetime.combine(answered_on, dt.time(10))))
    reply(assign(p, w.gov_unit, role=Assignment.Role.SOLE), "published")
    message = run(today)
    last = today + dt.timedelta(days=3)
    assert message.endswith("发送评价提醒1条")
    assert titles(w.users[Role.MEMBER]) == [
        f"【评价提醒】第0021号「关于推进义务教育优质均衡发展的建议」的办理评价将于{last.year}年{last.month}月{last.day}日截止"]
    assert run(today) == "自动收件0件，发送催办提醒0条"


# --- the queries ------------------------------------------------------------------------------------------------

def test_overdue_means_no_published_reply_for_answering_units_and_no_opinion_for_co_units(w):
    today = timezone.localdate()
    past = today - dt.timedelta(days=3)
    p = make_proposal(w, status=Status.IN_PROGRESS, number=30, due_date=past)
    lead = assign(p, w.gov_unit, role=Assignment.Role.LEAD, due_date=past)
    co = assign(p, w.other_unit, role=Assignment.Role.CO, due_date=past)
    assert deadlines.is_overdue(lead, today) and deadlines.is_overdue(co, today)
    Assignment.objects.filter(pk=co.pk).update(co_opinion="同意主办单位意见。", state=Assignment.State.OPINION_SENT)
    assert not deadlines.is_overdue(co, today)
    assert list(deadlines.overdue_assignments(w.cppcc.pk, today)) == [lead]
    assert list(deadlines.overdue_proposals(w.cppcc.pk, today)) == [p]
    assert not deadlines.is_overdue(lead, past)  # on the due date itself it is not overdue yet


def test_a_rehandled_unit_is_overdue_again_when_its_new_round_is_late(w):
    today = timezone.localdate()
    p = make_proposal(w, status=Status.REHANDLING, number=31, rehandle_rounds=1)
    a = assign(p, w.gov_unit, role=Assignment.Role.SOLE, due_date=today - dt.timedelta(days=2))
    reply(a, "published", round=1)
    assert deadlines.is_overdue(a, today)
    reply(a, "published", round=2)
    assert not deadlines.is_overdue(a, today)


def test_due_soon_and_the_deadline_queries_stay_inside_one_cppcc(w, county):
    today = timezone.localdate()
    a = in_progress(w, due=today + dt.timedelta(days=2))
    assert list(deadlines.due_soon(w.cppcc.pk, today, 3)) == [a]
    assert list(deadlines.due_soon(w.cppcc.pk, today, 1)) == []
    assert list(deadlines.due_soon(county.pk, today, 30)) == []
    p = submitted_joint(w, deadline_in=-dt.timedelta(minutes=5), confirm=True)
    assert list(deadlines.cosign_expired(w.cppcc.pk, timezone.now())) == [p]
    assert list(deadlines.cosign_expired(county.pk, timezone.now())) == []


def test_evaluation_windows_split_into_open_and_expired(w):
    today = timezone.localdate()
    ConfigValue.objects.create(cppcc=w.cppcc, key="proposals.evaluation_rule", value={"days": 10},
                               valid_from=dt.date(2020, 1, 1))
    fresh = make_proposal(w, status=Status.ANSWERED, answered_at=timezone.now() - dt.timedelta(days=2))
    old = make_proposal(w, status=Status.ANSWERED, answered_at=timezone.now() - dt.timedelta(days=30))
    assert [p for p, _ in deadlines.evaluation_due(w.cppcc.pk, today)] == [fresh]
    assert [p for p, _ in deadlines.evaluation_expired(w.cppcc.pk, today)] == [old]


def test_the_job_is_registered_with_the_daily_jobs_and_reports_in_chinese(w, django_capture_on_commit_callbacks):
    submitted_joint(w, deadline_in=-dt.timedelta(hours=3), confirm=True)
    with django_capture_on_commit_callbacks(execute=True):
        results = {r.name: r for r in run_daily_jobs(timezone.localdate())}
    assert results[JOB].ok and results[JOB].message == "自动收件1件，发送催办提醒0条"
