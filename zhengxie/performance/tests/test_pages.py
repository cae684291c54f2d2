import pytest
from django.urls import reverse

from zhengxie.core.roles import Role
from zhengxie.performance import services
from zhengxie.performance.tests.conftest import YEAR, build_facts


@pytest.fixture
def computed(facts):
    services.score_recompute(cppcc=facts.world.cppcc, year=YEAR, by=facts.world.users[Role.COMMITTEE_STAFF])
    return facts


def dossier_url(member, **q):
    url = reverse("performance:dossier", args=[member.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in q.items()) if q else "")


def test_a_member_sees_their_own_dossier_with_every_section_and_the_points_explained(computed, login):
    c = login(computed.world.users[Role.MEMBER])
    r = c.get(reverse("performance:mine"), follow=True)
    html = r.content.decode()
    assert r.status_code == 200 and "的履职档案" in html
    for text in ("全体会议、常委会议出席情况", "市政协全体会议", "关于加强社区养老服务的建议", "重点", "领衔",
                 "关于老旧小区加装电梯的建议", "省政协", "口头发言", "光伏产业发展专题调研", "城关委员之家值班接待群众",
                 f"{YEAR}年度：95.0分 · 优秀", "出席全体会议", "“三个一”已完成"):
        assert text in html, text
    assert "人工加减分" not in html


def test_a_member_cannot_open_another_members_dossier(computed, login):
    c = login(computed.world.users[Role.MEMBER])
    assert c.get(dossier_url(computed.bob)).status_code == 404
    assert c.get(reverse("performance:standings")).status_code == 403


def test_staff_see_any_dossier_in_their_cppcc_and_can_request_an_adjustment(computed, login):
    c = login(computed.world.users[Role.COMMITTEE_STAFF])
    html = c.get(dossier_url(computed.bob)).content.decode()
    assert "无故缺席全体会议" in html and "参加视察调研" in html and "人工加减分" in html
    r = c.post(reverse("performance:adjust", args=[computed.bob.pk]), {"year": YEAR, "points": "abc", "reason": "补记"})
    assert r.status_code == 400 and "加减分应填写数字" in r.content.decode()
    r = c.post(reverse("performance:adjust", args=[computed.bob.pk]), {"year": YEAR, "points": "3", "reason": "补记调研"}, follow=True)
    assert "已提交积分调整" in r.content.decode() and "待审批" in r.content.decode()


def test_the_standings_page_ranks_filters_and_exports(computed, login):
    c = login(computed.world.users[Role.LEADER])
    html = c.get(reverse("performance:standings"), {"year": YEAR}).content.decode()
    assert f"{YEAR}年度履职积分" in html and "按专委会" in html and "经济委员会" in html
    assert html.index(computed.alice.name) < html.index(computed.bob.name)
    html = c.get(reverse("performance:standings"), {"year": YEAR, "duty": "missing"}).content.decode()
    assert computed.bob.name in html and computed.alice.name + "</a>" not in html
    r = c.get(reverse("performance:standings"), {"year": YEAR, "format": "xlsx"})
    assert r["Content-Type"].startswith("application/vnd.openxmlformats")


def test_recompute_freeze_and_refusal_from_the_standings_page(computed, login):
    staff, leader = computed.world.users[Role.COMMITTEE_STAFF], computed.world.users[Role.LEADER]
    c = login(leader)
    r = c.post(reverse("performance:freeze", args=[YEAR]), {"year": YEAR, "note": "年终确认"}, follow=True)
    assert "已签字确认并冻结" in r.content.decode()
    c = login(staff)
    r = c.post(reverse("performance:recompute", args=[YEAR]), {"year": YEAR})
    assert r.status_code == 400 and "年度积分已冻结" in r.content.decode()


def test_county_staff_never_see_city_members(computed, county, login):
    county_facts = build_facts(county, "cty")
    c = login(county_facts.world.users[Role.COMMITTEE_STAFF])
    assert c.get(dossier_url(computed.alice)).status_code == 404
    html = c.get(reverse("performance:standings"), {"year": YEAR}).content.decode()
    assert computed.alice.name not in html and county_facts.alice.name in html
    r = c.get(f"/api/v1/performance/members/{computed.alice.pk}", {"year": YEAR})
    assert r.status_code == 404
    r = c.post(f"/api/v1/performance/years/{YEAR}/recompute")
    assert r.status_code == 200
    assert c.get("/api/v1/performance/standings", {"year": YEAR}).json()[0]["name"] == county_facts.alice.name


def test_the_api_returns_a_members_ledger_with_sources(computed, login):
    c = login(computed.world.users[Role.MEMBER])
    data = c.get(f"/api/v1/performance/members/{computed.alice.pk}", {"year": YEAR}).json()
    assert data["total"] == "95.0" and data["grade"] == "优秀"
    assert {e["source"] for e in data["entries"]} >= {"activities.participation", "proposals.proposal", "opinions.adoption"}
    assert c.get("/api/v1/performance/standings", {"year": YEAR}).status_code == 403


def test_the_dossier_exports_as_pdf(computed, login):
    c = login(computed.world.users[Role.MEMBER])
    r = c.get(reverse("performance:dossier_pdf", args=[computed.alice.pk]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf" and r.content.startswith(b"%PDF")
