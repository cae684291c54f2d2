"""社情民意计分与排名: points from recorded facts, ledger, year freeze, rankings, 年度通报, pages."""
import copy
import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.opinions import scoring
from zhengxie.opinions.models import (
    Adoption,
    Article,
    Instruction,
    Issue,
    Level,
    ReportingUnit,
    ScoreEntry,
    YearFreeze,
)
from zhengxie.opinions.tests.builders import SERIES, build_world, make_opinion

D = dt.date


def signed_issue(w, date, number):
    return Issue.objects.create(cppcc=w.cppcc, series=SERIES, year=date.year, number=number, date=date,
                                state=Issue.State.SIGNED, signed_at=timezone.now())


def article(w, items, kind, issue):
    a = Article.objects.create(cppcc=w.cppcc, kind=kind, title=items[0].title, body="正文", issue=issue)
    a.items.set(items)
    return a


def adopt(o, level, mode, day):
    return Adoption.objects.create(cppcc=o.cppcc, opinion=o, level=level, mode=mode, adopted_at=day,
                                   source_document="采用通报")


def instruct(o, leader, level, day):
    return Instruction.objects.create(cppcc=o.cppcc, target=o, leader_name=leader, leader_level=level, date=day,
                                      source_document="批示件")


@pytest.fixture
def facts(db, city):
    """A year of facts in the city; the points table changes on 2023-07-01 (省政协单篇采用 10 → 12)."""
    w = build_world(city)
    u = w.users
    county_unit = ReportingUnit.objects.create(cppcc=city, name="甲县政协", kind=ReportingUnit.Kind.COUNTY)
    a = make_opinion(w, title="关于高标准农田管护的建议", status="issued", reporting_unit=w.unit,
                     committee=w.committee, sector=w.sector)
    a.coauthors.add(u[Role.STANDING_MEMBER])
    b = make_opinion(w, reporter=u[Role.INFORMANT], title="关于农村养老服务的建议", status="issued", is_informant=True)
    c = make_opinion(w, title="关于种业振兴的建议", status="issued", is_commissioned=True, committee=w.committee,
                     sector=w.sector)
    d = make_opinion(w, title="关于县域物流的建议", status="issued", reporting_unit=county_unit)
    article(w, [a], Article.Kind.SINGLE, signed_issue(w, D(2023, 3, 1), 1))
    article(w, [b, c], Article.Kind.COMBINED, signed_issue(w, D(2023, 8, 1), 2))
    article(w, [d], Article.Kind.SINGLE, signed_issue(w, D(2023, 9, 5), 3))
    adopt(a, Level.NATIONAL, Adoption.Mode.SINGLE, D(2023, 5, 10))
    adopt(a, Level.PROVINCIAL, Adoption.Mode.SINGLE, D(2023, 4, 1))
    adopt(b, Level.PROVINCIAL, Adoption.Mode.SINGLE, D(2023, 9, 1))
    adopt(b, Level.CITY_GOV, Adoption.Mode.SINGLE, D(2024, 1, 5))  # next year: not in 2023
    instruct(a, "李市长", Instruction.LeaderLevel.PREFECTURAL, D(2023, 6, 1))
    instruct(a, "李市长", Instruction.LeaderLevel.PREFECTURAL, D(2023, 6, 20))  # same leader again: 1 件次
    instruct(a, "王副市长", Instruction.LeaderLevel.PREFECTURAL, D(2023, 6, 21))
    table = copy.deepcopy(scoring.DEFAULT_TABLE)
    table["adoption"]["provincial"]["single"] = 12
    config.config_set(cppcc=city, key=scoring.TABLE_KEY, value=table, valid_from=D(2023, 7, 1), by=u[Role.ADMIN])
    w.items = {"a": a, "b": b, "c": c, "d": d}
    w.county_unit = county_unit
    return w


def ledger_tuples(cppcc, year):
    return sorted(ScoreEntry.objects.filter(cppcc=cppcc, year=year).values_list(
        "opinion_id", "beneficiary", "user_id", "unit_id", "rule", "points", "fact_type_id", "fact_id", "fact_date"))


def totals(w, dim, year=2023):
    rows = scoring.ranking(w.users[Role.INFO_EDITOR], dim, start=D(year, 1, 1), end=D(year, 12, 31))
    return {r["name"]: r["points"] for r in rows}


