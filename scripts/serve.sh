#!/usr/bin/env bash
# Serves the platform with its background worker; Ctrl-C stops both.
set -euo pipefail
PORT="${1:-8000}"
PY=.venv/bin/python
mkdir -p var
$PY -m celery -A config worker -B --loglevel=warning --concurrency=1 --pool=solo \
    --schedule var/celerybeat-schedule >var/celery.log 2>&1 &
WORKER=$!
trap 'kill $WORKER 2>/dev/null || true' EXIT INT TERM
cat <<MSG

  智慧政协已启动：http://127.0.0.1:${PORT}/
  演示账号（密码均为 ${ZX_DEMO_PASSWORD:-zhengxie2026}）：
MSG
$PY manage.py demo_logins
echo
exec $PY manage.py runserver "127.0.0.1:${PORT}" --noreload
