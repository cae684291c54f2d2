import datetime as dt

import pytest

from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member, make_term
from zhengxie.members.models import Meeting


def test_the_member_list_is_paged_and_staff_see_contact_fields(login, persona, city, term, orgs, zhang, li):
    for i in range(21):
        make_member(city, f"委员{i:02d}", term=term, sector=orgs["经济界"])
    client = login(persona(Role.PROPOSAL_STAFF))
    body = client.get("/api/v1/members/").json()
    assert (body["count"], body["page"], body["num_pages"], len(body["results"])) == (23, 1, 2, 20)
    page2 = client.get("/api/v1/members/", {"page": 2}).json()
    assert len(page2["results"]) == 3
    found = client.get("/api/v1/members/", {"q": "zs"}).json()["results"]
    assert [r["name"] for r in found] == ["张三"]
    assert found[0]["phone"] == "13800000001" and found[0]["seat"]["sector"] == "经济界"
    assert found[0]["seat"]["committee"] == "经济委员会"


def test_members_do_not_get_other_members_contact_fields(login, persona, zhang):
    row = login(persona(Role.MEMBER)).get("/api/v1/members/").json()["results"][0]
    assert row["name"] == "张三" and "phone" not in row and "email" not in row and "birth_date" not in row


def test_filters_by_sector_and_committee(login, persona, zhang, li, orgs):
    client = login(persona(Role.LEADER))
    assert [r["name"] for r in client.get("/api/v1/members/", {"sector": orgs["教育界"].pk}).json()["results"]] == ["李四"]
    assert [r["name"] for r in client.get("/api/v1/members/", {"committee": orgs["经济委员会"].pk}).json()["results"]] == ["张三"]


def test_member_detail_lists_every_seat(login, persona, zhang):
    body = login(persona(Role.ADMIN)).get(f"/api/v1/members/{zhang.pk}").json()
    assert body["name"] == "张三" and body["birth_date"] == "1970-01-02"
    assert [m["term"] for m in body["memberships"]] == ["十四届"]


@pytest.mark.parametrize("path", ["/api/v1/members/", "/api/v1/members/meetings"])
def test_a_handling_unit_gets_403(login, persona, path):
    response = login(persona(Role.HANDLING_UNIT)).get(path)
    assert response.status_code == 403 and response.json()["detail"]


def test_another_cppccs_member_or_meeting_is_404(login, persona, county):
    other_term = make_term(county, 14)
    other = make_member(county, "县委员", term=other_term)
    meeting = Meeting.objects.create(cppcc=county, term=other_term, kind="plenary", number=1, name="县会",
                                     start_date=dt.date(2022, 1, 5), end_date=dt.date(2022, 1, 6))
    client = login(persona(Role.MEMBER))
    assert client.get(f"/api/v1/members/{other.pk}").status_code == 404
    assert client.get(f"/api/v1/members/meetings/{meeting.pk}").status_code == 404


def test_meetings_list_and_detail(login, persona, city, term):
    meeting = Meeting.objects.create(cppcc=city, term=term, kind="plenary", number=2, name="十四届二次会议",
                                     start_date=dt.date(2023, 1, 10), end_date=dt.date(2023, 1, 13))
    meeting.sittings.create(seq=1, date=dt.date(2023, 1, 10), period="am", title="开幕大会")
    Meeting.objects.create(cppcc=city, term=term, kind="chair", number=1, name="主席会议", start_date=dt.date(2023, 2, 1),
                           end_date=dt.date(2023, 2, 1))
    client = login(persona(Role.PROPOSAL_STAFF))
    assert [m["name"] for m in client.get("/api/v1/members/meetings", {"kind": "plenary"}).json()] == ["十四届二次会议"]
    body = client.get(f"/api/v1/members/meetings/{meeting.pk}").json()
    assert body["kind_label"] == "全体会议" and body["term"] == "十四届"
    assert body["sittings"] == [{"seq": 1, "date": "2023-01-10", "period": "上午", "title": "开幕大会"}]


def test_anonymous_requests_are_refused(client):
    assert client.get("/api/v1/members/").status_code == 401
