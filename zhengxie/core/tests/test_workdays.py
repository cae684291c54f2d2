"""Working days on the official calendar.

Expected values come from the 国务院办公厅 holiday notices (as chinesecalendar 1.11.0 encodes them),
counted by hand here, never by calling the function under test:
  2024 春节 2月10日–17日休，2月4日（日）、2月18日（日）上班；国庆 10月1日–7日休，9月29日（日）、10月12日（六）上班
  2025 春节 1月28日–2月4日休，1月26日（日）、2月8日（六）上班；国庆中秋 10月1日–8日休，9月28日（日）、10月11日（六）上班
  2026 春节 2月15日–23日休，2月14日（六）、2月28日（六）上班；国庆 10月1日–7日休，9月20日（日）、10月10日（六）上班
"""
import datetime as dt

import pytest

from zhengxie.core import workdays
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import CalendarDay

D = dt.date


def days(start, end):
    out, day = [], start
    while day <= end:
        out.append(day)
        day += dt.timedelta(days=1)
    return out


def rest(day, name=""):
    """Administrator-entered table row (test data)."""
    return CalendarDay.objects.create(date=day, is_workday=False, name=name)


def work(day, name=""):
    return CalendarDay.objects.create(date=day, is_workday=True, name=name)


# The package's years ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "day",
    [D(2024, 2, 4), D(2024, 2, 18), D(2024, 9, 29), D(2024, 10, 12), D(2025, 1, 26), D(2025, 2, 8),
     D(2025, 9, 28), D(2025, 10, 11), D(2026, 2, 14), D(2026, 2, 28), D(2026, 9, 20), D(2026, 10, 10)],
)
def test_weekend_days_worked_in_exchange_are_working_days(day):
    assert day.weekday() >= 5
    assert workdays.is_workday(day)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start,end",
    [(D(2024, 2, 10), D(2024, 2, 17)), (D(2024, 10, 1), D(2024, 10, 7)), (D(2025, 1, 28), D(2025, 2, 4)),
     (D(2025, 10, 1), D(2025, 10, 8)), (D(2026, 2, 15), D(2026, 2, 23)), (D(2026, 10, 1), D(2026, 10, 7))],
)
def test_every_day_of_an_official_break_is_a_rest_day(start, end):
    assert [d for d in days(start, end) if workdays.is_workday(d)] == []


@pytest.mark.django_db
def test_the_days_around_a_break_are_ordinary():
    assert workdays.is_workday(D(2024, 10, 8))  # Tuesday after 国庆 2024
    assert not workdays.is_workday(D(2024, 10, 13))  # the Sunday after the worked Saturday
    assert workdays.is_workday(D(2026, 2, 24))  # Tuesday after 春节 2026
    assert not workdays.is_workday(D(2024, 9, 28))  # ordinary Saturday


@pytest.mark.django_db
def test_a_day_tells_where_its_answer_comes_from_and_its_name():
    assert workdays.day_info(D(2024, 2, 4)) == (True, "package", "春节调休上班")
    assert workdays.day_info(D(2025, 10, 6)) == (False, "package", "中秋节")
    assert workdays.day_info(D(2024, 10, 1)) == (False, "package", "国庆节")
    assert workdays.day_info(D(2024, 10, 9)) == (True, "package", "")


@pytest.mark.django_db
def test_fifteen_working_days_after_25_september_2024_skip_national_day():
    # 9/26 9/27 9/29(日) 9/30 | 10/1–7 休 | 10/8 9 10 11 12(六) 14 15 16 17 18 21 → the 15th is Monday 10/21
    assert workdays.add_workdays(D(2024, 9, 25), 15) == D(2024, 10, 21)


@pytest.mark.django_db
def test_fifteen_working_days_across_the_2025_spring_festival():
    # 1/21 22 23 24 26(日) 27 | 1/28–2/4 休 | 2/5 6 7 8(六) 10 11 12 13 14 → the 15th is 2/14
    assert workdays.add_workdays(D(2025, 1, 20), 15) == D(2025, 2, 14)


@pytest.mark.django_db
def test_zero_working_days_is_the_start_itself_and_negative_counts_are_refused():
    assert workdays.add_workdays(D(2024, 10, 3), 0) == D(2024, 10, 3)
    with pytest.raises(ValueError):
        workdays.add_workdays(D(2024, 10, 3), -1)


@pytest.mark.django_db
def test_working_days_between_two_dates_count_the_end_not_the_start():
    assert workdays.workdays_between(D(2024, 9, 30), D(2024, 10, 8)) == 1  # only 10/8
    assert workdays.workdays_between(D(2024, 9, 27), D(2024, 9, 30)) == 2  # 9/29(日) and 9/30
    assert workdays.workdays_between(D(2024, 10, 8), D(2024, 9, 30)) == -1  # overdue by one working day
    assert workdays.workdays_between(D(2024, 10, 8), D(2024, 10, 8)) == 0


def test_months_end_on_the_same_day_or_the_last_day_of_a_shorter_month():
    assert workdays.add_months(D(2024, 1, 31), 3) == D(2024, 4, 30)
    assert workdays.add_months(D(2024, 11, 30), 3) == D(2025, 2, 28)
    assert workdays.add_months(D(2023, 11, 30), 3) == D(2024, 2, 29)  # leap year
    assert workdays.add_months(D(2024, 10, 15), 3) == D(2025, 1, 15)
    assert workdays.add_months(D(2025, 3, 31), -1) == D(2025, 2, 28)
    assert workdays.add_calendar_days(D(2024, 9, 25), 10) == D(2024, 10, 5)


