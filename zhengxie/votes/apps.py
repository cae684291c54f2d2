from django.apps import AppConfig


class VotesConfig(AppConfig):
    name = "zhengxie.votes"
    label = "votes"
    verbose_name = "表决（匿名投票）"

    def ready(self) -> None:
        pass
