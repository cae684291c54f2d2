"""Daily jobs: apps register `@daily("name")` functions taking `today`; Celery beat runs them once a day
(`zhengxie.core.tasks.run_daily_jobs`), `manage.py run_daily_jobs` runs them by hand."""
from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from django.utils import timezone

log = logging.getLogger("zhengxie.jobs")
_daily: dict[str, Callable[[dt.date], object]] = {}


def daily(name: str):
    def deco(fn):
        _daily[name] = fn
        return fn

    return deco


def registered() -> list[str]:
    return sorted(_daily)


def run_daily_jobs(today: dt.date | None = None) -> dict[str, str]:
    today = today or timezone.localdate()
    results = {}
    for name, fn in sorted(_daily.items()):
        try:
            results[name] = str(fn(today))
        except Exception as exc:  # one failing job must not stop the others
            log.exception("daily job %s failed", name)
            results[name] = f"失败：{exc}"
    return results
