import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import AuditLog, Event
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_org, make_term
from zhengxie.members import services
from zhengxie.members.models import Meeting, Member, Membership


@pytest.fixture
def admin(persona):
    return persona(Role.ADMIN)


# Members ------------------------------------------------------------------------------------------

def test_creating_a_member_computes_pinyin_and_writes_timeline_and_audit(city, admin):
    member = services.member_create(cppcc=city, by=admin, name="曾国藩", phone="13800000009", gender="M")
    assert member.pinyin_initials == "zgf"
    audit = AuditLog.objects.get(action="member.create")
    assert audit.after["name"] == "曾国藩" and audit.actor == admin and audit.cppcc_id == city.pk
    assert Event.objects.get(object_id=str(member.pk)).message == "新建委员档案「曾国藩」"


def test_a_name_change_recomputes_the_initials_and_the_override_stays(admin, zhang):
    services.member_update(member=zhang, by=admin, pinyin_override="ZSAN")
    updated = services.member_update(member=zhang, by=admin, name="李三")
    assert updated.pinyin_initials == "ls" and updated.pinyin_override == "zsan"
    assert Event.objects.filter(verb="member.update").first().message == "修改了委员信息：姓名"
    audit = AuditLog.objects.filter(action="member.update").first()
    assert audit.changes["name"] == ["张三", "李三"]


@pytest.mark.parametrize("data,message", [
    ({"name": " "}, "请填写委员姓名。"),
    ({"phone": "12345"}, "手机号码「12345」格式不正确，应为11位手机号或带区号的固定电话。"),
    ({"email": "not-an-email"}, "电子邮箱「not-an-email」格式不正确。"),
    ({"pinyin_override": "张s"}, "拼音首字母只能填写英文字母（如 sxm），最多20个。"),
    ({"birth_date": dt.date(2999, 1, 1)}, "出生日期不能晚于今天。"),
])
def test_bad_profile_input_is_refused_in_chinese_and_nothing_changes(admin, zhang, data, message):
    with pytest.raises(ApplicationError) as exc:
        services.member_update(member=zhang, by=admin, **data)
    assert exc.value.message == message
    zhang.refresh_from_db()
    assert zhang.name == "张三" and not AuditLog.objects.exists()


@pytest.mark.parametrize("role", [Role.PROPOSAL_STAFF, Role.MEMBER, Role.LEADER])
def test_only_admin_and_committee_staff_edit_members(persona, zhang, role):
    with pytest.raises(PermissionDenied):
        services.member_update(member=zhang, by=persona(role), employer="新单位")


def test_committee_staff_may_edit_but_a_county_admin_may_not_touch_city_members(persona, county, zhang):
    services.member_update(member=zhang, by=persona(Role.COMMITTEE_STAFF), employer="新单位")
    with pytest.raises(PermissionDenied):
        services.member_update(member=zhang, by=persona(Role.ADMIN, county), employer="县里改的")


# Memberships --------------------------------------------------------------------------------------

def test_an_added_seat_and_its_end_with_reason(admin, zhang, term, orgs):
    seat = zhang.memberships.get()
    services.membership_end(membership=seat, end_date=dt.date(2023, 5, 1), end_reason=Membership.EndReason.RESIGNED, by=admin)
    new = services.membership_add(member=zhang, term=term, sector=orgs["教育界"], start_date=dt.date(2023, 6, 1), by=admin,
                                  party=orgs["民革"])
    assert new.start_reason == Membership.StartReason.ADDED and new.party == orgs["民革"]
    seat.refresh_from_db()
    assert (seat.end_date, seat.end_reason) == (dt.date(2023, 5, 1), "resigned")
    assert AuditLog.objects.filter(action="membership.end").get().changes["end_reason"] == ["", "resigned"]


def test_end_date_before_start_is_refused(admin, zhang):
    seat = zhang.memberships.get()
    with pytest.raises(ApplicationError, match="结束日期不能早于任职开始日期（2022-01-01）。"):
        services.membership_end(membership=seat, end_date=dt.date(2021, 12, 31), end_reason="revoked", by=admin)


def test_an_ended_seat_cannot_be_ended_again(admin, zhang):
    seat = zhang.memberships.get()
    services.membership_end(membership=seat, end_date=dt.date(2023, 1, 1), end_reason="revoked", by=admin)
    with pytest.raises(ApplicationError, match="该任职已于2023-01-01结束（撤销），不能重复办理。"):
        services.membership_end(membership=seat, end_date=dt.date(2023, 2, 1), end_reason="resigned", by=admin)


def test_overlapping_seats_in_one_term_are_refused(admin, zhang, term, orgs):
    with pytest.raises(ApplicationError) as exc:
        services.membership_add(member=zhang, term=term, sector=orgs["经济界"], start_date=dt.date(2023, 1, 1), by=admin)
    assert exc.value.message == "张三在十四届已有任职（2022-01-01起，仍有效），日期不能重叠；如需调整，请先办理结束任职。"


def test_a_seat_must_use_this_cppccs_sector_and_lie_inside_the_term(admin, county, zhang, term, orgs):
    foreign = make_org(county, "县经济界", Organisation.Kind.SECTOR)
    member = Member.objects.create(cppcc=zhang.cppcc, name="新人")
    with pytest.raises(ApplicationError, match="所选界别「县经济界」不属于本政协的界别列表。"):
        services.membership_add(member=member, term=term, sector=foreign, start_date=dt.date(2023, 1, 1), by=admin)
    with pytest.raises(ApplicationError, match="所选专委会「经济界」不属于本政协的专委会列表。"):
        services.membership_add(member=member, term=term, sector=orgs["经济界"], committee=orgs["经济界"],
                                start_date=dt.date(2023, 1, 1), by=admin)
    with pytest.raises(ApplicationError, match=r"任职开始日期不能早于十四届开始日期（2022-01-01）。"):
        services.membership_add(member=member, term=term, sector=orgs["经济界"], start_date=dt.date(2021, 1, 1), by=admin)


