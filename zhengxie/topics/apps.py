from django.apps import AppConfig


class TopicsConfig(AppConfig):
    name = "zhengxie.topics"
    label = "topics"
    verbose_name = "提案线索与选题目录"

    def ready(self) -> None:
        pass
