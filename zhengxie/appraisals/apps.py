from django.apps import AppConfig


class AppraisalsConfig(AppConfig):
    name = "zhengxie.appraisals"
    label = "appraisals"
    verbose_name = "民主评议与评优"

    def ready(self) -> None:
        from zhengxie.core import nav
        from zhengxie.core.roles import Role
        from zhengxie.notifications.kinds import is_registered, register_kind
        from zhengxie.proposals import panels

        from . import conf, todos  # noqa: F401  (parameters, to-do providers)
        from .views import proposal_panel_context

        if not is_registered("appraisal"):
            register_kind("appraisal", "民主评议与评优")
        panels.register("appraisals", "appraisals/_proposal_panel.html", proposal_panel_context, order=80, where="side")
        g = "提案"
        readers = [Role.PROPOSAL_STAFF, Role.ADMIN, Role.LEADER, Role.COMMITTEE_STAFF, Role.SUPERVISING_OFFICE]
        nav.register("民主评议", "appraisals:list", roles=[*readers, Role.HANDLING_UNIT], order=370, group=g)
        nav.register("整改事项", "appraisals:rectifications", roles=[Role.PROPOSAL_STAFF, Role.ADMIN, Role.LEADER,
                                                                  Role.HANDLING_UNIT], order=372, group=g)
        nav.register("好提案与先进单位", "appraisals:awards", order=375, group=g)
