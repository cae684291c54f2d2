from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "zhengxie.supervision"
    label = "supervision"
    verbose_name = "重点提案与督办"

    def ready(self) -> None:
        from zhengxie.core import nav
        from zhengxie.core.roles import Role
        from zhengxie.notifications.kinds import is_registered, register_kind
        from zhengxie.proposals import panels

        from . import conf, todos  # noqa: F401  (parameters, to-do providers)
        from .permissions import register_shared_rules
        from .views.panel import panel_context

        register_shared_rules()
        if not is_registered("supervision"):
            register_kind("supervision", "重点提案与督办")
        panels.register("supervision", "supervision/_proposal_panel.html", panel_context, order=50, where="main")
        g = "提案"
        nav.register("重点提案与督办", "supervision:home",
                     roles=[Role.PROPOSAL_STAFF, Role.LEADER, Role.COMMITTEE_STAFF, Role.SUPERVISING_OFFICE, Role.ADMIN],
                     order=345, group=g)
        nav.register("督办跟进事项", "supervision:followups", roles=[Role.HANDLING_UNIT], order=346, group=g)
        nav.register("并案集中督办", "supervision:cases", roles=[Role.HANDLING_UNIT], order=346, group=g)
        nav.register("重点提案推荐", "supervision:selections", roles=[Role.ORG_SUBMITTER], order=347, group=g)
