"""Celery tasks of the platform core. Tasks are thin: they call the same functions as the commands."""
import datetime as dt

from celery import shared_task

from . import jobs


@shared_task(name="zhengxie.core.tasks.run_daily_jobs")
def run_daily_jobs(day: str | None = None) -> list[dict]:
    """Beat runs this at 02:00 Asia/Shanghai; `day` (YYYY-MM-DD) reruns a given day. JSON-serialisable result."""
    today = dt.date.fromisoformat(day) if day else None
    return [r.as_dict() for r in jobs.run_daily_jobs(today)]


@shared_task(name="zhengxie.core.tasks.ping")
def ping(value: str = "pong") -> str:
    """Round-trip check of broker, worker and result backend; touches no database."""
    return value
