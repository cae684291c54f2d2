"""To-dos of the 活动 module (zhengxie.core.todos): members and organisers/approvers."""
from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from zhengxie.core import todos

from . import permissions, selectors, signin
from .models import Participation
from .workflow import LeaveState, Status

MODULE = "委员履职"


def _url(a) -> str:
    return reverse("activities:detail", args=[a.pk])


@todos.register
def member_todos(user) -> list[todos.TodoItem]:
    """委员: activities to confirm, sign-ins open now, leave requests waiting for an answer."""
    if permissions.member_of(user) is None:
        return []
    out = []
    now = timezone.now()
    for a in selectors.my_activities(user, "upcoming")[:50]:
        mine = a.mine[0] if a.mine else None
        if mine is None or mine.attendance != Participation.Attendance.PENDING:
            continue
        day = timezone.localtime(a.start_at).date()
        opens, closes = signin.window(a)
        if a.status == Status.IN_PROGRESS and opens <= now <= closes:
            out.append(todos.TodoItem("activity.sign_in", MODULE, f"签到：{a.title}", reverse("activities:sign_in", args=[a.pk]),
                                      day, "扫描现场二维码或输入6位签到码"))
        elif mine.registered_at is None:
            out.append(todos.TodoItem("activity.confirm", MODULE, f"确认参加：{a.title}", _url(a), day,
                                      f"{a.location or ''} 不能参加的请请假"))
    for leave in selectors.my_leaves(user).filter(state=LeaveState.REQUESTED)[:20]:
        out.append(todos.TodoItem("activity.leave_pending", MODULE, f"请假待批复：{leave.activity.title}", _url(leave.activity),
                                  timezone.localtime(leave.activity.start_at).date(), "等待审批人批复"))
    return out


@todos.register
def organiser_todos(user) -> list[todos.TodoItem]:
    """组织单位/审批人: leave requests to answer; held activities whose records are not complete."""
    out = []
    for leave in selectors.leave_queue_for(user)[:50]:
        out.append(todos.TodoItem("activity.leave_approve", MODULE, f"审批请假：{leave.member.name}（{leave.activity.title}）",
                                  reverse("activities:leaves"), timezone.localtime(leave.activity.start_at).date(),
                                  leave.reason[:60]))
    if permissions.is_organiser_role(user):
        for a in selectors.activities_to_close(user)[:50]:
            missing = []
            if a.has_pending:
                missing.append(f"{a.n_pending}人未签到")
            if not a.has_outcomes:
                missing.append("未登记成果数据")
            detail = "；".join(missing) or "核对出席情况后结束"
            out.append(todos.TodoItem("activity.close", MODULE, f"完成活动记录：{a.title}", _url(a),
                                      timezone.localtime(a.end_at).date(), detail))
    return out
