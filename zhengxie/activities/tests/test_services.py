"""Activities, invitations, notices, 请假 with the approver per kind, closing, outcome figures, appointments."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.activities import permissions, selectors, services
from zhengxie.activities.models import Activity, Appointment, LeaveRequest, Participation
from zhengxie.activities.workflow import LeaveState, Status
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member
from zhengxie.notifications.models import Notification

from .builders import make_activity


def _create(world, by, **extra):
    start = timezone.now() + dt.timedelta(days=3)
    fields = dict(kind=world.kind("research"), title="民营经济发展专题调研", organiser=world.orgs["经济委员会"],
                  start_at=start, end_at=start + dt.timedelta(hours=4), location="高新区")
    fields.update(extra)
    return services.activity_create(by=by, **fields)


def test_kinds_are_seeded_once_and_edits_survive_a_second_seeding(world):
    kind = world.kind("study")
    services.activity_kind_update(kind=kind, by=world.users[Role.ADMIN], name="理论学习", leave_approver_role=Role.LEADER,
                                  signin_required=True)
    again = {k.code: k for k in services.activity_kinds_ensure(world.cppcc)}
    assert len(again) == len(services.DEFAULT_KINDS)
    assert again["study"].name == "理论学习" and again["study"].leave_approver_role == Role.LEADER
    assert again["plenary"].leave_approver_role == Role.LEADER and again["research"].leave_approver_role == Role.COMMITTEE_STAFF


def test_only_an_administrator_edits_a_kind(world):
    with pytest.raises(PermissionDenied):
        services.activity_kind_update(kind=world.kind("study"), by=world.users[Role.COMMITTEE_STAFF], name="x",
                                      leave_approver_role=Role.LEADER, signin_required=True)


def test_an_organiser_records_activities_of_their_own_organisation_only(world):
    staff = world.users[Role.COMMITTEE_STAFF]
    a = _create(world, staff)
    assert a.status == Status.DRAFT and a.created_by == staff
    with pytest.raises(ApplicationError, match="谁组织谁记录"):
        _create(world, staff, organiser=world.orgs["提案委员会"])
    assert _create(world, world.users[Role.ADMIN], organiser=world.orgs["提案委员会"]).organiser.name == "提案委员会"


def test_members_and_leaders_cannot_record_activities(world):
    for role in (Role.MEMBER, Role.LEADER, Role.HANDLING_UNIT):
        with pytest.raises(PermissionDenied):
            _create(world, world.users[role])


def test_bad_input_is_refused_with_chinese_messages(world):
    staff = world.users[Role.COMMITTEE_STAFF]
    start = timezone.now()
    with pytest.raises(ApplicationError, match="请填写活动名称"):
        _create(world, staff, title="  ")
    with pytest.raises(ApplicationError, match="结束时间不能早于开始时间"):
        _create(world, staff, start_at=start, end_at=start - dt.timedelta(hours=1))
    assert not Activity.objects.exists()


def test_publishing_needs_invitees_and_notifies_them(world, django_capture_on_commit_callbacks):
    staff = world.users[Role.COMMITTEE_STAFF]
    a = _create(world, staff)
    with pytest.raises(ApplicationError, match="请先邀请参加的委员"):
        services.activity_publish(activity=a, by=staff)
    services.activity_invite(activity=a, member_ids=[world.users[Role.MEMBER].member.pk], by=staff)
    with django_capture_on_commit_callbacks(execute=True):
        services.activity_publish(activity=a, by=staff)
    note = Notification.objects.get(recipient=world.users[Role.MEMBER])
    assert note.title == "活动通知：民营经济发展专题调研" and "请假" in note.body
    assert not Notification.objects.filter(recipient=world.users["other_member"]).exists()


def test_members_invited_after_the_notice_are_notified_at_once(world, django_capture_on_commit_callbacks):
    staff = world.users[Role.COMMITTEE_STAFF]
    a = make_activity(world, status=Status.PUBLISHED, invite=[world.users[Role.MEMBER]])
    with django_capture_on_commit_callbacks(execute=True):
        n = services.activity_invite(activity=a, member_ids=[world.users["other_member"].member.pk,
                                                             world.users[Role.MEMBER].member.pk], by=staff)
    assert n == 1
    assert Notification.objects.filter(recipient=world.users["other_member"], title__startswith="活动通知").exists()


def test_a_member_without_a_seat_on_the_day_cannot_be_invited(world):
    gone = make_member(world.cppcc, "已离任委员", term=world.term, sector=world.sector, end=dt.date(2023, 1, 1))
    a = make_activity(world)
    with pytest.raises(ApplicationError, match="不是本政协委员"):
        services.activity_invite(activity=a, member_ids=[gone.pk], by=world.users[Role.COMMITTEE_STAFF])


def test_closing_records_absent_and_approved_leave(world):
    staff = world.users[Role.COMMITTEE_STAFF]
    member, standing, other = (world.users[Role.MEMBER], world.users[Role.STANDING_MEMBER], world.users["other_member"])
    a = make_activity(world, status=Status.PUBLISHED, invite=[member, standing, other])
    leave = services.leave_request(activity=a, by=standing, reason="参加省政协培训")
    services.leave_approve(leave=leave, by=staff)
    services.activity_start(activity=a, by=staff)
    part = Participation.objects.get(activity=a, member=member.member)
    services.activity_proxy_sign_in(participation=part, by=staff, reason="现场核实")
    services.activity_close(activity=a, by=staff, summary="形成调研报告初稿")
    got = dict(Participation.objects.filter(activity=a).values_list("member__user__username", "attendance"))
    assert got == {member.username: "proxy", standing.username: "leave", other.username: "absent"}
    a.refresh_from_db()
    assert a.summary == "形成调研报告初稿" and a.closed_at


def test_records_are_read_only_after_closing_until_reopened(world):
    staff = world.users[Role.COMMITTEE_STAFF]
    a = make_activity(world, status=Status.CLOSED, invite=[world.users[Role.MEMBER]])
    with pytest.raises(PermissionDenied):
        services.outcome_add(activity=a, by=staff, name="走访农户", unit="户", value=540)
    with pytest.raises(ApplicationError, match="须说明原因"):
        services.activity_reopen(activity=a, by=staff, reason="")
    services.activity_reopen(activity=a, by=staff, reason="补录成果数据")
    a.refresh_from_db()
    assert services.outcome_add(activity=a, by=staff, name="走访农户", unit="户", value=540, approximate=True).value == 540


def test_outcome_figures_are_records_with_units(world):
    staff = world.users[Role.COMMITTEE_STAFF]
    a = make_activity(world, status=Status.IN_PROGRESS)
    o = services.outcome_add(activity=a, by=staff, name="捐款", unit="元", value="700,000", approximate=True)
    assert str(o) == "捐款700000余元" and o.value == Decimal("700000.00")
    with pytest.raises(ApplicationError, match="单位应为"):
        services.outcome_add(activity=a, by=staff, name="捐款", unit="万元", value=70)
    with pytest.raises(ApplicationError, match="数量应填写数字"):
        services.outcome_add(activity=a, by=staff, name="走访农户", unit="户", value="五百")
    with pytest.raises(ApplicationError, match="数量应大于0"):
        services.outcome_add(activity=a, by=staff, name="走访农户", unit="户", value=0)


def test_speakers_are_planned_and_an_absent_member_may_only_submit_a_written_speech(world):
    staff = world.users[Role.COMMITTEE_STAFF]
    a = make_activity(world, status=Status.IN_PROGRESS, invite=[world.users[Role.MEMBER]])
    part = Participation.objects.get(activity=a)
    services.attendance_set(participation=part, attendance="absent", by=staff)
    with pytest.raises(ApplicationError, match="可登记为书面发言"):
        services.speaker_set(participation=part, by=staff, is_speaker=True, speech_title="关于降低物流成本", speech_kind="oral")
    part = services.speaker_set(participation=part, by=staff, is_speaker=True, speech_title="关于降低物流成本",
                                speech_kind="written")
    assert part.is_speaker and part.speech_kind == "written"


# 请假 ------------------------------------------------------------------------------------------------

def test_a_leave_request_goes_to_the_kinds_approver_and_the_answer_to_the_member(world, django_capture_on_commit_callbacks):
    member, staff = world.users[Role.MEMBER], world.users[Role.COMMITTEE_STAFF]
    a = make_activity(world, status=Status.PUBLISHED, invite=[member])
    with django_capture_on_commit_callbacks(execute=True):
        leave = services.leave_request(activity=a, by=member, reason="外出开会")
    assert Notification.objects.filter(recipient=staff, title__startswith="请假待审批").exists()
    assert not Notification.objects.filter(recipient=world.users["agri_staff"]).exists()
    assert list(selectors.leave_queue_for(staff)) == [leave]
    assert list(selectors.leave_queue_for(world.users["agri_staff"])) == []
    with pytest.raises(ApplicationError, match="不准假须说明理由"):
        services.leave_refuse(leave=leave, by=staff, note="")
    with django_capture_on_commit_callbacks(execute=True):
        services.leave_refuse(leave=leave, by=staff, note="本次调研需您牵头")
    assert Notification.objects.filter(recipient=member, title__startswith="请假未获批准").exists()
    assert Participation.objects.get(activity=a).attendance == "pending"


def test_a_plenary_leave_is_approved_by_a_leader_not_by_committee_staff(world):
    member, leader = world.users[Role.MEMBER], world.users[Role.LEADER]
    a = make_activity(world, status=Status.PUBLISHED, kind="plenary", invite=[member])
    leave = services.leave_request(activity=a, by=member, reason="因病住院")
    assert not permissions.can_leave(world.users[Role.COMMITTEE_STAFF], "approve", leave)
    with pytest.raises(PermissionDenied):
        services.leave_approve(leave=leave, by=world.users[Role.COMMITTEE_STAFF])
    services.leave_approve(leave=leave, by=leader)
    assert Participation.objects.get(activity=a).attendance == "leave"
    assert [lv.pk for lv in selectors.leave_queue_for(leader, LeaveState.APPROVED)] == [leave.pk]


def test_leave_is_refused_twice_after_sign_in_and_for_members_not_invited(world):
    member = world.users[Role.MEMBER]
    a = make_activity(world, status=Status.PUBLISHED, invite=[member])
    with pytest.raises(ApplicationError, match="请填写请假事由"):
        services.leave_request(activity=a, by=member, reason="")
    services.leave_request(activity=a, by=member, reason="出差")
    with pytest.raises(ApplicationError, match="请勿重复提交"):
        services.leave_request(activity=a, by=member, reason="出差")
    with pytest.raises(ApplicationError, match="不在本活动的参加名单中"):
        services.leave_request(activity=a, by=world.users["other_member"], reason="出差")
    assert LeaveRequest.objects.count() == 1


def test_a_withdrawn_leave_can_be_asked_again(world):
    member = world.users[Role.MEMBER]
    a = make_activity(world, status=Status.PUBLISHED, invite=[member])
    services.leave_withdraw(leave=services.leave_request(activity=a, by=member, reason="出差"), by=member)
    assert services.leave_request(activity=a, by=member, reason="家中有事").state == LeaveState.REQUESTED


def test_a_leave_approved_after_closing_turns_absent_into_leave(world):
    member, staff = world.users[Role.MEMBER], world.users[Role.COMMITTEE_STAFF]
    a = make_activity(world, status=Status.IN_PROGRESS, invite=[member])
    leave = services.leave_request(activity=a, by=member, reason="临时出差")
    services.activity_close(activity=a, by=staff)
    assert Participation.objects.get(activity=a).attendance == "absent"
    services.leave_approve(leave=leave, by=staff)
    assert Participation.objects.get(activity=a).attendance == "leave"


# Appointments ----------------------------------------------------------------------------------------

def test_appointments_are_recorded_with_terms_and_ended(world):
    staff = world.users[Role.COMMITTEE_STAFF]
    member = world.users[Role.MEMBER].member
    appt = services.appointment_create(by=staff, member=member, kind=Appointment.Kind.DEMOCRATIC_SUPERVISOR,
                                       org_name="市水利局", start_date=dt.date(2023, 3, 1))
    assert str(appt) == f"{member.name} · 民主监督员（市水利局）"
    with pytest.raises(ApplicationError, match="不能早于开始日期"):
        services.appointment_end(appointment=appt, by=staff, end_date=dt.date(2023, 1, 1))
    services.appointment_end(appointment=appt, by=staff, end_date=dt.date(2024, 2, 29))
    facts = selectors.appointment_facts(world.cppcc.pk, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert facts == [{"appointment_id": appt.pk, "member_id": member.pk, "kind": "democratic_supervisor", "label": "民主监督员",
                      "org_name": "市水利局", "start_date": dt.date(2023, 3, 1), "end_date": dt.date(2024, 2, 29)}]
    assert selectors.appointment_facts(world.cppcc.pk, dt.date(2025, 1, 1), dt.date(2025, 12, 31)) == []
    with pytest.raises(ApplicationError, match="请填写名称"):
        services.appointment_create(by=staff, member=member, kind="other", org_name="市营商环境局", start_date=dt.date(2023, 1, 1))
    with pytest.raises(PermissionDenied):
        services.appointment_create(by=world.users[Role.MEMBER], member=member, kind="special_supervisor", org_name="市监委",
                                    start_date=dt.date(2023, 1, 1))


def test_attendance_facts_give_one_row_per_member_and_held_activity(world):
    staff = world.users[Role.COMMITTEE_STAFF]
    member, other = world.users[Role.MEMBER], world.users["other_member"]
    a = make_activity(world, status=Status.IN_PROGRESS, invite=[member, other], start=timezone.now() - dt.timedelta(hours=1))
    make_activity(world, status=Status.PUBLISHED, invite=[member], title="尚未举行")
    services.activity_proxy_sign_in(participation=Participation.objects.get(activity=a, member=member.member), by=staff,
                                    reason="核实到会")
    services.speaker_set(participation=Participation.objects.get(activity=a, member=member.member), by=staff, is_speaker=True,
                         speech_title="关于优化营商环境")
    services.activity_close(activity=a, by=staff)
    day = timezone.localdate()
    rows = {r["member_id"]: r for r in selectors.attendance_facts(world.cppcc.pk, day - dt.timedelta(days=1), day)}
    assert set(rows) == {member.member.pk, other.member.pk}
    assert rows[member.member.pk]["attended"] and rows[member.member.pk]["proxy"] and rows[member.member.pk]["is_speaker"]
    assert rows[other.member.pk]["attendance"] == "absent" and rows[other.member.pk]["kind"] == "research"
    assert [r["member_id"] for r in selectors.speech_facts(world.cppcc.pk, day - dt.timedelta(days=1), day)] == [member.member.pk]
    summary = selectors.member_activity_summary(member.member, day - dt.timedelta(days=1), day)
    assert summary == {"invited": 1, "attended": 1, "leave": 0, "absent": 0, "speeches": 1}
