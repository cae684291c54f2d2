"""Working days and months on the Chinese official calendar (国务院办公厅 holiday arrangements).

Where a day's answer comes from, in order of precedence:

1. ``table``    — the administrator-maintained ``CalendarDay`` table. It wins for every date it holds,
   also for dates the package covers (an administrator correction), and it is where next year's
   arrangement is entered when the State Council publishes it (around November; the page 节假日安排
   and `zhengxie.core.services.calendar_day_set`).
2. ``package``  — the ``chinesecalendar`` package (1.11.0 covers 2004–2026; it raises
   an exception for other years).
3. ``fallback`` — neither knows the year: Monday–Friday are working days, Saturday and Sunday are
   rest days, no public holidays and no 调休. This is a stated approximation, not the official
   calendar: ``coverage()`` reports such a year as ``"fallback"`` and a warning is logged once per
   year and process, so an administrator can enter the arrangement.

Counting conventions: ``add_workdays(start, n)`` counts the working days *after* ``start``
(``start`` itself is not counted), ``workdays_between(a, b)`` counts the working days in ``(a, b]``.
"""
from __future__ import annotations

import calendar
import datetime as dt
import logging
import re
from collections.abc import Iterable
from typing import NamedTuple

import chinese_calendar

from .exceptions import ApplicationError
from .models import CalendarDay

log = logging.getLogger("zhengxie.workdays")

SOURCE_TABLE = "table"
SOURCE_PACKAGE = "package"
SOURCE_FALLBACK = "fallback"

_ONE_DAY = dt.timedelta(days=1)
_FULL_NAMES = {"清明": "清明节", "端午": "端午节", "中秋": "中秋节"}
_warned_years: set[int] = set()

# date -> (is_workday, name) from the CalendarDay table, preloaded for a range.
Overrides = dict[dt.date, tuple[bool, str]]


class DayInfo(NamedTuple):
    is_workday: bool
    source: str  # SOURCE_TABLE | SOURCE_PACKAGE | SOURCE_FALLBACK
    name: str = ""  # 春节、国庆节调休上班 … ("" for an ordinary day)


def _package_day(day: dt.date) -> tuple[bool, str] | None:
    """(is_workday, Chinese name) from chinesecalendar, or None when the package does not know the year."""
    try:
        is_holiday, holiday = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return None
    if holiday is None:
        return not is_holiday, ""
    name = chinese_calendar.Holiday(holiday).chinese
    name = _FULL_NAMES.get(name, name)
    return not is_holiday, (name if is_holiday else f"{name}调休上班")


def _package_knows(year: int) -> bool:
    return _package_day(dt.date(year, 6, 1)) is not None


def _overrides(start: dt.date, end: dt.date) -> Overrides:
    rows = CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "is_workday", "name")
    return {date: (is_workday, name) for date, is_workday, name in rows}


def day_info(day: dt.date, overrides: Overrides | None = None) -> DayInfo:
    """Whether `day` is a working day, where that answer comes from, and the day's name.

    `overrides` is a preloaded slice of the CalendarDay table (see `_overrides`); without it one query is made.
    """
    if overrides is None:
        overrides = _overrides(day, day)
    if day in overrides:
        is_workday, name = overrides[day]
        return DayInfo(is_workday, SOURCE_TABLE, name)
    known = _package_day(day)
    if known is not None:
        return DayInfo(known[0], SOURCE_PACKAGE, known[1])
    if day.year not in _warned_years:
        _warned_years.add(day.year)
        log.warning("%s 年的节假日安排未录入，按周一至周五上班推算（请在节假日安排表中录入）", day.year)
    return DayInfo(day.weekday() < 5, SOURCE_FALLBACK, "")


def is_workday(day: dt.date) -> bool:
    return day_info(day).is_workday


def add_workdays(start: dt.date, n: int) -> dt.date:
    """The n-th working day after `start` (`start` itself is not counted); n=0 returns `start`.

    The table is read in one query for a window large enough for any real arrangement (the longest
    official break is 9 days); a longer run of rest days in the table just reads the next window.
    """
    if n < 0:
        raise ValueError("add_workdays needs n >= 0")
    window_end = start + dt.timedelta(days=n * 2 + 30)
    overrides = _overrides(start + _ONE_DAY, window_end)
    day, counted = start, 0
    while counted < n:
        day += _ONE_DAY
        if day > window_end:
            window_end = day + dt.timedelta(days=n * 2 + 30)
            overrides.update(_overrides(day, window_end))
        if day_info(day, overrides).is_workday:
            counted += 1
    return day


