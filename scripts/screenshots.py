"""Screenshots of the main pages as each demo role (desktop and phone), for the README and for review.

Seeds the demo data into a throwaway SQLite database, serves it on a free local port and drives Debian's
Chromium with Playwright. Usage: .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--only home]
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = os.environ.get("ZX_DEMO_PASSWORD", "zhengxie2026")

# (file name, role/username, path, phone?)
SHOTS = [
    ("login", None, "/accounts/login/", False),
    ("home-member", "member", "/", False),
    ("home-member-phone", "member", "/", True),
    ("home-proposal_staff", "proposal_staff", "/", False),
    ("home-handling_unit", "handling_unit", "/", False),
    ("home-admin", "admin", "/", False),
    ("home-leader", "leader", "/", False),
    ("members-directory-committee_staff", "committee_staff", "/members/", False),
    ("members-directory-phone", "member", "/members/?q=zh", True),
    ("meetings-admin", "admin", "/members/meetings/", False),
    ("notifications-member", "member", "/notifications/", False),
    ("audit-admin", "admin", "/audit/", False),
    ("settings-admin", "admin", "/settings/", False),
    ("calendar-admin", "admin", "/settings/calendar/", False),
    ("organisations-admin", "admin", "/accounts/organisations/", False),
    ("proposals-member", "member", "/proposals/mine/", False),
    ("proposals-staff", "proposal_staff", "/proposals/queue/", False),
    ("proposals-list-leader", "leader", "/proposals/", False),
    ("proposals-unit", "handling_unit", "/proposals/inbox/", False),
    ("proposals-unit-phone", "handling_unit", "/proposals/inbox/", True),
    ("proposals-audit", "supervising_office", "/proposals/audit/", False),
    ("proposals-overdue", "proposal_staff", "/proposals/overdue/", False),
    ("proposals-new-member", "member", "/proposals/new/", False),
    ("reports-leader", "leader", "/reports/?module=proposals&period=year&year=2023", False),
    ("activities-committee_staff", "committee_staff", "/activities/", False),
    ("opinions-info_editor", "info_editor", "/opinions/queue/", False),
    ("opinions-search-info_editor", "info_editor", "/opinions/?q=建议", False),
    ("proposals-search-staff", "proposal_staff", "/proposals/?q=建议", False),
    ("public-form-phone", None, "/public/", True),
    ("intake-proposal_staff", "proposal_staff", "/public/manage/", False),
    ("topics-proposal_staff", "proposal_staff", "/proposals/topics/", False),
    ("supervision-proposal_staff", "proposal_staff", "/proposals/supervision/", False),
    ("votes-proposal_staff", "proposal_staff", "/votes/", False),
    ("appraisals-proposal_staff", "proposal_staff", "/proposals/appraisals/", False),
    ("intelligence-groups-proposal_staff", "proposal_staff", "/proposals/intelligence/groups/", False),
    ("performance-member", "member", "/performance/mine/", False),
    ("performance-committee_staff", "committee_staff", "/performance/", False),
    ("activity-kinds-admin", "admin", "/activities/kinds/", False),
    ("opinions-scoring-info_editor", "info_editor", "/opinions/scoring/", False),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--only", default="")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    var = tempfile.mkdtemp(prefix="zx-shots-")
    env = {**os.environ, "ZX_VAR_DIR": var, "DJANGO_SETTINGS_MODULE": "config.settings", "ZX_DEMO_PASSWORD": PASSWORD}
    env.pop("DATABASE_URL", None)
    py = str(ROOT / ".venv" / "bin" / "python")
    for cmd in (["migrate", "--noinput", "-v", "0"], ["seed_demo"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run([py, "manage.py", *cmd], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    server = subprocess.Popen([py, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                                              "--disable-background-networking", "--no-first-run"])
            contexts: dict = {}
            for name, role, path, phone in SHOTS:
                if args.only and args.only not in name:
                    continue
                key = (role, phone)
                if key not in contexts:
                    size = {"width": 390, "height": 844} if phone else {"width": 1366, "height": 900}
                    ctx = browser.new_context(viewport=size, locale="zh-CN", device_scale_factor=1)
                    if role:
                        page = ctx.new_page()
                        page.goto(base + "/accounts/login/")
                        page.fill("input[name=username]", role)
                        page.fill("input[name=password]", PASSWORD)
                        page.click("button[type=submit]")
                        page.wait_for_load_state("networkidle")
                        page.close()
                    contexts[key] = ctx
                page = contexts[key].new_page()
                response = page.goto(base + path)
                page.wait_for_load_state("networkidle")
                status = response.status if response else "?"
                page.screenshot(path=str(out / f"{name}.png"), full_page=not phone)
                print(f"{name}.png  {status}  {path}")
                page.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
