"""社情民意信息 state machine (domain.md §4.8). Pure: no queries, no models.

The local path: draft → submitted → accepted | returned | not_used; returned → submitted;
accepted → edited → in_issue → issued (本级编发). Reporting upward (报送) is NOT a state: it is an
UpwardReport row, possible from accepted, edited, in_issue and issued whatever the local path does
(the review: 160 published locally, 780 reported upward). Upper-level 采用 and 批示 are external facts
(Adoption / Instruction rows). The hand-written expected matrix is docs/workflows/opinions.csv.
"""
from django.db import models

from zhengxie.core.exceptions import TransitionNotAllowed


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已报送(待初筛)"
    RETURNED = "returned", "退回修改"
    NOT_USED = "not_used", "不采用"
    ACCEPTED = "accepted", "已采用(待编辑)"
    EDITED = "edited", "已编辑"
    IN_ISSUE = "in_issue", "已编入期刊(待签发)"
    ISSUED = "issued", "已编发"


class Action(models.TextChoices):
    SUBMIT = "submit", "报送"
    RESUBMIT = "resubmit", "修改后重新报送"
    ACCEPT = "accept", "初筛采用"
    RETURN = "return", "退回修改"
    NOT_USE = "not_use", "不采用"
    EDIT = "edit", "编辑"
    ASSIGN = "assign", "编入期刊"
    UNASSIGN = "unassign", "撤出期刊"
    SIGN = "sign", "签发"
    # facts: recorded beside the item, the state does not change
    REPORT_UP = "report_up", "上报"
    ADOPT = "adopt", "登记采用"
    INSTRUCT = "instruct", "登记批示"


S, A = Status, Action

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, A.SUBMIT): S.SUBMITTED,
    (S.RETURNED, A.RESUBMIT): S.SUBMITTED,
    (S.SUBMITTED, A.ACCEPT): S.ACCEPTED,
    (S.SUBMITTED, A.RETURN): S.RETURNED,
    (S.SUBMITTED, A.NOT_USE): S.NOT_USED,
    (S.ACCEPTED, A.EDIT): S.EDITED,
    (S.EDITED, A.EDIT): S.EDITED,
    (S.EDITED, A.ASSIGN): S.IN_ISSUE,
    (S.IN_ISSUE, A.UNASSIGN): S.EDITED,
    (S.IN_ISSUE, A.SIGN): S.ISSUED,
}

#: States past 初筛 that count as 采用 into the system: the item may be reported upward from any of them.
USED_STATES = frozenset({S.ACCEPTED, S.EDITED, S.IN_ISSUE, S.ISSUED})

#: Facts recorded beside the item (no state change): action → states in which it may be recorded.
FACTS: dict[str, frozenset] = {
    A.REPORT_UP: USED_STATES,
    A.ADOPT: USED_STATES,  # and only once reported upward (permissions)
    A.INSTRUCT: USED_STATES,  # and only once issued locally or reported upward (permissions)
}

#: States in which the author may still change the text.
EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})
#: States counted as 征集/收到 (reached the office at least once).
RECEIVED_STATES = frozenset({S.SUBMITTED, S.RETURNED, S.NOT_USED}) | USED_STATES


def next_status(current: str, action: str) -> str:
    if action in FACTS:
        if current in FACTS[action]:
            return current
        raise TransitionNotAllowed(Status(current).label, Action(action).label)
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise TransitionNotAllowed(Status(current).label, Action(action).label) from None


def pairs() -> set[tuple[str, str]]:
    """Every (state, action) with an outcome: the transitions plus the facts."""
    out = set(TRANSITIONS)
    for action, states in FACTS.items():
        out |= {(s, action) for s in states}
    return out


def actions_from(current: str) -> list[str]:
    return [a for (s, a) in sorted(pairs()) if s == current]
