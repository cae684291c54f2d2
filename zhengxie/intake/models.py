"""Public intake (generic): a 政协's open channels and the submissions the public sends through them.

Any module consumes a channel (registry.register_consumer): 提案线索 today, 有事来商量 议题 later. Personal data
(name, phone, 单位/地址, IP) is seen only by staff of that 政协 holding one of the consumer's roles; the submitter
sees status and the public reply through the tracking code, nothing else.
"""
from django.conf import settings
from django.db import models

from zhengxie.core.models import Cppcc, TimeStampedModel

#: Tracking-code alphabet: digits and capitals without 0/O/1/I (unambiguous when read aloud or copied).
CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 10


class Channel(TimeStampedModel):
    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField("代码", max_length=40, help_text="出现在公开网址中，如 proposal-clue")
    title = models.CharField("名称", max_length=80)
    intro = models.TextField("征集说明", blank=True)
    consumer = models.CharField("处理模块", max_length=40, help_text="由哪个业务模块接收处理")
    is_open = models.BooleanField("正在征集", default=True)
    body_hint = models.CharField("内容提示", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "征集渠道"
        ordering = ["cppcc", "id"]
        constraints = [models.UniqueConstraint(fields=["cppcc", "code"], name="uniq_intake_channel_code")]

    def __str__(self) -> str:
        return self.title

    def get_public_url(self) -> str:
        return f"/public/{self.cppcc.code}/{self.code}/"


class Submission(TimeStampedModel):
    class Status(models.TextChoices):
        NEW = "new", "待处理"
        ACCEPTED = "accepted", "已采纳"
        REJECTED = "rejected", "未采纳"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    channel = models.ForeignKey(Channel, verbose_name="渠道", on_delete=models.PROTECT, related_name="submissions")
    tracking_code = models.CharField("查询码", max_length=CODE_LENGTH, unique=True)
    name = models.CharField("姓名", max_length=40)
    phone = models.CharField("手机号码", max_length=20, db_index=True)
    org = models.CharField("工作单位", max_length=80, blank=True)
    address = models.CharField("联系地址", max_length=120, blank=True)
    title = models.CharField("标题", max_length=80)
    body = models.TextField("内容")
    attachment = models.CharField("附件(存储路径)", max_length=200, blank=True,
                                  help_text="私有存储中的路径，只经处理人员的下载页面提供")
    attachment_name = models.CharField("附件原名", max_length=120, blank=True)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.NEW, db_index=True)
    public_reply = models.TextField("答复（提交人可见）", blank=True)
    staff_note = models.CharField("内部备注", max_length=200, blank=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="处理人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    handled_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "公众来信"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["cppcc", "status"]), models.Index(fields=["ip", "created_at"])]

    def __str__(self) -> str:
        return f"{self.tracking_code} {self.title}"

    def get_absolute_url(self) -> str:
        return f"/public/manage/{self.pk}/"
