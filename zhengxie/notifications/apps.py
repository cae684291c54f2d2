from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "zhengxie.notifications"
    label = "notifications"
    verbose_name = "通知"

    def ready(self) -> None:
        from zhengxie.core import nav

        from . import kinds  # noqa: F401  (registers the platform's own kinds)

        nav.register("消息中心", "notifications:inbox", order=900)
