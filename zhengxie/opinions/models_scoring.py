"""社情民意计分 (domain.md §4.5): the ledger of points (ScoreEntry) rebuilt per year from the recorded facts,
and the year-end freeze with sign-off (YearFreeze). Imported at the end of models.py."""
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models

from zhengxie.core.models import Cppcc

__all__ = ["OpinionFlag", "ScoreEntry", "YearFreeze"]


class ScoreEntry(models.Model):
    """One line of the ledger: `points` for `rule` on one item, credited to one author or one 报送单位,
    explained by its fact (编发稿 / 采用 / 批示 / 约稿单) and the fact's date."""

    class Beneficiary(models.TextChoices):
        AUTHOR = "author", "作者"
        UNIT = "unit", "报送单位"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    opinion = models.ForeignKey("opinions.Opinion", verbose_name="信息", on_delete=models.CASCADE,
                                related_name="score_entries")
    beneficiary = models.CharField("计分对象类型", max_length=8, choices=Beneficiary.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="作者", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("opinions.ReportingUnit", verbose_name="报送单位", null=True, blank=True,
                             on_delete=models.CASCADE, related_name="score_entries")
    is_primary = models.BooleanField("第一作者", default=False, help_text="按信息汇总(专委会、界别)时只取第一作者行，避免重复")
    rule = models.CharField("计分规则", max_length=40)
    rule_label = models.CharField("规则说明", max_length=80)
    points = models.IntegerField("得分")
    fact_type = models.ForeignKey(ContentType, verbose_name="依据类型", on_delete=models.CASCADE, related_name="+")
    fact_id = models.PositiveBigIntegerField("依据编号")
    fact_date = models.DateField("依据日期")
    table_from = models.DateField("适用分值表生效日期", null=True, blank=True)
    computed_at = models.DateTimeField("计算时间")

    class Meta:
        verbose_name = verbose_name_plural = "社情民意计分"
        ordering = ["fact_date", "opinion_id", "rule", "id"]
        indexes = [models.Index(fields=["cppcc", "year", "beneficiary"]), models.Index(fields=["cppcc", "fact_date"])]

    def __str__(self) -> str:
        return f"{self.rule_label} {self.points:+d}"


class YearFreeze(models.Model):
    """A year's scores: last recompute, and the year-end freeze with sign-off; every freeze/reopen is logged."""

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("年度")
    is_frozen = models.BooleanField("已冻结", default=False)
    frozen_at = models.DateTimeField("冻结时间", null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签批人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    computed_at = models.DateTimeField("最近计算时间", null=True, blank=True)
    log = models.JSONField("冻结/重开记录", default=list, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "年度计分冻结"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["cppcc", "year"], name="uniq_score_year")]

    def __str__(self) -> str:
        return f"{self.year}年度计分（{'已冻结' if self.is_frozen else '未冻结'}）"


class OpinionFlag(models.Model):
    """抄袭/不实认定 (domain.md §4.5): staff flag an item with reason and evidence; the item loses its points
    (every year it is recomputed) and its authors and 报送单位 get the table's `penalty` on the flag date.
    Revoking keeps the row (who, when, why); at most one flag in force per item."""

    class Kind(models.TextChoices):
        PLAGIARISM = "plagiarism", "抄袭"
        FALSE = "false", "内容不实"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    opinion = models.ForeignKey("opinions.Opinion", verbose_name="信息", on_delete=models.CASCADE, related_name="flags")
    kind = models.CharField("认定类型", max_length=12, choices=Kind.choices)
    reason = models.TextField("认定理由")
    evidence = models.TextField("证据/依据", help_text="如：与某网站某日文章雷同的段落、核实情况说明")
    date = models.DateField("认定日期", help_text="扣分计入此日期所在年度")
    flagged_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="认定人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")
    flagged_at = models.DateTimeField("登记时间")
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="撤销人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)
    revoke_reason = models.TextField("撤销理由", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "抄袭/不实认定"
        ordering = ["-flagged_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["opinion"], condition=models.Q(revoked_at__isnull=True),
                                               name="uniq_opinion_flag_in_force")]

    def __str__(self) -> str:
        state = "（已撤销）" if self.revoked_at else ""
        return f"{self.get_kind_display()}认定 {self.date:%Y-%m-%d}{state}"

    @property
    def in_force(self) -> bool:
        return self.revoked_at is None
