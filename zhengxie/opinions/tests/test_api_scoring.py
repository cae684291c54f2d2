"""/api/v1/opinions/ scoring and 抄袭/不实 endpoints: one allowed and one refused case each, Chinese errors."""
import datetime as dt
import io
import json

import pytest
from openpyxl import load_workbook

from zhengxie.core.roles import Role
from zhengxie.opinions import scoring
from zhengxie.opinions.models import OpinionFlag, YearFreeze

API = "/api/v1/opinions"


def post(client, url, data=None):
    return client.post(url, data=json.dumps(data or {}), content_type="application/json")


@pytest.fixture
def scored(facts):
    scoring.score_recompute(cppcc=facts.cppcc, year=2023, by=facts.users[Role.INFO_EDITOR])
    return facts


def test_points_of_an_item(scored, login):
    w = scored
    a = w.items["a"]
    assert login(w.users[Role.MEMBER]).get(f"{API}/{a.pk}/points").status_code == 403
    r = login(w.users[Role.LEADER]).get(f"{API}/{a.pk}/points")
    body = r.json()
    assert r.status_code == 200 and body["points"] == 63 and body["flag"] is None
    assert {x["rule_label"] for x in body["lines"]} >= {"全国政协单篇采用", "市政协单篇编发", "市领导批示"}
    assert any(x["basis"] == "全国政协单篇采用，依据：采用通报" for x in body["lines"])


@pytest.mark.parametrize("dim,expected", [
    ("party", {"民盟市委会": 63}), ("county", {"甲县政协": 3}), ("committee", {"农业和农村委员会": 66}),
    ("sector", {"农业界": 66}), ("informant", {"特邀信息员甲": 13}),
])
def test_rankings_for_every_dimension(scored, login, dim, expected):
    c = login(scored.users[Role.INFO_APPROVER])
    body = c.get(f"{API}/scoring/rankings?dim={dim}&year=2023").json()
    assert {r["name"]: r["points"] for r in body["rows"]} == expected


def test_rankings_by_person_for_a_period_and_refusals(scored, login):
    w = scored
    r = login(w.users[Role.INFORMANT]).get(f"{API}/scoring/rankings?dim=person&year=2023")
    assert r.status_code == 403 and "只有信息编辑" in r.json()["detail"]
    c = login(w.users[Role.INFO_EDITOR])
    body = c.get(f"{API}/scoring/rankings?dim=person&start=2023-01-01&end=2023-03-31").json()
    assert body["rows"][0]["points"] == 3 and body["start"] == "2023-01-01"
    r = c.get(f"{API}/scoring/rankings?dim=planet&year=2023")
    assert r.status_code == 400 and "不支持的排名类别" in r.json()["detail"]
    r = c.get(f"{API}/scoring/rankings?dim=party&start=2023-12-01&end=2023-01-01")
    assert r.status_code == 400 and r.json()["detail"] == "开始日期不能晚于结束日期。"


def test_ledger(scored, login):
    w = scored
    assert login(w.users[Role.MEMBER]).get(f"{API}/scoring/ledger?year=2023").status_code == 403
    body = login(w.users[Role.LEADER]).get(f"{API}/scoring/ledger?year=2023&dim=party&key={w.unit.pk}&rule=adoption").json()
    assert body["count"] == 2 and {x["rule_label"] for x in body["lines"]} == {"全国政协单篇采用", "省政协单篇采用"}


def test_year_state_recompute_freeze_and_reopen(scored, login):
    w = scored
    c = login(w.users[Role.LEADER])
    assert c.get(f"{API}/scoring/years/2023").json()["is_frozen"] is False
    assert post(c, f"{API}/scoring/years/2023/recompute").status_code == 403  # a leader reads only
    assert post(c, f"{API}/scoring/years/2023/freeze").status_code == 403
    c = login(w.users[Role.INFO_EDITOR])
    r = post(c, f"{API}/scoring/years/2023/recompute")
    assert r.status_code == 200 and r.json()["entries"] > 0
    assert post(c, f"{API}/scoring/years/2023/freeze").status_code == 403  # the editor does not sign off
    c = login(w.users[Role.INFO_APPROVER])
    r = post(c, f"{API}/scoring/years/2023/freeze")
    assert r.status_code == 200 and r.json()["is_frozen"] and r.json()["signed_by"] == w.users[Role.INFO_APPROVER].name
    r = post(c, f"{API}/scoring/years/2023/recompute")
    assert r.status_code == 400 and "已冻结" in r.json()["detail"]
    r = post(c, f"{API}/scoring/years/2023/reopen", {"reason": ""})
    assert r.status_code == 400 and r.json()["detail"] == "重开已冻结的年度须写明理由。"
    assert post(login(w.users[Role.INFO_EDITOR]), f"{API}/scoring/years/2023/reopen", {"reason": "补登"}).status_code == 403
    c = login(w.users[Role.INFO_APPROVER])
    r = post(c, f"{API}/scoring/years/2023/reopen", {"reason": "省政协补发采用通报"})
    assert r.status_code == 200 and not r.json()["is_frozen"] and r.json()["log"][-1]["reason"] == "省政协补发采用通报"
    assert not YearFreeze.objects.get(cppcc=w.cppcc, year=2023).is_frozen


def test_annual_report_and_annex_downloads(scored, login):
    w = scored
    assert login(w.users[Role.ORG_SUBMITTER]).get(f"{API}/scoring/report.docx?year=2023").status_code == 403
    assert login(w.users[Role.MEMBER]).get(f"{API}/scoring/annex.xlsx?year=2023").status_code == 403
    c = login(w.users[Role.LEADER])
    r = c.get(f"{API}/scoring/report.docx?year=2023")
    assert r.status_code == 200 and r["Content-Type"].endswith("wordprocessingml.document") and r.content[:2] == b"PK"
    r = c.get(f"{API}/scoring/annex.xlsx?year=2023")
    assert r.status_code == 200 and load_workbook(io.BytesIO(r.content)).sheetnames[0] == "计分明细"


def test_flag_and_unflag(scored, login):
    w = scored
    a = w.items["a"]
    body = {"kind": "plagiarism", "reason": "与网络文章雷同", "evidence": "网址", "date": "2023-12-20"}
    assert post(login(w.users[Role.LEADER]), f"{API}/{a.pk}/flag", body).status_code == 403
    assert not OpinionFlag.objects.exists()
    c = login(w.users[Role.INFO_EDITOR])
    r = post(c, f"{API}/{a.pk}/flag", {**body, "evidence": ""})
    assert r.status_code == 400 and r.json()["detail"] == "请填写证据/依据。"
    r = post(c, f"{API}/{a.pk}/flag", body)
    assert r.status_code == 200 and r.json()["in_force"] and r.json()["recomputed_years"] == [2023]
    assert login(w.users[Role.LEADER]).get(f"{API}/{a.pk}/points").json()["points"] == -5
    assert post(login(w.users[Role.MEMBER]), f"{API}/{a.pk}/unflag", {"reason": "不服"}).status_code == 403
    r = post(login(w.users[Role.INFO_APPROVER]), f"{API}/{a.pk}/unflag", {"reason": "认定有误"})
    assert r.status_code == 200 and not r.json()["in_force"] and r.json()["revoke_reason"] == "认定有误"
    assert OpinionFlag.objects.get().revoked_at is not None and dt.date(2023, 12, 20) == OpinionFlag.objects.get().date
