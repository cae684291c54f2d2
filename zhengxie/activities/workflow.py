"""活动 and 请假 state machines (issue 6, domain.md §5.1). Pure: no queries, no models.

The tables are the single source of which action moves a record from which state to which state.
Who may act is `permissions.py`; the hand-written expected matrices are docs/workflows/activities.csv
and docs/workflows/leave.csv.
"""
from django.db import models

from zhengxie.core.exceptions import TransitionNotAllowed


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已发布通知"
    IN_PROGRESS = "in_progress", "进行中(签到开放)"
    CLOSED = "closed", "已结束(记录完成)"
    ARCHIVED = "archived", "已归档"
    CANCELLED = "cancelled", "已取消"


class Action(models.TextChoices):
    PUBLISH = "publish", "发布通知"
    START = "start", "开始活动(开放签到)"
    CLOSE = "close", "结束并完成记录"
    REOPEN = "reopen", "重新打开补正记录"
    ARCHIVE = "archive", "归档"
    CANCEL = "cancel", "取消活动"


S, A = Status, Action

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, A.PUBLISH): S.PUBLISHED,
    (S.DRAFT, A.CANCEL): S.CANCELLED,
    (S.PUBLISHED, A.START): S.IN_PROGRESS,
    (S.PUBLISHED, A.CANCEL): S.CANCELLED,
    (S.IN_PROGRESS, A.CLOSE): S.CLOSED,
    (S.CLOSED, A.REOPEN): S.IN_PROGRESS,
    (S.CLOSED, A.ARCHIVE): S.ARCHIVED,
}

#: States in which the activity took or takes place: counted in figures, 档案 and compliance.
HELD_STATES = frozenset({S.IN_PROGRESS, S.CLOSED, S.ARCHIVED})
#: States visible to invited members (a draft is the organiser's only).
NOTIFIED_STATES = frozenset({S.PUBLISHED, S.IN_PROGRESS, S.CLOSED, S.ARCHIVED, S.CANCELLED})
#: States in which the organiser may change the details, the invitations and the records.
EDITABLE_STATES = frozenset({S.DRAFT, S.PUBLISHED, S.IN_PROGRESS})
#: States in which attendance, speakers and outcome figures are recorded.
RECORDING_STATES = frozenset({S.IN_PROGRESS})
#: States in which a member may ask for leave.
LEAVE_STATES = frozenset({S.PUBLISHED, S.IN_PROGRESS})


def next_status(current: str, action: str) -> str:
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise TransitionNotAllowed(Status(current).label, Action(action).label) from None


class LeaveState(models.TextChoices):
    REQUESTED = "requested", "待审批"
    APPROVED = "approved", "已准假"
    REFUSED = "refused", "不准假"
    WITHDRAWN = "withdrawn", "已撤回"


class LeaveAction(models.TextChoices):
    APPROVE = "approve", "准假"
    REFUSE = "refuse", "不准假"
    WITHDRAW = "withdraw", "撤回请假"


LS, LA = LeaveState, LeaveAction

LEAVE_TRANSITIONS: dict[tuple[str, str], str] = {
    (LS.REQUESTED, LA.APPROVE): LS.APPROVED,
    (LS.REQUESTED, LA.REFUSE): LS.REFUSED,
    (LS.REQUESTED, LA.WITHDRAW): LS.WITHDRAWN,
}


def next_leave_state(current: str, action: str) -> str:
    try:
        return LEAVE_TRANSITIONS[(current, action)]
    except KeyError:
        raise TransitionNotAllowed(LeaveState(current).label, LeaveAction(action).label) from None
