"""The 履职积分 demo (`manage.py seed_demo`): real 档案/积分/排名 pages for the 委员, 常委 and 专委会 logins, an
approved adjustment with its approver, a frozen 2023, a 常委 report draft; a second run changes nothing.

The demo is loaded once for this module inside a transaction that is rolled back at the end."""
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zhengxie.accounts.models import User
from zhengxie.core.models import Cppcc
from zhengxie.core.todos import todos_for
from zhengxie.performance.models import (
    AnnualReport,
    Award,
    CultureContribution,
    ScoreAdjustment,
    ScoreEntry,
    YearFreeze,
)


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


def login(username):
    c = Client()
    c.force_login(User.objects.get(username=username))
    return c


def test_the_ledgers_of_2023_and_this_year_are_computed_and_2023_is_signed_off(city):
    year = timezone.localdate().year
    assert ScoreEntry.objects.filter(cppcc=city, year=2023).count() > 100
    assert ScoreEntry.objects.filter(cppcc=city, year=year).exists()
    frozen = YearFreeze.objects.get(cppcc=city, year=2023)
    assert frozen.frozen and frozen.signed_by.username == "leader" and "签字确认" in frozen.note
    assert not YearFreeze.objects.get(cppcc=city, year=year).frozen
    rules = set(ScoreEntry.objects.filter(cppcc=city, year=2023).values_list("rule", flat=True))
    assert {"plenary.half_day", "activity.attend", "award.city", "award.provincial", "culture.adopted"} <= rules


def test_the_member_sees_a_real_dossier_with_an_approved_adjustment_award_and_culture(city):
    r = login("member").get(reverse("performance:mine"), follow=True)
    html = r.content.decode()
    assert r.status_code == 200 and "的履职档案" in html
    for text in ("2023年度：", "已冻结", "获市级表彰「优秀政协委员」", "《上党梆子的百年传承》", "2023-10-18录用",
                 "参加市两会服务保障工作", "已批准", "审批人"):
        assert text in html, text
    ok = ScoreAdjustment.objects.get(cppcc=city, state="approved")
    assert ok.approver.username == "leader" and ok.requested_by.username == "committee_staff"
    assert Award.objects.filter(cppcc=city).count() == 2 and CultureContribution.objects.filter(cppcc=city).count() == 2


def test_the_standing_member_has_an_archived_2023_report_and_a_draft_for_this_year(city):
    year = timezone.localdate().year
    states = dict(AnnualReport.objects.filter(cppcc=city).values_list("year", "state"))
    assert states == {2023: "archived", year: "draft"}
    member = User.objects.get(username="standing_member").member
    html = login("standing_member").get(reverse("performance:report", args=[member.pk, year])).content.decode()
    assert "县域经济发展" in html


def test_staff_and_the_leader_see_rankings_and_the_leader_has_an_adjustment_to_approve(city):
    html = login("committee_staff").get(reverse("performance:standings"), {"year": 2023}).content.decode()
    assert "2023年度履职积分" in html and "按界别" in html and "已冻结" in html
    assert any(t.title.startswith("审批积分调整") for t in todos_for(User.objects.get(username="leader")))


def test_a_second_seed_changes_nothing(city):
    counts = (ScoreEntry.objects.count(), ScoreAdjustment.objects.count(), Award.objects.count(),
              CultureContribution.objects.count(), AnnualReport.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == (ScoreEntry.objects.count(), ScoreAdjustment.objects.count(), Award.objects.count(),
                      CultureContribution.objects.count(), AnnualReport.objects.count())
