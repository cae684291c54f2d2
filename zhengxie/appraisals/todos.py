"""To-dos of 民主评议: 整改 items a 承办单位 must report on; reports staff must confirm."""
from __future__ import annotations

from django.urls import reverse

from zhengxie.core import todos

from . import permissions, selectors
from .workflow import RectState

MODULE = "民主评议"


@todos.register
def rectification_todos(user) -> list[todos.TodoItem]:
    out = []
    url = reverse("appraisals:rectifications")
    if permissions.unit_ids(user):
        for r in selectors.rectification_list_for(user, state=RectState.OPEN)[:30]:
            out.append(todos.TodoItem("appraisal.rectify", MODULE, f"整改反馈：{r.text[:30]}", url, r.due_date,
                                      r.entry.appraisal.title))
    if permissions.is_manager(user):
        for r in selectors.rectification_list_for(user, state=RectState.REPORTED)[:30]:
            out.append(todos.TodoItem("appraisal.confirm", MODULE, f"确认整改：{r.entry.unit.name}", url, r.due_date,
                                      r.text[:40]))
    return out