# Terms and meetings -------------------------------------------------------------------------------

def test_term_create_names_the_term_and_refuses_duplicates(city, admin):
    term = services.term_create(cppcc=city, number=15, start_date=dt.date(2027, 1, 1), by=admin)
    assert term.name == "十五届"
    with pytest.raises(ApplicationError, match="本政协已有第15届（十五届），不能重复创建。"):
        services.term_create(cppcc=city, number=15, start_date=dt.date(2027, 1, 1), by=admin)
    with pytest.raises(ApplicationError, match="届次结束日期不能早于开始日期。"):
        services.term_create(cppcc=city, number=16, start_date=dt.date(2032, 1, 1), end_date=dt.date(2031, 1, 1), by=admin)


def test_only_admin_manages_terms_and_meetings(persona, city, term):
    with pytest.raises(PermissionDenied):
        services.term_create(cppcc=city, number=15, start_date=dt.date(2027, 1, 1), by=persona(Role.PROPOSAL_STAFF))
    with pytest.raises(PermissionDenied):
        services.meeting_create(cppcc=city, term=term, kind="plenary", number=1, start_date=dt.date(2022, 1, 5),
                                end_date=dt.date(2022, 1, 8), by=persona(Role.COMMITTEE_STAFF))


def _at(*args):
    return timezone.make_aware(dt.datetime(*args))


def _plenary(city, term, admin, **extra):
    data = {"kind": "plenary", "number": 3, "start_date": dt.date(2024, 1, 10), "end_date": dt.date(2024, 1, 13),
            "proposal_window_start": dt.date(2023, 10, 10), "proposal_deadline": _at(2024, 1, 12, 17)}
    data.update(extra)
    return services.meeting_create(cppcc=city, term=term, by=admin, **data)


def test_a_plenary_gets_its_customary_name_and_an_audit_row(city, admin, term):
    meeting = _plenary(city, term, admin)
    assert meeting.name == "测试市政协十四届三次会议"
    assert AuditLog.objects.get(action="meeting.create").after["number"] == 3


@pytest.mark.parametrize("extra,message", [
    ({"end_date": dt.date(2024, 1, 9)}, "会议结束日期不能早于开始日期。"),
    ({"proposal_window_start": dt.date(2024, 1, 11)}, "大会提案征集开始日期不能晚于会议开始日期。"),
    ({"proposal_deadline": _at(2023, 10, 1, 17)}, "提案截止时间应晚于大会提案征集开始日期。"),
    ({"handling_deadline": dt.date(2023, 12, 1)}, "办复截止日期不能早于会议开始日期。"),
    ({"start_date": dt.date(2021, 1, 1), "end_date": dt.date(2021, 1, 2), "proposal_window_start": None},
     "会议开始日期不能早于十四届开始日期（2022-01-01）。"),
])
def test_meeting_dates_are_validated_in_chinese(city, admin, term, extra, message):
    with pytest.raises(ApplicationError) as exc:
        _plenary(city, term, admin, **extra)
    assert exc.value.message == message
    assert not Meeting.objects.exists() and not AuditLog.objects.exists()


def test_the_same_number_twice_in_a_term_and_kind_is_refused_clearly(city, admin, term):
    _plenary(city, term, admin)
    with pytest.raises(ApplicationError) as exc:
        _plenary(city, term, admin)
    assert exc.value.message == "十四届已有第三次全体会议（「测试市政协十四届三次会议」），同一届次同类会议的“次”不能重复。"
    standing = _plenary(city, term, admin, kind="standing", proposal_window_start=None, proposal_deadline=None)
    assert standing.name == "测试市政协十四届常委会第三次会议"


def test_meeting_update_revalidates_and_records_changes(city, admin, term):
    meeting = _plenary(city, term, admin)
    services.meeting_update(meeting=meeting, by=admin, location="市会议中心")
    assert AuditLog.objects.get(action="meeting.update").changes["location"] == ["", "市会议中心"]
    with pytest.raises(ApplicationError, match="会议结束日期不能早于开始日期。"):
        services.meeting_update(meeting=meeting, by=admin, end_date=dt.date(2024, 1, 1))
    other_term = make_term(city, 13, start=dt.date(2017, 1, 1))
    services.meeting_update(meeting=meeting, by=admin, term=other_term)
    meeting.refresh_from_db()
    assert meeting.term == other_term


def test_sittings_are_numbered_and_must_fall_inside_the_meeting(city, admin, term):
    meeting = _plenary(city, term, admin)
    first = services.sitting_add(meeting=meeting, date=dt.date(2024, 1, 10), period="am", title="开幕会", by=admin)
    second = services.sitting_add(meeting=meeting, date=dt.date(2024, 1, 10), period="pm", by=admin)
    assert (first.seq, second.seq) == (1, 2)
    assert Event.objects.filter(verb="meeting.sitting_add").first().message == "新增第2场：2024-01-10 下午"
    with pytest.raises(ApplicationError, match="场次日期应在会议日期（2024-01-10至2024-01-13）之内。"):
        services.sitting_add(meeting=meeting, date=dt.date(2024, 1, 14), by=admin)


def test_chinese_numbers():
    assert [services.chinese_number(n) for n in (1, 10, 14, 20, 21)] == ["一", "十", "十四", "二十", "二十一"]
