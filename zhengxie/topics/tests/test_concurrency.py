"""Two clerks act at once: one public letter is accepted once (one 线索), the rate limit holds under concurrent
posts, and one 线索 is merged into one 选题 only. Real transactions in threads (PostgreSQL row locks)."""
import pytest
from django.core.exceptions import ValidationError

from zhengxie.core.roles import Role
from zhengxie.core.testing import make_user
from zhengxie.intake import services as intake_services
from zhengxie.intake.models import Channel, Submission
from zhengxie.proposals.tests.builders import build_world
from zhengxie.proposals.tests.test_concurrency import run_together
from zhengxie.topics import services
from zhengxie.topics.models import Clue

pytestmark = pytest.mark.django_db(transaction=True)
BODY = "我市部分老旧小区没有电梯，老年人上下楼很困难，建议加大加装电梯补贴力度，简化审批流程。"


def _channel(city):
    return Channel.objects.create(cppcc=city, code="proposal-clue", title="提案线索征集", consumer="proposal_clue")


def test_one_letter_is_accepted_once(city):
    build_world(city)
    ch = _channel(city)
    sub = intake_services.submission_create(channel=ch, name="王建国", phone="13812345678", title="加装电梯", body=BODY,
                                            ip="10.0.0.1", elapsed=30)
    clerks = [make_user(city, f"clerk{i}", roles=[Role.PROPOSAL_STAFF]) for i in range(2)]

    def accept(user):
        return lambda: intake_services.submission_accept(submission=Submission.objects.get(pk=sub.pk), by=user)

    results = run_together([accept(u) for u in clerks])
    errors = [r for r in results if isinstance(r, BaseException)]
    assert len(errors) == 1 and isinstance(errors[0], ValidationError), results
    assert Clue.objects.filter(submission=sub).count() == 1


def test_rate_limit_holds_under_concurrent_posts(city):
    ch = _channel(city)

    def post(i):
        return lambda: intake_services.submission_create(channel=ch, name="王建国", phone="13812345678", title=f"建议{i}",
                                                         body=BODY, ip=f"10.0.0.{i + 1}", elapsed=30)

    run_together([post(i) for i in range(6)])
    assert Submission.objects.filter(phone="13812345678").count() == 3


def test_one_clue_is_merged_into_one_topic(city):
    w = build_world(city)
    staff = w.users[Role.PROPOSAL_STAFF]
    clue = services.clue_create(by=staff, title="加装电梯", body=BODY)
    cat = services.catalogue_create(by=staff, meeting=w.meeting)

    def new_topic(title):
        return lambda: services.topic_save(by=staff, catalogue=cat, title=title, clue_ids=[clue.pk])

    results = run_together([new_topic("选题甲"), new_topic("选题乙")])
    assert len([r for r in results if isinstance(r, BaseException)]) == 1, results
    clue.refresh_from_db()
    assert clue.status == Clue.Status.MERGED and cat.topics.count() == 1
