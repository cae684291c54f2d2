import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import AuditLog
from zhengxie.core.roles import Role
from zhengxie.performance import selectors, services
from zhengxie.performance.models import ScoreEntry
from zhengxie.performance.rules import GRADES_KEY, RULES_KEY

from .conftest import YEAR


def ledger(cppcc):
    return sorted((e.member_id, e.rule, e.points, e.source_type_id, e.source_id, e.fact_date, e.explanation)
                  for e in ScoreEntry.objects.filter(cppcc=cppcc, year=YEAR))


def total(member):
    return sum((e.points for e in ScoreEntry.objects.filter(member=member, year=YEAR)), Decimal(0))


@pytest.fixture
def staff(facts):
    return facts.world.users[Role.COMMITTEE_STAFF]


@pytest.fixture
def leader(facts):
    return facts.world.users[Role.LEADER]


def test_recompute_derives_points_from_every_kind_of_fact_and_explains_each_one(facts, staff):
    services.score_recompute(cppcc=facts.world.cppcc, year=YEAR, by=staff)
    entries = list(ScoreEntry.objects.filter(member=facts.alice, year=YEAR))
    assert total(facts.alice) == Decimal(95)
    assert {e.rule for e in entries} >= {"plenary.half_day", "speech.oral", "activity.attend", "public.attend", "proposal.lead",
                                         "proposal.key_lead", "opinion.issued", "opinion.provincial", "opinion.instruction",
                                         "home.duty"}
    for e in ScoreEntry.objects.filter(year=YEAR):
        assert e.explanation
        assert e.source_type.get_object_for_this_type(pk=e.source_id) is not None
    plenary = next(e for e in entries if e.rule == "plenary.half_day")
    assert plenary.points == 10 and "共2个半天" in plenary.explanation
    capped = [e for e in entries if e.rule == "public.attend"]
    assert sum(e.points for e in capped) == 10 and "已达公益/联系群众年度上限" in capped[-1].explanation
    assert "未举行的调研" not in " ".join(e.explanation for e in entries)
    assert total(facts.bob) == Decimal(-4)  # 缺席全会 −10, 联名 +3, 重点提案参与 +3


def test_a_second_recompute_yields_the_same_ledger(facts, staff):
    services.score_recompute(cppcc=facts.world.cppcc, year=YEAR, by=staff)
    first = ledger(facts.world.cppcc)
    services.score_recompute(cppcc=facts.world.cppcc, year=YEAR, by=staff)
    assert ledger(facts.world.cppcc) == first and first


def test_rules_apply_by_the_date_of_the_fact(facts, staff):
    admin = facts.world.users[Role.ADMIN]
    rules = {**config.get(RULES_KEY, cppcc=facts.world.cppcc), "activity.attend": 8, "plenary.half_day": 6}
    config.config_set(cppcc=facts.world.cppcc, key=RULES_KEY, value=rules, valid_from=dt.date(YEAR, 3, 1), by=admin)
    services.score_recompute(cppcc=facts.world.cppcc, year=YEAR, by=staff)
    by_rule = {e.rule: e.points for e in ScoreEntry.objects.filter(member=facts.alice, year=YEAR)}
    assert by_rule["activity.attend"] == 8  # 4月的调研: new rule
    assert by_rule["plenary.half_day"] == 10  # 1月的全会: old rule, 5 × 2


def test_adjustments_need_a_reason_and_approval_and_survive_a_recompute(facts, staff, leader):
    with pytest.raises(ApplicationError, match="必须填写理由"):
        services.score_adjust(member=facts.alice, year=YEAR, points="5", reason=" ", by=staff)
    adj = services.score_adjust(member=facts.alice, year=YEAR, points="5", reason="获市级优秀委员表彰", by=staff)
    with pytest.raises(PermissionDenied):
        services.score_adjustment_decide(adjustment=adj, approve=True, by=staff)
    services.score_recompute(cppcc=facts.world.cppcc, year=YEAR, by=staff)
    row = next(r for r in selectors.standings(leader, YEAR) if r["member"] == facts.alice)
    assert row["total"] == 95  # pending: not counted
    services.score_adjustment_decide(adjustment=adj, approve=True, by=leader)
    services.score_recompute(cppcc=facts.world.cppcc, year=YEAR, by=staff)
    adj.refresh_from_db()
    assert adj.state == "approved" and adj.approver == leader
    row = next(r for r in selectors.standings(leader, YEAR) if r["member"] == facts.alice)
    assert (row["ledger"], row["adjust"], row["total"]) == (95, 5, 100)


