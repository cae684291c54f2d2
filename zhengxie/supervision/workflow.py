"""重点提案遴选 (KeySelection) and 督办跟进事项 (FollowUp) state machines (domain.md §3.9). Pure: no queries.

The tables are the single source of which action moves a record from which state to which state.
Who may act is `permissions.py`; the hand-written expected matrix is docs/workflows/supervision.csv.
"""
from django.db import models

from zhengxie.core.exceptions import TransitionNotAllowed


class Status(models.TextChoices):
    RECOMMENDING = "recommending", "征集推荐中"
    SHORTLISTED = "shortlisted", "初选名单已定"
    DISCUSSED = "discussed", "遴选协商会已召开"
    SUBMITTED = "submitted", "报请审定中"
    APPROVED = "approved", "已审定"
    CANCELLED = "cancelled", "已取消"


class Action(models.TextChoices):
    SHORTLIST = "shortlist", "确定初选名单"
    REOPEN = "reopen", "重新征集推荐"
    HOLD_MEETING = "hold_meeting", "登记遴选协商会"
    SUBMIT = "submit", "报请审定"
    APPROVE = "approve", "登记审定通过"
    RETURN = "return", "退回重新遴选"
    CANCEL = "cancel", "取消本轮遴选"


S, A = Status, Action

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.RECOMMENDING, A.SHORTLIST): S.SHORTLISTED,
    (S.RECOMMENDING, A.CANCEL): S.CANCELLED,
    (S.SHORTLISTED, A.REOPEN): S.RECOMMENDING,
    (S.SHORTLISTED, A.HOLD_MEETING): S.DISCUSSED,
    (S.SHORTLISTED, A.CANCEL): S.CANCELLED,
    (S.DISCUSSED, A.SUBMIT): S.SUBMITTED,
    (S.DISCUSSED, A.CANCEL): S.CANCELLED,
    (S.SUBMITTED, A.APPROVE): S.APPROVED,
    (S.SUBMITTED, A.RETURN): S.DISCUSSED,
}

#: States in which 党派/专委会/提案委/承办单位 may recommend.
RECOMMEND_STATES = frozenset({S.RECOMMENDING})
#: States in which 提案委 marks the shortlist.
SHORTLIST_STATES = frozenset({S.RECOMMENDING})
#: States in which 提案委 marks the proposed final list and the leaders.
SELECT_STATES = frozenset({S.DISCUSSED})
#: States in which the leader assignment may still change (after approval: a correction, in the timeline).
LEADER_STATES = frozenset({S.DISCUSSED, S.SUBMITTED, S.APPROVED})
#: A round that is not finished: at most one per 会议.
OPEN_STATES = frozenset({S.RECOMMENDING, S.SHORTLISTED, S.DISCUSSED, S.SUBMITTED})


def next_status(current: str, action: str) -> str:
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise TransitionNotAllowed(Status(current).label, Action(action).label) from None


class FollowUpState(models.TextChoices):
    OPEN = "open", "待落实"
    DONE = "done", "已报落实情况"
    CLOSED = "closed", "已销号"


class FollowUpAction(models.TextChoices):
    REPORT = "report", "报送落实情况"
    CLOSE = "close", "销号"
    REOPEN = "reopen", "退回继续落实"


FS, FA = FollowUpState, FollowUpAction

FOLLOWUP_TRANSITIONS: dict[tuple[str, str], str] = {
    (FS.OPEN, FA.REPORT): FS.DONE,
    (FS.OPEN, FA.CLOSE): FS.CLOSED,
    (FS.DONE, FA.CLOSE): FS.CLOSED,
    (FS.DONE, FA.REOPEN): FS.OPEN,
    (FS.CLOSED, FA.REOPEN): FS.OPEN,
}


def next_followup_state(current: str, action: str) -> str:
    try:
        return FOLLOWUP_TRANSITIONS[(current, action)]
    except KeyError:
        raise TransitionNotAllowed(FollowUpState(current).label, FollowUpAction(action).label) from None
