"""Working days and months on the Chinese official calendar.

Precedence: the administrator-maintained CalendarDay table, then the `chinesecalendar` package
(2004–2026), then a stated fallback for years neither knows: Monday–Friday work, weekends rest.
The fallback is reported (`coverage()`), and administrators get a to-do for the next year.
"""
from __future__ import annotations

import calendar
import datetime as dt
import logging

import chinese_calendar

from .models import CalendarDay

log = logging.getLogger("zhengxie.workdays")

SOURCE_TABLE = "table"
SOURCE_PACKAGE = "package"
SOURCE_FALLBACK = "fallback"


def _package_says(day: dt.date) -> bool | None:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


def day_info(day: dt.date, overrides: dict[dt.date, bool] | None = None) -> tuple[bool, str]:
    if overrides is None:
        row = CalendarDay.objects.filter(date=day).values_list("is_workday", flat=True).first()
        overrides = {} if row is None else {day: row}
    if day in overrides:
        return overrides[day], SOURCE_TABLE
    said = _package_says(day)
    if said is not None:
        return said, SOURCE_PACKAGE
    return day.weekday() < 5, SOURCE_FALLBACK


def is_workday(day: dt.date) -> bool:
    return day_info(day)[0]


def _overrides(start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    return dict(CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "is_workday"))


def add_workdays(start: dt.date, n: int) -> dt.date:
    """The n-th working day after `start` (start itself not counted). n=0 returns start."""
    if n < 0:
        raise ValueError("n must be >= 0")
    span_end = start + dt.timedelta(days=n * 2 + 60)
    overrides = _overrides(start, span_end)
    day, counted = start, 0
    while counted < n:
        day += dt.timedelta(days=1)
        if day > span_end:
            span_end = day + dt.timedelta(days=60)
            overrides.update(_overrides(day, span_end))
        if day_info(day, overrides)[0]:
            counted += 1
    return day


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]."""
    if end <= start:
        return 0
    overrides = _overrides(start, end)
    total, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        total += day_info(day, overrides)[0]
    return total


def add_months(start: dt.date, n: int) -> dt.date:
    """Same day n months later; the month's last day when it has no such day (1月31日 + 1 = 2月28/29日)."""
    month0 = start.month - 1 + n
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_calendar_days(start: dt.date, n: int) -> dt.date:
    return start + dt.timedelta(days=n)


def year_is_known(year: int) -> bool:
    """True when the table or the package holds the official arrangement for `year`."""
    if CalendarDay.objects.filter(date__year=year, is_workday=False).exclude(date__week_day__in=[1, 7]).exists():
        return True
    return _package_says(dt.date(year, 10, 1)) is not None


def coverage(years: list[int]) -> dict[int, str]:
    out = {}
    for year in years:
        if CalendarDay.objects.filter(date__year=year).exists():
            out[year] = SOURCE_TABLE
        elif _package_says(dt.date(year, 10, 1)) is not None:
            out[year] = SOURCE_PACKAGE
        else:
            out[year] = SOURCE_FALLBACK
    return out
