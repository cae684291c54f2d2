"""Write docs/figures.md from the figures registry (or, with --check, fail when it is out of date)."""
from django.core.management.base import BaseCommand, CommandError

from zhengxie.reports.docs import DOC_PATH, generate


class Command(BaseCommand):
    help = "根据统计指标注册表生成 docs/figures.md"

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="只检查文件是否最新，不写入")

    def handle(self, *args, check: bool = False, **options):
        text = generate()
        current = DOC_PATH.read_text(encoding="utf-8") if DOC_PATH.exists() else ""
        if check:
            if current != text:
                raise CommandError("docs/figures.md 与指标注册表不一致，请运行 python manage.py figures_doc。")
            self.stdout.write("docs/figures.md 已是最新。")
            return
        DOC_PATH.write_text(text, encoding="utf-8")
        self.stdout.write(self.style.SUCCESS(f"已写入 {DOC_PATH}（{text.count(chr(10))} 行）。"))
