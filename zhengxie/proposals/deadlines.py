"""Deadlines of the 提案 workflow (domain.md §3.6–3.8): overdue flags, what falls due soon, co-signing deadlines
that have passed and the evaluation windows. Pure reads, all in aggregate queries; used by pages, to-dos and
the daily job (`daily.py`).

Definitions:
* An **answering** unit (主办/独办/分办) is overdue when its due date has passed and it has no *published* reply
  of the proposal's current round (round = 重新办理轮次 + 1) while the proposal is being handled.
* A **会办** unit is overdue when its due date (会办意见期限) has passed and it has not sent its 会办意见 while the
  proposal is still before the answer (已交办/调整中/办理中).
* Removed units, 参考件 and units whose 申请调整 is waiting for the 提案委 are never overdue.
"""
from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from zhengxie.core import config, workdays

from .models import Assignment, Proposal, Reply
from .workflow import Status

R, AS = Assignment.Role, Assignment.State
ANSWERING = (R.LEAD, R.SOLE, R.SPLIT)
#: Proposal states in which units still owe an answer.
HANDLING_STATES = (Status.ASSIGNED, Status.REASSIGNING, Status.IN_PROGRESS, Status.ANSWER_DRAFTED,
                   Status.ANSWER_COSIGNED, Status.REHANDLING)
#: Proposal states in which a 会办 unit still owes its 会办意见.
CO_OPINION_STATES = (Status.ASSIGNED, Status.REASSIGNING, Status.IN_PROGRESS)
#: Assignment states in which the unit itself has to act (sign for it, or draft/submit its reply).
ACTING_STATES = (AS.PENDING, AS.ACCEPTED)


def _published_current_round() -> Exists:
    return Exists(Reply.objects.filter(assignment=OuterRef("pk"), state=Reply.State.PUBLISHED,
                                       round=OuterRef("proposal__rehandle_rounds") + 1))


def open_assignments(cppcc_id: int) -> QuerySet[Assignment]:
    """Assignments of one 政协 that still owe something (an answer or a 会办意见), whatever their due date."""
    answering = (Q(role__in=ANSWERING, state__in=(AS.PENDING, AS.ACCEPTED, AS.REPLIED),
                   proposal__status__in=HANDLING_STATES) & ~Q(published=True))
    co = Q(role=R.CO, state__in=ACTING_STATES, co_opinion="", proposal__status__in=CO_OPINION_STATES)
    return (Assignment.objects.filter(cppcc_id=cppcc_id, due_date__isnull=False)
            .annotate(published=_published_current_round())
            .filter(answering | co)
            .select_related("proposal", "unit"))


def overdue_assignments(cppcc_id: int, today: dt.date) -> QuerySet[Assignment]:
    """Units past their due date without a published reply of the current round (answering units) or without
    their 会办意见 (会办 units); oldest due date first."""
    return open_assignments(cppcc_id).filter(due_date__lt=today).order_by("due_date", "proposal_id", "id")


def is_overdue(assignment: Assignment, today: dt.date) -> bool:
    """The overdue flag of one assignment (same definition as `overdue_assignments`)."""
    if assignment.due_date is None or assignment.due_date >= today:
        return False
    return overdue_assignments(assignment.cppcc_id, today).filter(pk=assignment.pk).exists()


def overdue_proposals(cppcc_id: int, today: dt.date) -> QuerySet[Proposal]:
    """Proposals with at least one overdue unit (the 逾期 flag of a case)."""
    late = overdue_assignments(cppcc_id, today).filter(proposal=OuterRef("pk"))
    return Proposal.objects.filter(cppcc_id=cppcc_id).filter(Exists(late))


def due_soon(cppcc_id: int, today: dt.date, days: int) -> QuerySet[Assignment]:
    """Open assignments due within `days` days from today (today included), nearest first."""
    return (open_assignments(cppcc_id).filter(due_date__gte=today, due_date__lte=today + dt.timedelta(days=days))
            .order_by("due_date", "proposal_id", "id"))


def cosign_expired(cppcc_id: int, now: dt.datetime) -> QuerySet[Proposal]:
    """Submitted proposals whose co-signing deadline has passed: due for 收件 (or, without any confirmed co-signer,
    for a word with the proposer)."""
    return (Proposal.objects.filter(cppcc_id=cppcc_id, status=Status.SUBMITTED, cosign_deadline__isnull=False,
                                    cosign_deadline__lt=now).order_by("cosign_deadline", "id"))


def _evaluation_windows(cppcc_id: int) -> list[tuple[Proposal, dt.date]]:
    """(proposal, last day to evaluate) of every answered proposal; the window is computed once per answer date."""
    answered = list(Proposal.objects.filter(cppcc_id=cppcc_id, status=Status.ANSWERED, answered_at__isnull=False)
                    .select_related("meeting__term").order_by("answered_at", "id"))
    deadlines: dict[dt.date, dt.date] = {}
    out = []
    for p in answered:
        start = timezone.localdate(p.answered_at)
        if start not in deadlines:
            rule = config.get("proposals.evaluation_rule", cppcc=cppcc_id, on=start)
            deadlines[start] = workdays.due_date(start, rule)
        out.append((p, deadlines[start]))
    return out


def evaluation_due(cppcc_id: int, today: dt.date) -> list[tuple[Proposal, dt.date]]:
    """Answered proposals whose evaluation window is still open today, with its last day; nearest first."""
    rows = [(p, d) for p, d in _evaluation_windows(cppcc_id) if d >= today]
    return sorted(rows, key=lambda r: (r[1], r[0].pk))


def evaluation_expired(cppcc_id: int, today: dt.date) -> list[tuple[Proposal, dt.date]]:
    """Answered proposals whose evaluation window has closed: the 提案委 may close them."""
    rows = [(p, d) for p, d in _evaluation_windows(cppcc_id) if d < today]
    return sorted(rows, key=lambda r: (r[1], r[0].pk))
