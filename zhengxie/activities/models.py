"""委员履职活动 (issue 6, domain.md §5–6): kinds, activities with sittings, participation (invitation,
registration, sign-in, attendance, speeches), 请假, outcome figures, appointments and 委员之家.

"谁组织谁记录": every activity has an organising Organisation; its staff record it.
"""
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse

from zhengxie.accounts.models import Organisation
from zhengxie.core.models import Cppcc, TimeStampedModel
from zhengxie.core.roles import Role
from zhengxie.members.models import Meeting, Member

from .workflow import LeaveState, Status


class ActivityKind(TimeStampedModel):
    """A kind of activity, configurable per 政协 (seeded by services.activity_kinds_ensure)."""

    class Category(models.TextChoices):
        MEETING = "meeting", "会议"
        CONSULTATION = "consultation", "协商议政"
        RESEARCH = "research", "调研"
        INSPECTION = "inspection", "视察"
        STUDY = "study", "学习培训"
        HOME = "home", "委员之家"
        COMMUNITY = "community", "基层协商"
        EVALUATION = "evaluation", "民主评议"
        PUBLIC = "public", "公益/联系群众"
        OTHER = "other", "其他"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    code = models.SlugField("代码", max_length=40)
    name = models.CharField("名称", max_length=40)
    category = models.CharField("类别", max_length=20, choices=Category.choices, default=Category.OTHER)
    leave_approver_role = models.CharField("请假审批角色", max_length=30, choices=Role.choices, default=Role.COMMITTEE_STAFF,
                                           help_text="持有此角色的人审批请假；角色关联了组织的，只审批本组织组织的活动。")
    signin_required = models.BooleanField("需要签到", default=True)
    counts_for_points = models.BooleanField("计入履职积分", default=True,
                                            help_text="取消后，此类活动的出席不再计入委员履职积分（出席记录照常保存）。")
    outcome_templates = models.JSONField("成果数据模板", default=list, blank=True,
                                         help_text="登记成果数据时可选的名称和单位，如 [{\"name\": \"走访农户\", \"unit\": \"户\"}]")
    sort = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "活动类型"
        ordering = ["sort", "id"]
        constraints = [models.UniqueConstraint(fields=["cppcc", "code"], name="uniq_activity_kind_code")]

    def __str__(self) -> str:
        return self.name


