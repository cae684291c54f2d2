"""社情民意信息 (domain.md §4): reporters, items, 策划 (选题/约稿), editing (编发稿), periodicals (期刊),
upward reports, external results (采用, 批示). Generic pieces: Version (versions.py), Issue/IssueEntry
(any series of 期刊), Instruction (批示 → 转办 → 反馈 on any record)."""
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from zhengxie.accounts.models import Organisation
from zhengxie.core.models import Cppcc, TimeStampedModel
from zhengxie.members.models import Member

from .versions import Version  # noqa: F401  (generic versioned texts live in versions.py)
from .workflow import Status

User = settings.AUTH_USER_MODEL


# Reporters ------------------------------------------------------------------------------------------

class Informant(TimeStampedModel):
    """特邀信息员: appointed for a term with a yearly duty (domain.md §4.6)."""

    class State(models.TextChoices):
        ACTIVE = "active", "在聘"
        SUSPENDED = "suspended", "暂停"
        ENDED = "ended", "已解聘/期满"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(User, verbose_name="账号", on_delete=models.PROTECT, related_name="informant_posts")
    member = models.ForeignKey(Member, verbose_name="委员(如是)", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    org = models.ForeignKey(Organisation, verbose_name="推荐/所在单位", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="+")
    employer = models.CharField("工作单位及职务", max_length=120, blank=True)
    appointed_at = models.DateField("聘任日期")
    term_end = models.DateField("聘期截止", null=True, blank=True)
    yearly_duty = models.PositiveSmallIntegerField("年度报送任务(篇)", default=12)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.ACTIVE)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "特邀信息员"
        ordering = ["-appointed_at", "id"]

    def __str__(self) -> str:
        return str(self.user)


