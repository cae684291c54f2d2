from django.apps import AppConfig


class VotesConfig(AppConfig):
    name = "zhengxie.votes"
    label = "votes"
    verbose_name = "表决（匿名投票）"

    def ready(self) -> None:
        from zhengxie.core import nav
        from zhengxie.notifications.kinds import is_registered, register_kind

        from . import conf, todos  # noqa: F401  (parameters, to-do provider)

        if not is_registered("vote"):
            register_kind("vote", "表决")
        nav.register("表决", "votes:list", order=360, group="提案")
