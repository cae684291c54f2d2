from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "zhengxie.opinions"
    label = "opinions"
    verbose_name = "社情民意"

    def ready(self) -> None:
        from zhengxie.core import nav
        from zhengxie.core.roles import Role
        from zhengxie.notifications.kinds import register_kind

        from . import conf, search, todos  # noqa: F401  (parameters, index, to-do providers)
        from .permissions import register_shared_rules

        register_shared_rules()
        register_kind("opinion", "社情民意信息")
        search.register()
        g = "社情民意"
        reporters = [Role.MEMBER, Role.STANDING_MEMBER, Role.INFORMANT, Role.ORG_SUBMITTER]
        nav.register("我的社情民意", "opinions:mine", roles=reporters, order=400, group=g)
        nav.register("信息初筛/编辑", "opinions:queue", roles=[Role.INFO_EDITOR], order=410, group=g)
        nav.register("期刊", "opinions:issues", roles=[Role.INFO_EDITOR, Role.INFO_APPROVER, Role.LEADER], order=420, group=g)
        nav.register("社情民意查询", "opinions:list", roles=[Role.INFO_EDITOR, Role.INFO_APPROVER, Role.LEADER, Role.ADMIN],
                     order=430, group=g)
