"""请假: the member asks, the approver set per kind (ActivityKind.leave_approver_role) answers; withdraw while pending."""
from __future__ import annotations

from django.urls import reverse

from zhengxie.accounts.models import RoleAssignment
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.core.writes import recorded_write

from .. import permissions
from ..models import Activity, LeaveRequest, Participation
from ..permissions import ORGANISER_ROLES
from ..workflow import LeaveAction, LeaveState
from ._common import leave_transition, notify, now


def approvers_of(a: Activity) -> list:
    role = a.kind.leave_approver_role
    qs = RoleAssignment.objects.filter(RoleAssignment.valid_on(now().date()), cppcc_id=a.cppcc_id, role=role)
    if role in ORGANISER_ROLES and role != Role.ADMIN:
        qs = qs.filter(organisation_id=a.organiser_id)
    return list({ra.user_id: ra.user for ra in qs.select_related("user")}.values())


def leave_request(*, activity: Activity, by, reason: str) -> LeaveRequest:
    reason = (reason or "").strip()
    member = permissions.member_of(by)
    with recorded_write(by=by, action="leave.request", allowed=member is not None,
                        message=f"{getattr(member, 'name', '')}请假：{activity.title}") as w:
        if not reason:
            raise ApplicationError("请填写请假事由。", field="reason")
        if not permissions.can_request_leave(by, activity):
            part = permissions.my_participation(by, activity)
            if part is None:
                raise ApplicationError("您不在本活动的参加名单中，无需请假。")
            if part.attended:
                raise ApplicationError("您已签到，不能再请假。")
            raise ApplicationError("活动已结束或已取消，不能请假。")
        if LeaveRequest.objects.filter(activity=activity, member=member, state__in=[LeaveState.REQUESTED,
                                                                                    LeaveState.APPROVED]).exists():
            raise ApplicationError("您已提交过本活动的请假，请勿重复提交。")
        leave = LeaveRequest.objects.create(cppcc_id=activity.cppcc_id, activity=activity, member=member, reason=reason[:300],
                                            requested_by=by)
        w.obj = leave
        w.data = {"from": "", "to": LeaveState.REQUESTED}
    notify(approvers_of(activity), f"请假待审批：{member.name}（{activity.title}）", reason,
           reverse("activities:leaves"), by=by, cppcc=activity.cppcc_id)
    return leave


def _member_user(leave):
    return [leave.member.user] if leave.member.user_id else []


def leave_approve(*, leave: LeaveRequest, by, note: str = "") -> LeaveRequest:
    leave = leave_transition(leave, LeaveAction.APPROVE, by, decided_by=by, decided_at=now(),
                             decision_note=(note or "").strip()[:200])
    Participation.objects.filter(activity_id=leave.activity_id, member_id=leave.member_id,
                                 attendance__in=[Participation.Attendance.PENDING, Participation.Attendance.ABSENT]
                                 ).update(attendance=Participation.Attendance.LEAVE)
    notify(_member_user(leave), f"请假已批准：{leave.activity.title}", leave.decision_note,
           reverse("activities:detail", args=[leave.activity_id]), by=by, cppcc=leave.cppcc_id)
    return leave


def leave_refuse(*, leave: LeaveRequest, by, note: str) -> LeaveRequest:
    note = (note or "").strip()
    if not note:
        raise ApplicationError("不准假须说明理由。", field="note")
    leave = leave_transition(leave, LeaveAction.REFUSE, by, decided_by=by, decided_at=now(), decision_note=note[:200])
    notify(_member_user(leave), f"请假未获批准：{leave.activity.title}", f"{note}。请按时参加。",
           reverse("activities:detail", args=[leave.activity_id]), by=by, cppcc=leave.cppcc_id)
    return leave


def leave_withdraw(*, leave: LeaveRequest, by) -> LeaveRequest:
    return leave_transition(leave, LeaveAction.WITHDRAW, by)
