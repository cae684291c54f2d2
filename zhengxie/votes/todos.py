"""To-dos of 表决: open votes the user has not voted in yet."""
from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from zhengxie.core import todos

from . import selectors


@todos.register
def voter_todos(user) -> list[todos.TodoItem]:
    out = []
    for v in selectors.my_open_votes(user)[:20]:
        out.append(todos.TodoItem("vote.cast", "表决", f"投票：{v.title}", reverse("votes:ballot", args=[v.pk]),
                                  timezone.localtime(v.closes_at).date() if v.closes_at else None, "无记名，每人一次"))
    return out


@todos.register
def manager_todos(user) -> list[todos.TodoItem]:
    """Managers: open votes whose closing time has passed — close them to count the ballots."""
    from . import permissions
    from .models import Vote
    from .workflow import Status

    if not permissions.can_create(user):
        return []
    out = []
    now = timezone.now()
    for v in Vote.objects.filter(cppcc_id=user.cppcc_id, status=Status.OPEN, closes_at__lt=now).order_by("closes_at")[:20]:
        out.append(todos.TodoItem("vote.close", "表决", f"结束投票：{v.title}", reverse("votes:detail", args=[v.pk]),
                                  timezone.localtime(v.closes_at).date(), "投票已截止，结束后统计结果"))
    return out
