"""表决 state machine (generic anonymous votes). Pure: no queries, no models.

draft ─open─▶ open ─close─▶ closed ─publish─▶ published;  draft/open ─cancel─▶ cancelled.
Who may act is `permissions.py` (the vote's managers: 提案委/专委会工作人员 and administrators of the 政协).
"""
from django.db import models

from zhengxie.core.exceptions import TransitionNotAllowed


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    OPEN = "open", "投票中"
    CLOSED = "closed", "已结束"
    PUBLISHED = "published", "结果已公布"
    CANCELLED = "cancelled", "已取消"


class Action(models.TextChoices):
    OPEN = "open", "开始投票"
    CLOSE = "close", "结束投票"
    PUBLISH = "publish", "公布结果"
    CANCEL = "cancel", "取消表决"


S, A = Status, Action

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, A.OPEN): S.OPEN,
    (S.DRAFT, A.CANCEL): S.CANCELLED,
    (S.OPEN, A.CLOSE): S.CLOSED,
    (S.OPEN, A.CANCEL): S.CANCELLED,
    (S.CLOSED, A.PUBLISH): S.PUBLISHED,
}

#: States whose counts may be read (by managers and leaders; voters once published).
COUNTED_STATES = frozenset({S.CLOSED, S.PUBLISHED})


def next_status(current: str, action: str) -> str:
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise TransitionNotAllowed(Status(current).label, Action(action).label) from None
