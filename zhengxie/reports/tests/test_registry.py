"""The registry itself: registration rules, periods, scopes and who may compute what."""
import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.accounts.models import Organisation
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_org
from zhengxie.reports import registry, selectors
from zhengxie.reports.registry import Context, FigureResult, Period, ScopeKind, compute, figure, percent


def test_proposal_figures_are_discovered_from_the_installed_apps():
    assert "proposals" in [m.code for m in registry.modules()]
    assert registry.get("proposals.received").label == "收到提案数"
    rules = registry.attribution_rules("proposals")
    assert {r["scope"] for r in rules} == set(ScopeKind.ALL)
    assert "提交当日" in next(r["rule"] for r in rules if r["scope"] == ScopeKind.COMMITTEE)


def test_a_figure_needs_a_known_module_kind_and_scopes(scratch_registry):
    with pytest.raises(ValueError, match="register_module"):
        figure("nomodule.x", "x", module="nomodule", definition="。", unit="件")
    with pytest.raises(ValueError, match="kind"):
        figure("proposals.x", "x", module="proposals", definition="。", unit="件", kind="sum")
    with pytest.raises(ValueError, match="start with"):
        figure("other.x", "x", module="proposals", definition="。", unit="件")
    with pytest.raises(ValueError, match="scopes"):
        figure("proposals.x", "x", module="proposals", definition="。", unit="件", scopes=("town",))


def test_an_unknown_figure_is_refused_in_chinese():
    with pytest.raises(ApplicationError, match="没有名为「proposals.nothing」的统计指标"):
        registry.get("proposals.nothing")


@pytest.fixture
def scratch_registry(monkeypatch):
    """Registrations made by a test disappear after it."""
    monkeypatch.setattr(registry, "_modules", dict(registry._modules))
    monkeypatch.setattr(registry, "_figures", dict(registry._figures))


def test_a_figure_limited_to_some_scopes_is_refused_for_the_others(world, scratch_registry):
    registry.register_module("testmod", "测试模块", attribution={"cppcc": "全部。"})
    figure("testmod.only_cppcc", "只按政协", module="testmod", definition="测试。", unit="件",
           scopes=(ScopeKind.CPPCC,))(lambda ctx: FigureResult(1))
    committee = make_org(world.cppcc, "经济委员会", Organisation.Kind.COMMITTEE)
    ctx = Context.build(world.cppcc, Period.year(2023), ScopeKind.COMMITTEE, committee)
    with pytest.raises(ApplicationError, match="不支持按专委会统计"):
        compute("testmod.only_cppcc", ctx)
    assert registry.compute_many(["testmod.only_cppcc"], ctx) == []
    assert compute("testmod.only_cppcc", Context.build(world.cppcc, Period.year(2023))).value == 1


def test_percentages_round_half_up_to_one_place():
    assert percent(378, 464) == percent(81.5, 100)
    assert str(percent(1, 8)) == "12.5" and str(percent(2, 3)) == "66.7" and percent(1, 0) is None


def test_periods_cover_whole_days_in_beijing_time():
    year = Period.year(2023)
    lo, hi = year.bounds
    assert (lo.date(), hi.date(), str(lo.utcoffset())) == (dt.date(2023, 1, 1), dt.date(2024, 1, 1), "8:00:00")
    assert year.label == "2023年度"
    assert Period.range(dt.date(2023, 1, 1), dt.date(2023, 6, 30)).label == "2023年1月1日至2023年6月30日"
    with pytest.raises(ApplicationError, match="结束日期不能早于开始日期"):
        Period.range(dt.date(2023, 6, 30), dt.date(2023, 1, 1))


def test_only_staff_and_leaders_may_compute(world, persona):
    for role in (Role.PROPOSAL_STAFF, Role.COMMITTEE_STAFF, Role.LEADER, Role.ADMIN, Role.INFO_EDITOR):
        assert selectors.context_for(world.users[role], year="2023").cppcc == world.cppcc
    for role in (Role.MEMBER, Role.HANDLING_UNIT, Role.ORG_SUBMITTER, Role.EXPERT, Role.SUPERVISING_OFFICE):
        with pytest.raises(PermissionDenied):
            selectors.context_for(world.users[role], year="2023")


def test_the_city_sees_its_own_figures_and_a_county_only_through_the_county_scope(world, county_world, leader):
    own = selectors.context_for(leader, year="2023")
    assert compute("proposals.received", own).value == 5
    there = selectors.context_for(leader, year="2023", scope=f"county:{county_world.cppcc.pk}")
    assert there.cppcc == county_world.cppcc and there.is_foreign
    assert compute("proposals.received", there).value == 4
    assert set(compute("proposals.received", there).records.values_list("cppcc_id", flat=True)) == {county_world.cppcc.pk}


def test_a_county_computes_only_its_own_cppcc(world, county_world, other_county, county_staff):
    own = selectors.context_for(county_staff, year="2023")
    assert own.cppcc == county_world.cppcc and compute("proposals.received", own).value == 4
    for target in (county_world.cppcc, other_county, world.cppcc):
        with pytest.raises(PermissionDenied, match="只有市政协可以查看所辖县区政协"):
            selectors.context_for(county_staff, year="2023", scope=f"county:{target.pk}")


def test_a_city_cannot_pick_a_county_of_another_city(world, leader):
    from zhengxie.core.testing import make_cppcc

    stranger = make_cppcc("far-county", "外市某县政协", level="county", parent=make_cppcc("far-city", "外市政协"))
    with pytest.raises(PermissionDenied):
        selectors.context_for(leader, year="2023", scope=f"county:{stranger.pk}")


def test_an_organisation_scope_must_belong_to_the_users_own_cppcc(world, county_world, leader):
    county_committee = make_org(county_world.cppcc, "县经济委员会", Organisation.Kind.COMMITTEE)
    with pytest.raises(ApplicationError, match="没有找到该专委会"):
        selectors.context_for(leader, year="2023", scope=f"committee:{county_committee.pk}")
    with pytest.raises(ApplicationError, match="统计范围不正确"):
        selectors.context_for(leader, year="2023", scope="town:1")


def test_county_scope_choices_are_offered_to_the_city_only(world, county_world, other_county, leader, county_staff):
    city_groups = dict(selectors.scope_choices(leader))
    assert [label for _, label in city_groups["县区政协"]] == ["甲县政协", "乙县政协"]
    assert "县区政协" not in dict(selectors.scope_choices(county_staff))


def test_a_meeting_period_is_one_of_the_users_own_plenaries(world, county_world, leader):
    period = selectors.period_for(leader, period="meeting", meeting=str(world.meeting.pk))
    assert period.kind == "meeting" and period.label == "十四届二次会议"
    with pytest.raises(ApplicationError, match="只能选择本政协的全体会议"):
        selectors.period_for(leader, period="meeting", meeting=str(county_world.meeting.pk))
    with pytest.raises(ApplicationError, match="按会议统计只适用于本政协的会议"):
        selectors.context_for(leader, period="meeting", meeting=str(world.meeting.pk), scope=f"county:{county_world.cppcc.pk}")
