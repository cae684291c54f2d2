"""Daily jobs: apps register `@daily("中文名称")` functions taking `today` and returning a short Chinese
summary of what they did. Celery beat runs them once a day at 02:00 (`zhengxie.core.tasks.run_daily_jobs`),
`manage.py run_daily_jobs [--date YYYY-MM-DD]` runs them by hand.

Jobs run in the order they were registered (app import order). Each job runs in its own transaction
(savepoint): a failing job is rolled back, logged and reported, and the other jobs still run.
"""
from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils import timezone

log = logging.getLogger("zhengxie.jobs")
_daily: dict[str, Callable[[dt.date], object]] = {}


@dataclass(frozen=True)
class JobResult:
    name: str
    ok: bool
    message: str  # the job's summary, or "失败：…" with the error
    seconds: float

    def as_dict(self) -> dict:
        return asdict(self)


def daily(name: str):
    """Register `fn(today)` as the daily job `name` (registering the same name again replaces it)."""

    def deco(fn):
        _daily[name] = fn
        return fn

    return deco


def registered() -> list[str]:
    return list(_daily)


def run_daily_jobs(today: dt.date | None = None) -> list[JobResult]:
    today = today or timezone.localdate()
    results = []
    for name, fn in list(_daily.items()):
        began = time.monotonic()
        try:
            with transaction.atomic():
                summary = fn(today)
        except Exception as exc:  # one failing job must not stop the others
            log.exception("daily job %s failed on %s", name, today)
            results.append(JobResult(name, False, f"失败：{exc}", round(time.monotonic() - began, 3)))
        else:
            message = "完成" if summary is None else str(summary)
            results.append(JobResult(name, True, message, round(time.monotonic() - began, 3)))
            log.info("daily job %s on %s: %s", name, today, message)
    return results
