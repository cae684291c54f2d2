"""The 表决 / 民主评议 / 评优 demo (`manage.py seed_demo`): a closed 2023 round meeting quorum with 整改 and 回头看,
10 好提案 and 5 先进承办单位, open votes waiting for the demo `member`, 整改 work for `handling_unit`, and a second
run that creates nothing. Loaded once for this module inside a transaction rolled back at the end."""
import io
import random

import pytest
from django.core.management import call_command
from django.db import transaction

from zhengxie.accounts.models import User
from zhengxie.core.models import Cppcc
from zhengxie.core.todos import todos_for
from zhengxie.votes import demo as votes_demo
from zhengxie.votes import selectors as vote_selectors
from zhengxie.votes.models import Ballot, Participation, Vote

from .. import demo, selectors
from ..models import Appraisal, AwardRound, Rectification
from ..workflow import RectState, Status


@pytest.fixture(scope="module")
def demo_db(django_db_setup, django_db_blocker):
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
def city(demo_db, db):
    return Cppcc.objects.get(code="changzhi")


def test_last_rounds_appraisal_is_complete(city):
    a = Appraisal.objects.get(cppcc=city, year=2023)
    assert a.status == Status.REVIEWED and a.review_date and a.review_findings
    assert a.units.count() == 6 and a.vote.quorum_met and a.vote.voted_count == 41 and a.vote.electorate_size == 45
    assert sorted(a.units.values_list("rank", flat=True)) == [1, 2, 3, 4, 5, 6]
    rects = Rectification.objects.filter(entry__appraisal=a)
    assert rects.count() >= 6 and rects.filter(state=RectState.DONE).count() == rects.count() - 1
    assert Participation.objects.filter(vote=a.vote).count() * 6 == Ballot.objects.filter(vote=a.vote).count()


def test_awards_and_the_record_selector(city):
    r = AwardRound.objects.get(cppcc=city, year=2023)
    assert r.status == "approved" and r.approval_body == "主席会议"
    assert len(selectors.excellent_proposal_ids(city, 2023)) == 10
    assert len(selectors.excellent_unit_ids(city, 2023)) == 5


def test_work_waiting_for_the_demo_logins(city):
    member = User.objects.get(username="member")
    open_votes = list(vote_selectors.my_open_votes(member))
    assert len(open_votes) == 2
    assert any(t.kind == "vote.cast" for t in todos_for(member))
    unit = User.objects.get(username="handling_unit")
    assert selectors.rectification_list_for(unit, state=RectState.OPEN).count() == 1
    assert any(t.kind == "appraisal.rectify" for t in todos_for(unit))
    assert Appraisal.objects.get(cppcc=city, year=2026).status == Status.VOTING


def test_a_second_run_creates_nothing(city):
    before = (Vote.objects.count(), Ballot.objects.count(), Appraisal.objects.count(), User.objects.count())
    assert not +votes_demo.seed(city, random.Random(1))
    assert not +demo.seed(city, random.Random(2))
    assert before == (Vote.objects.count(), Ballot.objects.count(), Appraisal.objects.count(), User.objects.count())
