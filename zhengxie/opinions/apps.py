from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "zhengxie.opinions"
    label = "opinions"
    verbose_name = "社情民意"

    def ready(self) -> None:
        from zhengxie.core import nav
        from zhengxie.core.roles import Role
        from zhengxie.notifications.kinds import register_kind

        from . import conf, figures, search, todos  # noqa: F401  (parameters, figures, index, to-do providers)
        from .permissions import register_shared_rules

        register_shared_rules()
        register_kind("opinion", "社情民意信息")
        search.register()
        g = "社情民意"
        reporters = [Role.MEMBER, Role.STANDING_MEMBER, Role.INFORMANT, Role.ORG_SUBMITTER]
        nav.register("我的社情民意", "opinions:mine", roles=reporters, order=400, group=g)
        nav.register("信息初筛/编辑", "opinions:queue", roles=[Role.INFO_EDITOR], order=410, group=g)
        nav.register("期刊", "opinions:issues", roles=[Role.INFO_EDITOR, Role.INFO_APPROVER, Role.LEADER], order=420, group=g)
        nav.register("写社情民意", "opinions:new", roles=reporters, order=401, group=g)
        nav.register("我的计分", "opinions:scoring_mine", roles=reporters, order=403, group=g)
        nav.register("我的约稿", "opinions:commissions", roles=[Role.MEMBER, Role.STANDING_MEMBER, Role.INFORMANT], order=402, group=g)
        nav.register("编发稿件", "opinions:article_new", roles=[Role.INFO_EDITOR], order=411, group=g)
        nav.register("报送上级", "opinions:report", roles=[Role.INFO_EDITOR], order=412, group=g)
        nav.register("导入采用通报", "opinions:import", roles=[Role.INFO_EDITOR], order=413, group=g)
        nav.register("选题与约稿", "opinions:planning", roles=[Role.INFO_EDITOR], order=414, group=g)
        nav.register("信息员与报送单位", "opinions:reporters", roles=[Role.INFO_EDITOR], order=415, group=g)
        nav.register("批示办理", "opinions:instructions", roles=[Role.HANDLING_UNIT], order=440, group=g)
        nav.register("社情民意查询", "opinions:list", roles=[Role.INFO_EDITOR, Role.INFO_APPROVER, Role.LEADER, Role.ADMIN],
                     order=430, group=g)
        nav.register("计分与排名", "opinions:scoring", roles=[Role.INFO_EDITOR, Role.INFO_APPROVER, Role.LEADER, Role.ADMIN],
                     order=431, group=g)
