#!/usr/bin/env bash
# Serves the platform with its background worker: a Celery worker with embedded beat (daily jobs at
# 02:00) on CELERY_BROKER_URL — by default the server-less SQLite broker in var/ (config/settings.py).
# Ctrl-C, or the server stopping for any reason, stops the worker too.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT="${1:-8000}"
PY=.venv/bin/python
VAR="${ZX_VAR_DIR:-var}"
mkdir -p "$VAR"

SERVER=""
WORKER=""
HELPER=""

stop() {  # stop <pid>: TERM, wait up to 10 s (a running task may finish), then KILL
  local pid=$1
  [ -n "$pid" ] || return 0
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$HELPER"
  stop "$SERVER"
  stop "$WORKER"
  echo "智慧政协及后台任务进程已停止。"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

$PY -m celery -A config worker -B --pool=solo --concurrency=1 --loglevel=info >"$VAR/celery.log" 2>&1 &
WORKER=$!

sleep 2
if ! kill -0 "$WORKER" 2>/dev/null; then
  echo "警告：后台任务进程（Celery）未能启动，定时任务和后台任务不会执行。日志：$VAR/celery.log" >&2
  tail -n 20 "$VAR/celery.log" >&2 || true
fi

cat <<MSG

  智慧政协已启动：http://127.0.0.1:${PORT}/
  后台任务进程（Celery worker + beat）日志：$VAR/celery.log
  演示账号（密码均为 ${ZX_DEMO_PASSWORD:-zhengxie2026}）：
MSG
# Every child runs in the background and the shell `wait`s: a trapped signal interrupts `wait` at once,
# whereas a foreground Python child that turns Ctrl-C into KeyboardInterrupt would make bash skip the trap.
$PY manage.py demo_logins &
HELPER=$!
wait "$HELPER" || echo "  （演示账号列表暂不可用）"
HELPER=""
echo
# Not `exec`: the shell must outlive the server so that its EXIT trap stops the server and the worker together.
$PY manage.py runserver "127.0.0.1:${PORT}" --noreload &
SERVER=$!
wait "$SERVER"
