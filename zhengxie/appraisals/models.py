"""民主评议 of 提案办理 (a round per year/会议 with units, a vote, results, 整改 and 回头看) and 年度评优
(优秀提案 / 先进承办单位 nominations and the approved list)."""
from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse

from zhengxie.accounts.models import Organisation
from zhengxie.core.models import Cppcc, TimeStampedModel

from .workflow import AwardStatus, RectState, Status


class Appraisal(TimeStampedModel):
    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("评议年度")
    title = models.CharField("名称", max_length=120)
    meeting = models.ForeignKey("members.Meeting", verbose_name="所属会议", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    meeting_date = models.DateField("评议会日期", null=True, blank=True)
    meeting_place = models.CharField("评议会地点", max_length=120, blank=True)
    meeting_note = models.TextField("评议会情况", blank=True)
    participants = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name="参加评议人员", blank=True,
                                          related_name="+")
    vote = models.OneToOneField("votes.Vote", verbose_name="表决", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="appraisal")
    results_at = models.DateTimeField("结果公布时间", null=True, blank=True)
    review_date = models.DateField("回头看日期", null=True, blank=True)
    review_findings = models.TextField("回头看情况", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "民主评议"
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["cppcc", "year"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("appraisals:detail", args=[self.pk])


class AppraisalUnit(models.Model):
    """One 承办单位 under evaluation in a round, with its results frozen when the vote closes."""

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="units")
    unit = models.ForeignKey(Organisation, verbose_name="被评议单位", on_delete=models.PROTECT, related_name="+")
    sort = models.PositiveIntegerField("排序", default=0)
    report = models.TextField("办理情况汇报要点", blank=True)
    opinion = models.TextField("评议意见", blank=True)
    vote_item = models.ForeignKey("votes.VoteItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    satisfied = models.PositiveIntegerField("满意票", default=0)
    basic = models.PositiveIntegerField("基本满意票", default=0)
    unsatisfied = models.PositiveIntegerField("不满意票", default=0)
    abstain = models.PositiveIntegerField("弃权票", default=0)
    valid = models.PositiveIntegerField("有效票", default=0)
    satisfaction_rate = models.DecimalField("满意率(%)", max_digits=5, decimal_places=1, null=True, blank=True)
    rank = models.PositiveIntegerField("名次", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "被评议单位"
        ordering = ["appraisal", "sort", "id"]
        constraints = [models.UniqueConstraint(fields=["appraisal", "unit"], name="uniq_appraisal_unit")]

    def __str__(self) -> str:
        return f"{self.appraisal.year}年 {self.unit.name}"

    def get_absolute_url(self) -> str:
        return reverse("appraisals:detail", args=[self.appraisal_id]) + f"#unit-{self.pk}"


class Rectification(TimeStampedModel):
    """整改 item of one evaluated unit: text, due date, state, the unit's feedback and the 回头看 note."""

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    entry = models.ForeignKey(AppraisalUnit, verbose_name="被评议单位", on_delete=models.CASCADE,
                              related_name="rectifications")
    text = models.TextField("整改要求")
    due_date = models.DateField("整改期限")
    state = models.CharField("状态", max_length=10, choices=RectState.choices, default=RectState.OPEN, db_index=True)
    feedback = models.TextField("单位反馈", blank=True)
    feedback_at = models.DateTimeField("反馈时间", null=True, blank=True)
    feedback_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    staff_note = models.CharField("确认/退回意见", max_length=300, blank=True)
    done_at = models.DateTimeField("完成确认时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "整改事项"
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.text[:40]

    def get_absolute_url(self) -> str:
        return self.entry.get_absolute_url()


class AwardRound(TimeStampedModel):
    """年度评优: 优秀提案 and 先进承办单位 of one year."""

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    status = models.CharField("状态", max_length=12, choices=AwardStatus.choices, default=AwardStatus.NOMINATING)
    approval_body = models.CharField("审定机构", max_length=40, blank=True)
    approved_on = models.DateField("审定日期", null=True, blank=True)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "年度评优"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["cppcc", "year"], name="uniq_award_round_year")]

    def __str__(self) -> str:
        return f"{self.year}年度优秀提案和先进承办单位评选"

    def get_absolute_url(self) -> str:
        return reverse("appraisals:award_detail", args=[self.pk])


class Nomination(TimeStampedModel):
    class Kind(models.TextChoices):
        PROPOSAL = "proposal", "优秀提案"
        UNIT = "unit", "先进承办单位"

    class Source(models.TextChoices):
        STAFF = "staff", "提案委推荐"
        APPRAISAL = "appraisal", "民主评议结果"
        EVALUATION = "evaluation", "委员评价"
        ORG = "org", "党派/专委会推荐"

    class State(models.TextChoices):
        NOMINATED = "nominated", "已推荐"
        SELECTED = "selected", "入选"
        DROPPED = "dropped", "未入选"

    round = models.ForeignKey(AwardRound, on_delete=models.CASCADE, related_name="nominations")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    proposal = models.ForeignKey("proposals.Proposal", verbose_name="提案", null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    unit = models.ForeignKey(Organisation, verbose_name="承办单位", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    source = models.CharField("推荐来源", max_length=12, choices=Source.choices, default=Source.STAFF)
    reason = models.CharField("推荐理由", max_length=300, blank=True)
    state = models.CharField("评审结果", max_length=10, choices=State.choices, default=State.NOMINATED)
    note = models.CharField("评审意见", max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "评优推荐"
        ordering = ["kind", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "proposal"], name="uniq_nomination_proposal",
                                    condition=models.Q(proposal__isnull=False)),
            models.UniqueConstraint(fields=["round", "unit"], name="uniq_nomination_unit",
                                    condition=models.Q(unit__isnull=False)),
            models.CheckConstraint(
                condition=(models.Q(kind="proposal", proposal__isnull=False, unit__isnull=True)
                           | models.Q(kind="unit", unit__isnull=False, proposal__isnull=True)),
                name="nomination_kind_target"),
        ]

    def __str__(self) -> str:
        return str(self.proposal or self.unit)

    @property
    def target_name(self) -> str:
        return self.proposal.title if self.proposal_id else self.unit.name
