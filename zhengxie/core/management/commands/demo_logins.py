"""manage.py demo_logins — the demo usernames with their roles and organisations (no passwords)."""
import unicodedata

from django.core.management.base import BaseCommand

from zhengxie.core.demo.builder import demo_logins


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(0, width - _width(text))


class Command(BaseCommand):
    help = "列出演示账号（账号、角色、所属政协、所在组织），不显示密码。"

    def handle(self, *args, **options):
        rows = demo_logins()
        if not rows:
            self.stdout.write("尚未生成演示数据，请先运行：python manage.py seed_demo")
            return
        header = {"username": "账号", "roles": "角色", "cppcc": "所属政协", "organisation": "所在组织", "name": "显示名"}
        cols = list(header)
        widths = {c: max(_width(header[c]), *(_width(r[c]) for r in rows)) for c in cols}
        self.stdout.write("  ".join(_pad(header[c], widths[c]) for c in cols).rstrip())
        self.stdout.write("  ".join("-" * widths[c] for c in cols))
        for r in rows:
            self.stdout.write("  ".join(_pad(r[c] or "—", widths[c]) for c in cols).rstrip())
