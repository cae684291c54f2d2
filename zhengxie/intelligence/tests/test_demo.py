"""The demo step: vectors of bulk-written proposals, the routing model; idempotent."""
from __future__ import annotations

import random

import pytest

from zhengxie.core.demo import data
from zhengxie.intelligence import demo, routing_model
from zhengxie.intelligence.models import ProposalVector
from zhengxie.intelligence.unit_categories import categories_of
from zhengxie.proposals.models import Assignment, Proposal
from zhengxie.proposals.tests.builders import build_world
from zhengxie.proposals.workflow import Status

from .product import EDUCATION, PARKING


def test_every_demo_handling_unit_has_a_duty_text_and_a_category():
    for name, _system, duty in data.HANDLING_UNITS:
        assert len(duty) >= 20, name
        assert categories_of(name), name
    for name in data.COUNTY_HANDLING_UNITS:
        assert categories_of(name.replace("市", "县", 1)), name


@pytest.mark.django_db
def test_seed_stores_vectors_trains_the_model_and_is_idempotent(city, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    w = build_world(city)
    rows = []
    for n in range(6):
        text = PARKING if n % 2 else EDUCATION
        rows.append(Proposal(cppcc=city, meeting=w.meeting, title=text["title"], situation=text["situation"],
                             suggestions=text["suggestions"], status=Status.CLOSED, number=n + 1,
                             proposer_type="individual", lead_member=w.users["member"].member))
    made = Proposal.objects.bulk_create(rows)  # like the proposals demo: no signals
    for p in made:
        unit = w.other_unit if p.title == PARKING["title"] else w.gov_unit
        Assignment.objects.create(cppcc=city, proposal=p, unit=unit, role="sole", state="replied")
    assert not ProposalVector.objects.exists()

    first = demo.seed(city, random.Random(1))
    assert first["提案文本向量"] == 6 and first["提案分类模型"] == 1
    assert routing_model.load(city.pk).classes == ["交通运输", "教育文体"]
    assert not +demo.seed(city, random.Random(1))  # a second run creates nothing


@pytest.mark.django_db
def test_the_hints_showcase_waits_for_audit_with_hints(city, settings, tmp_path):
    from zhengxie.intelligence.selectors import hints_for_reply
    from zhengxie.proposals.models import Reply

    settings.VAR_DIR = tmp_path
    w = build_world(city)
    for role in ("standing_member", "proposal_staff", "handling_unit"):  # the demo logins
        w.users[role].username = role
        w.users[role].save()
    assert demo.seed(city, random.Random(1))["答复质量提示演示提案"] == 1
    p = Proposal.objects.get(title=demo.HINTS_TITLE)
    assert p.status == Status.ANSWER_COSIGNED and p.number
    reply = Reply.objects.get(assignment__proposal=p)
    assert reply.state == Reply.State.AUDITING
    assert {"too_short", "no_measures", "boilerplate"} <= {h.code for h in hints_for_reply(reply)}
    assert demo.seed(city, random.Random(1))["答复质量提示演示提案"] == 0
