from django.apps import AppConfig


class IntelligenceConfig(AppConfig):
    name = "zhengxie.intelligence"
    label = "intelligence"
    verbose_name = "文本智能"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from zhengxie.core import nav
        from zhengxie.core.roles import Role
        from zhengxie.proposals import panels as proposal_panels
        from zhengxie.proposals.models import Proposal

        from . import conf  # noqa: F401  (parameters)
        from .index import on_proposal_deleted, on_proposal_saved
        from .panels import hints_panel, similar_panel

        post_save.connect(on_proposal_saved, sender=Proposal, dispatch_uid="intelligence_vector_save")
        post_delete.connect(on_proposal_deleted, sender=Proposal, dispatch_uid="intelligence_vector_delete")
        proposal_panels.register("intel_hints", "intelligence/_panel_hints.html", hints_panel, order=20, where="main")
        proposal_panels.register("intel_similar", "intelligence/_panel_similar.html", similar_panel, order=60,
                                 where="main")
        nav.register("并案建议", "intelligence:groups", roles=[Role.PROPOSAL_STAFF], order=315, group="提案")
