from django.conf import settings
from django.db import models

from zhengxie.core.models import Cppcc


class Channel(models.TextChoices):
    INBOX = "inbox", "站内消息"
    EMAIL = "email", "电子邮件"
    SMS = "sms", "短信"
    WECHAT = "wechat", "微信"


class Notification(models.Model):
    """One in-app inbox message for one recipient."""

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="接收人", on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField("类型", max_length=60, db_index=True)
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)
    in_inbox = models.BooleanField(
        "显示在消息中心", default=True, help_text="用户未选择站内消息渠道时为否：仅作为邮件/短信等发送记录的依据"
    )

    class Meta:
        verbose_name = verbose_name_plural = "站内消息"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_label(self) -> str:
        from .kinds import label_for

        return label_for(self.kind)


class Delivery(models.Model):
    """A message sent (or attempted) on an outside channel: e-mail, SMS, WeChat."""

    class Status(models.TextChoices):
        SENT = "sent", "已发送"
        LOGGED = "logged", "已记录(未接入)"
        FAILED = "failed", "发送失败"
        SKIPPED = "skipped", "无联系方式"

    notification = models.ForeignKey(Notification, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField("渠道", max_length=10, choices=Channel.choices)
    address = models.CharField("地址", max_length=200, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices)
    error = models.CharField("错误", max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "通知发送记录"
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} {self.address} {self.get_status_display()}"


class Preference(models.Model):
    """A user's channels for one kind of notification ('*' = every kind)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences")
    kind = models.CharField("通知类型", max_length=60, default="*")
    channels = models.JSONField("渠道", default=list)

    class Meta:
        verbose_name = verbose_name_plural = "通知偏好"
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="uniq_notification_pref")]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} · {'、'.join(self.channels)}"