def test_points_follow_the_table_valid_on_each_facts_date(facts):
    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    a_rules = sorted(ScoreEntry.objects.filter(opinion=w.items["a"], user=w.users[Role.MEMBER])
                     .values_list("rule", "points"))
    # 单篇编发3 + 省政协单篇10 (before the change) + 全国政协单篇30 + two 市领导 (李市长 counted once)
    assert a_rules == [("adoption.national.single", 30), ("adoption.provincial.single", 10),
                       ("instruction.prefectural", 10), ("instruction.prefectural", 10), ("local.single", 3)]
    b_rules = dict(ScoreEntry.objects.filter(opinion=w.items["b"], beneficiary="author").values_list("rule", "points"))
    assert b_rules == {"local.combined": 1, "adoption.provincial.single": 12}  # after 2023-07-01: new table
    b_line = ScoreEntry.objects.get(opinion=w.items["b"], rule="adoption.provincial.single")
    assert b_line.table_from == D(2023, 7, 1)
    c_rules = dict(ScoreEntry.objects.filter(opinion=w.items["c"]).values_list("rule", "points"))
    assert c_rules == {"local.combined": 1, "commission.bonus": 2}


def test_every_author_gets_the_items_points_and_the_unit_gets_them_once(facts):
    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    people = totals(w, "person")
    assert people[w.users[Role.MEMBER].name] == 63 + 3 + 3  # a, c, d
    assert people[w.users[Role.STANDING_MEMBER].name] == 63  # co-author of a: same points, not split
    assert people[w.users[Role.INFORMANT].name] == 13
    assert totals(w, "party") == {"民盟市委会": 63}
    assert totals(w, "county") == {"甲县政协": 3}
    assert totals(w, "committee") == {"农业和农村委员会": 66}  # a and c once each, not per co-author
    assert totals(w, "sector") == {"农业界": 66}
    assert totals(w, "informant") == {w.users[Role.INFORMANT].name: 13}


def test_a_period_inside_the_year_only_counts_facts_dated_in_it(facts):
    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    rows = scoring.ranking(w.users[Role.INFO_EDITOR], "party", start=D(2023, 1, 1), end=D(2023, 3, 31))
    assert [(r["name"], r["points"]) for r in rows] == [("民盟市委会", 3)]


def test_recompute_is_idempotent(facts):
    w = facts
    editor = w.users[Role.INFO_EDITOR]
    n1 = scoring.score_recompute(cppcc=w.cppcc, year=2023, by=editor)
    first = ledger_tuples(w.cppcc, 2023)
    n2 = scoring.score_recompute(cppcc=w.cppcc, year=2023, by=editor)
    assert n1 == n2 == len(first) and ledger_tuples(w.cppcc, 2023) == first


def test_a_frozen_year_is_untouched_by_recompute_until_a_logged_reopen(facts):
    w = facts
    editor, approver = w.users[Role.INFO_EDITOR], w.users[Role.INFO_APPROVER]
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=editor)
    scoring.score_freeze(cppcc=w.cppcc, year=2023, by=approver)
    before = ledger_tuples(w.cppcc, 2023)
    adopt(w.items["c"], Level.NATIONAL, Adoption.Mode.COMBINED, D(2023, 12, 1))
    with pytest.raises(ApplicationError, match="2023年度计分已冻结"):
        scoring.score_recompute(cppcc=w.cppcc, year=2023, by=editor)
    assert ledger_tuples(w.cppcc, 2023) == before
    with pytest.raises(ApplicationError, match="须写明理由"):
        scoring.score_reopen(cppcc=w.cppcc, year=2023, by=approver, reason=" ")
    with pytest.raises(PermissionDenied):
        scoring.score_reopen(cppcc=w.cppcc, year=2023, by=editor, reason="补登")
    scoring.score_reopen(cppcc=w.cppcc, year=2023, by=approver, reason="省政协补发采用通报")
    log = YearFreeze.objects.get(cppcc=w.cppcc, year=2023).log
    assert [x["action"] for x in log] == ["freeze", "reopen"] and log[1]["reason"] == "省政协补发采用通报"
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=editor)
    assert ScoreEntry.objects.filter(opinion=w.items["c"], rule="adoption.national.combined").count() == 1


def test_freeze_needs_a_computed_year_and_happens_once(facts):
    w = facts
    approver = w.users[Role.INFO_APPROVER]
    with pytest.raises(ApplicationError, match="请先重新计算"):
        scoring.score_freeze(cppcc=w.cppcc, year=2023, by=approver)
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=approver)
    scoring.score_freeze(cppcc=w.cppcc, year=2023, by=approver)
    with pytest.raises(ApplicationError, match="不能重复冻结"):
        scoring.score_freeze(cppcc=w.cppcc, year=2023, by=approver)