def test_a_frozen_year_is_never_changed_by_a_recompute_and_reopening_is_logged(facts, staff, leader):
    cppcc = facts.world.cppcc
    with pytest.raises(ApplicationError, match="尚未计算"):
        services.year_freeze(cppcc=cppcc, year=YEAR, by=leader)
    services.score_recompute(cppcc=cppcc, year=YEAR, by=staff)
    before = ledger(cppcc)
    services.year_freeze(cppcc=cppcc, year=YEAR, note="经主席会议审议", by=leader)
    facts.proposal.is_key = False
    facts.proposal.save()
    with pytest.raises(ApplicationError, match="已冻结"):
        services.score_recompute(cppcc=cppcc, year=YEAR, by=staff)
    with pytest.raises(ApplicationError, match="已冻结"):
        services.score_adjust(member=facts.alice, year=YEAR, points="3", reason="补记", by=staff)
    assert ledger(cppcc) == before
    with pytest.raises(ApplicationError, match="必须填写原因"):
        services.year_reopen(cppcc=cppcc, year=YEAR, reason="", by=leader)
    services.year_reopen(cppcc=cppcc, year=YEAR, reason="重点提案认定更正", by=leader)
    assert AuditLog.objects.filter(action="performance.reopen", actor=leader).exists()
    services.score_recompute(cppcc=cppcc, year=YEAR, by=staff)
    assert total(facts.alice) == 80


def test_only_staff_recompute_and_only_leaders_or_admins_freeze(facts, leader):
    member_user = facts.world.users[Role.MEMBER]
    with pytest.raises(PermissionDenied):
        services.score_recompute(cppcc=facts.world.cppcc, year=YEAR, by=member_user)
    with pytest.raises(PermissionDenied):
        services.year_freeze(cppcc=facts.world.cppcc, year=YEAR, by=facts.world.users[Role.COMMITTEE_STAFF])


def test_grades_follow_configurable_thresholds(facts, staff, leader):
    services.score_recompute(cppcc=facts.world.cppcc, year=YEAR, by=staff)
    grade = {r["member"]: r["grade"] for r in selectors.standings(leader, YEAR)}
    assert (grade[facts.alice], grade[facts.bob]) == ("优秀", "不称职")
    config.config_set(cppcc=facts.world.cppcc, key=GRADES_KEY, value={"excellent": 100, "competent": -10},
                      valid_from=dt.date(YEAR, 1, 1), by=facts.world.users[Role.ADMIN])
    grade = {r["member"]: r["grade"] for r in selectors.standings(leader, YEAR)}
    assert (grade[facts.alice], grade[facts.bob]) == ("称职", "称职")


def test_three_ones_lists_what_each_member_is_missing(facts):
    assert selectors.missing_duties(facts.alice, YEAR) == []
    assert selectors.missing_duties(facts.bob, YEAR) == ["参加全体会议", "参加视察调研"]
    assert selectors.missing_duties(facts.idle, YEAR) == ["参加全体会议", "提交提案或社情民意", "参加视察调研"]


def test_members_missing_a_minimum_duty_get_a_reminder(facts, monkeypatch):
    from zhengxie.core.todos import todos_for

    monkeypatch.setattr(selectors, "today", lambda: dt.date(YEAR, 11, 1))
    titles = [t.title for t in todos_for(facts.world.users["other_member"])]
    assert any("“三个一”履职提醒" in t and "提交提案或社情民意" in t for t in titles)
    assert not any("三个一" in t.title for t in todos_for(facts.world.users[Role.MEMBER]))


def test_rankings_group_members_by_sector_and_committee(facts, staff, leader):
    services.score_recompute(cppcc=facts.world.cppcc, year=YEAR, by=staff)
    rows = selectors.standings(leader, YEAR)
    assert rows[0]["member"] == facts.alice and rows[0]["rank"] == 1
    by_committee = {g["name"]: g for g in selectors.rankings(rows, "committee")}
    assert by_committee["经济委员会"]["members"] == 2 and by_committee["经济委员会"]["excellent"] == 1
    assert [g["name"] for g in selectors.rankings(rows, "sector")] == ["经济界"]
