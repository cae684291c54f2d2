"""Store the text vectors of every submitted proposal (after bulk imports or an encoder change)."""
from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import Cppcc
from zhengxie.intelligence.index import backfill


class Command(BaseCommand):
    help = "为提案相似度索引补齐/重算文本向量（批量导入后或编码方式变更后运行）"

    def add_arguments(self, parser):
        parser.add_argument("--cppcc", help="政协代码；不填为全部")
        parser.add_argument("--force", action="store_true", help="全部重算（默认只补缺失或版本不符的）")

    def handle(self, *args, cppcc=None, force=False, **options):
        qs = Cppcc.objects.all()
        if cppcc:
            qs = qs.filter(code=cppcc)
            if not qs.exists():
                raise CommandError(f"没有代码为「{cppcc}」的政协。")
        for c in qs:
            n = backfill(c.pk, force=force)
            self.stdout.write(f"{c.name}：更新 {n} 条提案文本向量")
