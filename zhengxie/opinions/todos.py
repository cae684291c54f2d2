"""To-dos of the 社情民意 module per role (zhengxie.core.todos)."""
from __future__ import annotations

from zhengxie.accounts.selectors import has_role
from zhengxie.core import todos
from zhengxie.core.roles import Role

from .models import Commission, Issue, Opinion
from .workflow import Status

MODULE = "社情民意"


@todos.register
def reporter_todos(user) -> list[todos.TodoItem]:
    """约稿 due (with the deadline) and items returned for revision."""
    out = []
    for c in Commission.objects.filter(cppcc_id=user.cppcc_id, assignee=user, state=Commission.State.OPEN):
        out.append(todos.TodoItem("opinion.commission", MODULE, f"约稿：{c.title}", "/opinions/commissions/", c.due_date,
                                  c.brief[:80]))
    for o in Opinion.objects.filter(cppcc_id=user.cppcc_id, reporter=user, status=Status.RETURNED):
        out.append(todos.TodoItem("opinion.returned", MODULE, f"退回修改：{o.title}", o.get_absolute_url(), None,
                                  o.screen_note[:80]))
    return out


@todos.register
def office_todos(user) -> list[todos.TodoItem]:
    out = []
    if has_role(user, Role.INFO_EDITOR):
        n = Opinion.objects.filter(cppcc_id=user.cppcc_id, status=Status.SUBMITTED).count()
        if n:
            out.append(todos.TodoItem("opinion.screen", MODULE, f"待初筛的社情民意信息 {n} 篇", "/opinions/queue/"))
    if has_role(user, Role.INFO_APPROVER):
        for issue in Issue.objects.filter(cppcc_id=user.cppcc_id, state=Issue.State.DRAFT, articles__isnull=False).distinct():
            out.append(todos.TodoItem("opinion.sign", MODULE, f"待签发：《{issue.series}》（{issue.date:%Y-%m-%d}）",
                                      issue.get_absolute_url(), issue.date))
    return out
