"""提案 state machine (domain.md §3.11). Pure: no queries, no models.

The table is the single source of which action moves a proposal from which state to which state.
Who may act is `permissions.py`; the hand-written expected matrix is docs/workflows/proposals.csv.
"""
from django.db import models

from zhengxie.core.exceptions import TransitionNotAllowed


class Status(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交(待联名确认)"
    RECEIVED = "received", "已收件"
    UNDER_REVIEW = "under_review", "审查中"
    FILED = "filed", "已立案"
    MERGED = "merged", "已并案"
    TO_SUGGESTION = "to_suggestion", "转意见建议"
    TO_SQMY = "to_sqmy", "转社情民意"
    RETURNED = "returned_for_revision", "退回修改"
    WITHDRAWN = "withdrawn", "已撤案"
    REJECTED = "rejected", "不予立案"
    ASSIGNED = "assigned", "已交办"
    REASSIGNING = "reassigning", "调整承办单位中"
    IN_PROGRESS = "in_progress", "办理中"
    ANSWER_DRAFTED = "answer_drafted", "答复待会签"
    ANSWER_COSIGNED = "answer_cosigned", "答复待督办审核"
    ANSWERED = "answered", "已答复"
    EVALUATED = "evaluated", "已评价"
    REHANDLING = "rehandling", "重新办理中"
    CLOSED = "closed", "已办结"
    CLOSED_UNSATISFIED = "closed_unsatisfied", "不满意办结"


class Action(models.TextChoices):
    SUBMIT = "submit", "提交"
    RECEIVE = "receive", "收件"
    PRE_REVIEW = "pre_review", "初审通过"
    FILE = "file", "立案"
    MERGE = "merge", "并案"
    TO_SUGGESTION = "to_suggestion", "转意见建议"
    TO_SQMY = "to_sqmy", "转社情民意"
    RETURN = "return", "退回修改"
    WITHDRAW = "withdraw", "撤案"
    REJECT = "reject", "不予立案"
    RESUBMIT = "resubmit", "修改后重新提交"
    ASSIGN = "assign", "交办"
    ACCEPT = "accept", "签收"
    DISPUTE = "dispute", "申请调整"
    REASSIGN = "reassign", "调整承办单位"
    SUBMIT_ANSWER = "submit_answer", "报送答复"
    COSIGN = "cosign", "会签"
    AUDIT = "audit", "督办审核通过"
    RETURN_ANSWER = "return_answer", "退回答复"
    EVALUATE = "evaluate", "评价完成"
    REHANDLE = "rehandle", "重新办理"
    CLOSE = "close", "办结"
    CLOSE_UNSATISFIED = "close_unsatisfied", "不满意办结"


S, A = Status, Action

#: Review outcomes: decisions taken at 审查 (domain.md §3.4). Their partition of 收到 is the statistics.
DECISIONS = (A.FILE, A.MERGE, A.TO_SUGGESTION, A.TO_SQMY, A.RETURN, A.WITHDRAW, A.REJECT)

TRANSITIONS: dict[tuple[str, str], str] = {
    (S.DRAFT, A.SUBMIT): S.SUBMITTED,
    (S.SUBMITTED, A.RECEIVE): S.RECEIVED,
    (S.SUBMITTED, A.WITHDRAW): S.WITHDRAWN,
    (S.RECEIVED, A.PRE_REVIEW): S.UNDER_REVIEW,
    (S.RECEIVED, A.WITHDRAW): S.WITHDRAWN,
    # 快速通道: an urgent proposal may be filed straight from 收件 (permissions require is_urgent)
    (S.RECEIVED, A.FILE): S.FILED,
    (S.UNDER_REVIEW, A.FILE): S.FILED,
    (S.UNDER_REVIEW, A.MERGE): S.MERGED,
    (S.UNDER_REVIEW, A.TO_SUGGESTION): S.TO_SUGGESTION,
    (S.UNDER_REVIEW, A.TO_SQMY): S.TO_SQMY,
    (S.UNDER_REVIEW, A.RETURN): S.RETURNED,
    (S.UNDER_REVIEW, A.WITHDRAW): S.WITHDRAWN,
    (S.UNDER_REVIEW, A.REJECT): S.REJECTED,
    (S.RETURNED, A.RESUBMIT): S.SUBMITTED,
    (S.RETURNED, A.WITHDRAW): S.WITHDRAWN,
    (S.FILED, A.ASSIGN): S.ASSIGNED,
    (S.ASSIGNED, A.ACCEPT): S.IN_PROGRESS,
    (S.ASSIGNED, A.DISPUTE): S.REASSIGNING,
    (S.REASSIGNING, A.REASSIGN): S.ASSIGNED,
    (S.IN_PROGRESS, A.SUBMIT_ANSWER): S.ANSWER_DRAFTED,
    (S.REHANDLING, A.SUBMIT_ANSWER): S.ANSWER_DRAFTED,
    (S.ANSWER_DRAFTED, A.COSIGN): S.ANSWER_COSIGNED,
    (S.ANSWER_DRAFTED, A.RETURN_ANSWER): S.IN_PROGRESS,
    (S.ANSWER_COSIGNED, A.AUDIT): S.ANSWERED,
    (S.ANSWER_COSIGNED, A.RETURN_ANSWER): S.IN_PROGRESS,
    (S.ANSWERED, A.EVALUATE): S.EVALUATED,
    (S.ANSWERED, A.REHANDLE): S.REHANDLING,
    (S.EVALUATED, A.REHANDLE): S.REHANDLING,
    (S.EVALUATED, A.CLOSE): S.CLOSED,
    (S.ANSWERED, A.CLOSE): S.CLOSED,
    (S.ANSWERED, A.CLOSE_UNSATISFIED): S.CLOSED_UNSATISFIED,
    (S.EVALUATED, A.CLOSE_UNSATISFIED): S.CLOSED_UNSATISFIED,
}

#: States in which a proposal counts as 立案 (a case handed to units or past it).
FILED_STATES = frozenset({S.FILED, S.ASSIGNED, S.REASSIGNING, S.IN_PROGRESS, S.ANSWER_DRAFTED, S.ANSWER_COSIGNED,
                          S.ANSWERED, S.EVALUATED, S.REHANDLING, S.CLOSED, S.CLOSED_UNSATISFIED})
#: States the submitter may still edit the text in.
EDITABLE_STATES = frozenset({S.DRAFT, S.RETURNED})
#: States visible to other 委员 (立案 or published).
PUBLIC_STATES = FILED_STATES


def next_status(current: str, action: str) -> str:
    try:
        return TRANSITIONS[(current, action)]
    except KeyError:
        raise TransitionNotAllowed(Status(current).label, Action(action).label) from None


def actions_from(current: str) -> list[str]:
    return [a for (s, a) in TRANSITIONS if s == current]
