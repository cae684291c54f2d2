"""/api/v1/proposals/appraisals/: the round, 整改 and 评优 through the API."""
import json

import pytest
from django.utils import timezone

from zhengxie.core.roles import Role

from ..workflow import Status
from .builders import make_round, world_with_voters

pytestmark = pytest.mark.django_db
BASE = "/api/v1/proposals/appraisals/"


def _post(c, url, data=None):
    return c.post(url, data=json.dumps(data or {}), content_type="application/json")


def test_round_through_the_api(client, login, city):
    w = world_with_voters(city)
    c = login(w.users[Role.PROPOSAL_STAFF])
    resp = _post(c, BASE, {"year": 2025, "meeting_date": str(timezone.localdate())})
    assert resp.status_code == 201, resp.content
    aid = resp.json()["id"]
    _post(c, f"{BASE}{aid}/units", {"ids": [w.gov_unit.pk]})
    _post(c, f"{BASE}{aid}/participants", {"ids": [u.pk for u in w.voters]})
    detail = _post(c, f"{BASE}{aid}/act/start_vote").json()
    assert detail["status"] == "voting" and detail["vote_id"]
    bad = _post(c, f"{BASE}{aid}/act/review")
    assert bad.status_code == 400 and "不能执行" in bad.json()["detail"]
    assert login(w.users[Role.MEMBER]).get(f"{BASE}{aid}").status_code == 404


def test_rectification_feedback_and_excellent_lists(client, login, city):
    w = world_with_voters(city)
    a = make_round(w, status=Status.RECTIFYING)
    c = login(w.users[Role.PROPOSAL_STAFF])
    entry = a.units.get(unit=w.gov_unit)
    rid = _post(c, f"{BASE}entries/{entry.pk}/rectifications", {"text": "建立面商台账"}).json()["id"]
    u = login(w.users[Role.HANDLING_UNIT])
    short = _post(u, f"{BASE}rectifications/{rid}/feedback", {"text": "好"})
    assert short.status_code == 400 and "不少于10个字" in short.json()["detail"]
    ok = _post(u, f"{BASE}rectifications/{rid}/feedback", {"text": "已建立台账，全部提案实现面商。"})
    assert ok.json()["state"] == "reported"
    assert [r["id"] for r in u.get(f"{BASE}rectifications").json()] == [rid]
    res = c.get(f"{BASE}excellent?year=2025").json()
    assert res == {"year": 2025, "proposal_ids": [], "unit_ids": []}
