"""The 履职活动 demo (`manage.py seed_demo`): the 2023 figures of the review, the quarterly 委员之家 rule, 民主监督员,
the work waiting for the demo users, and a second run that changes nothing.

The demo is loaded once for this module inside a transaction that is rolled back at the end."""
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.models import Organisation, User
from zhengxie.activities import selectors
from zhengxie.activities.models import (
    Activity,
    Appointment,
    LeaveRequest,
    MemberHome,
    OutcomeFigure,
    Participation,
)
from zhengxie.activities.workflow import LeaveState, Status
from zhengxie.core.models import Cppcc
from zhengxie.core.todos import todos_for
from zhengxie.reports.registry import Context, Period, ScopeKind, compute


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


def committee(city, name):
    return Organisation.objects.get(cppcc=city, kind=Organisation.Kind.COMMITTEE, name=name)


def outcome_sum(city, org, name, unit):
    rows = OutcomeFigure.objects.filter(activity__organiser=org, activity__start_at__year=2023, name=name, unit=unit)
    return sum((o.value for o in rows), Decimal(0))


def test_the_seed_reports_activities_leaves_and_homes(demo):
    assert "履职活动" in demo and "委员之家档案25" in demo and "委员聘任5" in demo


def test_the_economic_committee_2023_figures_read_as_in_the_review(city):
    ctx = Context.build(city, Period.year(2023), ScopeKind.COMMITTEE, org=committee(city, "经济委员会"))
    assert compute("activities.count", ctx).value == 7
    assert compute("activities.person_times", ctx).value == 106
    assert compute("activities.speakers", ctx).value >= 50


def test_the_outcome_figures_of_2023_are_records(city):
    env, edu = committee(city, "人口资源环境委员会"), committee(city, "教科文卫和民族宗教委员会")
    assert outcome_sum(city, env, "走访农户", "户") == 540
    assert outcome_sum(city, env, "发放调查问卷", "份") == 600
    assert outcome_sum(city, env, "召开座谈会", "次") >= 20
    assert 700_000 <= outcome_sum(city, edu, "捐款", "元") < 800_000
    assert outcome_sum(city, edu, "捐助大学生", "人") == 264
    ctx = Context.build(city, Period.year(2023), ScopeKind.COMMITTEE, org=env)
    assert "走访农户540余户" in compute("activities.outcomes", ctx).note


def test_every_home_held_an_activity_in_each_quarter_of_2023_and_two_missed_one_this_year(city):
    rows = selectors.home_compliance(city.pk, 2023, on=timezone.localdate())
    assert len(rows) == 25
    assert all(q["count"] >= 1 and q["state"] == "ok" for r in rows for q in r["quarters"])
    this_year = selectors.home_compliance(city.pk, timezone.localdate().year)
    assert sum(1 for r in this_year if r["missed"]) == 2
    assert all(h.lead_member_id and h.members.count() >= 1 for h in MemberHome.objects.filter(cppcc=city))


def test_sign_ins_proxies_and_leaves_are_recorded(city):
    parts = Participation.objects.filter(cppcc=city)
    assert parts.filter(attendance=Participation.Attendance.PROXY).exclude(proxy_reason="").exists()
    assert not parts.filter(attendance=Participation.Attendance.PROXY, proxy_reason="").exists()
    assert LeaveRequest.objects.filter(cppcc=city, state=LeaveState.APPROVED).exists()
    assert LeaveRequest.objects.filter(cppcc=city, state=LeaveState.REFUSED).exclude(decision_note="").exists()
    assert Appointment.objects.filter(cppcc=city, kind=Appointment.Kind.DEMOCRATIC_SUPERVISOR).count() == 5


def test_the_demo_member_and_the_committee_staff_have_work_waiting(city):
    member = [t.title for t in todos_for(User.objects.get(username="member"))]
    assert any(t.startswith("确认参加：民营经济高质量发展专题调研") for t in member)
    staff = [t.title for t in todos_for(User.objects.get(username="committee_staff"))]
    assert any(t.startswith("审批请假：") for t in staff)
    assert any(t == "完成活动记录：优化营商环境学习座谈会" for t in staff)
    assert Activity.objects.filter(cppcc=city, status=Status.PUBLISHED, open_registration=True).exists()


def test_a_second_seed_changes_nothing(city):
    counts = (Activity.objects.count(), Participation.objects.count(), LeaveRequest.objects.count(),
              OutcomeFigure.objects.count(), Appointment.objects.count(), MemberHome.objects.count())
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert counts == (Activity.objects.count(), Participation.objects.count(), LeaveRequest.objects.count(),
                      OutcomeFigure.objects.count(), Appointment.objects.count(), MemberHome.objects.count())
    assert not any(word in out.getvalue() for word in ("履职活动", "参加活动", "请假", "委员之家档案", "委员聘任"))
