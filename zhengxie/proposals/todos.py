"""To-dos of the 提案 module per role, with deadlines (zhengxie.core.todos)."""
from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from zhengxie.accounts.selectors import has_role
from zhengxie.core import todos
from zhengxie.core.roles import Role

from . import permissions, selectors, services
from .models import Assignment

MODULE = "提案"


def _url(p) -> str:
    return reverse("proposals:detail", args=[p.pk])


@todos.register
def proposer_todos(user) -> list[todos.TodoItem]:
    """委员/组织: 待确认联名 (cosign_deadline), 待评价 (evaluation deadline), 退回修改."""
    if not has_role(user, Role.MEMBER, Role.STANDING_MEMBER, Role.ORG_SUBMITTER):
        return []
    out = []
    for p in selectors.my_proposals(user, "to_confirm").select_related("lead_member"):
        deadline = timezone.localdate(p.cosign_deadline) if p.cosign_deadline else None
        out.append(todos.TodoItem("proposal.cosign", MODULE, f"确认联名：{p.title}", _url(p), deadline,
                                  f"{p.lead_member.name if p.lead_member_id else ''}邀请您联名"))
    for p in selectors.my_proposals(user, "to_evaluate"):
        out.append(todos.TodoItem("proposal.evaluate", MODULE, f"评价答复：{p.title}", _url(p), services.evaluation_deadline(p),
                                  "满意 / 基本满意 / 不满意"))
    for p in selectors.my_proposals(user, "lead").filter(status="returned_for_revision"):
        out.append(todos.TodoItem("proposal.returned", MODULE, f"退回修改：{p.title}", reverse("proposals:edit", args=[p.pk]),
                                  None, p.decision_text[:80]))
    return out


@todos.register
def staff_todos(user) -> list[todos.TodoItem]:
    """提案委: the queue counts as items (待初审 N 件 …)."""
    if not permissions.can_manage(user):
        return []
    counts = selectors.queue_counts(user)
    labels = dict(selectors.staff_queue_tabs())
    base = reverse("proposals:queue")
    return [todos.TodoItem(f"proposal.queue.{code}", MODULE, f"{labels[code]} {n} 件", f"{base}?tab={code}")
            for code, n in counts.items() if n]


@todos.register
def unit_todos(user) -> list[todos.TodoItem]:
    """承办单位: 待签收 (dispute_until), 办理中 (due date; overdue flagged by the date), 待会签."""
    if not has_role(user, Role.HANDLING_UNIT):
        return []
    units = set(selectors.unit_ids_of(user))
    out = []
    for tab, kind in (("to_accept", "accept"), ("in_progress", "handle"), ("to_cosign", "cosign"), ("returned", "returned")):
        for p in selectors.with_rows(selectors.unit_inbox(user, tab))[:50]:
            mine = next((a for a in p.live_assignments if a.unit_id in units), None)
            if tab == "to_accept":
                title, deadline, detail = f"签收提案：{p.title}", mine.dispute_until if mine else None, "不属于本单位职责的请在此前申请调整"
            elif tab == "in_progress":
                if mine is None or (mine.role == Assignment.Role.CO and mine.state == Assignment.State.OPINION_SENT):
                    continue
                what = "报送会办意见" if mine.role == Assignment.Role.CO else "办理答复"
                title, deadline, detail = f"{what}：{p.title}", mine.due_date, mine.get_role_display()
            elif tab == "to_cosign":
                title, deadline, detail = f"会签答复：{p.title}", None, ""
            else:
                title, deadline, detail = f"答复被退回，请修改：{p.title}", mine.due_date if mine else None, ""
            out.append(todos.TodoItem(f"proposal.unit.{kind}", MODULE, title, _url(p), deadline, detail))
    return out


@todos.register
def reviewer_todos(user) -> list[todos.TodoItem]:
    """督办审核: answers waiting for the reviewer."""
    if not has_role(user, Role.SUPERVISING_OFFICE, Role.PROPOSAL_STAFF):
        return []
    return [todos.TodoItem("proposal.audit", MODULE, f"审核答复：{p.title}", _url(p))
            for p in selectors.audit_queue(user)[:50]]


