"""表决 pages as a manager, a voter on a phone and a leader."""
import pytest
from django.urls import reverse

from zhengxie.core.roles import Role
from zhengxie.votes import services
from zhengxie.votes.models import Ballot, Participation, Vote

from .builders import choices, make_vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(persona, city):
    staff = persona(Role.PROPOSAL_STAFF)
    member = persona(Role.MEMBER)
    v = make_vote(staff, [member], title="市教育局提案办理测评", items=("市教育局",))
    return staff, member, v


def test_a_manager_creates_a_vote_from_the_form(client, login, persona, city):
    staff = persona(Role.PROPOSAL_STAFF)
    persona(Role.MEMBER)
    c = login(staff)
    resp = c.post(reverse("votes:create"), {"title": "评议表决", "items": "市教育局\n市交通运输局\n", "role_groups": ["member"],
                                            "quorum": "2/3"})
    v = Vote.objects.get(title="评议表决")
    assert resp.status_code == 302 and resp.url == reverse("votes:detail", args=[v.pk])
    assert v.items.count() == 2 and v.electors.count() == 1
    resp = c.post(reverse("votes:create"), {"title": "坏", "items": "甲", "quorum": "5/3"})
    assert resp.status_code == 400 and "法定比例" in resp.content.decode()


def test_the_ballot_page_takes_one_ballot_then_says_voted(client, login, setup):
    staff, member, v = setup
    c = login(member)
    page = c.get(reverse("votes:ballot", args=[v.pk])).content.decode()
    assert "提交选票" in page and "基本满意" in page and 'name="viewport"' in page
    item = v.items.get()
    resp = c.post(reverse("votes:ballot", args=[v.pk]), {f"item_{item.pk}": "basic"})
    assert resp.status_code == 302
    page = c.get(reverse("votes:ballot", args=[v.pk])).content.decode()
    assert "您已投票" in page and "提交选票" not in page
    resp = c.post(reverse("votes:ballot", args=[v.pk]), {f"item_{item.pk}": "satisfied"})
    assert resp.status_code == 400 and "已经投过票" in resp.content.decode()
    assert Participation.objects.count() == 1 and list(Ballot.objects.values_list("option", flat=True)) == ["basic"]


def test_the_list_shows_my_pending_vote(client, login, setup):
    staff, member, v = setup
    page = login(member).get(reverse("votes:list")).content.decode()
    assert "待我投票" in page and "市教育局提案办理测评" in page


def test_results_only_after_closing_and_excel(client, login, persona, setup):
    staff, member, v = setup
    services.vote_cast(by=member, vote=v, choices=choices(v, "satisfied"))
    leader = persona(Role.LEADER)
    assert login(leader).get(reverse("votes:results", args=[v.pk])).status_code == 403
    v = services.vote_close(by=staff, vote=v)
    page = login(leader).get(reverse("votes:results", args=[v.pk])).content.decode()
    assert "100.0" in page and "有效" in page
    assert login(member).get(reverse("votes:results", args=[v.pk])).status_code == 403  # not yet published
    resp = login(staff).get(reverse("votes:results", args=[v.pk]) + "?format=xlsx")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")


def test_someone_outside_the_electorate_does_not_see_the_vote(client, login, persona, setup):
    staff, member, v = setup
    other = persona(Role.HANDLING_UNIT)
    assert login(other).get(reverse("votes:detail", args=[v.pk])).status_code == 404


def test_manager_actions_from_the_detail_page(client, login, setup):
    staff, member, v = setup
    c = login(staff)
    assert "结束投票" in c.get(reverse("votes:detail", args=[v.pk])).content.decode()
    assert c.post(reverse("votes:act", args=[v.pk, "close"])).status_code == 302
    assert c.post(reverse("votes:act", args=[v.pk, "close"])).status_code == 400
    assert Vote.objects.get(pk=v.pk).status == "closed"


def test_a_voter_sees_the_whole_turnout_in_the_list(client, login, persona, city):
    from .builders import voters

    staff = persona(Role.PROPOSAL_STAFF)
    people = voters(city, 3)
    v = make_vote(staff, people, items=("甲",))
    services.vote_cast(by=people[1], vote=v, choices=choices(v, "satisfied"))
    page = login(people[0]).get(reverse("votes:list")).content.decode()
    assert "<td>1/3</td>" in page


def test_to_dos_for_voters_and_for_managers_after_the_deadline(persona, city):
    import datetime as dt

    from django.utils import timezone

    from zhengxie.core.todos import todos_for

    staff, member = persona(Role.PROPOSAL_STAFF), persona(Role.MEMBER)
    v = make_vote(staff, [member], items=("甲",), closes_at=timezone.now() + dt.timedelta(days=1))
    assert [t.kind for t in todos_for(member) if t.module == "表决"] == ["vote.cast"]
    Vote.objects.filter(pk=v.pk).update(closes_at=timezone.now() - dt.timedelta(hours=1))
    assert [t.kind for t in todos_for(staff) if t.module == "表决"] == ["vote.close"]
    assert not [t for t in todos_for(member) if t.module == "表决"]


def test_the_electorate_can_be_the_members_of_a_meeting(client, login, city):
    from zhengxie.activities.models import Participation as Attendance
    from zhengxie.activities.tests.builders import build_world, make_activity

    w = build_world(city)
    a = make_activity(w, status="in_progress", kind="research", invite=[w.users[Role.MEMBER], w.users["other_member"]])
    Attendance.objects.filter(activity=a, member=w.users[Role.MEMBER].member).update(attendance="present")
    c = login(w.users[Role.COMMITTEE_STAFF])
    c.post(reverse("votes:create"), {"title": "受邀", "items": "甲", "activity": a.pk, "quorum": "2/3"})
    c.post(reverse("votes:create"), {"title": "出席", "items": "甲", "activity": a.pk, "attended_only": "on", "quorum": "1/2"})
    assert Vote.objects.get(title="受邀").electors.count() == 2
    assert list(Vote.objects.get(title="出席").electors.values_list("user__username", flat=True)) == [w.users[Role.MEMBER].username]
    resp = c.post(reverse("votes:create"), {"title": "无", "items": "甲", "activity": 999999, "quorum": "2/3"})
    assert resp.status_code == 400 and "没有找到该活动" in resp.content.decode()


def test_htmx_search_returns_only_the_results(client, login, setup):
    staff, member, v = setup
    resp = login(staff).get(reverse("votes:list") + "?q=教育", HTTP_HX_REQUEST="true")
    body = resp.content.decode()
    assert resp.status_code == 200 and "<html" not in body and "市教育局提案办理测评" in body
