"""The kernel's to-dos: administrators enter next year's holiday arrangement in November/December."""
from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from . import todos, workdays
from .permissions import can_edit_calendar


@todos.register
def calendar_next_year(user) -> list[todos.TodoItem]:
    today = timezone.localdate()
    if today.month < 11 or not can_edit_calendar(user):
        return []
    year = today.year + 1
    if workdays.year_is_known(year):
        return []
    return [
        todos.TodoItem(
            kind="calendar.next_year_missing",
            module="系统管理",
            title=f"维护{year}年节假日安排",
            url=reverse("core:calendar") + f"?year={year}",
            deadline=dt.date(today.year, 12, 31),
            detail="国务院办公厅公布放假安排后请录入；未录入前，期限按周一至周五上班推算。",
        )
    ]
