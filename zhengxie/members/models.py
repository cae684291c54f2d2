from django.conf import settings
from django.db import models
from django.db.models import Q

from zhengxie.accounts.models import Organisation
from zhengxie.core.models import Cppcc, TimeStampedModel


class Term(TimeStampedModel):
    """届次, e.g. 十四届 (2022–2027)."""

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="terms")
    number = models.PositiveSmallIntegerField("届")
    name = models.CharField("名称", max_length=20, help_text="如：十四届")
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "届次"
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["cppcc", "number"], name="uniq_term_number")]

    def __str__(self) -> str:
        return self.name


class Meeting(TimeStampedModel):
    """会议: 全体会议 (届, 次, 大会提案 window), 常委会议 and 主席会议, numbered per 届."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", "全体会议"
        STANDING = "standing", "常委会议"
        CHAIR = "chair", "主席会议"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="meetings")
    term = models.ForeignKey(Term, verbose_name="届次", on_delete=models.PROTECT, related_name="meetings")
    kind = models.CharField("会议类型", max_length=10, choices=Kind.choices)
    number = models.PositiveSmallIntegerField("次")
    name = models.CharField("会议名称", max_length=60)
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    location = models.CharField("地点", max_length=80, blank=True)
    proposal_window_start = models.DateField("大会提案征集开始", null=True, blank=True)
    proposal_deadline = models.DateTimeField("提案截止时间", null=True, blank=True)
    handling_deadline = models.DateField("办复截止日期", null=True, blank=True, help_text="设定后覆盖默认办理期限")

    class Meta:
        verbose_name = verbose_name_plural = "会议"
        ordering = ["-start_date"]
        constraints = [models.UniqueConstraint(fields=["term", "kind", "number"], name="uniq_meeting_number")]

    def __str__(self) -> str:
        return self.name


class Sitting(models.Model):
    class Period(models.TextChoices):
        AM = "am", "上午"
        PM = "pm", "下午"
        EVENING = "evening", "晚上"
        FULL = "full", "全天"

    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.CASCADE, related_name="sittings")
    seq = models.PositiveSmallIntegerField("场次")
    date = models.DateField("日期")
    period = models.CharField("时段", max_length=10, choices=Period.choices, default=Period.AM)
    title = models.CharField("议程", max_length=120, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "会议场次"
        ordering = ["meeting", "seq"]
        constraints = [models.UniqueConstraint(fields=["meeting", "seq"], name="uniq_sitting_seq")]

    def __str__(self) -> str:
        return f"{self.meeting} 第{self.seq}场"


class Member(TimeStampedModel):
    """A person who is or was a 委员 of this 政协. Memberships per 届 say when and where."""

    class Gender(models.TextChoices):
        MALE = "M", "男"
        FEMALE = "F", "女"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="members")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="登录账号", null=True, blank=True, on_delete=models.SET_NULL, related_name="member"
    )
    name = models.CharField("姓名", max_length=40, db_index=True)
    gender = models.CharField("性别", max_length=1, choices=Gender.choices, blank=True)
    ethnicity = models.CharField("民族", max_length=20, blank=True)
    birth_date = models.DateField("出生日期", null=True, blank=True)
    education = models.CharField("学历", max_length=20, blank=True)
    employer = models.CharField("工作单位及职务", max_length=120, blank=True)
    phone = models.CharField("手机", max_length=20, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    address = models.CharField("通讯地址", max_length=120, blank=True)
    specialty = models.CharField("专长/关注领域", max_length=200, blank=True)
    pinyin_initials = models.CharField("拼音首字母", max_length=20, db_index=True, blank=True)
    pinyin_override = models.CharField("拼音首字母(人工)", max_length=20, blank=True, help_text="多音字姓氏等自动识别有误时填写")
    id_code = models.CharField("委员编号", max_length=30, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "委员"
        ordering = ["pinyin_initials", "id"]
        indexes = [models.Index(fields=["cppcc", "pinyin_initials"]), models.Index(fields=["cppcc", "name"]),
                   models.Index(fields=["cppcc", "pinyin_override"])]

    def __str__(self) -> str:
        return self.name


class Membership(TimeStampedModel):
    """A member's seat in one 届, with dates and reasons (当选, 增补 … 辞去, 撤销, 届满)."""

    class StartReason(models.TextChoices):
        ELECTED = "elected", "当选"
        ADDED = "added", "增补"
        TRANSFERRED = "transferred", "调入"

    class EndReason(models.TextChoices):
        TERM_END = "term_end", "届满"
        RESIGNED = "resigned", "辞去"
        REVOKED = "revoked", "撤销"
        REMOVED = "removed", "免去"
        TRANSFERRED = "transferred", "调离"
        DECEASED = "deceased", "去世"

    class Position(models.TextChoices):
        CHAIR = "chair", "主席"
        VICE_CHAIR = "vice_chair", "副主席"
        SECRETARY_GENERAL = "secretary_general", "秘书长"
        STANDING = "standing", "常委"
        MEMBER = "member", "委员"

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(Member, verbose_name="委员", on_delete=models.CASCADE, related_name="memberships")
    term = models.ForeignKey(Term, verbose_name="届次", on_delete=models.PROTECT, related_name="memberships")
    sector = models.ForeignKey(
        Organisation, verbose_name="界别", on_delete=models.PROTECT, related_name="sector_memberships",
        limit_choices_to={"kind": Organisation.Kind.SECTOR},
    )
    committee = models.ForeignKey(
        Organisation, verbose_name="专委会", null=True, blank=True, on_delete=models.PROTECT, related_name="committee_memberships",
        limit_choices_to={"kind": Organisation.Kind.COMMITTEE},
    )
    party = models.ForeignKey(
        Organisation, verbose_name="党派", null=True, blank=True, on_delete=models.PROTECT, related_name="party_memberships",
        limit_choices_to={"kind": Organisation.Kind.PARTY},
    )
    position = models.CharField("职务", max_length=20, choices=Position.choices, default=Position.MEMBER)
    is_standing = models.BooleanField("是否常委", default=False)
    start_date = models.DateField("开始日期")
    start_reason = models.CharField("开始原因", max_length=20, choices=StartReason.choices, default=StartReason.ELECTED)
    end_date = models.DateField("结束日期", null=True, blank=True)
    end_reason = models.CharField("结束原因", max_length=20, choices=EndReason.choices, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "委员任职"
        ordering = ["member_id", "-start_date"]
        indexes = [
            models.Index(fields=["cppcc", "term", "start_date"]),
            models.Index(fields=["member", "start_date"]),
        ]

    def __str__(self) -> str:
        return f"{self.member} · {self.term} · {self.sector}"

    @staticmethod
    def valid_on(day, prefix: str = "") -> Q:
        p = prefix
        return Q(**{f"{p}start_date__lte": day}) & (Q(**{f"{p}end_date__isnull": True}) | Q(**{f"{p}end_date__gte": day}))
