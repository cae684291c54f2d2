"""Concurrent 立案 get consecutive numbers without gaps; two conflicting actions on one proposal leave one event.
Real transactions in threads (PostgreSQL row locks in CI's PostgreSQL run; SQLite serialises writers)."""
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import close_old_connections, connection

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.roles import Role
from zhengxie.proposals import services
from zhengxie.proposals.models import Proposal
from zhengxie.proposals.workflow import Action, Status

from .builders import build_world, make_proposal

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


def test_concurrent_filing_gives_consecutive_numbers_without_gaps(city):
    w = build_world(city)
    staff = w.users[Role.PROPOSAL_STAFF]
    proposals = [make_proposal(w, status=Status.UNDER_REVIEW, title=f"提案{i}") for i in range(8)]

    def file(p):
        return lambda: services.proposal_decide(proposal=p, decision=Action.FILE, by=staff, review=w.review)

    results = run_together([file(p) for p in proposals])
    assert not [r for r in results if isinstance(r, BaseException)], results
    numbers = sorted(Proposal.objects.values_list("number", flat=True))
    assert numbers == list(range(1, 9))


def test_a_failed_filing_leaves_no_gap(city):
    w = build_world(city)
    staff = w.users[Role.PROPOSAL_STAFF]
    ok1 = make_proposal(w, status=Status.UNDER_REVIEW, title="甲")
    services.proposal_decide(proposal=ok1, decision=Action.FILE, by=staff, review=w.review)
    bad = make_proposal(w, status=Status.UNDER_REVIEW, title="乙")
    with pytest.raises(ApplicationError):  # refused inside the transaction after the counter moved? never: checked first
        services.proposal_decide(proposal=bad, decision=Action.MERGE, by=staff, review=w.review, merged_into=None)
    ok2 = make_proposal(w, status=Status.UNDER_REVIEW, title="丙")
    services.proposal_decide(proposal=ok2, decision=Action.FILE, by=staff, review=w.review)
    assert sorted(Proposal.objects.exclude(number=None).values_list("number", flat=True)) == [1, 2]


def test_two_conflicting_decisions_on_one_proposal_leave_one_event_and_a_consistent_state(city):
    w = build_world(city)
    staff = w.users[Role.PROPOSAL_STAFF]
    p = make_proposal(w, status=Status.UNDER_REVIEW)
    results = run_together([
        lambda: services.proposal_decide(proposal=p, decision=Action.FILE, by=staff, review=w.review),
        lambda: services.proposal_decide(proposal=p, decision=Action.REJECT, by=staff, review=w.review, reason="empty",
                                         text="没有具体建议"),
    ])
    failures = [r for r in results if isinstance(r, BaseException)]
    assert len(failures) == 1 and isinstance(failures[0], ApplicationError | PermissionDenied), results
    p.refresh_from_db()
    decided = Event.objects.filter(object_id=str(p.pk), verb__in=["proposal.file", "proposal.reject"])
    assert decided.count() == 1
    assert p.status == decided.get().data["to"]
    assert (p.number is not None) == (p.status == Status.FILED)
