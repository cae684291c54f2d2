"""Sign-in with the rotating QR token or the 6-digit code: only the current and previous slot, only inside the
window, only once; 代签 by the organiser only with a reason (audited)."""
from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.activities import services, signin
from zhengxie.activities.models import ActivitySitting, Participation
from zhengxie.activities.workflow import Status
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import AuditLog, Event
from zhengxie.core.roles import Role

from .builders import make_activity


@pytest.fixture
def held(world):
    start = timezone.now() - dt.timedelta(minutes=5)
    return make_activity(world, status=Status.IN_PROGRESS, start=start, invite=[world.users[Role.MEMBER],
                                                                              world.users[Role.STANDING_MEMBER]])


def test_a_member_signs_in_with_the_current_token(world, held):
    member = world.users[Role.MEMBER]
    part = services.activity_sign_in(activity=held, by=member, token=signin.token_for(held))
    assert part.attendance == Participation.Attendance.PRESENT and part.signed_in_at and part.signed_by == member
    assert Event.objects.filter(verb="activity.sign_in", object_id=str(held.pk)).exists()


def test_the_token_of_the_previous_slot_is_still_accepted(world, held):
    now = timezone.now()
    earlier = now - dt.timedelta(seconds=signin.slot_seconds(held))
    part = services.activity_sign_in(activity=held, by=world.users[Role.MEMBER], token=signin.token_for(held, earlier), now=now)
    assert part.attended


def test_a_replayed_token_from_an_expired_slot_is_refused_in_chinese(world, held):
    now = timezone.now()
    old = signin.token_for(held, now - dt.timedelta(seconds=3 * signin.slot_seconds(held)))
    with pytest.raises(ApplicationError, match="签到码已过期"):
        services.activity_sign_in(activity=held, by=world.users[Role.MEMBER], token=old, now=now)
    assert Participation.objects.get(activity=held, member=world.users[Role.MEMBER].member).attendance == "pending"


def test_a_forged_or_foreign_token_is_refused(world, held):
    other = make_activity(world, status=Status.IN_PROGRESS, start=held.start_at, title="另一活动")
    for token in ("", "abc", f"{signin.slot_of(held)}-0000", signin.token_for(other)):
        with pytest.raises(ApplicationError, match="签到码"):
            services.activity_sign_in(activity=held, by=world.users[Role.MEMBER], token=token)


def test_a_sign_in_outside_the_window_is_refused(world, held):
    member = world.users[Role.MEMBER]
    before = held.start_at - dt.timedelta(hours=2)
    with pytest.raises(ApplicationError, match="签到尚未开始"):
        services.activity_sign_in(activity=held, by=member, token=signin.token_for(held, before), now=before)
    after = held.end_at + dt.timedelta(minutes=30)
    with pytest.raises(ApplicationError, match="签到已于.*截止"):
        services.activity_sign_in(activity=held, by=member, token=signin.token_for(held, after), now=after)


def test_the_own_sign_in_window_of_an_activity_is_used(world):
    start = timezone.now() + dt.timedelta(hours=1)
    a = make_activity(world, status=Status.IN_PROGRESS, start=start, invite=[world.users[Role.MEMBER]],
                      signin_opens_at=start - dt.timedelta(hours=2), signin_closes_at=start + dt.timedelta(minutes=15))
    part = services.activity_sign_in(activity=a, by=world.users[Role.MEMBER], token=signin.token_for(a))
    assert part.attended


def test_a_second_sign_in_is_refused(world, held):
    member = world.users[Role.MEMBER]
    services.activity_sign_in(activity=held, by=member, token=signin.token_for(held))
    with pytest.raises(ApplicationError, match="无需重复签到"):
        services.activity_sign_in(activity=held, by=member, token=signin.token_for(held))


def test_sign_in_is_refused_before_the_organiser_opens_it(world):
    a = make_activity(world, status=Status.PUBLISHED, start=timezone.now(), invite=[world.users[Role.MEMBER]])
    with pytest.raises(ApplicationError, match="尚未开始签到"):
        services.activity_sign_in(activity=a, by=world.users[Role.MEMBER], token=signin.token_for(a))


