import datetime as dt
import re

import pytest
from django.urls import NoReverseMatch, reverse

from zhengxie.core import nav, todos_core
from zhengxie.core.models import CalendarDay
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_user


def _sidenav(html: str) -> str:
    return re.search(r'<nav class="sidenav".*?</nav>', html, re.S).group(0)


@pytest.mark.parametrize("role", Role.values)
def test_every_role_gets_a_home_page_with_its_label_and_only_its_nav_items(login, persona, role):
    client = login(persona(role))
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert Role(role).label in html and "我的待办" in html and "常用功能" in html
    side = _sidenav(html)
    allowed, refused = set(), set()
    for item in nav._items:
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        (allowed if item.roles is None or role in item.roles else refused).add(url)
    for url in allowed:
        assert f'href="{url}"' in side
    for url in refused - allowed:
        assert f'href="{url}"' not in side


def test_a_member_sees_member_links_and_no_administration(login, persona):
    html = login(persona(Role.MEMBER)).get("/").content.decode()
    assert "作为委员" in html and "我的账号" in html
    for label in ["审计日志", "参数配置", "用户管理", "组织机构", "节假日安排"]:
        assert label not in html


def test_an_admin_sees_the_administration_links(login, persona):
    html = login(persona(Role.ADMIN)).get("/").content.decode()
    for label in ["审计日志", "参数配置", "用户管理", "组织机构", "节假日安排", "我的账号"]:
        assert label in html


def test_a_user_without_roles_is_told_to_ask_the_admin(client, city, password):
    user = make_user(city, "nobody")
    client.login(username=user.username, password=password)
    assert "尚未分配角色" in client.get("/").content.decode()


def test_anonymous_visitors_are_sent_to_the_login_page(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.fixture
def november(monkeypatch):
    monkeypatch.setattr(todos_core.timezone, "localdate", lambda: dt.date(2026, 11, 20))


def test_admins_get_a_todo_for_next_years_holidays_in_november(login, persona, november):
    html = login(persona(Role.ADMIN)).get("/").content.decode()
    assert "维护2027年节假日安排" in html and "截止 2026年12月31日" in html
    assert "/settings/calendar/?year=2027" in html


def test_the_holiday_todo_disappears_once_next_year_is_entered(persona, november):
    admin = persona(Role.ADMIN)
    assert [t.title for t in todos_core.calendar_next_year(admin)] == ["维护2027年节假日安排"]
    CalendarDay.objects.create(date=dt.date(2027, 10, 1), is_workday=False, name="国庆节")
    assert todos_core.calendar_next_year(admin) == []


def test_the_holiday_todo_is_only_for_admins_and_only_late_in_the_year(persona, monkeypatch):
    monkeypatch.setattr(todos_core.timezone, "localdate", lambda: dt.date(2026, 11, 20))
    assert todos_core.calendar_next_year(persona(Role.PROPOSAL_STAFF)) == []
    monkeypatch.setattr(todos_core.timezone, "localdate", lambda: dt.date(2026, 6, 1))
    assert todos_core.calendar_next_year(persona(Role.ADMIN)) == []
