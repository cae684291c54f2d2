"""/api/v1/activities/: the same services and scopes as the pages, Chinese errors."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from zhengxie.activities import signin
from zhengxie.activities.models import Participation
from zhengxie.activities.workflow import Status
from zhengxie.core.roles import Role

from .builders import make_activity

API = "/api/v1/activities/"


def post(client, url, body=None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


@pytest.fixture
def held(world):
    return make_activity(world, status=Status.IN_PROGRESS, start=timezone.now() - dt.timedelta(minutes=5),
                         invite=[world.users[Role.MEMBER]])


def test_an_organiser_creates_invites_publishes_and_closes_through_the_api(world, login):
    c = login(world.users[Role.COMMITTEE_STAFF])
    start = timezone.now() + dt.timedelta(days=1)
    r = post(c, API, {"kind": world.kind("inspection").pk, "title": "河道治理视察", "organiser": world.orgs["经济委员会"].pk,
                      "start_at": start.isoformat(), "end_at": (start + dt.timedelta(hours=2)).isoformat()})
    assert r.status_code == 201, r.content.decode()
    pk = r.json()["id"]
    assert r.json()["actions"] == ["publish", "cancel"]
    refused = post(c, f"{API}{pk}/act/publish")
    assert refused.status_code == 400 and "请先邀请参加的委员" in refused.json()["detail"]
    assert post(c, f"{API}{pk}/invite", {"members": [world.users[Role.MEMBER].member.pk]}).json()["invited"] == 1
    for action in ("publish", "start"):
        assert post(c, f"{API}{pk}/act/{action}").status_code == 200
    part = post(c, f"{API}{pk}/outcomes", {"name": "发放调查问卷", "unit": "份", "value": "600"})
    assert part.status_code == 201
    closed = post(c, f"{API}{pk}/act/close", {"summary": "提出建议5条"}).json()
    assert closed["status"] == "closed" and closed["participations"][0]["attendance"] == "absent"


def test_a_member_signs_in_through_the_api_and_a_replay_is_refused(world, login, held):
    c = login(world.users[Role.MEMBER])
    ok = post(c, f"{API}{held.pk}/signin", {"token": signin.token_for(held)})
    assert ok.status_code == 200 and ok.json()["attendance"] == "present"
    again = post(c, f"{API}{held.pk}/signin", {"token": signin.token_for(held)})
    assert again.status_code == 400 and "无需重复签到" in again.json()["detail"]


def test_proxy_without_reason_and_forbidden_actions_are_refused_in_chinese(world, login, held):
    part = Participation.objects.get(activity=held)
    staff = login(world.users[Role.COMMITTEE_STAFF])
    r = post(staff, f"{API}participations/{part.pk}/proxy", {"reason": ""})
    assert r.status_code == 400 and "代签必须填写原因" in r.json()["detail"]
    leader = login(world.users[Role.LEADER])
    forbidden = post(leader, f"{API}{held.pk}/act/close")
    assert forbidden.status_code == 403 and forbidden.json()["detail"] == "您没有执行此操作的权限。"
    assert leader.get(f"{API}{held.pk}").json()["actions"] == []


def test_leave_through_the_api(world, login):
    a = make_activity(world, status=Status.PUBLISHED, invite=[world.users[Role.MEMBER]])
    member = login(world.users[Role.MEMBER])
    created = post(member, f"{API}{a.pk}/leave", {"reason": "出差"})
    assert created.status_code == 201
    staff = login(world.users[Role.COMMITTEE_STAFF])
    queue = staff.get(f"{API}leaves").json()
    assert [x["reason"] for x in queue] == ["出差"]
    approved = post(staff, f"{API}leaves/{created.json()['id']}/approve", {"note": "同意"})
    assert approved.json()["state"] == "approved"


def test_the_list_figures_and_scope_through_the_api(world, login, held, county):
    from .builders import build_world

    cw = build_world(county)
    make_activity(cw, status=Status.CLOSED, title="县里的活动")
    c = login(world.users[Role.LEADER])
    body = c.get(API).json()
    assert [x["title"] for x in body["results"]] == [held.title]
    day = timezone.localdate()
    figures = c.get(f"{API}figures", {"start": (day - dt.timedelta(days=1)).isoformat(), "end": day.isoformat()}).json()
    assert figures["activities"] == 1
    assert login(cw.users[Role.ADMIN]).get(f"{API}{held.pk}").status_code == 404
    assert login(world.users[Role.MEMBER]).get(f"{API}figures", {"start": "2023-01-01", "end": "2023-12-31"}).status_code == 403


def test_appointments_through_the_api(world, login):
    c = login(world.users[Role.COMMITTEE_STAFF])
    r = post(c, f"{API}appointments", {"member": world.users[Role.MEMBER].member.pk, "kind": "democratic_supervisor",
                                       "org_name": "市水利局", "start_date": "2023-03-01"})
    assert r.status_code == 201 and r.json()["label"] == "民主监督员"
    assert [x["org_name"] for x in c.get(f"{API}appointments").json()] == ["市水利局"]
    assert c.get(f"{API}homes/compliance", {"year": 2023}).json() == []
