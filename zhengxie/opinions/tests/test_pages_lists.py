"""Every list has search, filters and export: rankings, the score ledger, issues, the item list; nav entries."""
import io

from openpyxl import load_workbook

from zhengxie.core import nav
from zhengxie.core.roles import Role
from zhengxie.opinions import scoring
from zhengxie.opinions.tests.builders import make_issue


def test_the_scoring_page_is_in_the_menu_of_the_office_and_leaders_only():
    def urls(role):
        return {i["url_name"] for i in nav.items_for({role})}

    for role in (Role.INFO_EDITOR, Role.INFO_APPROVER, Role.LEADER, Role.ADMIN):
        assert "opinions:scoring" in urls(role)
    for role in (Role.MEMBER, Role.INFORMANT, Role.ORG_SUBMITTER):
        assert "opinions:scoring" not in urls(role)


def test_the_ranking_can_be_searched_by_name_and_keeps_the_rank(facts, login):
    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    c = login(w.users[Role.LEADER])
    html = c.get("/opinions/scoring/?year=2023&dim=person&q=特邀").content.decode()
    assert w.users[Role.INFORMANT].name in html and w.users[Role.MEMBER].name not in html
    assert "<td>3</td>" in html  # the informant is third of all persons, not first of the filtered list
    assert "计分办法" in html and "全国政协单篇采用" in html


def test_the_ledger_filters_by_rule_and_text_names_its_subject_and_exports(facts, login):
    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    c = login(w.users[Role.INFO_EDITOR])
    url = f"/opinions/scoring/ledger/?year=2023&dim=party&key={w.unit.pk}&rule=instruction"
    html = c.get(url).content.decode()
    assert "计分明细：民盟市委会" in html and "市领导批示" in html and "全国政协单篇采用" not in html
    html = c.get("/opinions/scoring/ledger/?year=2023&q=种业").content.decode()
    assert "关于种业振兴的建议" in html and "关于县域物流的建议" not in html
    r = c.get(f"/opinions/scoring/ledger.xlsx?year=2023&dim=party&key={w.unit.pk}&rule=adoption")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(min_row=2, values_only=True))
    assert {row[3] for row in rows} == {"全国政协单篇采用", "省政协单篇采用"} and all(row[5] > 0 for row in rows)
    assert c.get("/opinions/scoring/ledger/?year=2023&dim=party&key=abc").status_code == 302  # refused, sent back


def test_issues_can_be_searched_filtered_and_exported(facts, login):
    w = facts
    make_issue(w)  # a draft
    c = login(w.users[Role.INFO_EDITOR])
    html = c.get("/opinions/issues/?q=第2期").content.decode()
    assert "2023年第2期" in html and "2023年第1期" not in html
    html = c.get("/opinions/issues/?q=养老").content.decode()
    assert "2023年第2期" in html and "2023年第3期" not in html
    html = c.get("/opinions/issues/?state=draft").content.decode()
    assert "待签发" in html and "2023年第1期" not in html
    r = c.get("/opinions/issues/export/?year=2023")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 3 and rows[0][3] == "已签发"


def test_the_item_list_filters_by_reporting_unit(facts, login):
    w = facts
    c = login(w.users[Role.INFO_EDITOR])
    html = c.get(f"/opinions/?unit={w.county_unit.pk}").content.decode()
    assert "关于县域物流的建议" in html and "关于种业振兴的建议" not in html
    r = c.get(f"/opinions/export/?unit={w.county_unit.pk}")
    rows = list(load_workbook(io.BytesIO(r.content)).active.iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == ["关于县域物流的建议"]


def test_the_detail_page_shows_the_items_points_to_score_viewers_only(facts, login):
    w = facts
    scoring.score_recompute(cppcc=w.cppcc, year=2023, by=w.users[Role.INFO_EDITOR])
    a = w.items["a"]
    html = login(w.users[Role.LEADER]).get(f"/opinions/{a.pk}/").content.decode()
    assert "计分" in html and "全国政协单篇采用" in html and "依据：采用通报" in html
    html = login(w.users[Role.MEMBER]).get(f"/opinions/{a.pk}/").content.decode()
    assert "<h2>计分</h2>" not in html
