from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "zhengxie.performance"
    label = "performance"
    verbose_name = "履职积分与履职档案"

    def ready(self) -> None:
        from zhengxie.core import nav
        from zhengxie.core.roles import READ_ALL_ROLES, Role

        from . import rules, todos  # noqa: F401  (parameters, to-do providers)

        g = "委员履职"
        nav.register("我的履职档案", "performance:mine", roles=[Role.MEMBER, Role.STANDING_MEMBER], order=430, group=g)
        nav.register("履职积分", "performance:standings", roles=READ_ALL_ROLES, order=435, group=g)