def workdays_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]; negative when `end` is before `start` (e.g. 超期 N 个工作日)."""
    if end < start:
        return -workdays_between(end, start)
    overrides = _overrides(start + _ONE_DAY, end)
    total, day = 0, start
    while day < end:
        day += _ONE_DAY
        total += day_info(day, overrides).is_workday
    return total


def next_workday(day: dt.date) -> dt.date:
    """`day` itself when it is a working day, otherwise the first working day after it."""
    window_end = day + dt.timedelta(days=30)
    overrides = _overrides(day, window_end)
    while not day_info(day, overrides).is_workday:
        day += _ONE_DAY
        if day > window_end:
            window_end = day + dt.timedelta(days=30)
            overrides.update(_overrides(day, window_end))
    return day


def add_months(start: dt.date, n: int) -> dt.date:
    """Same day n months later; the month's last day when it has no such day (1月31日 + 1个月 = 2月28/29日)."""
    month0 = start.month - 1 + n
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def add_calendar_days(start: dt.date, n: int) -> dt.date:
    return start + dt.timedelta(days=n)


def _years_in_table(years: Iterable[int]) -> set[int]:
    """Years for which the table holds an arrangement: at least one rest day on a Monday–Friday
    (every official arrangement has one; a lone weekend 调休 row or a correction of a workday does not count)."""
    rows = (
        CalendarDay.objects.filter(date__year__in=list(years), is_workday=False)
        .exclude(date__week_day__in=[1, 7])  # Django: 1 = Sunday, 7 = Saturday
        .values_list("date__year", flat=True)
        .distinct()
    )
    return set(rows)


def year_is_known(year: int) -> bool:
    """True when the package or the table holds the official arrangement for `year`."""
    return _package_knows(year) or year in _years_in_table([year])


def coverage(years: Iterable[int]) -> dict[int, str]:
    """{year: "package" | "table" | "fallback"}: where that year's arrangement comes from.

    "package" — chinesecalendar knows the year (table rows for single dates still take precedence);
    "table"   — only the administrator's table holds the year's arrangement;
    "fallback" — nobody knows the year: weekends off, no holidays.
    """
    years = list(years)
    in_table = _years_in_table(years)
    out = {}
    for year in years:
        if _package_knows(year):
            out[year] = SOURCE_PACKAGE
        elif year in in_table:
            out[year] = SOURCE_TABLE
        else:
            out[year] = SOURCE_FALLBACK
    return out


_RULE_UNITS = {"months": add_months, "workdays": add_workdays, "days": add_calendar_days}
_RULE_TEXT = re.compile(r"^\s*(\d+)\s*(个月|月|个工作日|工作日|个自然日|自然日|天|日)\s*$")
_TEXT_UNITS = {
    "个月": "months", "月": "months",
    "个工作日": "workdays", "工作日": "workdays",
    "个自然日": "days", "自然日": "days", "天": "days", "日": "days",
}


def parse_rule(rule: dict | str) -> tuple[str, int, bool]:
    """(unit, amount, next_workday) of a deadline rule; ApplicationError in Chinese when it is malformed."""
    if isinstance(rule, str):
        match = _RULE_TEXT.match(rule)
        if not match:
            raise ApplicationError(f"期限规则「{rule}」无法识别，请写成“3个月”“15个工作日”或“10天”。")
        return _TEXT_UNITS[match.group(2)], int(match.group(1)), False
    if not isinstance(rule, dict):
        raise ApplicationError("期限规则格式不正确，应为如 {\"months\": 3} 的设置。")
    units = [key for key in rule if key in _RULE_UNITS]
    unknown = set(rule) - set(_RULE_UNITS) - {"next_workday"}
    if len(units) != 1 or unknown:
        raise ApplicationError("期限规则须且只能包含 months（月）、workdays（工作日）、days（自然日）中的一项。")
    amount = rule[units[0]]
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ApplicationError("期限规则中的数量须为不小于 0 的整数。")
    return units[0], amount, bool(rule.get("next_workday", False))


def due_date(start: dt.date, rule: dict | str) -> dt.date:
    """The deadline `rule` gives for something that starts on `start` (交办日、答复日、收到日 …).

    Rule format (a configuration value, e.g. domain.md §3.6–3.8):
      {"months": 3}       3 months  (办理期限; 1月31日 → 4月30日, the month's last day when it is shorter)
      {"workdays": 15}    15 working days after `start` on the official calendar (面商、评价)
      {"days": 10}        10 calendar days (调整申请)
    exactly one of the three keys, a whole number >= 0. Optional ``"next_workday": true`` moves a
    deadline that falls on a rest day to the next working day (民法典第二百零三条 convention).
    The same rules as text: "3个月", "15个工作日", "10天" / "10日" / "10个自然日".
    """
    unit, amount, roll = parse_rule(rule)
    day = _RULE_UNITS[unit](start, amount)
    return next_workday(day) if roll else day

