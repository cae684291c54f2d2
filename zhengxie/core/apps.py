from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "zhengxie.core"
    label = "core"
    verbose_name = "平台基础"

    def ready(self) -> None:
        from . import daily, jobs, nav, todos, todos_core  # noqa: F401  (registries, housekeeping jobs)
        from .roles import Role

        nav.register("审计日志", "core:audit", roles=[Role.ADMIN], order=910, group="系统管理")
        nav.register("参数配置", "core:config", roles=[Role.ADMIN], order=915, group="系统管理")
        nav.register("节假日安排", "core:calendar", roles=[Role.ADMIN], order=920, group="系统管理")
