import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import timezone


def render(value) -> str:
    return Template('{% load zx %}{{ v|ymd }}|{{ v|date:"Y-m-d" }}').render(Context({"v": value}))


@pytest.mark.parametrize("value", [
    dt.date(2024, 3, 1),
    dt.date(1999, 12, 31),
    dt.datetime(2024, 2, 29, 23, 30, tzinfo=dt.UTC),  # 2024-03-01 in Shanghai
    dt.datetime(2024, 3, 1, 7, 0, tzinfo=ZoneInfo("Asia/Shanghai")),
    None,
    "",
])
def test_ymd_prints_what_the_date_filter_prints(value):
    fast, slow = render(value).split("|")
    assert fast == slow


def test_ymd_shows_a_utc_evening_as_the_next_local_day():
    assert timezone.get_current_timezone_name() == "Asia/Shanghai"
    assert render(dt.datetime(2024, 2, 29, 23, 30, tzinfo=dt.UTC)).split("|")[0] == "2024-03-01"
