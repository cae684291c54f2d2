from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "zhengxie.notifications"
    label = "notifications"
    verbose_name = "通知"
