"""评议单位数, 满意率, 整改完成率, 好提案数, 先进承办单位数 in the figures registry."""
import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core.roles import Role
from zhengxie.reports.registry import Context, Period, compute

from .. import services
from ..workflow import AwardAction, RectAction, Status
from .builders import make_round, world_with_voters

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def _ctx(city, year=YEAR):
    return Context.build(city, Period.year(year))


def test_appraisal_figures(city):
    w = world_with_voters(city)
    staff, unit_user = w.users[Role.PROPOSAL_STAFF], w.users[Role.HANDLING_UNIT]
    # 3 units × 6 voters: 满意 6+0+0, 基本满意 0+6+0, 不满意 0+0+6 → 12 content of 18 valid = 66.7%
    a = make_round(w, status=Status.RECTIFYING, ballots=[("satisfied", "basic", "unsatisfied")] * 6)
    e = a.units.get(unit=w.gov_unit)
    r1 = services.rectification_add(by=staff, entry=e, text="完善面商机制。")
    services.rectification_add(by=staff, entry=a.units.get(unit=w.other_unit), text="提高答复针对性。")
    services.rectification_act(by=unit_user, rectification=r1, action=RectAction.FEEDBACK, text="已建立面商台账并逐件落实。")
    services.rectification_act(by=staff, rectification=r1, action=RectAction.ACCEPT)
    make_round(w, status=Status.DRAFT)  # a round still being prepared is not counted
    ctx = _ctx(city)
    assert compute("appraisals.units", ctx).value == 3
    assert compute("appraisals.valid_votes", ctx).value == 18
    assert compute("appraisals.content_votes", ctx).value == 12
    assert str(compute("appraisals.satisfaction_rate", ctx).value) == "66.7"
    assert compute("appraisals.rectifications", ctx).value == 2
    assert compute("appraisals.rectifications_done", ctx).value == 1
    assert str(compute("appraisals.rectification_rate", ctx).value) == "50.0"
    assert compute("appraisals.units", _ctx(city, YEAR - 1)).value == 0
    assert {x.unit.name for x in compute("appraisals.units", ctx).records} == {"市教育局", "市交通运输局", "市委宣传部"}


def test_award_figures_count_the_approved_lists(city):
    from zhengxie.proposals.tests.builders import build_world, make_proposal
    from zhengxie.proposals.workflow import Status as PStatus

    w = build_world(city)
    staff = w.users[Role.PROPOSAL_STAFF]
    r = services.award_round_create(by=staff, year=YEAR - 1)
    ps = [make_proposal(w, status=PStatus.CLOSED, title=f"提案{i}", number=i, decided_at=timezone.now()) for i in (1, 2)]
    ns = [services.nominate(by=staff, round=r, proposal=p) for p in ps] + [services.nominate(by=staff, round=r, unit=w.gov_unit)]
    services.award_act(by=staff, round=r, action=AwardAction.START_REVIEW)
    for n in ns:
        services.nomination_judge(by=staff, nomination=n, selected=True)
    assert compute("appraisals.excellent_proposals", _ctx(city)).value == 0  # not approved yet
    services.award_act(by=staff, round=r, action=AwardAction.APPROVE, approved_on=dt.date(YEAR, 2, 20))
    ctx = _ctx(city)
    assert compute("appraisals.excellent_proposals", ctx).value == 2
    assert compute("appraisals.excellent_units", ctx).value == 1
    assert set(compute("appraisals.excellent_proposals", ctx).records) == set(ps)
