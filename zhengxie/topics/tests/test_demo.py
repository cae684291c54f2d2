"""The demo seeders are idempotent and build a published catalogue from screened public letters."""
import datetime as dt
import random

import pytest

from zhengxie.core.roles import Role
from zhengxie.core.testing import make_org, make_term, make_user
from zhengxie.intake import demo as intake_demo
from zhengxie.intake.models import Submission
from zhengxie.members.models import Meeting
from zhengxie.topics import demo as topics_demo
from zhengxie.topics.models import Clue, TopicCatalogue


@pytest.mark.django_db
def test_seeders_are_idempotent(city):
    term = make_term(city)
    Meeting.objects.create(cppcc=city, term=term, kind=Meeting.Kind.PLENARY, number=5, name="市政协十四届五次会议",
                           start_date=dt.date(2026, 1, 12), end_date=dt.date(2026, 1, 14))
    unit = make_org(city, "市教育局", "handling_unit", system="government")
    make_user(city, "proposal_staff", roles=[Role.PROPOSAL_STAFF])
    make_user(city, "handling_unit", roles=[Role.HANDLING_UNIT], org=unit)
    make_user(city, "expert", roles=[Role.EXPERT])
    first = intake_demo.seed(city, random.Random(1)) + topics_demo.seed(city, random.Random(2))
    assert first["公众来信"] == 40 and first["提案选题"] == 20
    cat = TopicCatalogue.objects.get()
    assert cat.is_published and cat.topics.count() == 20
    assert Submission.objects.filter(status="new").count() == len(topics_demo.LEFT_NEW)
    assert Clue.objects.filter(status=Clue.Status.PENDING).count() == 2
    second = intake_demo.seed(city, random.Random(1)) + topics_demo.seed(city, random.Random(2))
    assert sum(second.values()) == 0
