"""Train the routing model of each 政协 from its own assigned proposals (+ an optional category tree)."""
from django.core.management.base import BaseCommand, CommandError

from zhengxie.core.models import Cppcc
from zhengxie.intelligence import routing_model


class Command(BaseCommand):
    help = "用本政协已交办的提案训练提案分类模型（交办时的承办单位建议据此加权），保存在 var/intelligence/"

    def add_arguments(self, parser):
        parser.add_argument("--cppcc", help="政协代码；不填为全部有交办记录的政协")
        parser.add_argument("--taxonomy", default=None,
                            help="分类树 CSV（level1,level2,level3），只用其类别名称；不填则只用交办记录")

    def handle(self, *args, cppcc=None, taxonomy=None, **options):
        qs = Cppcc.objects.all()
        if cppcc:
            qs = qs.filter(code=cppcc)
            if not qs.exists():
                raise CommandError(f"没有代码为「{cppcc}」的政协。")
        tax = taxonomy or None
        trained = 0
        for c in qs:
            try:
                m = routing_model.train(c.pk, taxonomy=tax)
            except ValueError as exc:
                if cppcc:
                    raise CommandError(f"{c.name}：{exc}") from exc
                continue
            trained += 1
            counts = "、".join(f"{k}{v}" for k, v in sorted(m.counts.items(), key=lambda x: -x[1]))
            self.stdout.write(f"{c.name}：{m.n_docs} 件已交办提案（{counts}），未交办 {m.n_unlabeled} 件，"
                              f"分类树 {m.taxonomy_rows} 行 → {routing_model.model_path(c.pk)}")
        if not trained:
            self.stdout.write("没有可训练的政协（需要至少两类承办单位的交办记录）。")
