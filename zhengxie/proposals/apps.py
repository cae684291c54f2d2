from django.apps import AppConfig


class ProposalsConfig(AppConfig):
    name = "zhengxie.proposals"
    label = "proposals"
    verbose_name = "提案"

    def ready(self) -> None:
        from zhengxie.core import nav
        from zhengxie.core.roles import Role
        from zhengxie.notifications.kinds import register_kind

        from . import (  # noqa: F401  (to-do providers)
            conf,  # noqa: F401  (configuration parameters)
            search,
            todos,
        )
        from .permissions import register_shared_rules

        register_shared_rules()
        from . import daily  # noqa: F401  (daily job: automatic 收件, reminders)
        register_kind("proposal", "提案办理")
        search.register()
        g = "提案"
        nav.register("我的提案", "proposals:mine", roles=[Role.MEMBER, Role.STANDING_MEMBER, Role.ORG_SUBMITTER], order=300, group=g)
        nav.register("提案审查/交办", "proposals:queue", roles=[Role.PROPOSAL_STAFF], order=310, group=g)
        nav.register("承办提案", "proposals:inbox", roles=[Role.HANDLING_UNIT], order=320, group=g)
        nav.register("答复审核", "proposals:audit", roles=[Role.SUPERVISING_OFFICE, Role.PROPOSAL_STAFF], order=330, group=g)
        nav.register("提案查询", "proposals:list",
                     roles=[Role.LEADER, Role.PROPOSAL_STAFF, Role.ADMIN, Role.COMMITTEE_STAFF], order=340, group=g)
