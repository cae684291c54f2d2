"""The statistics page, its drill-downs, the Excel files and the API, as a user meets them."""
from io import BytesIO

import pytest
from openpyxl import load_workbook

from zhengxie.core.roles import Role
from zhengxie.proposals.models import Proposal


def sheet_rows(response, index: int = 0) -> list[list]:
    wb = load_workbook(BytesIO(response.content))
    return [list(r) for r in wb.worksheets[index].iter_rows(values_only=True)]


def test_a_leader_sees_every_proposal_figure_with_its_definition_and_drill_links(world, leader, login):
    r = login(leader).get("/reports/", {"module": "proposals", "year": "2023"})
    html = r.content.decode()
    assert r.status_code == 200
    assert "收到提案数" in html and "实际立案数" in html and "满意率" in html and "见面率" in html
    assert "统计期内提交（按提交时间计" in html  # the definition is shown with the value
    assert "/reports/drill/?module=proposals&amp;year=2023&amp;code=proposals.received" in html
    assert "统计归属规则" in html and "提交当日" in html
    assert "2023年度" in html and "测试市政协" in html


def test_a_period_without_records_says_so(world, leader, login):
    html = login(leader).get("/reports/", {"year": "2019"}).content.decode()
    assert "本统计期间和范围内没有计入任何记录" in html and "2019年度" in html


def test_the_page_shows_the_stats_nav_entry_only_to_report_roles(world, login):
    assert "统计报表" in login(world.users[Role.PROPOSAL_STAFF]).get("/").content.decode()
    assert "统计报表" not in login(world.users[Role.MEMBER]).get("/").content.decode()


def test_a_member_is_refused(world, login):
    assert login(world.users[Role.MEMBER]).get("/reports/").status_code == 403
    assert login(world.users[Role.MEMBER]).get("/reports/drill/", {"code": "proposals.received"}).status_code == 403


def test_a_bad_period_is_explained_in_chinese(world, leader, login):
    r = login(leader).get("/reports/", {"period": "range", "start": "2023-06-30", "end": "2023-01-01"})
    assert r.status_code == 400 and "结束日期不能早于开始日期" in r.content.decode()


def test_the_drill_down_lists_the_counted_records_with_links_to_them(world, leader, login):
    r = login(leader).get("/reports/drill/", {"year": "2023", "code": "proposals.rejected"})
    html = r.content.decode()
    assert r.status_code == 200 and "不予立案数" in html and "共 <strong>2</strong> 条记录" in html
    for p in Proposal.objects.filter(cppcc=world.cppcc, decision="reject"):
        assert f'href="{p.get_absolute_url()}"' in html
    assert "关于市区停车难的建议" not in html


def test_a_ratio_drills_into_its_numerator_and_denominator(world, leader, login):
    client = login(leader)
    num = client.get("/reports/drill/", {"year": "2023", "code": "proposals.filing_rate", "part": "numerator"})
    den = client.get("/reports/drill/", {"year": "2023", "code": "proposals.filing_rate", "part": "denominator"})
    assert "共 <strong>3</strong> 条记录" in num.content.decode() and "比率 60.0%" in num.content.decode()
    assert "共 <strong>5</strong> 条记录" in den.content.decode()


def test_an_unknown_figure_in_the_drill_down_is_explained(world, leader, login):
    r = login(leader).get("/reports/drill/", {"year": "2023", "code": "proposals.nothing"})
    assert r.status_code == 400 and "没有名为「proposals.nothing」的统计指标" in r.content.decode()


def test_the_city_drills_into_a_county_without_links_to_its_records(world, county_world, leader, login):
    r = login(leader).get("/reports/drill/", {"year": "2023", "code": "proposals.filed", "scope": f"county:{county_world.cppcc.pk}"})
    html = r.content.decode()
    assert r.status_code == 200 and "县区：甲县政协" in html and "关于县域农村公路养护的建议" in html
    assert "不能打开详情" in html
    assert "/proposals/" not in html.split("<tbody>")[1]


