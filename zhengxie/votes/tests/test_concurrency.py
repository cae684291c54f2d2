"""Never cast twice, even at the same moment; no ballot lands after the count (real transactions in threads:
row locks and the unique constraint on PostgreSQL; SQLite serialises writers)."""
import threading

import pytest
from django.db import close_old_connections, connection

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.votes import services
from zhengxie.votes.models import Ballot, Participation, Vote

from .builders import choices, make_vote, voters

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


def test_the_same_voter_casting_four_times_at_once_counts_once(city, persona):
    staff = persona(Role.PROPOSAL_STAFF)
    people = voters(city, 2)
    v = make_vote(staff, people)
    c = choices(v, "satisfied", "basic")
    results = run_together([lambda: services.vote_cast(by=people[0], vote=Vote.objects.get(pk=v.pk), choices=c)
                            for _ in range(4)])
    errors = [r for r in results if isinstance(r, BaseException)]
    assert len(errors) == 3 and all(isinstance(e, ApplicationError) and "已经投过票" in e.message for e in errors), results
    assert Participation.objects.filter(vote=v).count() == 1
    assert Ballot.objects.filter(vote=v).count() == 2  # one per item, no more


def test_many_voters_at_once_and_counts_match(city, persona):
    staff = persona(Role.PROPOSAL_STAFF)
    people = voters(city, 8)
    v = make_vote(staff, people)
    c = choices(v, "satisfied", "unsatisfied")
    results = run_together([(lambda p=p: services.vote_cast(by=p, vote=Vote.objects.get(pk=v.pk), choices=c)) for p in people])
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert Participation.objects.filter(vote=v).count() == 8
    for item in v.items.all():
        assert Ballot.objects.filter(item=item).count() == 8


def test_closing_while_voting_leaves_counts_consistent(city, persona):
    staff = persona(Role.PROPOSAL_STAFF)
    people = voters(city, 6)
    v = make_vote(staff, people)
    c = choices(v, "satisfied")
    fns = [(lambda p=p: services.vote_cast(by=p, vote=Vote.objects.get(pk=v.pk), choices=c)) for p in people]
    fns.append(lambda: services.vote_close(by=staff, vote=Vote.objects.get(pk=v.pk)))
    run_together(fns)
    v.refresh_from_db()
    assert v.status == "closed"
    n = Participation.objects.filter(vote=v).count()
    assert v.voted_count == n  # every accepted ballot was counted; none landed after the close
    assert Ballot.objects.filter(vote=v).count() == n * v.items.count()
