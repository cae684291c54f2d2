"""The 社情民意 demo (`manage.py seed_demo`): every state occurs, published issues, reports upward and external
results in 2023, every demo role has work waiting, and a second run changes nothing.

The demo is loaded once for this module inside a transaction that is rolled back at the end."""
import io
import random

import pytest
from django.core.management import call_command
from django.db import transaction

from zhengxie.accounts.models import User
from zhengxie.core.models import Cppcc
from zhengxie.opinions import demo as opinions_demo
from zhengxie.opinions.models import Adoption, Commission, Instruction, Issue, Opinion, UpwardReport
from zhengxie.opinions.workflow import Status
from zhengxie.reports.registry import Context, Period, compute


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



def test_items_exist_in_every_state(city):
    states = set(Opinion.objects.filter(cppcc=city).values_list("status", flat=True))
    assert states == set(Status.values)


def test_2023_has_published_issues_reports_upward_and_external_results(city):
    ctx = Context.build(city, Period.year(2023))
    assert compute("opinions.received", ctx).value == 320
    assert compute("opinions.issues", ctx).value == 12
    assert compute("opinions.reported", ctx).value > compute("opinions.issued", ctx).value > 0
    assert compute("opinions.adopted", ctx).value > 0
    assert compute("opinions.instructions", ctx).value > 0
    assert Issue.objects.filter(cppcc=city, year=2023, state=Issue.State.SIGNED).count() == 12
    assert Adoption.objects.filter(cppcc=city).exclude(source_document="").count() == Adoption.objects.filter(cppcc=city).count()
    assert Instruction.objects.filter(cppcc=city).exists() and UpwardReport.objects.filter(cppcc=city).exists()


def test_every_demo_role_has_work_waiting(city):
    editor = User.objects.get(username="info_editor")
    assert Opinion.objects.filter(cppcc=city, status=Status.SUBMITTED).count() >= 4
    assert Issue.objects.filter(cppcc=city, state=Issue.State.DRAFT, articles__isnull=False).exists()
    assert Commission.objects.filter(assignee__username="member", state=Commission.State.OPEN).exists()
    assert Commission.objects.filter(assignee__username="informant", state=Commission.State.OPEN).exists()
    assert Opinion.objects.filter(reporter__username="member", status=Status.RETURNED).exists()
    assert Opinion.objects.filter(reporter__username="org_submitter", status=Status.DRAFT).exists()
    assert editor.pk


def test_the_to_do_lists_show_the_waiting_work(city):
    from zhengxie.opinions.todos import office_todos, reporter_todos

    assert any("待初筛" in t.title for t in office_todos(User.objects.get(username="info_editor")))
    assert any("待签发" in t.title for t in office_todos(User.objects.get(username="info_approver")))
    assert any("约稿" in t.title for t in reporter_todos(User.objects.get(username="informant")))
    assert any("退回修改" in t.title for t in reporter_todos(User.objects.get(username="member")))


def test_a_second_seed_changes_nothing(city):
    before = (Opinion.objects.count(), Issue.objects.count(), UpwardReport.objects.count())
    assert sum(opinions_demo.seed(city, random.Random(1)).values()) == 0
    assert (Opinion.objects.count(), Issue.objects.count(), UpwardReport.objects.count()) == before


def test_2023_is_scored_and_frozen_with_a_copied_item_penalised(city):
    from zhengxie.opinions.models import OpinionFlag, ScoreEntry, YearFreeze

    year = YearFreeze.objects.get(cppcc=city, year=2023)
    assert year.is_frozen and year.signed_by.username == "info_approver"
    flag = OpinionFlag.objects.get(cppcc=city)
    lines = ScoreEntry.objects.filter(cppcc=city, year=2023)
    assert lines.filter(rule="local.single").exists() and lines.filter(rule__startswith="adoption.").exists()
    assert set(lines.filter(opinion=flag.opinion).values_list("rule", flat=True)) == {"penalty.plagiarism"}