@pytest.mark.django_db
def test_sixty_working_days_are_counted_with_a_single_query(django_assert_max_num_queries):
    rest(D(2024, 11, 11), "测试：管理员录入的调整")
    with django_assert_max_num_queries(1):
        end = workdays.add_workdays(D(2024, 9, 1), 60)
    with django_assert_max_num_queries(1):
        assert workdays.workdays_between(D(2024, 9, 1), end) == 60


# The table wins -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_administrator_correction_beats_the_package_for_a_2025_date():
    assert workdays.add_workdays(D(2025, 9, 30), 1) == D(2025, 10, 9)  # package: 10/1–8 rest
    rest(D(2025, 10, 9), "测试：本地调整")
    assert workdays.day_info(D(2025, 10, 9)) == (False, "table", "测试：本地调整")
    assert workdays.add_workdays(D(2025, 9, 30), 1) == D(2025, 10, 10)
    work(D(2025, 10, 8), "测试：本地调整上班")
    assert workdays.is_workday(D(2025, 10, 8))
    assert workdays.coverage([2025]) == {2025: "package"}  # the year still comes from the package


# Years nobody knows, and entering them ---------------------------------------------------------------


@pytest.mark.django_db
def test_2027_without_table_rows_falls_back_to_weekends_and_says_so():
    assert workdays.day_info(D(2027, 2, 8)) == (True, "fallback", "")  # Monday
    assert workdays.day_info(D(2027, 2, 6)) == (False, "fallback", "")  # Saturday
    assert workdays.add_workdays(D(2027, 2, 5), 3) == D(2027, 2, 10)
    assert not workdays.year_is_known(2027)
    assert workdays.coverage([2026, 2027]) == {2026: "package", 2027: "fallback"}


@pytest.mark.django_db
def test_an_administrator_entered_2027_spring_festival_is_used():
    # Administrator-entered test data, NOT the official 2027 notice (not published when this was written):
    # 2027-02-06..12 rest, Sunday 2027-02-14 worked.
    for day in days(D(2027, 2, 6), D(2027, 2, 12)):
        rest(day, "春节")
    work(D(2027, 2, 14), "春节调休上班")
    assert workdays.day_info(D(2027, 2, 8)) == (False, "table", "春节")
    assert workdays.is_workday(D(2027, 2, 14))
    assert workdays.day_info(D(2027, 2, 13)) == (False, "fallback", "")  # Saturday nobody entered
    # 2/6–2/13 rest → 2/14(日) 2/15 2/16
    assert workdays.add_workdays(D(2027, 2, 5), 3) == D(2027, 2, 16)
    assert workdays.year_is_known(2027)
    assert workdays.coverage([2027, 2028]) == {2027: "table", 2028: "fallback"}


@pytest.mark.django_db
def test_a_lone_weekend_row_does_not_make_a_year_known():
    work(D(2028, 1, 29), "测试：调休上班")  # a Saturday
    assert not workdays.year_is_known(2028)
    assert workdays.coverage([2028]) == {2028: "fallback"}


@pytest.mark.django_db
def test_removing_a_table_row_gives_the_day_back_to_the_package():
    rest(D(2025, 10, 9), "测试：本地调整").delete()
    assert workdays.day_info(D(2025, 10, 9)) == (True, "package", "")


# Deadline rules from configuration ----------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "start,rule,expected",
    [
        (D(2024, 1, 31), {"months": 3}, D(2024, 4, 30)),  # 办理期限 3 个月
        (D(2024, 11, 30), {"months": 3}, D(2025, 2, 28)),
        (D(2024, 9, 25), {"workdays": 15}, D(2024, 10, 21)),  # 面商 / 评价 15 个工作日
        (D(2024, 9, 25), {"days": 10}, D(2024, 10, 5)),  # 调整申请 10 天 (a holiday, not moved)
        (D(2024, 9, 25), {"days": 10, "next_workday": True}, D(2024, 10, 8)),  # moved past 国庆
        (D(2024, 1, 31), "3个月", D(2024, 4, 30)),
        (D(2024, 9, 25), "15个工作日", D(2024, 10, 21)),
        (D(2024, 9, 25), "10天", D(2024, 10, 5)),
        (D(2024, 9, 25), "10个自然日", D(2024, 10, 5)),
    ],
)
def test_a_deadline_rule_gives_the_due_date(start, rule, expected):
    assert workdays.due_date(start, rule) == expected


@pytest.mark.parametrize(
    "rule,message",
    [
        ({"weeks": 2}, "只能包含"),
        ({"months": 3, "days": 1}, "只能包含"),
        ({"months": -1}, "不小于 0 的整数"),
        ({"months": "3"}, "不小于 0 的整数"),
        ("两周", "无法识别"),
        (15, "格式不正确"),
    ],
)
def test_a_malformed_deadline_rule_is_explained_in_chinese(rule, message):
    with pytest.raises(ApplicationError, match=message):
        workdays.due_date(D(2025, 3, 1), rule)
