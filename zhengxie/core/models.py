from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class Cppcc(models.Model):
    """A 政协: the tenant every record belongs to (the 市政协 or one 县区政协)."""

    class Level(models.TextChoices):
        CITY = "city", "市政协"
        COUNTY = "county", "县区政协"

    code = models.SlugField("代码", max_length=40, unique=True)
    name = models.CharField("名称", max_length=80, unique=True)
    short_name = models.CharField("简称", max_length=40)
    level = models.CharField("层级", max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name="上级政协", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    region = models.CharField("行政区", max_length=40, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "政协"
        ordering = ["level", "id"]

    def __str__(self) -> str:
        return self.name


class TenantModel(models.Model):
    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")

    class Meta:
        abstract = True


class Event(models.Model):
    """A row of an object's user-visible timeline (流转记录)."""

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.CharField(max_length=40)
    target = GenericForeignKey("content_type", "object_id")
    verb = models.CharField("动作", max_length=60)
    message = models.CharField("说明", max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "流转记录"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.message}"


class AuditLog(models.Model):
    """Who changed what, with before/after: written in the same transaction as the change."""

    cppcc = models.ForeignKey(Cppcc, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField("操作人姓名", max_length=80, blank=True)
    action = models.CharField("操作", max_length=80, db_index=True)
    content_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.SET_NULL)
    object_id = models.CharField(max_length=40, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)
    changes = models.JSONField("变更字段", default=dict, blank=True)
    ip = models.GenericIPAddressField("IP", null=True, blank=True)
    at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"


class ConfigValue(models.Model):
    """A dated value of a configurable ([P]) parameter. The value valid on a fact's date applies."""

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    key = models.CharField("参数", max_length=80)
    value = models.JSONField("取值")
    valid_from = models.DateField("生效日期")
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "参数配置"
        ordering = ["key", "-valid_from"]
        constraints = [models.UniqueConstraint(fields=["cppcc", "key", "valid_from"], name="uniq_config_value_date")]

    def __str__(self) -> str:
        return f"{self.key} = {self.value}（{self.valid_from} 起）"


class CalendarDay(models.Model):
    """An administrator-maintained day of the official calendar; takes precedence over chinesecalendar."""

    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("是否工作日")
    name = models.CharField("名称", max_length=40, blank=True, help_text="如：春节、国庆节调休上班")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "节假日安排"
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {'上班' if self.is_workday else '休息'} {self.name}"
