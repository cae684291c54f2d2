"""Concurrent writes of the points ledger in real transactions (threads): PostgreSQL row locks on the year's freeze
row and on the adjustment; SQLite serialises writers. No duplicated ledger, no write into a frozen year, no decision
taken twice."""
import threading
from decimal import Decimal

import pytest
from django.db import close_old_connections, connection

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.roles import Role
from zhengxie.performance import services
from zhengxie.performance.models import ScoreAdjustment, ScoreEntry, YearFreeze

from .conftest import YEAR, build_facts

pytestmark = pytest.mark.django_db(transaction=True)


def run_together(fns):
    barrier = threading.Barrier(len(fns))
    results: list = [None] * len(fns)

    def wrap(i, fn):
        try:
            barrier.wait()
            results[i] = fn()
        except BaseException as exc:  # noqa: BLE001 - collected for the assertions
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=wrap, args=(i, fn)) for i, fn in enumerate(fns)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def ledger(cppcc):
    return sorted(ScoreEntry.objects.filter(cppcc=cppcc, year=YEAR).values_list("member_id", "rule", "points", "source_id"))


def test_two_concurrent_recomputes_leave_one_ledger(city):
    f = build_facts(city)
    staff = f.world.users[Role.COMMITTEE_STAFF]
    results = run_together([lambda: services.score_recompute(cppcc=city, year=YEAR, by=staff)] * 2)
    assert not [r for r in results if isinstance(r, BaseException)], results
    once = ledger(city)
    services.score_recompute(cppcc=city, year=YEAR, by=staff)
    assert ledger(city) == once and len(once) == results[0] == results[1]


def test_a_recompute_racing_a_freeze_never_changes_a_frozen_year(city):
    f = build_facts(city)
    staff, leader = f.world.users[Role.COMMITTEE_STAFF], f.world.users[Role.LEADER]
    services.score_recompute(cppcc=city, year=YEAR, by=staff)
    before = ledger(city)
    results = run_together([lambda: services.score_recompute(cppcc=city, year=YEAR, by=staff),
                            lambda: services.year_freeze(cppcc=city, year=YEAR, by=leader)])
    assert not isinstance(results[1], BaseException), results
    freeze = YearFreeze.objects.get(cppcc=city, year=YEAR)
    assert freeze.frozen and ledger(city) == before
    if isinstance(results[0], BaseException):  # the freeze came first: the recompute was refused
        assert isinstance(results[0], ApplicationError) and "已冻结" in results[0].message
    else:  # the recompute came first and finished before the sign-off
        assert freeze.recomputed_at <= freeze.signed_at


def test_an_adjustment_decided_twice_at_once_is_decided_once(city):
    f = build_facts(city)
    staff, leader, admin = f.world.users[Role.COMMITTEE_STAFF], f.world.users[Role.LEADER], f.world.users[Role.ADMIN]
    adj = services.score_adjust(member=f.alice, year=YEAR, points=5, reason="获市级表彰", by=staff)
    results = run_together([
        lambda: services.score_adjustment_decide(adjustment=ScoreAdjustment.objects.get(pk=adj.pk), approve=True, by=leader),
        lambda: services.score_adjustment_decide(adjustment=ScoreAdjustment.objects.get(pk=adj.pk), approve=False, by=admin),
    ])
    failures = [r for r in results if isinstance(r, BaseException)]
    assert len(failures) == 1 and "已审批" in failures[0].message, results
    adj.refresh_from_db()
    winner = leader if not isinstance(results[0], BaseException) else admin
    assert adj.approver == winner and adj.state == ("approved" if winner == leader else "refused")
    assert Event.objects.filter(verb="performance.adjust_decide").count() == 1


def test_an_adjustment_racing_a_freeze_is_either_before_it_or_refused(city):
    f = build_facts(city)
    staff, leader = f.world.users[Role.COMMITTEE_STAFF], f.world.users[Role.LEADER]
    services.score_recompute(cppcc=city, year=YEAR, by=staff)
    results = run_together([
        lambda: services.score_adjust(member=f.alice, year=YEAR, points=Decimal(3), reason="补记调研", by=staff),
        lambda: services.year_freeze(cppcc=city, year=YEAR, by=leader),
    ])
    assert not isinstance(results[1], BaseException), results
    if isinstance(results[0], BaseException):
        assert "已冻结" in results[0].message and not ScoreAdjustment.objects.exists()
    else:
        freeze = YearFreeze.objects.get(cppcc=city, year=YEAR)
        assert ScoreAdjustment.objects.get().created_at <= freeze.signed_at
