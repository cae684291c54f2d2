"""民主评议 (of 提案办理), 整改 and 年度评优 state machines (domain.md §3.10). Pure: no queries.

Appraisal:   draft ─start_vote─▶ voting ─close_vote─▶ rectifying ─review(回头看)─▶ reviewed ─close─▶ closed
             draft ─cancel─▶ cancelled
整改 item:    open ─feedback(承办单位)─▶ reported ─accept─▶ done;  reported ─send_back─▶ open
评优 round:   nominating ─start_review─▶ reviewing ─approve─▶ approved;  reviewing ─reopen─▶ nominating
Who acts (ACTORS): 提案委(办) and administrators run rounds and accept 整改; the 承办单位 of the item reports.
"""
from django.db import models

from zhengxie.core.exceptions import TransitionNotAllowed
from zhengxie.core.roles import Role


class Status(models.TextChoices):
    DRAFT = "draft", "筹备中"
    VOTING = "voting", "评议投票中"
    RECTIFYING = "rectifying", "整改中"
    REVIEWED = "reviewed", "已回头看"
    CLOSED = "closed", "已完成"
    CANCELLED = "cancelled", "已取消"


class Action(models.TextChoices):
    START_VOTE = "start_vote", "召开评议会并开始投票"
    CLOSE_VOTE = "close_vote", "结束投票并公布结果"
    REVIEW = "review", "完成回头看"
    CLOSE = "close", "完成评议"
    CANCEL = "cancel", "取消评议"


S, A = Status, Action
STAFF = frozenset({Role.PROPOSAL_STAFF, Role.ADMIN})

TRANSITIONS: dict[tuple[str, str], tuple[frozenset, str]] = {
    (S.DRAFT, A.START_VOTE): (STAFF, S.VOTING),
    (S.DRAFT, A.CANCEL): (STAFF, S.CANCELLED),
    (S.VOTING, A.CLOSE_VOTE): (STAFF, S.RECTIFYING),
    (S.RECTIFYING, A.REVIEW): (STAFF, S.REVIEWED),
    (S.REVIEWED, A.CLOSE): (STAFF, S.CLOSED),
}

#: States with results (the vote is closed): counted in figures, shown to units and on proposals.
RESULT_STATES = frozenset({S.RECTIFYING, S.REVIEWED, S.CLOSED})
#: States in which 整改 items are added and reported on.
RECTIFY_STATES = frozenset({S.RECTIFYING, S.REVIEWED})


def next_status(current: str, action: str) -> str:
    try:
        return TRANSITIONS[(current, action)][1]
    except KeyError:
        raise TransitionNotAllowed(Status(current).label, Action(action).label) from None


class RectState(models.TextChoices):
    OPEN = "open", "整改中"
    REPORTED = "reported", "已反馈待确认"
    DONE = "done", "已完成"


class RectAction(models.TextChoices):
    FEEDBACK = "feedback", "反馈整改情况"
    ACCEPT = "accept", "确认完成"
    SEND_BACK = "send_back", "退回继续整改"


UNIT = frozenset({Role.HANDLING_UNIT})
RECT_TRANSITIONS: dict[tuple[str, str], tuple[frozenset, str]] = {
    (RectState.OPEN, RectAction.FEEDBACK): (UNIT, RectState.REPORTED),
    (RectState.REPORTED, RectAction.FEEDBACK): (UNIT, RectState.REPORTED),
    (RectState.REPORTED, RectAction.ACCEPT): (STAFF, RectState.DONE),
    (RectState.REPORTED, RectAction.SEND_BACK): (STAFF, RectState.OPEN),
}


def next_rect_state(current: str, action: str) -> str:
    try:
        return RECT_TRANSITIONS[(current, action)][1]
    except KeyError:
        raise TransitionNotAllowed(RectState(current).label, RectAction(action).label) from None


class AwardStatus(models.TextChoices):
    NOMINATING = "nominating", "征集推荐"
    REVIEWING = "reviewing", "评审中"
    APPROVED = "approved", "已审议通过"


class AwardAction(models.TextChoices):
    START_REVIEW = "start_review", "结束推荐，开始评审"
    APPROVE = "approve", "审议通过名单"
    REOPEN = "reopen", "退回补充推荐"


AWARD_TRANSITIONS: dict[tuple[str, str], tuple[frozenset, str]] = {
    (AwardStatus.NOMINATING, AwardAction.START_REVIEW): (STAFF, AwardStatus.REVIEWING),
    (AwardStatus.REVIEWING, AwardAction.APPROVE): (STAFF, AwardStatus.APPROVED),
    (AwardStatus.REVIEWING, AwardAction.REOPEN): (STAFF, AwardStatus.NOMINATING),
}


def next_award_status(current: str, action: str) -> str:
    try:
        return AWARD_TRANSITIONS[(current, action)][1]
    except KeyError:
        raise TransitionNotAllowed(AwardStatus(current).label, AwardAction(action).label) from None
