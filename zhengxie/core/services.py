"""Writes of the kernel's own tables that have a page: the holiday table (CalendarDay)."""
from __future__ import annotations

import datetime as dt

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import CalendarDay
from zhengxie.core.permissions import can_edit_calendar
from zhengxie.core.writes import recorded_write


def calendar_day_set(*, date: dt.date, is_workday: bool, name: str = "", by) -> CalendarDay:
    if date is None:
        raise ApplicationError("请填写日期。", field="date")
    if not (2000 <= date.year <= 2100):
        raise ApplicationError("日期超出可维护的范围（2000—2100年）。", field="date")
    kind = "调休上班" if is_workday else "休息"
    existing = CalendarDay.objects.filter(date=date).first()
    with recorded_write(
        by=by, action="calendar.set", obj=existing, allowed=can_edit_calendar(by),
        message=f"设置 {date:%Y-%m-%d} 为{kind}{('（' + name + '）') if name else ''}",
    ) as w:
        day = existing or CalendarDay(date=date)
        day.is_workday, day.name, day.created_by = bool(is_workday), (name or "").strip()[:40], by
        day.save()
        w.obj = day
    return day


def calendar_day_delete(*, day: CalendarDay, by) -> None:
    with recorded_write(
        by=by, action="calendar.delete", obj=day, allowed=can_edit_calendar(by), message=f"删除了 {day.date:%Y-%m-%d} 的安排"
    ) as w:
        day.delete()
        w.obj = None
