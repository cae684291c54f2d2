import datetime as dt

import pytest
from django.contrib.sessions.models import Session
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from zhengxie.accounts import services
from zhengxie.accounts.models import LoginAttempt
from zhengxie.core.models import AuditLog
from zhengxie.core.roles import Role

LOCKED = "登录失败次数过多，账号已临时锁定，请15分钟后再试或联系管理员。"
LOGIN = "/accounts/login/"


def _try(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_the_login_page_is_chinese_and_signing_in_goes_to_the_home_page(client, persona, password):
    user = persona(Role.MEMBER)
    page = client.get(LOGIN)
    assert page.status_code == 200 and "登录智慧政协" in page.content.decode()
    response = _try(client, user.username, password)
    assert response.status_code == 302 and response["Location"] == "/"
    assert client.get("/").status_code == 200
    assert AuditLog.objects.filter(action="login.success", actor=user, cppcc=user.cppcc).exists()


def test_a_wrong_password_shows_a_chinese_message_and_is_audited(client, persona):
    user = persona(Role.MEMBER)
    response = _try(client, user.username, "wrong-password")
    assert response.status_code == 200
    assert "账号或密码不正确" in response.content.decode()
    row = AuditLog.objects.get(action="login.failure")
    assert row.cppcc_id == user.cppcc_id and row.actor is None


def test_five_failures_lock_the_account_even_for_the_right_password(client, persona, password):
    user = persona(Role.MEMBER)
    for _ in range(4):
        assert LOCKED not in _try(client, user.username, "nope").content.decode()
    fifth = _try(client, user.username, "nope").content.decode()
    assert LOCKED in fifth
    right = _try(client, user.username, password)
    assert right.status_code == 200 and LOCKED in right.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditLog.objects.filter(action="login.lockout").count() == 1
    assert AuditLog.objects.filter(action="login.blocked").count() == 1


def test_the_lock_is_per_account_name_and_ignores_case(client, persona, password):
    user = persona(Role.MEMBER)
    other = persona(Role.INFORMANT)
    for _ in range(5):
        _try(client, user.username.upper(), "nope")
    assert LOCKED in _try(client, user.username, password).content.decode()
    assert _try(client, other.username, password).status_code == 302


def test_the_lock_ends_after_the_lock_window(client, persona, password):
    user = persona(Role.MEMBER)
    for _ in range(5):
        _try(client, user.username, "nope")
    LoginAttempt.objects.update(at=timezone.now() - dt.timedelta(minutes=16))
    assert _try(client, user.username, password).status_code == 302


def test_a_success_resets_the_counter_without_deleting_history(client, persona, password):
    user = persona(Role.MEMBER)
    for _ in range(4):
        _try(client, user.username, "nope")
    assert _try(client, user.username, password).status_code == 302
    client.post("/accounts/logout/")
    for _ in range(4):
        assert LOCKED not in _try(client, user.username, "nope").content.decode()
    assert LoginAttempt.objects.filter(username=user.username.lower(), success=False).count() == 8


@override_settings(LOGIN_MAX_FAILURES=2, LOGIN_LOCK_MINUTES=5)
def test_the_limits_come_from_settings(client, persona, password):
    user = persona(Role.MEMBER)
    _try(client, user.username, "nope")
    content = _try(client, user.username, "nope").content.decode()
    assert "请5分钟后再试" in content


def test_an_admin_can_lift_a_lock_by_resetting_the_password(client, persona, admin):
    user = persona(Role.MEMBER)
    for _ in range(5):
        _try(client, user.username, "nope")
    temporary = services.user_password_reset(user=user, by=admin)
    assert _try(client, user.username, temporary).status_code == 302
    assert AuditLog.objects.filter(action="account.password_reset", actor=admin).exists()


def test_logout_needs_a_post_and_is_audited(client, login, persona):
    user = persona(Role.MEMBER)
    login(user)
    assert client.get("/accounts/logout/").status_code == 405
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert client.get("/").status_code == 302
    assert AuditLog.objects.filter(action="logout", actor=user).exists()


def test_an_idle_session_past_its_age_is_signed_out_with_a_timeout_message(client, persona, password):
    user = persona(Role.MEMBER)
    _try(client, user.username, password)
    assert client.get("/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
    page = client.get(response["Location"])
    assert "登录已超时，请重新登录" in page.content.decode()
    assert "登录已超时" not in client.get(LOGIN).content.decode()  # shown once


def test_activity_renews_the_session_and_a_fresh_login_page_has_no_timeout_message(client, settings, persona, password):
    user = persona(Role.MEMBER)
    assert "登录已超时" not in client.get(LOGIN).content.decode()
    _try(client, user.username, password)
    Session.objects.update(expire_date=timezone.now() + dt.timedelta(seconds=60))
    client.get("/")
    remaining = Session.objects.get().expire_date - timezone.now()
    assert remaining > dt.timedelta(seconds=settings.SESSION_COOKIE_AGE - 60)


def test_requests_within_a_minute_do_not_rewrite_the_session(client, persona, password, django_assert_max_num_queries):
    user = persona(Role.MEMBER)
    _try(client, user.username, password)
    client.get("/")  # renews once
    stamp = Session.objects.get().expire_date
    client.get("/")
    assert Session.objects.get().expire_date == stamp  # no write within SESSION_RENEW_SECONDS


def test_changing_the_password_checks_the_old_one_and_is_audited(client, login, persona, password):
    user = persona(Role.MEMBER)
    login(user)
    page = client.get("/accounts/password/")
    assert page.status_code == 200 and "修改密码" in page.content.decode()
    wrong = client.post("/accounts/password/", {"old_password": "x", "new_password1": "Neues-Pass-2027", "new_password2": "Neues-Pass-2027"})
    assert wrong.status_code == 200 and "旧密码" in wrong.content.decode()
    ok = client.post("/accounts/password/", {"old_password": password, "new_password1": "Neues-Pass-2027",
                                             "new_password2": "Neues-Pass-2027"})
    assert ok.status_code == 302 and ok["Location"] == "/accounts/password/done/"
    assert client.get("/").status_code == 200  # still signed in
    user.refresh_from_db()
    assert user.check_password("Neues-Pass-2027")
    assert AuditLog.objects.filter(action="account.password_change", actor=user).exists()


def test_a_too_simple_new_password_is_refused_in_chinese(client, login, persona, password):
    login(persona(Role.MEMBER))
    response = client.post("/accounts/password/", {"old_password": password, "new_password1": "12345678", "new_password2": "12345678"})
    assert response.status_code == 200
    assert "密码" in response.content.decode() and "数字" in response.content.decode()


@pytest.mark.parametrize("path", ["/accounts/me/", "/accounts/password/"])
def test_account_pages_need_a_login(client, path):
    response = client.get(path)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
