import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member, make_org, make_term
from zhengxie.members import selectors
from zhengxie.members.models import Meeting, Membership


def names(qs):
    return sorted(m.name for m in qs)


def test_the_directory_lists_only_members_of_the_viewers_own_cppcc(persona, county, zhang, li):
    make_member(county, "县委员甲", term=make_term(county, 14))
    assert names(selectors.member_list_for(persona(Role.PROPOSAL_STAFF))) == ["张三", "李四"]
    county_staff = persona(Role.PROPOSAL_STAFF, county)
    assert names(selectors.member_list_for(county_staff)) == ["县委员甲"]


def test_a_county_never_sees_another_countys_members(persona, county, other_county):
    make_member(county, "甲县委员", term=make_term(county, 14))
    make_member(other_county, "乙县委员", term=make_term(other_county, 14))
    assert names(selectors.member_list_for(persona(Role.MEMBER, county))) == ["甲县委员"]
    assert names(selectors.member_list_for(persona(Role.MEMBER, other_county))) == ["乙县委员"]


def test_a_member_of_another_cppcc_is_not_found(persona, county):
    other = make_member(county, "县委员", term=make_term(county, 14))
    with pytest.raises(Http404):
        selectors.member_get_for(persona(Role.ADMIN), other.pk)


def test_a_membership_that_ended_yesterday_is_gone_today_but_shows_for_last_year(persona, city, term, orgs):
    today = timezone.localdate()
    make_member(city, "王五", term=term, sector=orgs["经济界"], start=dt.date(2022, 1, 1), end=today - dt.timedelta(days=1))
    staff = persona(Role.PROPOSAL_STAFF)
    assert names(selectors.member_list_for(staff)) == []
    assert names(selectors.member_list_for(staff, on=today - dt.timedelta(days=365))) == ["王五"]
    assert names(selectors.member_list_for(staff, term=term)) == ["王五"]


def test_an_added_member_appears_only_from_the_start_date(persona, city, term, orgs):
    start = timezone.localdate() + dt.timedelta(days=10)
    make_member(city, "增补委员", term=term, sector=orgs["教育界"], start=start)
    staff = persona(Role.PROPOSAL_STAFF)
    assert names(selectors.member_list_for(staff)) == []
    assert names(selectors.member_list_for(staff, on=start)) == ["增补委员"]
    assert names(selectors.member_list_for(staff, on=start - dt.timedelta(days=1))) == []


def test_search_by_name_pinyin_initials_override_and_employer(persona, city, term, orgs, zhang, li):
    shan = make_member(city, "单雄信", term=term, sector=orgs["经济界"], employer="瓦岗寨")
    staff = persona(Role.PROPOSAL_STAFF)
    assert names(selectors.member_list_for(staff, q="张")) == ["张三"]
    assert names(selectors.member_list_for(staff, q="ZS")) == ["张三"]
    assert names(selectors.member_list_for(staff, q="sx")) == ["单雄信"]
    assert names(selectors.member_list_for(staff, q="第一中学")) == ["李四"]
    shan.pinyin_override = "shanxx"
    shan.save()
    assert names(selectors.member_list_for(staff, q="shan")) == ["单雄信"]
    assert names(selectors.member_list_for(staff, q="sx")) == []  # the override replaces the computed initials


def test_filters_apply_to_the_same_seat(persona, city, term, orgs, zhang, li):
    staff = persona(Role.PROPOSAL_STAFF)
    assert names(selectors.member_list_for(staff, sector=orgs["教育界"])) == ["李四"]
    assert names(selectors.member_list_for(staff, committee=orgs["经济委员会"].pk)) == ["张三"]
    assert names(selectors.member_list_for(staff, standing="1")) == ["李四"]
    assert names(selectors.member_list_for(staff, standing="0")) == ["张三"]
    assert names(selectors.member_list_for(staff, party=orgs["民革"])) == []


def test_each_row_carries_its_matching_seat(persona, zhang):
    row = selectors.member_list_for(persona(Role.PROPOSAL_STAFF)).get(pk=zhang.pk)
    assert row.seats[0].sector.name == "经济界" and row.seats[0].term.name == "十四届"


@pytest.mark.parametrize("size", [10, 50])
def test_the_directory_query_count_does_not_depend_on_page_size(persona, city, term, orgs, size):
    committee = orgs["经济委员会"]
    for i in range(size):
        make_member(city, f"委员{i:02d}", term=term, sector=orgs["经济界" if i % 2 else "教育界"], committee=committee)
    staff = persona(Role.PROPOSAL_STAFF)
    selectors.member_list_for(staff)  # warm the role cache
    with CaptureQueriesContext(connection) as ctx:
        rows = list(selectors.member_list_for(staff)[:size])
        labels = [(r.seats[0].sector.name, r.seats[0].committee.name, r.seats[0].term.name) for r in rows]
    assert len(labels) == size
    assert len(ctx.captured_queries) == 2  # members + their seats (with 届次/界别/专委会/党派 joined)


