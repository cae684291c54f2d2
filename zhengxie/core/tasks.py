from celery import shared_task

from . import jobs


@shared_task(name="zhengxie.core.tasks.run_daily_jobs")
def run_daily_jobs() -> dict:
    return jobs.run_daily_jobs()


@shared_task(name="zhengxie.core.tasks.ping")
def ping(value: str = "pong") -> str:
    return value