@pytest.mark.parametrize("role", [Role.INFO_EDITOR, Role.LEADER, Role.MEMBER])
def test_only_the_approver_or_admin_may_freeze(facts, role):
    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.ADMIN])
    with pytest.raises(PermissionDenied):
        scoring.score_freeze(cppcc=w.cppcc, year=2023, by=w.users[role])


@pytest.mark.parametrize("role", [Role.LEADER, Role.MEMBER, Role.INFORMANT])
def test_readers_and_reporters_may_not_recompute(facts, role):
    with pytest.raises(PermissionDenied):
        scoring.score_recompute(cppcc=facts.cppcc, year=2023, by=facts.users[role])


def test_a_county_never_sees_or_scores_the_citys_items(facts, county):
    cw = build_world(county)
    scoring.score_recompute(cppcc=county, year=2023, by=cw.users[Role.INFO_EDITOR])
    assert not ScoreEntry.objects.filter(cppcc=county).exists()
    scoring.score_recompute(cppcc=facts.cppcc, year=2023, by=facts.users[Role.INFO_EDITOR])
    editor = cw.users[Role.INFO_EDITOR]
    assert scoring.ranking(editor, "person", start=D(2023, 1, 1), end=D(2023, 12, 31)) == []
    assert "county" not in scoring.dimensions_for(county)
    with pytest.raises(ApplicationError, match="不支持的排名类别"):
        scoring.ranking(editor, "county", start=D(2023, 1, 1), end=D(2023, 12, 31))
    with pytest.raises(PermissionDenied):
        scoring.score_recompute(cppcc=facts.cppcc, year=2023, by=editor)


def test_the_annual_report_is_a_gongwen_docx_with_rankings(facts):
    from docx import Document

    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    data = scoring.annual_report_docx(w.users[Role.LEADER], start=D(2023, 1, 1), end=D(2023, 12, 31))
    doc = Document(io.BytesIO(data))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "关于2023年度社情民意信息工作情况的通报" in text
    assert "编报《政协社情民意》3期4篇" in text and "被上级采用2篇" in text
    title = next(p for p in doc.paragraphs if "通报" in p.text and p.runs)
    east_asia = title.runs[0]._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert east_asia == "方正小标宋简体"
    assert "一、党派得分排名" in text and "二、县区政协得分排名" in text
    header = doc.tables[0].rows[0].cells
    assert [c.text for c in header] == ["名次", "名称", "计分信息(篇)", "得分"]
    assert doc.tables[0].rows[1].cells[1].text == "民盟市委会"


def test_the_excel_annex_has_the_ledger_and_one_sheet_per_ranking(facts):
    from openpyxl import load_workbook

    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    wb = load_workbook(io.BytesIO(scoring.annual_report_xlsx(w.users[Role.INFO_EDITOR], start=D(2023, 1, 1),
                                                             end=D(2023, 12, 31))))
    assert wb.sheetnames == ["计分明细", "党派", "县区政协", "专委会", "界别", "个人", "特邀信息员"]
    assert [c.value for c in wb["计分明细"][1]][:5] == ["日期", "信息标题", "计分对象", "规则", "得分"]
    assert list(wb["党派"].iter_rows(min_row=2, values_only=True)) == [(1, "民盟市委会", 1, 63)]


# Pages --------------------------------------------------------------------------------------------
def test_the_ranking_page_shows_rankings_and_buttons_by_role(facts, login):
    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    html = login(w.users[Role.INFO_APPROVER]).get("/opinions/scoring/?year=2023&dim=party").content.decode()
    assert "民盟市委会" in html and "63" in html and "冻结并签批2023年度得分" in html
    html = login(w.users[Role.LEADER]).get("/opinions/scoring/?year=2023&dim=committee").content.decode()
    assert "农业和农村委员会" in html and "重新计算" not in html and "冻结并签批" not in html


def test_the_ledger_explains_each_point(facts, login):
    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    c = login(w.users[Role.INFO_EDITOR])
    html = c.get(f"/opinions/scoring/ledger/?year=2023&dim=party&key={w.unit.pk}").content.decode()
    assert "全国政协单篇采用" in html and "市领导批示" in html and "依据：采用通报" in html and "2023-05-10" in html
    assert "关于农村养老服务的建议" not in html  # b was not reported through the party


