"""Rebuild the full-text index: all registered models, or the ones named (app_label.Model)."""
from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import Cppcc
from zhengxie.textindex.registry import registrations
from zhengxie.textindex.services import reindex


class Command(BaseCommand):
    help = "重建全文检索索引（默认全部已登记的模型）。"

    def add_arguments(self, parser):
        parser.add_argument("models", nargs="*", metavar="app_label.Model", help="只重建这些模型")
        parser.add_argument("--cppcc", metavar="代码", help="只重建这个政协的数据（Cppcc.code）")

    def handle(self, *args, models=(), cppcc=None, **options):
        labels = models
        regs = {r.label.lower(): r for r in registrations()}
        wanted = [label.lower() for label in labels] or sorted(regs)
        unknown = [label for label in wanted if label not in regs]
        if unknown:
            raise CommandError(f"未登记全文检索的模型：{', '.join(unknown)}")
        scope = None
        if cppcc:
            scope = Cppcc.objects.filter(code=cppcc).first()
            if scope is None:
                raise CommandError(f"没有代码为 {cppcc} 的政协。")
        for label in wanted:
            count = reindex(regs[label].model, cppcc=scope)
            self.stdout.write(f"已重建 {regs[label].label}：{count} 条")
