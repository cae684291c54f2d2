import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from zhengxie.core import jobs


class Command(BaseCommand):
    help = "运行全部每日任务（平时由 Celery beat 每天 02:00 运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--date", help="按哪一天运行，格式 YYYY-MM-DD；默认今天")

    def handle(self, *args, date=None, **options):
        try:
            today = dt.date.fromisoformat(date) if date else None
        except ValueError:
            raise CommandError(f"日期「{date}」格式不正确，应为 YYYY-MM-DD，如 2025-03-01。")
        results = jobs.run_daily_jobs(today)
        if not results:
            self.stdout.write("没有登记任何每日任务。")
            return
        for r in results:
            line = f"{'✓' if r.ok else '✗'} {r.name}：{r.message}（{r.seconds:.2f} 秒）"
            self.stdout.write(self.style.SUCCESS(line) if r.ok else self.style.ERROR(line))
        failed = [r.name for r in results if not r.ok]
        if failed:
            raise CommandError(f"{len(failed)} 项每日任务失败：{'、'.join(failed)}。详情见日志。")
        self.stdout.write(f"全部 {len(results)} 项每日任务已完成。")
