"""提案线索 → 选题 → 《提案选题参考目录》 (domain.md §3.3).

A 线索 comes from the public (an accepted intake Submission), from a department (承办单位) or an expert, or is
entered by 提案委 staff. Staff merge 线索 into the Topics of a 会议's TopicCatalogue and publish it; a proposal
cites a topic through TopicCitation (the proposals app is not changed).
"""
from django.conf import settings
from django.db import models

from zhengxie.accounts.models import Organisation
from zhengxie.core.models import Cppcc, TimeStampedModel
from zhengxie.members.models import Meeting


class Clue(TimeStampedModel):
    class Source(models.TextChoices):
        PUBLIC = "public", "社会公众"
        UNIT = "unit", "部门单位"
        EXPERT = "expert", "智库专家"
        STAFF = "staff", "提案委征集"

    class Status(models.TextChoices):
        PENDING = "pending", "待筛选"
        ACCEPTED = "accepted", "已采纳"
        MERGED = "merged", "已编入选题"
        REJECTED = "rejected", "不予采纳"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    source = models.CharField("来源", max_length=10, choices=Source.choices)
    submission = models.OneToOneField("intake.Submission", verbose_name="公众来信", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="clue")
    title = models.CharField("线索标题", max_length=80)
    body = models.TextField("线索内容")
    category = models.ForeignKey("proposals.Category", verbose_name="类别", null=True, blank=True, on_delete=models.PROTECT)
    org = models.ForeignKey(Organisation, verbose_name="提出单位", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="+")
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    reject_reason = models.CharField("不予采纳理由", max_length=200, blank=True)
    topic = models.ForeignKey("Topic", verbose_name="编入选题", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="clues")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="筛选人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("筛选时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "提案线索"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["cppcc", "status"]), models.Index(fields=["cppcc", "source"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/proposals/topics/clues/{self.pk}/"

    @property
    def submitter_label(self) -> str:
        """Who proposed it, without personal data (public clues show only 社会公众)."""
        if self.source == self.Source.PUBLIC:
            return "社会公众"
        if self.org_id:
            return self.org.name
        return self.created_by.name if self.created_by_id else self.get_source_display()


class TopicCatalogue(TimeStampedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "编辑中"
        PUBLISHED = "published", "已发布"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.PROTECT, related_name="topic_catalogues")
    title = models.CharField("标题", max_length=120)
    intro = models.TextField("说明", blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发布人", null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "提案选题参考目录"
        ordering = ["-meeting__start_date", "-id"]
        constraints = [models.UniqueConstraint(fields=["meeting"], name="uniq_topic_catalogue_meeting")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/proposals/topics/catalogues/{self.pk}/"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


class Topic(TimeStampedModel):
    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    catalogue = models.ForeignKey(TopicCatalogue, verbose_name="目录", on_delete=models.PROTECT, related_name="topics")
    seq = models.PositiveSmallIntegerField("序号", default=0)
    title = models.CharField("选题", max_length=100)
    description = models.TextField("要点", blank=True)
    category = models.ForeignKey("proposals.Category", verbose_name="类别", null=True, blank=True, on_delete=models.PROTECT)
    suggested_units = models.ManyToManyField(Organisation, verbose_name="建议承办单位", blank=True, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "提案选题"
        ordering = ["catalogue", "seq", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/proposals/topics/{self.pk}/"


class TopicCitation(models.Model):
    """A proposal's cited topic (one per proposal)."""

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    proposal = models.OneToOneField("proposals.Proposal", verbose_name="提案", on_delete=models.CASCADE,
                                    related_name="topic_citation")
    topic = models.ForeignKey(Topic, verbose_name="选题", on_delete=models.PROTECT, related_name="citations")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="设置人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("设置时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "提案引用选题"

    def __str__(self) -> str:
        return f"{self.proposal_id} → {self.topic}"
