"""The administrator's audit log, parameter and holiday-table pages."""
import datetime as dt
from io import BytesIO

import pytest
from django.test import Client
from openpyxl import load_workbook

from zhengxie.accounts import services as account_services
from zhengxie.core import config
from zhengxie.core.models import AuditLog, CalendarDay, ConfigValue
from zhengxie.core.roles import Role


@pytest.fixture
def admin(persona):
    return persona(Role.ADMIN)


@pytest.fixture
def admin_client(login, admin):
    return login(admin)


@pytest.mark.parametrize("url", ["/audit/", "/audit/export/", "/settings/", "/settings/calendar/"])
def test_the_pages_are_for_admins_only(login, persona, url):
    assert login(persona(Role.LEADER)).get(url).status_code == 403


# Audit ---------------------------------------------------------------------------------------------

def test_the_audit_log_shows_changes_readably(admin_client, city, admin):
    org = account_services.organisation_create(cppcc=city, name="市水利局", kind="handling_unit", system="government", by=admin)
    account_services.organisation_update(organisation=org, phone="0355-7654321", by=admin)
    html = admin_client.get("/audit/").content.decode()
    assert "修改组织" in html and "新建组织" in html
    assert "联系电话" in html and "0355-7654321" in html and "（空）" in html
    assert "组织机构" in html  # the object type's Chinese name
    assert "<ins>政府</ins>" in html and "<ins>承办单位</ins>" in html and "handling_unit" not in html  # choice labels, not codes


def test_the_audit_log_filters_by_actor_action_type_date_and_keyword(admin_client, city, admin, persona):
    account_services.organisation_create(cppcc=city, name="市水利局", kind="handling_unit", system="government", by=admin)
    member = persona(Role.MEMBER)
    account_services.api_token_create(user=member, name="脚本", by=member)
    by_actor = admin_client.get("/audit/", {"actor": member.display_name}).content.decode()
    assert "创建API令牌" in by_actor and "市水利局" not in by_actor
    by_action = admin_client.get("/audit/", {"action": "organisation.create"}).content.decode()
    assert "市水利局" in by_action and "脚本" not in by_action
    ct = AuditLog.objects.get(action="organisation.create").content_type_id
    assert "市水利局" in admin_client.get("/audit/", {"content_type": ct}).content.decode()
    assert "市水利局" in admin_client.get("/audit/", {"q": "水利"}).content.decode()
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    future = admin_client.get("/audit/", {"date_from": tomorrow}).content.decode()
    assert "没有符合条件的记录" in future
    bad = admin_client.get("/audit/", {"date_from": "2026-13-40"}).content.decode()
    assert "请输入有效的日期" in bad


