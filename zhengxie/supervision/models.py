"""重点提案遴选, 督办 records with follow-ups, and 并案集中督办 cases (domain.md §3.9)."""
from django.conf import settings
from django.db import models

from zhengxie.accounts.models import Organisation
from zhengxie.core.models import Cppcc, TimeStampedModel
from zhengxie.members.models import Meeting
from zhengxie.proposals.models import Proposal

from .workflow import FollowUpState, Status

User = settings.AUTH_USER_MODEL


class KeySelection(TimeStampedModel):
    """One round of 重点提案遴选 for one 会议: 推荐 → 初选 → 遴选协商会 → 主席会议/常委会审定."""

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.PROTECT, related_name="key_selections")
    title = models.CharField("名称", max_length=120)
    status = models.CharField("状态", max_length=20, choices=Status.choices, default=Status.RECOMMENDING, db_index=True)
    recommend_until = models.DateField("推荐截止日期", null=True, blank=True)
    notice = models.TextField("征集通知", blank=True)
    meeting_date = models.DateField("遴选协商会日期", null=True, blank=True)
    meeting_participants = models.TextField("遴选协商会参加单位和人员", blank=True)
    meeting_minutes = models.TextField("遴选协商会纪要", blank=True)
    approval_body = models.CharField("审定机构", max_length=20, blank=True)
    approval_meeting = models.CharField("审定会议", max_length=120, blank=True)
    approval_date = models.DateField("审定日期", null=True, blank=True)
    approval_note = models.TextField("审定意见", blank=True)
    approved_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "重点提案遴选"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/proposals/supervision/selections/{self.pk}/"


class KeyItem(models.Model):
    """One proposal in a round: recommended (by one or more), shortlisted, selected, with its 督办 leader."""

    selection = models.ForeignKey(KeySelection, on_delete=models.CASCADE, related_name="items")
    proposal = models.ForeignKey(Proposal, verbose_name="提案", on_delete=models.PROTECT, related_name="key_items")
    shortlisted = models.BooleanField("列入初选名单", default=False)
    selected = models.BooleanField("拟定为重点提案", default=False)
    leader = models.ForeignKey(User, verbose_name="督办领导(账号)", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="key_items_led")
    leader_name = models.CharField("督办领导姓名", max_length=40, blank=True)
    leader_title = models.CharField("督办领导职务", max_length=80, blank=True)
    leader_form = models.CharField("督办方式", max_length=20, blank=True)
    committee = models.ForeignKey(Organisation, verbose_name="对口督办专委会", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "重点提案候选"
        ordering = ["proposal__number", "id"]
        constraints = [models.UniqueConstraint(fields=["selection", "proposal"], name="uniq_key_item")]

    def __str__(self) -> str:
        return str(self.proposal)

    @property
    def leader_display(self) -> str:
        name = self.leader_name or (getattr(self.leader, "display_name", "") if self.leader_id else "")
        return f"{name}（{self.leader_title}）" if name and self.leader_title else name


class KeyRecommendation(models.Model):
    class Source(models.TextChoices):
        PARTY = "party", "党派、团体推荐"
        COMMITTEE = "committee", "专委会推荐"
        STAFF = "staff", "提案委推荐"
        UNIT = "unit", "承办单位推荐"

    item = models.ForeignKey(KeyItem, on_delete=models.CASCADE, related_name="recommendations")
    source = models.CharField("推荐来源", max_length=12, choices=Source.choices)
    org = models.ForeignKey(Organisation, verbose_name="推荐单位", null=True, blank=True, on_delete=models.PROTECT,
                            related_name="+")
    by = models.ForeignKey(User, verbose_name="推荐人", null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField("推荐理由")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "重点提案推荐"
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["item", "source", "org"], name="uniq_key_recommendation")]

    def __str__(self) -> str:
        return f"{self.org or self.get_source_display()}推荐"


