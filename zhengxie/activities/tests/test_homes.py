"""委员之家: registry from the organisation tree, receptions, the quarterly rule, alerts before a quarter ends."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.activities import daily, selectors, services
from zhengxie.activities.models import MemberHome
from zhengxie.activities.workflow import Status
from zhengxie.core.jobs import registered
from zhengxie.core.models import ConfigValue
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_org, make_user
from zhengxie.notifications.models import Notification

from .builders import make_activity

TZ = timezone.get_current_timezone()


@pytest.fixture
def homes(world):
    liaison = make_org(world.cppcc, "社会法制委员联络委员会", Organisation.Kind.COMMITTEE)
    for name, county in (("武乡县农商行委员之家", "武乡县"), ("故城镇委员之家", "武乡县"), ("潞州区东街街道委员之家", "潞州区")):
        make_org(world.cppcc, name, Organisation.Kind.MEMBER_HOME, short_name=county, parent=liaison, address=f"{county}某地")
    assert services.member_home_ensure(cppcc=world.cppcc, by=world.users[Role.ADMIN]) == 3
    assert services.member_home_ensure(cppcc=world.cppcc, by=world.users[Role.ADMIN]) == 0
    liaison_staff = make_user(world.cppcc, "liaison-staff", roles=[Role.COMMITTEE_STAFF], org=liaison, name="联络委工作人员")
    homes = {h.name: h for h in MemberHome.objects.filter(cppcc=world.cppcc)}
    wx = homes["武乡县农商行委员之家"]
    services.member_home_update(home=wx, by=world.users[Role.ADMIN], home_type="home", county="武乡县", address=wx.address,
                                lead_member=world.users[Role.MEMBER].member, member_ids=[world.users[Role.MEMBER].member.pk],
                                standards={"position": True, "sign": True, "bogus": True})
    return homes, liaison_staff


def held_at(world, home, day: dt.date, status=Status.CLOSED):
    start = dt.datetime.combine(day, dt.time(9), tzinfo=TZ)
    return make_activity(world, status=status, kind="home", organiser=home.organisation, start=start, title=f"{home.name}活动",
                         home=home)


def test_the_registry_is_built_from_the_member_home_organisations(world, homes):
    homes, _ = homes
    wx = homes["武乡县农商行委员之家"]
    wx.refresh_from_db()
    assert wx.county == "武乡县" and wx.lead_member == world.users[Role.MEMBER].member
    assert wx.standards == {"position": True, "sign": True}
    assert selectors.home_counties(world.users[Role.ADMIN]) == ["武乡县", "潞州区"]


def test_an_activity_organised_by_a_home_is_logged_at_that_home(world, homes):
    homes, liaison_staff = homes
    wx = homes["武乡县农商行委员之家"]
    home_staff = make_user(world.cppcc, "home-staff", roles=[Role.COMMITTEE_STAFF], org=wx.organisation)
    start = timezone.now() + dt.timedelta(days=1)
    a = services.activity_create(by=home_staff, kind=world.kind("home"), title="委员接待日", organiser=wx.organisation,
                                 start_at=start, end_at=start + dt.timedelta(hours=2))
    assert a.home == wx


def test_quarterly_compliance_per_home_and_per_county(world, homes):
    homes, _ = homes
    wx, gc, lz = homes["武乡县农商行委员之家"], homes["故城镇委员之家"], homes["潞州区东街街道委员之家"]
    held_at(world, wx, dt.date(2023, 2, 10))
    held_at(world, wx, dt.date(2023, 5, 10))
    held_at(world, gc, dt.date(2023, 1, 5))
    held_at(world, gc, dt.date(2023, 4, 5), status=Status.CANCELLED)  # a cancelled activity does not count
    held_at(world, lz, dt.date(2023, 4, 20))
    rows = {r["home"].name: [q["state"] for q in r["quarters"]]
            for r in selectors.home_compliance(world.cppcc.pk, 2023, on=dt.date(2023, 6, 20))}
    assert rows == {"武乡县农商行委员之家": ["ok", "ok", "future", "future"],
                    "故城镇委员之家": ["ok", "open", "future", "future"],
                    "潞州区东街街道委员之家": ["missed", "ok", "future", "future"]}
    counties = {c["county"]: c for c in selectors.county_compliance(world.cppcc.pk, 2023, on=dt.date(2023, 6, 20))}
    assert counties["武乡县"]["homes"] == 2 and counties["武乡县"]["quarters"][0] == {"quarter": 1, "ok": 2, "missed": 0, "open": 0,
                                                                                   "activities": 2}
    assert counties["潞州区"]["quarters"][0]["missed"] == 1


def test_the_minimum_per_quarter_is_configurable(world, homes):
    homes, _ = homes
    wx = homes["武乡县农商行委员之家"]
    held_at(world, wx, dt.date(2023, 2, 10))
    ConfigValue.objects.create(cppcc=world.cppcc, key="activities.home_min_per_quarter", value=2, valid_from=dt.date(2023, 1, 1))
    row = next(r for r in selectors.home_compliance(world.cppcc.pk, 2023, on=dt.date(2023, 12, 31)) if r["home"] == wx)
    assert row["quarters"][0] == {"quarter": 1, "count": 1, "minimum": 2, "state": "missed"}


def test_homes_without_an_activity_are_alerted_fifteen_days_before_the_quarter_ends_once(world, homes,
                                                                                         django_capture_on_commit_callbacks):
    homes, liaison_staff = homes
    held_at(world, homes["故城镇委员之家"], dt.date(2023, 5, 5))
    assert "委员之家季度活动提醒" in registered()
    with django_capture_on_commit_callbacks(execute=True):
        assert daily.home_quarter_alerts(dt.date(2023, 6, 14)) == 0  # 16 days before 30 June
    with django_capture_on_commit_callbacks(execute=True):
        sent = daily.home_quarter_alerts(dt.date(2023, 6, 15))
    titles = set(Notification.objects.values_list("recipient__username", "title"))
    assert (world.users[Role.MEMBER].username, "委员之家季度活动提醒：武乡县农商行委员之家（2023年第2季度）") in titles
    assert (liaison_staff.username, "委员之家季度活动提醒：武乡县农商行委员之家（2023年第2季度）") in titles
    assert not any("故城镇" in t for _, t in titles)
    assert sent == 3  # 武乡: lead member + 联络委 staff; 潞州区 (no lead member): 联络委 staff
    with django_capture_on_commit_callbacks(execute=True):
        assert daily.home_quarter_alerts(dt.date(2023, 6, 16)) == 0


def test_receptions_are_logged_by_the_lead_member_or_staff(world, homes):
    homes, _ = homes
    wx = homes["武乡县农商行委员之家"]
    wx.refresh_from_db()
    r = services.home_reception_add(home=wx, by=world.users[Role.MEMBER], date=dt.date(2023, 3, 8), visitor="王大爷",
                                    issue="村里道路破损", duty_member=world.users[Role.MEMBER].member, follow_up="已转交镇政府")
    assert r.home == wx
    with pytest.raises(PermissionDenied):
        services.home_reception_add(home=wx, by=world.users["other_member"], date=dt.date(2023, 3, 8), visitor="张",
                                    issue="问题")
    facts = selectors.home_duty_facts(world.cppcc.pk, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert facts == [{"member_id": world.users[Role.MEMBER].member.pk, "receptions": 1}]


def test_the_home_pages_show_the_quarters_receptions_and_refuse_members_editing(world, homes, login):
    from django.urls import reverse

    homes, liaison_staff = homes
    wx = homes["武乡县农商行委员之家"]
    held_at(world, wx, dt.date(timezone.localdate().year, 1, 10))
    staff = login(liaison_staff)
    page = staff.get(reverse("activities:home_detail", args=[wx.pk])).content.decode()
    assert "第1季度：1次" in page and "有阵地 ✓" in page
    r = staff.post(reverse("activities:reception_add", args=[wx.pk]), {"date": "2023-03-08", "visitor": "李大姐",
                                                                       "issue": "孩子上学远"})
    assert r.status_code == 302 and "李大姐" in staff.get(reverse("activities:home_detail", args=[wx.pk])).content.decode()
    listing = staff.get(reverse("activities:homes"), {"county": "武乡县"}).content.decode()
    assert "故城镇委员之家" in listing and "潞州区东街街道委员之家" not in listing
    assert staff.get(reverse("activities:compliance"), {"format": "xlsx"}).status_code == 200
    member = login(world.users[Role.MEMBER])
    assert member.get(reverse("activities:home_detail", args=[wx.pk])).status_code == 200
    assert member.get(reverse("activities:home_edit", args=[wx.pk])).status_code == 403
    assert login(world.users["other_member"]).get(reverse("activities:home_detail", args=[wx.pk])).status_code == 404
    staff = login(liaison_staff)
    edit = staff.post(reverse("activities:home_edit", args=[wx.pk]), {"home_type": "studio", "county": "武乡县", "std_rules": "on"})
    assert edit.status_code == 302
    wx.refresh_from_db()
    assert wx.home_type == "studio" and wx.standards["rules"] is True and wx.lead_member is None
