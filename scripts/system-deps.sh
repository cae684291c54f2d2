#!/usr/bin/env bash
# Installs the Debian packages the platform needs, idempotently. Usage: system-deps.sh run|test
# Runs apt only when something is missing, and only as root (otherwise it says what to install).
set -euo pipefail
RUN_PKGS="fonts-noto-cjk fonts-arphic-gkai00mp fonts-wqy-zenhei libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils libreoffice-writer-nogui"
TEST_PKGS="chromium libreoffice-calc-nogui"
want="$RUN_PKGS"
[ "${1:-run}" = "test" ] && want="$RUN_PKGS $TEST_PKGS"
missing=()
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "缺少系统软件包（需要 root 安装）：${missing[*]}" >&2
  echo "请运行：sudo apt-get install -y ${missing[*]}" >&2
  exit 0
fi
echo "安装系统软件包：${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
