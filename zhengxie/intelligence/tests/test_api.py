"""/api/v1/proposals/intelligence/: the same scoping as the pages; handling units get 403."""
from __future__ import annotations

import pytest

from zhengxie.core.roles import Role
from zhengxie.proposals.models import Assignment, Reply
from zhengxie.proposals.tests.builders import assign, build_world
from zhengxie.proposals.workflow import Status

from .product import EDUCATION, PARKING, PARKING_2, make

API = "/api/v1/proposals/intelligence"
S = Status


@pytest.fixture
def w(city, settings, tmp_path):
    settings.VAR_DIR = tmp_path  # no routing model trained by another test
    return build_world(city)


@pytest.fixture
def as_user(client, password):
    def do(user):
        client.logout()
        assert client.login(username=user.username, password=password)
        return client

    return do


def test_similar_is_filtered_to_what_the_caller_may_see(w, as_user):
    visible = make(w, PARKING_2, status=S.FILED, number=1)
    hidden = [make(w, PARKING, status=S.UNDER_REVIEW) for _ in range(6)]
    c = as_user(w.users[Role.MEMBER])
    r = c.get(f"{API}/similar", {"title": PARKING["title"], "text": PARKING["situation"], "k": 2})
    ids = [x["id"] for x in r.json()]
    assert r.status_code == 200 and ids == [visible.pk]
    assert r.json()[0]["passages"] and r.json()[0]["url"] == f"/proposals/{visible.pk}/"
    long = c.post(f"{API}/similar", {"title": PARKING["title"], "text": PARKING["situation"] * 3},
                  content_type="application/json")
    assert long.status_code == 200 and [x["id"] for x in long.json()] == [visible.pk]
    assert c.get(f"{API}/similar/{hidden[0].pk}").status_code == 404  # not visible to the member
    staff = as_user(w.users[Role.PROPOSAL_STAFF]).get(f"{API}/similar/{visible.pk}", {"k": 10}).json()
    assert {x["id"] for x in staff} >= {p.pk for p in hidden}


def test_bad_k_is_a_chinese_400(w, as_user):
    r = as_user(w.users[Role.MEMBER]).get(f"{API}/similar", {"title": "停车", "k": 0})
    assert r.status_code == 400 and "k" in r.json()["detail"] and "之间" in r.json()["detail"]


def test_groups_units_and_hints_for_staff(w, as_user):
    a, b = make(w, PARKING), make(w, PARKING_2)
    c = as_user(w.users[Role.PROPOSAL_STAFF])
    g = c.get(f"{API}/groups", {"meeting": w.meeting.pk, "threshold": 0.3}).json()
    assert g["threshold"] == 0.3 and [{m["id"] for m in x["members"]} for x in g["groups"]] == [{a.pk, b.pk}]
    assert c.get(f"{API}/groups", {"meeting": w.meeting.pk, "threshold": 2}).status_code == 400
    u = c.get(f"{API}/units/{a.pk}").json()
    assert {x["unit"] for x in u["units"]} >= {"市教育局"} and u["model_trained"] is False
    assert c.get(f"{API}/compare/{a.pk}/{b.pk}").json()["passages"]

    p = make(w, EDUCATION, status=S.ANSWER_COSIGNED, number=9)
    asg = assign(p, w.party_unit, Assignment.Role.SOLE, state=Assignment.State.REPLIED)  # party unit → 提案委 audits
    r = Reply.objects.create(assignment=asg, round=1, body="已收悉，谢谢。", state=Reply.State.AUDITING)
    hints = c.get(f"{API}/hints/{p.pk}").json()
    assert hints[0]["reply"] == r.pk and {"too_short", "missing_result"} <= {h["code"] for h in hints[0]["hints"]}
    one = c.get(f"{API}/replies/{r.pk}/hints").json()
    assert one["unit"] == "市委宣传部" and one["hints"]


@pytest.mark.parametrize("role", [Role.HANDLING_UNIT, "party_unit_user"])
def test_handling_units_get_nothing(w, as_user, role):
    p = make(w, PARKING, status=S.ANSWER_COSIGNED, number=4)
    asg = assign(p, w.party_unit, Assignment.Role.SOLE, state=Assignment.State.REPLIED)
    assign(p, w.gov_unit, Assignment.Role.CO, state=Assignment.State.OPINION_SENT)
    r = Reply.objects.create(assignment=asg, round=1, body="已收悉。", state=Reply.State.AUDITING)
    c = as_user(w.users[role])
    for url in (f"{API}/similar?title=停车难&text=老旧小区", f"{API}/similar/{p.pk}", f"{API}/units/{p.pk}",
                f"{API}/groups?meeting={w.meeting.pk}", f"{API}/hints/{p.pk}", f"{API}/replies/{r.pk}/hints"):
        res = c.get(url)
        assert res.status_code == 403, url
        assert res.json()["detail"]


def test_members_may_not_use_staff_endpoints(w, as_user):
    p = make(w, PARKING, status=S.SUBMITTED, proposer=Role.MEMBER)
    c = as_user(w.users[Role.MEMBER])
    assert c.get(f"{API}/groups", {"meeting": w.meeting.pk}).status_code == 403
    assert c.get(f"{API}/units/{p.pk}").status_code == 403
    assert c.get(f"{API}/hints/{p.pk}").status_code == 403
