"""One real round trip: a Celery worker process on the local Redis runs the platform's ping task.

Unit tests run tasks eagerly (config/test_settings.py); this test proves that the app, the task
registration and the Redis broker/result backend work with a real worker. Redis must be running on
127.0.0.1:6379 (CI starts it); if it is not, the test fails and says so.
"""
import os
import subprocess
import sys
import time
import uuid

import pytest
import redis
from celery import Celery
from django.conf import settings

REDIS_URL = os.environ.get("ZX_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.mark.worker
def test_a_real_worker_on_redis_runs_the_ping_task(tmp_path):
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.exceptions.RedisError as exc:
        pytest.fail(f"无法连接 Redis {REDIS_URL}（{exc}）。请先启动 Redis：redis-server --port 6379（CI 由 .ci/run 启动）。")

    queue = f"zx-test-{uuid.uuid4().hex[:12]}"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # the worker needs no test database
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        ZX_VAR_DIR=str(tmp_path),
        CELERY_BROKER_URL=REDIS_URL,
        CELERY_RESULT_BACKEND=REDIS_URL,
        CELERY_TASK_ALWAYS_EAGER="0",
    )
    log_path = tmp_path / "worker.log"
    # The test's own client: a separate Celery app, so the project app (eager, in-memory) is untouched.
    client = Celery("zx-worker-test", broker=REDIS_URL, backend=REDIS_URL, set_as_current=False)
    with open(log_path, "w") as log:
        worker = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "--concurrency=1",
             "-Q", queue, "-n", f"{queue}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat",
             "--loglevel=INFO"],
            cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    result = None
    try:
        began = time.monotonic()
        result = client.send_task("zhengxie.core.tasks.ping", args=["你好"], queue=queue)
        try:
            value = result.get(timeout=20)
        except Exception as exc:
            worker_log = log_path.read_text(errors="replace")[-3000:]
            pytest.fail(f"20 秒内没有拿到 ping 的结果（{type(exc).__name__}: {exc}）。工作进程日志：\n{worker_log}")
        assert value == "你好"
        assert time.monotonic() - began < 20
        assert worker.poll() is None, "工作进程意外退出"
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=5)
        if result is not None:
            result.forget()
        connection.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        client.close()