def test_a_county_user_gets_no_county_choice_and_is_refused_another_county(world, county_world, other_county, county_staff, login):
    client = login(county_staff)
    html = client.get("/reports/", {"year": "2023"}).content.decode()
    assert "甲县政协（全部）" in html and "乙县政协" not in html and 'optgroup label="县区政协"' not in html
    assert client.get("/reports/", {"year": "2023", "scope": f"county:{other_county.pk}"}).status_code == 403
    assert client.get("/reports/export/", {"year": "2023", "scope": f"county:{world.cppcc.pk}"}).status_code == 403


def test_the_whole_table_exports_to_excel(world, leader, login):
    r = login(leader).get("/reports/export/", {"module": "proposals", "year": "2023"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = sheet_rows(r)
    assert rows[0][:4] == ["分组", "指标", "代码", "数值"]
    by_code = {row[2]: row for row in rows[1:]}
    assert by_code["proposals.received"][3] == 5 and by_code["proposals.filed"][3] == 3
    assert by_code["proposals.filing_rate"][5:7] == [3, 5]
    assert by_code["proposals.received#rejected"][3] == 2
    about = sheet_rows(r, 1)
    assert ["统计范围", "测试市政协"] in [row[:2] for row in about]


def test_an_export_with_a_bad_period_goes_back_to_the_page_with_the_reason(world, leader, login):
    client = login(leader)
    r = client.get("/reports/export/", {"period": "meeting", "meeting": "abc"}, follow=True)
    assert r.redirect_chain and "请选择会议" in r.content.decode()
    r = client.get("/reports/drill/export/", {"year": "2023", "code": "proposals.nothing"}, follow=True)
    assert "没有名为「proposals.nothing」的统计指标" in r.content.decode()


def test_a_drill_down_exports_to_excel(world, leader, login):
    r = login(leader).get("/reports/drill/export/", {"year": "2023", "code": "proposals.filed"})
    rows = sheet_rows(r)
    assert rows[0][:3] == ["提案号", "案由", "提案者"]
    assert len(rows) == 4 and all("停车难" in row[1] for row in rows[1:])


@pytest.mark.parametrize("scope", ["cppcc", "sector"])
def test_the_api_returns_codes_labels_values_and_definitions(world, leader, login, scope):
    if scope == "sector":
        scope = f"sector:{world.sector.pk}"
    r = login(leader).get("/api/v1/reports/figures", {"module": "proposals", "year": "2023", "scope": scope})
    assert r.status_code == 200
    data = r.json()
    figs = {f["code"]: f for f in data["figures"]}
    assert figs["proposals.received"]["value"] == 5 and figs["proposals.received"]["label"] == "收到提案数"
    assert figs["proposals.received"]["definition"].startswith("统计期内提交")
    assert figs["proposals.filing_rate"]["numerator"]["value"] == 3 and figs["proposals.filing_rate"]["display"] == "60.0%"
    assert figs["proposals.filing_rate"]["value"] == 60.0 and figs["proposals.filing_rate"]["unit"] == "%"
    assert data["period"] == "2023年度" and data["attribution"]


def test_the_api_drill_down_lists_records(world, leader, login):
    r = login(leader).get("/api/v1/reports/drill", {"code": "proposals.rejected", "year": "2023"})
    data = r.json()
    assert r.status_code == 200 and data["count"] == 2 and data["columns"][1] == "案由"
    assert {row["案由"] for row in data["results"]} == {"关于个人待遇的建议（1）", "关于个人待遇的建议（2）"}


def test_the_api_refuses_members_and_foreign_counties(world, county_world, other_county, county_staff, login):
    assert login(world.users[Role.MEMBER]).get("/api/v1/reports/figures", {"year": "2023"}).status_code == 403
    r = login(county_staff).get("/api/v1/reports/figures", {"year": "2023", "scope": f"county:{other_county.pk}"})
    assert r.status_code == 403 and "只有市政协" in r.json()["detail"]
