"""An issue signed twice at once is signed once; issues signed at the same time get consecutive 期号 without
gaps. Real transactions in threads (PostgreSQL row locks in the PostgreSQL run; SQLite serialises writers)."""
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import close_old_connections, connection
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.roles import Role
from zhengxie.opinions import services
from zhengxie.opinions.models import Issue, Opinion
from zhengxie.opinions.workflow import Status

from .builders import SERIES, build_world, make_article, make_opinion

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


def _issue(w, n_items=2):
    editor = w.users[Role.INFO_EDITOR]
    issue = services.issue_create(by=editor, series=SERIES, date=timezone.localdate())
    for i in range(n_items):
        o = make_opinion(w, status=Status.EDITED, title=f"信息{issue.pk}-{i}")
        services.issue_add_article(issue=issue, article=make_article(w, [o]), by=editor)
    return issue


def test_a_second_simultaneous_sign_off_is_refused(city):
    w = build_world(city)
    approver = w.users[Role.INFO_APPROVER]
    issue = _issue(w)
    results = run_together([lambda: services.issue_sign(issue=issue, by=approver)] * 2)
    failures = [r for r in results if isinstance(r, BaseException)]
    assert len(failures) == 1 and isinstance(failures[0], ApplicationError | PermissionDenied), results
    assert "不能重复签发" in failures[0].message
    issue.refresh_from_db()
    assert issue.state == Issue.State.SIGNED and issue.number == 1
    assert Event.objects.filter(verb="opinion.issue_sign").count() == 1
    assert Event.objects.filter(verb="opinion.sign").count() == 2  # each item issued once
    assert set(Opinion.objects.values_list("status", flat=True)) == {Status.ISSUED}


def test_issues_signed_at_the_same_time_get_consecutive_numbers(city):
    w = build_world(city)
    approver = w.users[Role.INFO_APPROVER]
    issues = [_issue(w, n_items=1) for _ in range(5)]
    results = run_together([(lambda i=i: services.issue_sign(issue=i, by=approver)) for i in issues])
    assert not [r for r in results if isinstance(r, BaseException)], results
    assert sorted(Issue.objects.values_list("number", flat=True)) == [1, 2, 3, 4, 5]
    assert sorted(Issue.objects.values_list("total_number", flat=True)) == [1, 2, 3, 4, 5]


def test_an_item_flagged_twice_at_once_is_flagged_once(city):
    from zhengxie.opinions.models import OpinionFlag

    w = build_world(city)
    o = make_opinion(w, status=Status.ISSUED, title="关于农村寄递物流的建议")
    people = [w.users[Role.INFO_EDITOR], w.users[Role.INFO_APPROVER]]
    results = run_together([(lambda by=by: services.opinion_flag(opinion=o, by=by, kind="plagiarism",
                                                                 reason="与网络文章雷同", evidence="网址"))
                            for by in people])
    failures = [r for r in results if isinstance(r, BaseException)]
    assert len(failures) == 1 and "不能重复认定" in failures[0].message, results
    assert OpinionFlag.objects.filter(opinion=o).count() == 1
    assert Event.objects.filter(verb="opinion.flag").count() == 1
