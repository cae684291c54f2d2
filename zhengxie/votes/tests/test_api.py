"""/api/v1/votes/: create, open, cast once, results; Chinese errors."""
import json

import pytest

from zhengxie.core.roles import Role

pytestmark = pytest.mark.django_db
BASE = "/api/v1/votes/"


def _post(c, url, data=None):
    return c.post(url, data=json.dumps(data or {}), content_type="application/json")


def test_the_whole_vote_through_the_api(client, login, persona, city):
    staff, member = persona(Role.PROPOSAL_STAFF), persona(Role.MEMBER)
    c = login(staff)
    resp = _post(c, BASE, {"title": "测评", "items": ["市教育局"], "electors": [member.pk]})
    assert resp.status_code == 201, resp.content
    vid = resp.json()["id"]
    assert _post(c, f"{BASE}{vid}/act/open").json()["status"] == "open"
    item = resp.json()["items"][0]["id"]
    m = login(member)
    assert _post(m, f"{BASE}{vid}/cast", {"choices": {str(item): "satisfied"}}).status_code == 201
    again = _post(m, f"{BASE}{vid}/cast", {"choices": {str(item): "satisfied"}})
    assert again.status_code == 400 and "已经投过票" in again.json()["detail"]
    assert m.get(f"{BASE}{vid}/results").status_code == 403
    c = login(staff)
    _post(c, f"{BASE}{vid}/act/close")
    res = c.get(f"{BASE}{vid}/results").json()
    assert res["quorum_met"] is True and res["items"][0]["satisfaction_rate"] == "100.0"


def test_bad_input_is_a_chinese_400(client, login, persona):
    c = login(persona(Role.PROPOSAL_STAFF))
    resp = _post(c, BASE, {"title": "测评", "items": []})
    assert resp.status_code == 400 and "表决事项" in resp.json()["detail"]
    assert _post(login(persona(Role.MEMBER)), BASE, {"title": "x", "items": ["甲"]}).status_code == 403
