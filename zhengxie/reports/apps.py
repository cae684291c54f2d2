from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "zhengxie.reports"
    label = "reports"
    verbose_name = "统计报表"

    def ready(self) -> None:
        from zhengxie.core import nav

        from . import registry
        from .permissions import REPORT_ROLES

        registry.autodiscover()
        nav.register("统计报表", "reports:index", roles=REPORT_ROLES, order=800, group="统计")
