"""To-do: 待处理的公众来信 for whoever screens a channel."""
from __future__ import annotations

from django.urls import reverse

from zhengxie.core import todos

from . import permissions, selectors


@todos.register
def screening_todos(user) -> list[todos.TodoItem]:
    if not permissions.screenable_consumers(user):
        return []
    n = selectors.status_counts(user).get("new", 0)
    if not n:
        return []
    return [todos.TodoItem("intake.screen", "公众参与", f"待处理公众来信 {n} 条", f"{reverse('intake:manage')}?status=new",
                           None, "采纳或写明理由不予采纳")]
