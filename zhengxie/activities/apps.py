from django.apps import AppConfig


class ActivitiesConfig(AppConfig):
    name = "zhengxie.activities"
    label = "activities"
    verbose_name = "委员履职活动"

    def ready(self) -> None:
        from zhengxie.core import nav
        from zhengxie.core.roles import Role
        from zhengxie.notifications.kinds import is_registered, register_kind

        from . import conf, daily, todos  # noqa: F401  (parameters, daily job, to-do providers)
        from .permissions import ORGANISER_ROLES, register_shared_rules

        register_shared_rules()
        if not is_registered("activity"):
            register_kind("activity", "履职活动")
        g = "委员履职"
        members = [Role.MEMBER, Role.STANDING_MEMBER]
        nav.register("我的活动", "activities:mine", roles=members, order=400, group=g)
        nav.register("活动管理", "activities:list", roles=[*ORGANISER_ROLES, Role.LEADER], order=405, group=g)
        nav.register("活动日历", "activities:calendar", order=410, group=g)
        nav.register("请假审批", "activities:leaves", roles=[*ORGANISER_ROLES, Role.LEADER], order=415, group=g)
        nav.register("委员之家", "activities:homes", roles=[*ORGANISER_ROLES, Role.LEADER, *members], order=420, group=g)
        nav.register("活动类型", "activities:kinds", roles=[Role.ADMIN], order=430, group=g)
        nav.register("委员任职(监督员等)", "activities:appointments", roles=[*ORGANISER_ROLES, Role.LEADER], order=425, group=g)