def test_an_uninvited_member_cannot_sign_in_unless_registration_is_open(world, held):
    other = world.users["other_member"]
    with pytest.raises(ApplicationError, match="不在本活动的参加名单中"):
        services.activity_sign_in(activity=held, by=other, token=signin.token_for(held))
    held.open_registration = True
    held.save()
    part = services.activity_sign_in(activity=held, by=other, token=signin.token_for(held))
    assert part.attended and not part.invited


def test_staff_without_a_member_record_cannot_sign_in(world, held):
    with pytest.raises(PermissionDenied):
        services.activity_sign_in(activity=held, by=world.users[Role.COMMITTEE_STAFF], token=signin.token_for(held))


def test_the_short_code_signs_in_and_a_wrong_code_is_refused(world, held):
    member = world.users[Role.MEMBER]
    with pytest.raises(ApplicationError, match="6位"):
        services.activity_sign_in(activity=held, by=member, code="12")
    wrong = f"{(int(signin.code_for(held)) + 1) % 1_000_000:06d}"
    if wrong == signin.code_for(held, slot=signin.slot_of(held) - 1):
        wrong = f"{(int(wrong) + 1) % 1_000_000:06d}"
    with pytest.raises(ApplicationError, match="签到码不正确或已过期"):
        services.activity_sign_in(activity=held, by=member, code=wrong)
    assert services.activity_sign_in(activity=held, by=member, code=signin.code_for(held)).attended


def test_signing_in_marks_the_sittings_of_the_day(world, held):
    today = timezone.localdate()
    ActivitySitting.objects.create(activity=held, seq=1, date=today, period="am")
    ActivitySitting.objects.create(activity=held, seq=2, date=today + dt.timedelta(days=1), period="am")
    part = services.activity_sign_in(activity=held, by=world.users[Role.MEMBER], token=signin.token_for(held))
    assert [s.seq for s in part.sittings.all()] == [1]


def test_proxy_sign_in_without_a_reason_is_refused(world, held):
    part = Participation.objects.get(activity=held, member=world.users[Role.MEMBER].member)
    with pytest.raises(ApplicationError, match="代签必须填写原因"):
        services.activity_proxy_sign_in(participation=part, by=world.users[Role.COMMITTEE_STAFF], reason="  ")
    part.refresh_from_db()
    assert part.attendance == "pending"


def test_proxy_sign_in_with_a_reason_is_recorded_and_audited(world, held):
    staff = world.users[Role.COMMITTEE_STAFF]
    part = Participation.objects.get(activity=held, member=world.users[Role.MEMBER].member)
    services.activity_proxy_sign_in(participation=part, by=staff, reason="手机无法扫码，经现场核实到会")
    part.refresh_from_db()
    assert part.attendance == Participation.Attendance.PROXY and part.signed_by == staff
    assert part.proxy_reason == "手机无法扫码，经现场核实到会"
    event = Event.objects.filter(verb="activity.proxy_sign_in").latest("id")
    assert "手机无法扫码" in event.message and event.actor == staff
    assert AuditLog.objects.filter(action="activity.proxy_sign_in", actor=staff).exists()


def test_proxy_sign_in_is_refused_to_others_than_the_organiser(world, held):
    part = Participation.objects.get(activity=held, member=world.users[Role.MEMBER].member)
    for who in (world.users["agri_staff"], world.users[Role.STANDING_MEMBER], world.users[Role.LEADER]):
        with pytest.raises(PermissionDenied):
            services.activity_proxy_sign_in(participation=part, by=who, reason="代为签到")


def test_the_present_state_can_only_come_from_sign_in_or_proxy(world, held):
    part = Participation.objects.get(activity=held, member=world.users[Role.MEMBER].member)
    with pytest.raises(ApplicationError, match="出席只能由委员本人签到或经代签"):
        services.attendance_set(participation=part, attendance="present", by=world.users[Role.COMMITTEE_STAFF])


def test_the_slot_length_is_configurable(world, held):
    from zhengxie.core.models import ConfigValue

    ConfigValue.objects.create(cppcc=world.cppcc, key="activities.signin_slot_seconds", value=30,
                               valid_from=dt.date(2000, 1, 1))
    assert signin.slot_seconds(held) == 30
    now = timezone.now()
    old = signin.token_for(held, now - dt.timedelta(seconds=65))
    with pytest.raises(ApplicationError, match="每30秒更新"):
        services.activity_sign_in(activity=held, by=world.users[Role.MEMBER], token=old, now=now)