class SupervisionCase(TimeStampedModel):
    """并案集中督办: one 重点提案 handled together with similar ordinary proposals, one plan."""

    class State(models.TextChoices):
        ACTIVE = "active", "督办中"
        CLOSED = "closed", "已办结"

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.PROTECT, related_name="+")
    lead = models.OneToOneField(Proposal, verbose_name="重点提案", on_delete=models.PROTECT, related_name="supervision_case")
    title = models.CharField("督办主题", max_length=120)
    plan = models.TextField("督办方案", blank=True)
    lead_units = models.ManyToManyField(Organisation, verbose_name="牵头承办单位", blank=True, related_name="+")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.ACTIVE)
    summary = models.TextField("办结总结", blank=True)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "并案集中督办"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/proposals/supervision/cases/{self.pk}/"


class CaseMember(models.Model):
    """An ordinary proposal confirmed into a case, with its own outcome."""

    class Outcome(models.TextChoices):
        PENDING = "pending", "办理中"
        RESOLVED = "resolved", "已解决或采纳"
        PLANNED = "planned", "正在解决或列入计划"
        REFERENCE = "reference", "留作参考"

    case = models.ForeignKey(SupervisionCase, on_delete=models.CASCADE, related_name="members")
    proposal = models.OneToOneField(Proposal, verbose_name="提案", on_delete=models.PROTECT, related_name="case_membership")
    score = models.FloatField("相似度", null=True, blank=True)
    outcome_state = models.CharField("办理成效", max_length=12, choices=Outcome.choices, default=Outcome.PENDING)
    outcome = models.TextField("办理成效说明", blank=True)
    added_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "集中督办提案"
        ordering = ["proposal__number", "id"]

    def __str__(self) -> str:
        return str(self.proposal)


class Milestone(models.Model):
    case = models.ForeignKey(SupervisionCase, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField("节点", max_length=120)
    due_date = models.DateField("计划完成日期")
    done_at = models.DateField("完成日期", null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title


class SupervisionRecord(TimeStampedModel):
    """One 督办 activity on a proposal (领办, 领衔督办, 对口督办, 走访, 督办协商会, 现场督办 …)."""

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(Proposal, verbose_name="提案", on_delete=models.PROTECT, related_name="supervision_records")
    case = models.ForeignKey(SupervisionCase, verbose_name="并案集中督办", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="records")
    form = models.CharField("督办形式", max_length=20, db_index=True)
    date = models.DateField("日期")
    place = models.CharField("地点", max_length=120, blank=True)
    leaders = models.TextField("参加领导", blank=True)
    members_text = models.TextField("参加委员", blank=True)
    unit_people = models.TextField("承办单位参加人员", blank=True)
    participants = models.ManyToManyField(User, verbose_name="参加人员(账号)", blank=True, related_name="+")
    minutes = models.TextField("督办情况/纪要")
    created_by = models.ForeignKey(User, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "督办记录"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return f"{self.date} {self.form}：{self.proposal.title}"

    def get_absolute_url(self) -> str:
        return f"/proposals/supervision/records/{self.pk}/"


class FollowUp(TimeStampedModel):
    """A 督办 follow-up item: what the owner unit must do by when; reported, then closed (销号) by 提案委."""

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(SupervisionRecord, on_delete=models.CASCADE, related_name="followups")
    content = models.TextField("跟进事项")
    owner_unit = models.ForeignKey(Organisation, verbose_name="责任单位", on_delete=models.PROTECT, related_name="+")
    due_date = models.DateField("完成时限")
    state = models.CharField("状态", max_length=10, choices=FollowUpState.choices, default=FollowUpState.OPEN, db_index=True)
    note = models.TextField("落实情况", blank=True)
    reported_at = models.DateTimeField("报送时间", null=True, blank=True)
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "督办跟进事项"
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.content[:40]

    def get_absolute_url(self) -> str:
        return self.record.get_absolute_url()
