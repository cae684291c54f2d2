from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "zhengxie.topics"
    label = "topics"
    verbose_name = "提案线索与选题目录"

    def ready(self) -> None:
        from zhengxie.core import nav
        from zhengxie.core.roles import Role
        from zhengxie.intake import registry
        from zhengxie.notifications.kinds import is_registered, register_kind
        from zhengxie.proposals import panels as proposal_panels

        from . import todos  # noqa: F401  (to-do providers)
        from .panels import proposal_panel
        from .services import clue_from_submission

        registry.register_consumer(
            "proposal_clue", label="提案线索", roles=[Role.PROPOSAL_STAFF], on_accept=clue_from_submission,
            accept_label="采纳为提案线索",
            public_accept_reply="您提供的提案线索已被采纳，提案委员会将归并整理后编入《提案选题参考目录》，供委员撰写提案参考。")
        if not is_registered("topics"):
            register_kind("topics", "提案选题")
        proposal_panels.register("topics", "topics/_proposal_panel.html", proposal_panel, order=20, where="side")
        g = "提案"
        nav.register("选题参考目录", "topics:index", order=305, group=g)
        nav.register("提案线索", "topics:clues", roles=[Role.PROPOSAL_STAFF, Role.HANDLING_UNIT, Role.EXPERT], order=306,
                     group=g)