class MemberHome(TimeStampedModel):
    """委员之家 / 委员工作室 / 委员会客室: the registry row of an Organisation of kind member_home."""

    class Type(models.TextChoices):
        HOME = "home", "委员之家"
        STUDIO = "studio", "委员工作室"
        RECEPTION = "reception", "委员会客室"

    STANDARDS = (
        ("position", "有阵地"), ("sign", "有标识"), ("rules", "有制度"),
        ("process", "有流程"), ("activities", "有活动"), ("results", "有成效"),
    )

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    organisation = models.OneToOneField(Organisation, verbose_name="组织", on_delete=models.PROTECT, related_name="home")
    home_type = models.CharField("类型", max_length=20, choices=Type.choices, default=Type.HOME)
    county = models.CharField("县区", max_length=40, blank=True)
    address = models.CharField("地址", max_length=120, blank=True)
    lead_member = models.ForeignKey(Member, verbose_name="负责委员", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="homes_led")
    members = models.ManyToManyField(Member, verbose_name="入驻委员", blank=True, related_name="homes")
    standards = models.JSONField("建设标准", default=dict, blank=True, help_text="六个有：阵地、标识、制度、流程、活动、成效")
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "委员之家"
        ordering = ["county", "organisation__sort", "id"]

    def __str__(self) -> str:
        return self.organisation.name

    @property
    def name(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return reverse("activities:home_detail", args=[self.pk])


class Activity(TimeStampedModel):
    """The attendance record of anything members take part in."""

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    kind = models.ForeignKey(ActivityKind, verbose_name="活动类型", on_delete=models.PROTECT, related_name="activities")
    title = models.CharField("活动名称", max_length=120)
    organiser = models.ForeignKey(Organisation, verbose_name="组织单位", on_delete=models.PROTECT, related_name="activities")
    home = models.ForeignKey(MemberHome, verbose_name="委员之家", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="activities")
    meeting = models.ForeignKey(Meeting, verbose_name="所属会议", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="activities")
    parent_type = models.ForeignKey(ContentType, verbose_name="上级记录类型", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    parent_id = models.CharField("上级记录", max_length=40, blank=True)
    parent = GenericForeignKey("parent_type", "parent_id")
    start_at = models.DateTimeField("开始时间")
    end_at = models.DateTimeField("结束时间")
    location = models.CharField("地点", max_length=120, blank=True)
    signin_opens_at = models.DateTimeField("签到开始", null=True, blank=True)
    signin_closes_at = models.DateTimeField("签到截止", null=True, blank=True)
    description = models.TextField("活动内容", blank=True)
    summary = models.TextField("活动记录/成效", blank=True)
    open_registration = models.BooleanField("允许委员自行报名", default=False)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField("发布时间", null=True, blank=True)
    closed_at = models.DateTimeField("记录完成时间", null=True, blank=True)
    cancel_reason = models.CharField("取消原因", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "履职活动"
        ordering = ["-start_at", "-id"]
        indexes = [
            models.Index(fields=["cppcc", "start_at"]),
            models.Index(fields=["cppcc", "organiser", "start_at"]),
            models.Index(fields=["home", "start_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("activities:detail", args=[self.pk])


class ActivitySitting(models.Model):
    """An optional sitting (场次/半天) of an activity; attendance may be recorded per sitting."""

    class Period(models.TextChoices):
        AM = "am", "上午"
        PM = "pm", "下午"
        EVENING = "evening", "晚上"
        FULL = "full", "全天"

    activity = models.ForeignKey(Activity, verbose_name="活动", on_delete=models.CASCADE, related_name="sittings")
    seq = models.PositiveSmallIntegerField("场次")
    date = models.DateField("日期")
    period = models.CharField("时段", max_length=10, choices=Period.choices, default=Period.AM)
    title = models.CharField("议程", max_length=120, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "活动场次"
        ordering = ["activity", "seq"]
        constraints = [models.UniqueConstraint(fields=["activity", "seq"], name="uniq_activity_sitting_seq")]

    def __str__(self) -> str:
        return f"第{self.seq}场 {self.date:%m-%d}{self.get_period_display()}"

    @property
    def half_days(self) -> int:
        return 2 if self.period == self.Period.FULL else 1


class Participation(TimeStampedModel):
    """One member at one activity: invitation, registration, sign-in, attendance, speech."""

    class Attendance(models.TextChoices):
        PENDING = "pending", "未签到"
        PRESENT = "present", "出席"
        PROXY = "proxy", "出席(代签)"
        LEAVE = "leave", "请假"
        ABSENT = "absent", "缺席"

    class Role(models.TextChoices):
        PARTICIPANT = "participant", "参加"
        LEAD = "lead", "带队/牵头"

    class SpeechKind(models.TextChoices):
        ORAL = "oral", "口头发言"
        WRITTEN = "written", "书面发言"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, verbose_name="活动", on_delete=models.CASCADE, related_name="participations")
    member = models.ForeignKey(Member, verbose_name="委员", on_delete=models.PROTECT, related_name="participations")
    role = models.CharField("角色", max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    invited = models.BooleanField("受邀", default=True)
    invited_at = models.DateTimeField("邀请时间", null=True, blank=True)
    registered_at = models.DateTimeField("报名/确认时间", null=True, blank=True)
    attendance = models.CharField("出席情况", max_length=10, choices=Attendance.choices, default=Attendance.PENDING,
                                  db_index=True)
    signed_in_at = models.DateTimeField("签到时间", null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签到操作人", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    proxy_reason = models.CharField("代签原因", max_length=200, blank=True)
    sittings = models.ManyToManyField(ActivitySitting, verbose_name="出席场次", blank=True, related_name="attendees")
    is_speaker = models.BooleanField("交流发言", default=False)
    speech_kind = models.CharField("发言形式", max_length=10, choices=SpeechKind.choices, blank=True)
    speech_title = models.CharField("发言题目", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "参加活动"
        ordering = ["activity_id", "id"]
        constraints = [models.UniqueConstraint(fields=["activity", "member"], name="uniq_participation")]
        indexes = [models.Index(fields=["cppcc", "member"]), models.Index(fields=["activity", "attendance"])]

    def __str__(self) -> str:
        return f"{self.member} · {self.activity}"

    @property
    def attended(self) -> bool:
        return self.attendance in (self.Attendance.PRESENT, self.Attendance.PROXY)


class LeaveRequest(TimeStampedModel):
    """请假: a member asks the approver set per kind to be excused from an activity."""

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, verbose_name="活动", on_delete=models.CASCADE, related_name="leave_requests")
    member = models.ForeignKey(Member, verbose_name="委员", on_delete=models.PROTECT, related_name="leave_requests")
    reason = models.CharField("请假事由", max_length=300)
    state = models.CharField("状态", max_length=20, choices=LeaveState.choices, default=LeaveState.REQUESTED, db_index=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField("审批时间", null=True, blank=True)
    decision_note = models.CharField("审批意见", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "请假"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["cppcc", "state"]), models.Index(fields=["member", "state"])]

    def __str__(self) -> str:
        return f"{self.member}请假：{self.activity}"


class OutcomeFigure(TimeStampedModel):
    """A counted outcome of an activity: "走访农户540余户" = (走访农户, 户, 540, approx)."""

    class Unit(models.TextChoices):
        HOUSEHOLD = "户", "户"
        COPY = "份", "份"
        YUAN = "元", "元"
        PERSON = "人", "人"
        ITEM = "项", "项"
        TIME = "次", "次"
        ARTICLE = "篇", "篇"
        SESSION = "场", "场"
        PIECE = "件", "件"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    activity = models.ForeignKey(Activity, verbose_name="活动", on_delete=models.CASCADE, related_name="outcomes")
    name = models.CharField("成果名称", max_length=60, help_text="如：走访农户、发放调查问卷、捐款、捐助大学生")
    unit = models.CharField("单位", max_length=4, choices=Unit.choices)
    value = models.DecimalField("数量", max_digits=14, decimal_places=2)
    approximate = models.BooleanField("约数(余)", default=False)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "活动成果数据"
        ordering = ["activity_id", "id"]

    def __str__(self) -> str:
        value = self.value.normalize() if self.value == self.value.to_integral() else self.value
        return f"{self.name}{value:f}{'余' if self.approximate else ''}{self.unit}"


class Appointment(TimeStampedModel):
    """民主监督员, 特邀监督员 and similar appointments of a member, with their term."""

    class Kind(models.TextChoices):
        DEMOCRATIC_SUPERVISOR = "democratic_supervisor", "民主监督员"
        SPECIAL_SUPERVISOR = "special_supervisor", "特邀监督员"
        SPECIAL_INSPECTOR = "special_inspector", "特约监察员"
        SPECIAL_PROCURATOR = "special_procurator", "特约检察员"
        INFORMANT = "informant", "特邀信息员"
        OTHER = "other", "其他"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, verbose_name="委员", on_delete=models.PROTECT, related_name="appointments")
    kind = models.CharField("聘任类别", max_length=30, choices=Kind.choices)
    title = models.CharField("名称", max_length=60, blank=True, help_text="类别为“其他”时填写，如：营商环境监督员")
    org_name = models.CharField("聘任/派驻单位", max_length=80)
    start_date = models.DateField("聘期开始")
    end_date = models.DateField("聘期结束", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "委员聘任"
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["cppcc", "member"])]

    def __str__(self) -> str:
        return f"{self.member} · {self.label}（{self.org_name}）"

    @property
    def label(self) -> str:
        return self.title if self.kind == self.Kind.OTHER and self.title else self.get_kind_display()


class HomeReception(TimeStampedModel):
    """接待群众: one reception at a 委员之家 (duty member, visitor, issue, follow-up)."""

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    home = models.ForeignKey(MemberHome, verbose_name="委员之家", on_delete=models.CASCADE, related_name="receptions")
    date = models.DateField("接待日期")
    duty_member = models.ForeignKey(Member, verbose_name="值班委员", null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="home_receptions")
    visitor = models.CharField("来访群众", max_length=60)
    issue = models.TextField("反映问题")
    follow_up = models.TextField("办理/跟进情况", blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "委员之家接待记录"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.visitor}"
