"""To-dos of 提案线索: 提案委 screens pending 线索 (public ones are listed by intake's provider)."""
from __future__ import annotations

from django.urls import reverse

from zhengxie.core import todos

from . import permissions, selectors


@todos.register
def clue_todos(user) -> list[todos.TodoItem]:
    if not permissions.is_staff(user):
        return []
    counts = selectors.clue_counts(user)
    out = []
    if counts.get("pending"):
        out.append(todos.TodoItem("topics.screen", "提案", f"待筛选提案线索 {counts['pending']} 条",
                                  f"{reverse('topics:clues')}?tab=pending", None, "部门和专家提出的线索"))
    if counts.get("accepted"):
        out.append(todos.TodoItem("topics.merge", "提案", f"已采纳待归并线索 {counts['accepted']} 条",
                                  f"{reverse('topics:clues')}?tab=accepted", None, "归并为选题，编入选题参考目录"))
    return out
