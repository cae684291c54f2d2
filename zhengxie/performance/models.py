"""积分台账: derived ScoreEntry rows (rebuilt by a recompute), manual ScoreAdjustment rows (never touched by a
recompute) and the year freeze with sign-off."""
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from zhengxie.core.models import Cppcc
from zhengxie.members.models import Member


class ScoreEntry(models.Model):
    """One point item derived from one fact of another module (source content type + id)."""

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    member = models.ForeignKey(Member, verbose_name="委员", on_delete=models.CASCADE, related_name="score_entries")
    rule = models.CharField("规则", max_length=40)
    rule_label = models.CharField("规则名称", max_length=60)
    points = models.DecimalField("分值", max_digits=7, decimal_places=1)
    source_type = models.ForeignKey(ContentType, verbose_name="来源类型", on_delete=models.PROTECT, related_name="+")
    source_id = models.CharField("来源编号", max_length=40)
    fact_date = models.DateField("事实日期")
    explanation = models.CharField("说明", max_length=300)

    class Meta:
        verbose_name = verbose_name_plural = "积分明细"
        ordering = ["fact_date", "id"]
        indexes = [models.Index(fields=["cppcc", "year", "member"])]

    def __str__(self) -> str:
        return f"{self.member} {self.rule_label} {self.points}"


class ScoreAdjustment(models.Model):
    """人工加减分: reason, requested by staff, approved by a leader/administrator; kept apart from the ledger."""

    class State(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已批准"
        REFUSED = "refused", "未批准"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    member = models.ForeignKey(Member, verbose_name="委员", on_delete=models.CASCADE, related_name="score_adjustments")
    points = models.DecimalField("加减分", max_digits=7, decimal_places=1)
    reason = models.CharField("理由", max_length=300)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人", null=True,
                                     on_delete=models.SET_NULL, related_name="+")
    approver = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    created_at = models.DateTimeField("申请时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "积分调整"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.member} {self.points:+}（{self.reason}）"


class YearFreeze(models.Model):
    """年度积分冻结 (年终签字确认). A recompute never changes a frozen year; reopening is logged."""

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    frozen = models.BooleanField("已冻结", default=False)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签字确认人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    signed_at = models.DateTimeField("签字确认时间", null=True, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    recomputed_at = models.DateTimeField("最近计算时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度积分冻结"
        constraints = [models.UniqueConstraint(fields=["cppcc", "year"], name="uniq_perf_year")]

    def __str__(self) -> str:
        return f"{self.year}年度（{'已冻结' if self.frozen else '未冻结'}）"


class AnnualReport(models.Model):
    """常委年度履职报告: text sections written by the 常委, statistics prefilled from the 档案; submit, archive."""

    class State(models.TextChoices):
        DRAFT = "draft", "草稿"
        SUBMITTED = "submitted", "已提交"
        ARCHIVED = "archived", "已归档"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, verbose_name="常委", on_delete=models.CASCADE, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("年度")
    achievements = models.TextField("履职成效", blank=True)
    problems = models.TextField("存在问题", blank=True)
    suggestions = models.TextField("意见建议", blank=True)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.DRAFT)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    archived_at = models.DateTimeField("归档时间", null=True, blank=True)
    archived_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="归档人", null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "常委年度履职报告"
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="uniq_annual_report")]

    def __str__(self) -> str:
        return f"{self.member}{self.year}年度履职报告"


class Award(models.Model):
    """表彰: an honour of a member (entered by staff from the 表彰 document); scored by level (performance.rules)."""

    class Level(models.TextChoices):
        NATIONAL = "national", "国家级"
        PROVINCIAL = "provincial", "省级"
        CITY = "city", "市级"
        COUNTY = "county", "县（区）级"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, verbose_name="委员", on_delete=models.CASCADE, related_name="awards")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("表彰名称", max_length=120, help_text="如：优秀政协委员、社情民意信息工作先进个人")
    level = models.CharField("表彰级别", max_length=20, choices=Level.choices)
    awarded_on = models.DateField("表彰日期")
    source_document = models.CharField("表彰文件", max_length=160, help_text="如：长政协发〔2025〕12号")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "委员表彰"
        ordering = ["-awarded_on", "-id"]
        indexes = [models.Index(fields=["cppcc", "year"]), models.Index(fields=["member", "year"])]

    def __str__(self) -> str:
        return f"{self.member} {self.year}年 {self.title}"


class CultureContribution(models.Model):
    """文史资料 稿件: a member's contribution to the 文史资料 collection; scored when 录用 (adopted)."""

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, verbose_name="委员", on_delete=models.CASCADE, related_name="culture_contributions")
    year = models.PositiveSmallIntegerField("年度")
    title = models.CharField("稿件标题", max_length=160)
    publication = models.CharField("收录书刊", max_length=120, blank=True, help_text="如：《长治文史资料》第三十辑")
    adopted = models.BooleanField("已录用", default=False)
    adopted_on = models.DateField("录用日期", null=True, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="登记人", null=True, on_delete=models.SET_NULL,
                                    related_name="+")
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "文史资料稿件"
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["cppcc", "year"]), models.Index(fields=["member", "year"])]

    def __str__(self) -> str:
        return f"{self.member}《{self.title}》"