def test_recompute_freeze_and_reopen_from_the_page(facts, login):
    w = facts
    c = login(w.users[Role.INFO_APPROVER])
    r = c.post("/opinions/scoring/recompute/", {"year": "2023"}, follow=True)
    assert "已重新计算2023年度计分" in r.content.decode()
    r = c.post("/opinions/scoring/freeze/", {"year": "2023"}, follow=True)
    assert "2023年度计分已冻结" in r.content.decode() and "重开2023年度" in r.content.decode()
    r = c.post("/opinions/scoring/recompute/", {"year": "2023"}, follow=True)
    assert "不能重新计算" in r.content.decode()
    r = c.post("/opinions/scoring/reopen/", {"year": "2023", "reason": "补登采用"}, follow=True)
    assert "已重开" in r.content.decode() and "补登采用" in r.content.decode()


def test_pages_are_refused_to_reporters_and_actions_to_readers(facts, login):
    w = facts
    assert login(w.users[Role.MEMBER]).get("/opinions/scoring/").status_code == 403
    assert login(w.users[Role.MEMBER]).get("/opinions/scoring/report.docx?year=2023").status_code == 403
    leader = login(w.users[Role.LEADER])
    assert leader.post("/opinions/scoring/recompute/", {"year": "2023"}).status_code == 403
    assert leader.post("/opinions/scoring/freeze/", {"year": "2023"}).status_code == 403


def test_a_bad_period_is_refused_in_chinese(facts, login):
    r = login(facts.users[Role.INFO_EDITOR]).get("/opinions/scoring/?start=2023-12-01&end=2023-01-01")
    assert r.status_code == 400 and "开始日期不能晚于结束日期" in r.content.decode()


def test_downloads_are_word_and_excel(facts, login):
    c = login(facts.users[Role.LEADER])
    r = c.get("/opinions/scoring/report.docx?year=2023")
    assert r.status_code == 200 and r["Content-Type"].endswith("wordprocessingml.document")
    r = c.get("/opinions/scoring/annex.xlsx?year=2023")
    assert r.status_code == 200 and r["Content-Type"].endswith("spreadsheetml.sheet")


def test_a_reporter_sees_their_own_points_and_nobody_elses(facts, login):
    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    member = w.users[Role.MEMBER]
    own = ScoreEntry.objects.filter(cppcc=w.cppcc, year=2023, beneficiary="author", user=member)
    total = sum(own.values_list("points", flat=True))
    assert total > 0
    html = login(member).get("/opinions/scoring/mine/?year=2023").content.decode()
    assert "我的社情民意计分（2023年度）" in html and "本人（作者）" in html and f"<strong>{total}</strong> 分" in html
    assert "关于高标准农田管护的建议" in html and "关于种业振兴的建议" in html and "全国政协单篇采用" in html
    b = w.items["b"]  # the informant's item (its title also names the 综合编发 article that credits item c)
    assert f'href="/opinions/{b.pk}/"' not in html
    html = login(w.users[Role.INFORMANT]).get("/opinions/scoring/mine/?year=2023").content.decode()
    assert f'href="/opinions/{b.pk}/"' in html and "关于高标准农田管护的建议" not in html


def test_a_units_liaison_sees_the_units_points(facts, login):
    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    unit_points = sum(ScoreEntry.objects.filter(cppcc=w.cppcc, year=2023, beneficiary="unit", unit=w.unit)
                      .values_list("points", flat=True))
    html = login(w.users[Role.ORG_SUBMITTER]).get("/opinions/scoring/mine/?year=2023").content.decode()
    assert f"{w.unit.name}（报送单位）" in html and f"<strong>{unit_points}</strong> 分" in html
    assert "甲县政协" not in html


def test_my_points_before_a_recompute_say_so_and_others_are_refused(facts, login):
    w = facts
    html = login(w.users[Role.MEMBER]).get("/opinions/scoring/mine/?year=2023").content.decode()
    assert "本年度尚未计算" in html and "2023年度还没有您的计分记录" in html
    assert login(w.users[Role.INFO_EDITOR]).get("/opinions/scoring/mine/").status_code == 403
    r = login(w.users[Role.MEMBER]).get("/opinions/scoring/mine/?year=abc", follow=True)
    assert "请填写正确的年度，如：2023。" in r.content.decode() and r.status_code == 200