class ReportingUnit(TimeStampedModel):
    """信息报送单位: 党派, 团体, 县区政协, 专委会, 委室, 界别 — each with 分管领导 and 信息联络员."""

    class Kind(models.TextChoices):
        PARTY = "party", "党派"
        PEOPLE_ORG = "people_org", "人民团体"
        COUNTY = "county", "县区政协"
        COMMITTEE = "committee", "专委会"
        OFFICE = "office", "机关委室"
        SECTOR = "sector", "界别"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    name = models.CharField("单位名称", max_length=80)
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    organisation = models.ForeignKey(Organisation, verbose_name="对应组织", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    county = models.ForeignKey(Cppcc, verbose_name="对应县区政协", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    leader_name = models.CharField("分管领导", max_length=40, blank=True)
    liaison = models.ForeignKey(User, verbose_name="信息联络员", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="liaison_units")
    yearly_quota = models.PositiveSmallIntegerField("年度报送任务(篇)", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "信息报送单位"
        ordering = ["kind", "id"]
        constraints = [models.UniqueConstraint(fields=["cppcc", "name"], name="uniq_reporting_unit")]

    def __str__(self) -> str:
        return self.name


# 策划 -----------------------------------------------------------------------------------------------

class Topic(TimeStampedModel):
    """重点选题 published for a period."""

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    period_label = models.CharField("期间", max_length=40, help_text="如：2023年第二季度")
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    title = models.CharField("选题", max_length=120)
    description = models.TextField("选题说明", blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "重点选题"
        ordering = ["-start_date", "id"]

    def __str__(self) -> str:
        return f"{self.period_label} {self.title}"


class Commission(TimeStampedModel):
    """约稿 (订单式约稿) to one named member or informant, with a due date, tracked to delivery."""

    class State(models.TextChoices):
        OPEN = "open", "待交稿"
        DELIVERED = "delivered", "已交稿"
        CANCELLED = "cancelled", "已撤销"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    topic = models.ForeignKey(Topic, verbose_name="重点选题", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="commissions")
    title = models.CharField("约稿题目", max_length=120)
    brief = models.TextField("约稿要求", blank=True)
    assignee = models.ForeignKey(User, verbose_name="约稿对象", on_delete=models.PROTECT, related_name="commissions")
    due_date = models.DateField("交稿期限")
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.OPEN)
    delivered_at = models.DateTimeField("交稿时间", null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "约稿"
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return f"约稿：{self.title}（{self.assignee}）"


# Items -------------------------------------------------------------------------------------------

class Opinion(TimeStampedModel):
    """一篇社情民意信息 (一事一报: 情况, 分析, 建议)."""

    class Source(models.TextChoices):
        DIRECT = "direct", "自主报送"
        COMMISSION = "commission", "约稿"
        PROPOSAL = "proposal", "提案转来"
        PLENARY = "plenary", "大会期间"
        OTHER = "other", "调研/协商等成果"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("标题", max_length=120)
    situation = models.TextField("情况/问题", blank=True)
    analysis = models.TextField("原因分析", blank=True)
    suggestions = models.TextField("意见建议", blank=True)
    reporter = models.ForeignKey(User, verbose_name="反映人(账号)", on_delete=models.PROTECT, related_name="opinions")
    reporter_name = models.CharField("反映人", max_length=80, blank=True, help_text="刊物上署名，如：民建某市委会　张三")
    reporting_unit = models.ForeignKey(ReportingUnit, verbose_name="报送单位", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="opinions")
    coauthors = models.ManyToManyField(User, verbose_name="共同作者", blank=True, related_name="coauthored_opinions")
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    source = models.CharField("来源", max_length=12, choices=Source.choices, default=Source.DIRECT)
    is_commissioned = models.BooleanField("约稿", default=False)
    commission = models.ForeignKey(Commission, verbose_name="约稿单", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="opinions")
    topic = models.ForeignKey(Topic, verbose_name="重点选题", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="opinions")
    is_urgent = models.BooleanField("急事急报", default=False)
    # attribution at submit (the author's membership on that day)
    member = models.ForeignKey(Member, verbose_name="委员(提交时)", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+")
    sector = models.ForeignKey(Organisation, verbose_name="界别(提交时)", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    committee = models.ForeignKey(Organisation, verbose_name="专委会(提交时)", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey(Organisation, verbose_name="党派(提交时)", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    is_informant = models.BooleanField("特邀信息员报送", default=False)
    submitted_at = models.DateTimeField("报送时间", null=True, blank=True)
    received_at = models.DateTimeField("收到时间", null=True, blank=True, db_index=True,
                                       help_text="第一次报送的时间：征集/收到按此计")
    screened_at = models.DateTimeField("初筛时间", null=True, blank=True)
    screened_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    screen_note = models.TextField("初筛意见", blank=True)
    issued_at = models.DateTimeField("编发时间", null=True, blank=True)
    created_by = models.ForeignKey(User, verbose_name="录入人", null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "社情民意信息"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["cppcc", "status"]), models.Index(fields=["cppcc", "received_at"]),
                   models.Index(fields=["cppcc", "-created_at", "-id"], name="opinion_list_order",
                                include=["status"])]  # the list's OFFSET walks the index only

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/opinions/{self.pk}/"

    @property
    def body(self) -> str:
        return "\n".join(x for x in (self.situation, self.analysis, self.suggestions) if x)

    def author_ids(self) -> list[int]:
        return [self.reporter_id] + [u.pk for u in self.coauthors.all() if u.pk != self.reporter_id]


class Article(TimeStampedModel):
    """编发稿: one article edited from one item (单篇编发) or several (综合编发); every author credited."""

    class Kind(models.TextChoices):
        SINGLE = "single", "单篇编发"
        COMBINED = "combined", "综合编发"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("编发方式", max_length=10, choices=Kind.choices)
    title = models.CharField("标题", max_length=120)
    body = models.TextField("正文")
    author_line = models.CharField("署名", max_length=200, blank=True)
    items = models.ManyToManyField(Opinion, verbose_name="来源信息", related_name="articles")
    issue = models.ForeignKey("Issue", verbose_name="所在期刊", null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="articles")
    position = models.PositiveSmallIntegerField("期内顺序", default=0)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "编发稿"
        ordering = ["issue_id", "position", "id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/opinions/articles/{self.pk}/"


# Periodicals (generic) ------------------------------------------------------------------------------

class Issue(TimeStampedModel):
    """One issue (期) of a periodical series: 《政协社情民意》, 专报 … 期号 per year and series, gap-free,
    given at sign-off; 内部资料; readers are its 报送范围."""

    class State(models.TextChoices):
        DRAFT = "draft", "组稿中"
        SIGNED = "signed", "已签发"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    series = models.CharField("刊物", max_length=40)
    year = models.PositiveSmallIntegerField("年度")
    number = models.PositiveIntegerField("期号", null=True, blank=True)
    total_number = models.PositiveIntegerField("总期号", null=True, blank=True)
    date = models.DateField("出刊日期")
    distribution = models.TextField("报送范围", blank=True)
    readers = models.ManyToManyField(User, verbose_name="报送对象(平台内)", blank=True, related_name="+")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.DRAFT)
    signed_by = models.ForeignKey(User, verbose_name="签发人", null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    signed_at = models.DateTimeField("签发时间", null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "期刊"
        ordering = ["-year", "-number", "-id"]
        constraints = [models.UniqueConstraint(fields=["cppcc", "series", "year", "number"], name="uniq_issue_number",
                                               condition=models.Q(number__isnull=False))]

    def __str__(self) -> str:
        no = f"{self.year}年第{self.number}期" if self.number else "（待签发）"
        return f"《{self.series}》{no}"

    def get_absolute_url(self) -> str:
        return f"/opinions/issues/{self.pk}/"


class IssueCounter(models.Model):
    """Gap-free 期号 per (政协, 刊物, 年度); year 0 holds the 总期号 of the series."""

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    series = models.CharField(max_length=40)
    year = models.PositiveSmallIntegerField()
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["cppcc", "series", "year"], name="uniq_issue_counter")]

    def __str__(self) -> str:
        return f"{self.series} {self.year}={self.value}"


# Upward reporting and external results -------------------------------------------------------------

class Level(models.TextChoices):
    """报送/采用层级 (domain.md §4.4)."""

    NATIONAL = "national", "全国政协"
    UFWD = "ufwd", "中央统战部"
    PROVINCIAL_PARTY = "provincial_party", "省委办公厅"
    PROVINCIAL = "provincial", "省政协"
    CITY_PARTY = "city_party", "市委"
    CITY_GOV = "city_gov", "市政府"


class UpwardReport(models.Model):
    """报送: one item sent to one upper body, independent of local publication."""

    class Target(models.TextChoices):
        PROVINCIAL = "provincial", "省政协"
        NATIONAL = "national", "全国政协"
        CITY_PARTY = "city_party", "市委"
        CITY_GOV = "city_gov", "市政府"

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    opinion = models.ForeignKey(Opinion, verbose_name="信息", on_delete=models.PROTECT, related_name="reports")
    target = models.CharField("报送对象", max_length=12, choices=Target.choices)
    reported_at = models.DateField("报送日期")
    batch = models.CharField("批次", max_length=40, blank=True)
    reported_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "信息报送"
        ordering = ["-reported_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["opinion", "target"], name="uniq_upward_report")]
        indexes = [models.Index(fields=["cppcc", "reported_at"], name="upward_report_date")]

    def __str__(self) -> str:
        return f"{self.opinion} → {self.get_target_display()}"


class Adoption(models.Model):
    """采用: a fact the upper level sends back (level, mode, source document)."""

    class Mode(models.TextChoices):
        SINGLE = "single", "单篇采用"
        COMBINED = "combined", "综合采用"
        FORWARDED = "forwarded", "转送采用"

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    opinion = models.ForeignKey(Opinion, verbose_name="信息", on_delete=models.PROTECT, related_name="adoptions")
    level = models.CharField("采用层级", max_length=20, choices=Level.choices)
    mode = models.CharField("采用方式", max_length=10, choices=Mode.choices)
    adopted_at = models.DateField("采用日期")
    by_org = models.CharField("采用机关", max_length=80, blank=True)
    issue_ref = models.CharField("刊物期号", max_length=80, blank=True, help_text="如：《政协信息》2023年第45期")
    source_document = models.CharField("依据(通报文件)", max_length=200)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "上级采用"
        ordering = ["-adopted_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["opinion", "level", "mode"], name="uniq_adoption")]
        indexes = [models.Index(fields=["cppcc", "adopted_at"], name="adoption_date")]

    def __str__(self) -> str:
        return f"{self.get_level_display()}{self.get_mode_display()}"


class Instruction(models.Model):
    """批示 (generic: on any record) → 转办 to a unit → the unit's feedback (domain.md §4.4, §15)."""

    class LeaderLevel(models.TextChoices):
        NATIONAL = "national", "中央领导"
        PROVINCIAL = "provincial", "省部级领导"
        DEPARTMENT = "department", "省直厅局级领导"
        PREFECTURAL = "prefectural", "市领导"

    class State(models.TextChoices):
        RECORDED = "recorded", "已登记"
        TRANSFERRED = "transferred", "已转办"
        HANDLED = "handled", "已反馈"

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=40)
    target = GenericForeignKey("content_type", "object_id")
    leader_name = models.CharField("批示领导", max_length=40)
    leader_level = models.CharField("领导层级", max_length=12, choices=LeaderLevel.choices)
    date = models.DateField("批示日期")
    text = models.TextField("批示内容", blank=True)
    text_visible = models.BooleanField("作者可见批示内容", default=False)
    source_document = models.CharField("依据", max_length=200, blank=True)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.RECORDED)
    transferred_to = models.ForeignKey(Organisation, verbose_name="转办单位", null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    transferred_at = models.DateTimeField("转办时间", null=True, blank=True)
    feedback = models.TextField("办理反馈", blank=True)
    feedback_at = models.DateTimeField("反馈时间", null=True, blank=True)
    recorded_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "领导批示"
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.get_leader_level_display()}{self.leader_name} {self.date}批示"
from .models_scoring import *  # noqa: E402,F401,F403
