"""The platform's own daily housekeeping jobs (see zhengxie.core.jobs)."""
from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.conf import settings
from django.utils import timezone

from zhengxie.accounts.models import LoginAttempt

from .jobs import daily

LOGIN_ATTEMPT_KEEP_DAYS = 90


@daily("清理过期登录记录")
def purge_login_attempts(today: dt.date) -> str:
    """Delete login attempts older than 90 days (before 00:00 of today − 90 days, local time)."""
    cutoff_day = today - dt.timedelta(days=LOGIN_ATTEMPT_KEEP_DAYS)
    cutoff = timezone.make_aware(dt.datetime.combine(cutoff_day, dt.time.min))
    deleted, _ = LoginAttempt.objects.filter(at__lt=cutoff).delete()
    return f"删除 {deleted} 条 {cutoff_day:%Y-%m-%d} 之前的登录记录"


@daily("会话清理")
def clear_expired_sessions(today: dt.date) -> str:
    """What `manage.py clearsessions` does: the session engine deletes its expired sessions."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    model = store.get_model_class() if hasattr(store, "get_model_class") else None
    expired = model.objects.filter(expire_date__lt=timezone.now()).count() if model else None
    store.clear_expired()
    return "已清理过期会话" if expired is None else f"已清理 {expired} 个过期会话"
