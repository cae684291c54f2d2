import datetime as dt
import io

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from zhengxie.accounts.models import LoginAttempt
from zhengxie.core import jobs, tasks
from zhengxie.core.models import CalendarDay

TODAY = dt.date(2025, 6, 30)


@pytest.fixture
def only_jobs(monkeypatch):
    """Replace the registry for one test: only_jobs({"名称": fn, ...})."""

    def use(registry):
        monkeypatch.setattr(jobs, "_daily", dict(registry))

    return use


def attempt(username, at):
    row = LoginAttempt.objects.create(username=username, success=False)
    LoginAttempt.objects.filter(pk=row.pk).update(at=at)
    return row


def local(day, hour=12):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def test_the_platform_registers_its_housekeeping_jobs():
    assert {"清理过期登录记录", "会话清理"} <= set(jobs.registered())


@pytest.mark.django_db
def test_login_records_older_than_90_days_are_deleted_and_recent_ones_kept():
    attempt("old", local(TODAY - dt.timedelta(days=91)))
    attempt("edge", local(TODAY - dt.timedelta(days=90), hour=0))  # 00:00 of the cut-off day: kept
    attempt("recent", local(TODAY - dt.timedelta(days=3)))
    results = {r.name: r for r in jobs.run_daily_jobs(TODAY)}
    assert results["清理过期登录记录"].ok
    assert results["清理过期登录记录"].message == "删除 1 条 2025-04-01 之前的登录记录"
    assert sorted(LoginAttempt.objects.values_list("username", flat=True)) == ["edge", "recent"]


@pytest.mark.django_db
def test_expired_sessions_are_cleared_and_live_ones_kept():
    live = SessionStore()
    live["x"] = 1
    live.create()
    expired = SessionStore()
    expired["x"] = 2
    expired.create()
    Session.objects.filter(session_key=expired.session_key).update(expire_date=timezone.now() - dt.timedelta(hours=1))
    results = {r.name: r for r in jobs.run_daily_jobs(TODAY)}
    assert results["会话清理"].message == "已清理 1 个过期会话"
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


@pytest.mark.django_db
def test_a_failing_job_is_rolled_back_and_does_not_stop_the_others(only_jobs):
    seen = []

    def broken(today):
        CalendarDay.objects.create(date=today, is_workday=False, name="半途写入")
        raise RuntimeError("数据源不可用")

    only_jobs({"甲任务": broken, "乙任务": lambda today: seen.append(today) or "乙完成"})
    results = jobs.run_daily_jobs(TODAY)
    assert [(r.name, r.ok, r.message) for r in results] == [
        ("甲任务", False, "失败：数据源不可用"),
        ("乙任务", True, "乙完成"),
    ]
    assert seen == [TODAY]
    assert not CalendarDay.objects.exists()  # nothing half-written by the failed job


@pytest.mark.django_db
def test_the_command_prints_results_in_chinese_for_the_given_date(only_jobs):
    only_jobs({"统计任务": lambda today: f"统计到 {today:%Y年%m月%d日}"})
    out = io.StringIO()
    call_command("run_daily_jobs", "--date", "2025-03-01", stdout=out)
    assert "✓ 统计任务：统计到 2025年03月01日" in out.getvalue()
    assert "全部 1 项每日任务已完成。" in out.getvalue()


@pytest.mark.django_db
def test_the_command_fails_when_a_job_fails_so_cron_notices(only_jobs):
    only_jobs({"坏任务": lambda today: 1 / 0, "好任务": lambda today: None})
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 项每日任务失败：坏任务"):
        call_command("run_daily_jobs", "--date", "2025-03-01", stdout=out)
    assert "✗ 坏任务：失败：division by zero" in out.getvalue()
    assert "✓ 好任务：完成" in out.getvalue()


def test_the_command_refuses_a_malformed_date():
    with pytest.raises(CommandError, match="格式不正确，应为 YYYY-MM-DD"):
        call_command("run_daily_jobs", "--date", "2025/03/01")


@pytest.mark.django_db
def test_the_celery_task_runs_the_jobs_and_returns_plain_data(only_jobs):
    only_jobs({"统计任务": lambda today: today.isoformat()})
    result = tasks.run_daily_jobs.delay("2025-03-01").get()  # eager in unit tests
    assert [{k: r[k] for k in ("name", "ok", "message")} for r in result] == [
        {"name": "统计任务", "ok": True, "message": "2025-03-01"}
    ]


def test_the_beat_schedule_runs_the_daily_jobs_at_two_in_the_morning_shanghai_time():
    from celery.schedules import crontab

    from config.celery import app

    entry = app.conf.beat_schedule["daily-jobs"]
    assert entry["task"] == "zhengxie.core.tasks.run_daily_jobs"
    assert entry["schedule"] == crontab(hour=2, minute=0)
    assert app.conf.timezone == "Asia/Shanghai"
