"""To-dos of 重点提案与督办: overdue and due-soon follow-ups for the owner unit; overdue ones and rounds waiting
for 提案委; open recommendation calls for recommenders (zhengxie.core.todos)."""
from __future__ import annotations

import datetime as dt

from django.urls import reverse

from zhengxie.accounts.selectors import has_role
from zhengxie.core import todos
from zhengxie.core.roles import Role

from . import permissions, selectors
from .workflow import FollowUpState, Status

MODULE = "督办"


@todos.register
def unit_followups(user) -> list[todos.TodoItem]:
    """承办单位: open follow-ups of its units (overdue ones show as 已逾期, due ones in 7 days as 即将到期)."""
    if not has_role(user, Role.HANDLING_UNIT):
        return []
    soon = selectors.today() + dt.timedelta(days=7)
    qs = selectors.followup_list_for(user, filters={"state": FollowUpState.OPEN}).filter(
        owner_unit_id__in=permissions.unit_ids(user), due_date__lte=soon)
    return [todos.TodoItem("supervision.followup", MODULE, f"落实督办事项：{f.content[:40]}", f.get_absolute_url(), f.due_date,
                           f"{f.record.form} · {f.record.proposal.title}") for f in qs[:50]]


@todos.register
def staff_todos(user) -> list[todos.TodoItem]:
    """提案委: overdue follow-ups (one line each), reported ones to 销号, rounds in progress."""
    if not has_role(user, Role.PROPOSAL_STAFF):
        return []
    out = [todos.TodoItem("supervision.followup_overdue", MODULE, f"督办事项逾期未落实：{f.content[:40]}", f.get_absolute_url(),
                          f.due_date, f"{f.owner_unit.name} · {f.record.proposal.title}")
           for f in selectors.overdue_followups(user)[:50]]
    reported = selectors.followup_list_for(user, filters={"state": FollowUpState.DONE}).count()
    if reported:
        out.append(todos.TodoItem("supervision.followup_close", MODULE, f"督办事项已报落实情况待销号 {reported} 项",
                                  reverse("supervision:followups") + "?state=done"))
    for s in selectors.selection_list_for(user).filter(status__in=[Status.RECOMMENDING, Status.SHORTLISTED, Status.DISCUSSED,
                                                                   Status.SUBMITTED]):
        out.append(todos.TodoItem("supervision.selection", MODULE, f"{s.title}：{s.get_status_display()}", s.get_absolute_url(),
                                  s.recommend_until if s.status == Status.RECOMMENDING else None))
    return out


@todos.register
def recommender_todos(user) -> list[todos.TodoItem]:
    """党派、专委会: a round is open for recommendations."""
    if not has_role(user, Role.ORG_SUBMITTER, Role.COMMITTEE_STAFF) or has_role(user, Role.PROPOSAL_STAFF):
        return []
    return [todos.TodoItem("supervision.recommend", MODULE, f"推荐重点提案：{s.title}", s.get_absolute_url(), s.recommend_until)
            for s in selectors.selection_list_for(user).filter(status=Status.RECOMMENDING)]