def test_roles_outside_the_directory_are_refused(persona):
    for role in (Role.HANDLING_UNIT, Role.INFORMANT, Role.ORG_SUBMITTER):
        with pytest.raises(PermissionDenied):
            selectors.member_list_for(persona(role))


def test_membership_on_a_date(city, term, orgs):
    member = make_member(city, "王五", term=term, sector=orgs["经济界"], start=dt.date(2022, 1, 1), end=dt.date(2023, 6, 30))
    assert selectors.membership_on(member, dt.date(2023, 6, 30)).sector.name == "经济界"
    assert selectors.membership_on(member, dt.date(2023, 7, 1)) is None


def test_the_current_term_is_the_one_running_today(city):
    make_term(city, 13, start=dt.date(2017, 1, 1)).__class__.objects.filter(number=13).update(end_date=dt.date(2021, 12, 31))
    fourteen = make_term(city, 14, start=dt.date(2022, 1, 1))
    assert selectors.term_current(city) == fourteen
    assert selectors.term_current(city, on=dt.date(2019, 5, 1)).number == 13


def test_meetings_are_scoped_and_filtered(persona, city, county, term):
    Meeting.objects.create(cppcc=city, term=term, kind="plenary", number=1, name="一次会议", start_date=dt.date(2022, 1, 5),
                           end_date=dt.date(2022, 1, 8))
    Meeting.objects.create(cppcc=city, term=term, kind="chair", number=1, name="主席会议", start_date=dt.date(2022, 2, 5),
                           end_date=dt.date(2022, 2, 5))
    county_term = make_term(county, 14)
    other = Meeting.objects.create(cppcc=county, term=county_term, kind="plenary", number=1, name="县一次会议",
                                   start_date=dt.date(2022, 1, 5), end_date=dt.date(2022, 1, 8))
    staff = persona(Role.PROPOSAL_STAFF)
    assert [m.name for m in selectors.meeting_list_for(staff)] == ["主席会议", "一次会议"]
    assert [m.name for m in selectors.meeting_list_for(staff, kind="plenary", term=term.pk)] == ["一次会议"]
    with pytest.raises(Http404):
        selectors.meeting_get_for(staff, other.pk)


def test_city_sees_counts_per_county_on_a_date_and_nothing_else(persona, city, county, other_county):
    sector_a = make_org(county, "经济界", Organisation.Kind.SECTOR)
    term_a = make_term(county, 14)
    make_member(county, "甲1", term=term_a, sector=sector_a, is_standing=True)
    make_member(county, "甲2", term=term_a, sector=sector_a, end=dt.date(2023, 1, 1))
    make_member(other_county, "乙1", term=make_term(other_county, 14))
    rows = selectors.member_counts_by_county(persona(Role.PROPOSAL_STAFF), dt.date(2022, 6, 1))
    assert [(r["cppcc"].name, r["members"], r["standing"]) for r in rows] == [("甲县政协", 2, 1), ("乙县政协", 1, 0)]
    today = selectors.member_counts_by_county(persona(Role.LEADER))
    assert [r["members"] for r in today] == [1, 1]


def test_a_county_user_or_a_city_member_cannot_see_county_counts(persona, county):
    with pytest.raises(PermissionDenied):
        selectors.member_counts_by_county(persona(Role.ADMIN, county))
    with pytest.raises(PermissionDenied):
        selectors.member_counts_by_county(persona(Role.MEMBER))


def test_the_timeline_shows_member_and_seat_events_newest_first(persona, city, term, orgs):
    from zhengxie.members import services

    admin = persona(Role.ADMIN)
    member = services.member_create(cppcc=city, by=admin, name="赵六")
    seat = services.membership_add(member=member, term=term, sector=orgs["经济界"], start_date=dt.date(2022, 3, 1), by=admin)
    services.membership_end(membership=seat, end_date=dt.date(2023, 3, 1), end_reason=Membership.EndReason.RESIGNED, by=admin)
    messages = [e.message for e in selectors.member_timeline(member)]
    assert messages == ["十四届任职结束：辞去（2023-03-01）", "增补为十四届委员（经济界，自2022-03-01起）", "新建委员档案「赵六」"]
