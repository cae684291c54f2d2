"""/api/v1/proposals/supervision/: the same services and scopes as the pages, Chinese errors."""
import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core.models import ConfigValue
from zhengxie.core.roles import Role
from zhengxie.supervision.models import FollowUp
from zhengxie.supervision.workflow import Status

from .builders import APPROVE, MEETING, build, filed, selection

pytestmark = pytest.mark.django_db
API = "/api/v1/proposals/supervision"


@pytest.fixture
def w(city):
    return build(city)


def api(client, user, method, path, data=None):
    client.force_login(user)
    fn = getattr(client, method)
    if data is None:
        return fn(f"{API}{path}")
    return fn(f"{API}{path}", data=data, content_type="application/json")


def test_a_round_through_the_api(w, client):
    staff = w.users[Role.PROPOSAL_STAFF]
    p = filed(w)
    ConfigValue.objects.create(cppcc=w.cppcc, key="supervision.key_max_ratio", value=100, valid_from=dt.date(2000, 1, 1))
    r = api(client, staff, "post", "/selections", {"meeting": w.meeting.pk})
    assert r.status_code == 200, r.content
    sid = r.json()["id"]
    r = api(client, w.users[Role.ORG_SUBMITTER], "post", f"/selections/{sid}/recommend", {"proposal": p.pk, "reason": ""})
    assert r.status_code == 400 and r.json()["detail"] == "请填写推荐理由。"
    r = api(client, w.users[Role.ORG_SUBMITTER], "post", f"/selections/{sid}/recommend", {"proposal": p.pk, "reason": "事关全局"})
    assert r.status_code == 200
    item = r.json()["item"]
    assert api(client, staff, "post", f"/items/{item}/shortlist", {"on": True}).json()["shortlisted"] is True
    assert api(client, staff, "post", f"/selections/{sid}/act/shortlist", {}).json()["status"] == "shortlisted"
    assert api(client, staff, "post", f"/selections/{sid}/act/hold_meeting", MEETING).json()["status"] == "discussed"
    r = api(client, staff, "post", f"/selections/{sid}/act/submit", {})
    assert r.status_code == 400 and "尚未确定督办领导" in r.json()["detail"]
    r = api(client, staff, "post", f"/items/{item}/leader", {"form": "领办", "leader_name": "李市长", "leader_title": "市长"})
    assert r.json()["leader"] == "李市长（市长）"
    api(client, staff, "post", f"/selections/{sid}/act/submit", {})
    r = api(client, staff, "post", f"/selections/{sid}/act/approve", APPROVE)
    assert r.json()["status"] == "approved"
    assert r.json()["items"][0]["proposal"]["is_key"] is True
    assert api(client, w.users[Role.MEMBER], "post", f"/selections/{sid}/act/cancel", {}).status_code in (403, 404)
    keys = api(client, w.users[Role.LEADER], "get", "/key").json()
    assert [k["id"] for k in keys] == [p.pk] and keys[0]["leader"] == "李市长（市长）"


def test_records_followups_and_cases_through_the_api(w, client):
    staff = w.users[Role.PROPOSAL_STAFF]
    lead = filed(w, "关于加快新能源汽车充电桩建设的建议", is_key=True, suggestions="推动老旧小区充电桩改造，完善充电桩运营补贴政策。")
    similar = filed(w, "关于破解老旧小区充电难的建议", suggestions="推动老旧小区充电桩改造，完善充电桩运营补贴政策。", unit=w.gov_unit)
    selection(w, Status.APPROVED, proposals=[lead])
    today = timezone.localdate().isoformat()
    r = api(client, staff, "post", "/records", {"proposal": lead.pk, "form": "督办协商会", "date": today, "minutes": "召开督办协商会",
                                                "followups": [{"content": "出台补贴办法", "owner_unit": w.gov_unit.pk,
                                                               "due_date": today}]})
    assert r.status_code == 200, r.content
    assert r.json()["followups"][0]["owner_unit"] == "市教育局"
    r = api(client, staff, "post", "/records", {"proposal": lead.pk, "form": "聊天", "date": today, "minutes": "x"})
    assert r.status_code == 400 and r.json()["detail"].startswith("请选择督办形式")
    assert api(client, staff, "get", "/records?form=督办协商会").json()["count"] == 1
    unit = w.users[Role.HANDLING_UNIT]
    fid = api(client, unit, "get", "/followups").json()[0]["id"]
    assert api(client, unit, "post", f"/followups/{fid}/report", {"note": "已出台"}).json()["state"] == "done"
    assert api(client, unit, "post", f"/followups/{fid}/close", {}).status_code == 403
    assert FollowUp.objects.get().state == "done"
    r = api(client, staff, "post", "/cases", {"lead": lead.pk, "plan": "集中督办", "lead_units": [w.gov_unit.pk]})
    cid = r.json()["id"]
    sugg = api(client, staff, "get", f"/cases/{cid}/suggestions").json()
    assert sugg[0]["id"] == similar.pk and sugg[0]["passages"]
    mid = api(client, staff, "post", f"/cases/{cid}/members", {"proposal": similar.pk, "score": sugg[0]["score"]}).json()["id"]
    case = api(client, unit, "get", f"/cases/{cid}").json()
    assert [x["id"] for x in case["proposals"]] == [lead.pk, similar.pk] and case["proposals"][1]["units"] == "市教育局（主办）"
    r = api(client, staff, "post", f"/members/{mid}/outcome", {"outcome_state": "resolved", "outcome": "新建充电桩"})
    assert r.json()["outcome_state"] == "resolved"
    assert api(client, w.users["party_unit_user"], "get", f"/cases/{cid}").status_code == 404
    assert api(client, unit, "get", f"/cases/{cid}/suggestions").status_code == 403
