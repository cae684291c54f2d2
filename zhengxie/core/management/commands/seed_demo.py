"""manage.py seed_demo — loads the 长治 demo (idempotent: a second run creates nothing)."""
from django.core.management.base import BaseCommand

from zhengxie.core.demo.builder import DemoSeeder, demo_password, summary


class Command(BaseCommand):
    help = "生成长治市政协演示数据（市政协、12个县区政协、组织机构、委员、会议和各角色演示账号）；可重复运行。"

    def handle(self, *args, **options):
        created = DemoSeeder(password=demo_password()).run()
        if sum(created.values()) == 0:
            self.stdout.write("演示数据已存在，本次未做任何修改。")
        else:
            made = "，".join(f"{label}{n}" for label, n in created.items() if n)
            self.stdout.write(self.style.SUCCESS(f"演示数据已生成：新建{made}。"))
        self.stdout.write("当前演示数据：")
        for label, count in summary():
            self.stdout.write(f"  {label}：{count}")