def test_the_audit_log_pages_and_exports(admin_client, city, admin):
    for i in range(55):
        AuditLog.objects.create(cppcc=city, actor=admin, actor_name="管理员", action="test.bulk", object_repr=f"记录{i}")
    assert "第 1 / 2 页" in admin_client.get("/audit/").content.decode()
    response = admin_client.get("/audit/export/", {"action": "test.bulk"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("时间", "操作人", "操作") and len(rows) == 56


def test_security_events_appear_in_the_audit_log(client, persona, admin, password):
    member = persona(Role.MEMBER)
    Client().post("/accounts/login/", {"username": member.username, "password": "nope"})
    client.post("/accounts/login/", {"username": admin.username, "password": password})
    account_services.role_assign(user=member, role=Role.INFORMANT, valid_from=dt.date(2026, 1, 1), by=admin)
    html = client.get("/audit/").content.decode()
    assert "登录失败" in html and "分配角色" in html and "登录成功" in html


def test_a_county_admin_sees_only_their_own_audit_rows(client, city, county, persona, password, admin):
    AuditLog.objects.create(cppcc=city, actor_name="市管理员", action="test.city", object_repr="市里的记录")
    AuditLog.objects.create(cppcc=county, actor_name="县管理员", action="test.county", object_repr="县里的记录")
    client.login(username=persona(Role.ADMIN, cppcc=county).username, password=password)
    html = client.get("/audit/").content.decode()
    assert "县里的记录" in html and "市里的记录" not in html
    assert "test.city" not in html  # not even in the action filter
    rows = list(load_workbook(BytesIO(client.get("/audit/export/").content)).active.iter_rows(values_only=True))
    assert all("市里的记录" not in (r[5] or "") for r in rows)


# Parameters ----------------------------------------------------------------------------------------

def test_every_registered_parameter_is_shown_by_section(admin_client):
    html = admin_client.get("/settings/").content.decode()
    for param in config.REGISTRY.values():
        assert param.label in html and param.section in html


def test_setting_a_value_with_a_date_keeps_the_history(admin_client, city):
    response = admin_client.post("/settings/set/", {"key": "attachments.max_mb", "value": "20", "valid_from": "2026-01-01",
                                                    "note": "依据新规定"})
    assert response.status_code == 302
    assert config.get("attachments.max_mb", cppcc=city, on=dt.date(2026, 1, 1)) == 20
    admin_client.post("/settings/set/", {"key": "attachments.max_mb", "value": "10", "valid_from": "2099-01-01"})
    html = admin_client.get("/settings/").content.decode()
    assert "历史取值（2）" in html and "依据新规定" in html and "待生效" in html
    assert AuditLog.objects.filter(action="config.set").count() == 2


def test_list_values_are_entered_with_commas(admin_client, city):
    admin_client.post("/settings/set/", {"key": "attachments.allowed_types", "value": "pdf，docx", "valid_from": "2026-01-01"})
    assert config.get("attachments.allowed_types", cppcc=city, on=dt.date(2026, 2, 1)) == ["pdf", "docx"]


@pytest.mark.parametrize("data,message", [
    ({"key": "attachments.max_mb", "value": "很多", "valid_from": "2026-01-01"}, "应填写整数"),
    ({"key": "attachments.max_mb", "value": "5", "valid_from": ""}, "请填写日期"),
    ({"key": "no.such", "value": "5", "valid_from": "2026-01-01"}, "没有这个参数"),
])
def test_bad_parameter_input_is_refused_in_chinese(admin_client, data, message):
    response = admin_client.post("/settings/set/", data)
    assert response.status_code == 400 and message in response.content.decode()
    assert not ConfigValue.objects.exists()


def test_a_county_admin_sets_values_only_for_their_county(client, city, county, persona, password):
    client.login(username=persona(Role.ADMIN, cppcc=county).username, password=password)
    client.post("/settings/set/", {"key": "todos.soon_days", "value": "7", "valid_from": "2020-01-01"})
    assert config.get("todos.soon_days", cppcc=county) == 7 and config.get("todos.soon_days", cppcc=city) == 3


# Holiday table -------------------------------------------------------------------------------------

def test_the_calendar_shows_coverage_per_year(admin_client):
    html = admin_client.get("/settings/calendar/", {"year": 2027}).content.decode()
    assert "chinesecalendar 内置数据" in html and "未知：按周一至周五上班推算" in html


def test_an_admin_adds_and_removes_a_holiday(admin_client):
    response = admin_client.post("/settings/calendar/set/", {"date": "2027-10-01", "is_workday": "0", "name": "国庆节"})
    assert response.status_code == 302 and response["Location"] == "/settings/calendar/?year=2027"
    day = CalendarDay.objects.get(date=dt.date(2027, 10, 1))
    assert not day.is_workday
    html = admin_client.get("/settings/calendar/", {"year": 2027}).content.decode()
    assert "国庆节" in html and "节假日表（管理员维护）" in html
    admin_client.post("/settings/calendar/set/", {"date": "2027-10-01", "is_workday": "1", "name": "调休"})
    day.refresh_from_db()
    assert day.is_workday and CalendarDay.objects.count() == 1
    assert admin_client.post(f"/settings/calendar/{day.pk}/delete/").status_code == 302
    assert not CalendarDay.objects.exists()
    assert list(AuditLog.objects.filter(action__startswith="calendar.").values_list("action", flat=True).order_by("id")) == [
        "calendar.set", "calendar.set", "calendar.delete"]


def test_a_bad_calendar_date_is_refused_in_chinese(admin_client):
    response = admin_client.post("/settings/calendar/set/", {"date": "", "is_workday": "0"})
    assert response.status_code == 400 and "请填写日期" in response.content.decode()


def test_a_county_admin_reads_but_does_not_edit_the_shared_holiday_table(client, county, persona, password):
    client.login(username=persona(Role.ADMIN, cppcc=county).username, password=password)
    html = client.get("/settings/calendar/").content.decode()
    assert "由市政协系统管理员维护" in html
    assert client.post("/settings/calendar/set/", {"date": "2027-10-01", "is_workday": "0"}).status_code == 403
    assert not CalendarDay.objects.exists()
