from django.conf import settings
from django.db import models

from zhengxie.accounts.models import Organisation
from zhengxie.core.models import Cppcc, TimeStampedModel
from zhengxie.members.models import Meeting, Member

from .workflow import Action, Status


class Category(models.Model):
    """提案类别 (configurable per 政协; default 五位一体 + 其他)."""

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    code = models.CharField("代码", max_length=20)
    name = models.CharField("名称", max_length=40)
    sort = models.PositiveSmallIntegerField("排序", default=0)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = verbose_name_plural = "提案类别"
        ordering = ["sort", "id"]
        constraints = [models.UniqueConstraint(fields=["cppcc", "code"], name="uniq_proposal_category")]

    def __str__(self) -> str:
        return self.name


class ProposerType(models.TextChoices):
    INDIVIDUAL = "individual", "委员个人提案"
    JOINT = "joint", "委员联名提案"
    SECTOR = "sector", "界别提案"
    GROUP = "group", "委员小组/联组提案"
    PARTY_ORG = "party_org", "党派/人民团体提案"
    COMMITTEE = "committee", "专门委员会提案"
    COUNTY = "county_cppcc", "县区政协提案"


COLLECTIVE_TYPES = frozenset({ProposerType.SECTOR, ProposerType.GROUP, ProposerType.PARTY_ORG, ProposerType.COMMITTEE,
                              ProposerType.COUNTY})


class RejectReason(models.TextChoices):
    SECRET = "secret", "涉及党和国家秘密"
    PROHIBITED = "prohibited", "国家明令禁止"
    PARTY_PERSONNEL = "party_personnel", "对党内组织、人事安排有意见"
    PARTY_INTERNAL = "party_internal", "民主党派成员反映本组织内部问题"
    LITIGATION = "litigation", "已进入诉讼或仲裁程序"
    ACADEMIC = "academic", "属于学术研讨"
    PERSONAL = "personal", "为本人或亲属解决个人问题"
    PROMOTION = "promotion", "宣传、推介具体作品、产品"
    ACCUSATION = "accusation", "指名举报"
    EMPTY = "empty", "内容空泛、没有具体建议"
    BEYOND_POWER = "beyond_power", "超越本级事权"
    PETITION = "petition", "属于信访事项"
    MULTI_ISSUE = "multi_issue", "一案多事"


class Proposal(TimeStampedModel):
    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.PROTECT, related_name="proposals",
                                help_text="提案号所属的全体会议；闭会期间的平时提案接续本次会议编号")
    is_plenary = models.BooleanField("大会提案", default=False, help_text="在大会提案征集期内提交")
    receipt_no = models.CharField("收件号", max_length=30, blank=True, db_index=True)
    number = models.PositiveIntegerField("提案号", null=True, blank=True)
    title = models.CharField("案由", max_length=200)
    category = models.ForeignKey(Category, verbose_name="类别", null=True, blank=True, on_delete=models.PROTECT)
    proposer_type = models.CharField("提案者类型", max_length=20, choices=ProposerType.choices)
    lead_member = models.ForeignKey(Member, verbose_name="第一提案人/领衔人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="led_proposals")
    proposer_org = models.ForeignKey(Organisation, verbose_name="提案单位", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="proposals")
    has_seal = models.BooleanField("已加盖公章/召集人签名", default=False)
    situation = models.TextField("情况/问题", blank=True)
    analysis = models.TextField("分析", blank=True)
    suggestions = models.TextField("建议", blank=True)
    suggested_units = models.ManyToManyField(Organisation, verbose_name="建议承办单位", blank=True, related_name="+")
    consent_to_sqmy = models.BooleanField("同意转为社情民意信息", default=False)
    is_public = models.BooleanField("同意公开", default=True)
    is_urgent = models.BooleanField("时效性提案(快速通道)", default=False)
    is_key = models.BooleanField("重点提案", default=False)
    status = models.CharField("状态", max_length=30, choices=Status.choices, default=Status.DRAFT, db_index=True)
    # attribution at submit (domain: a proposal counts toward the 领衔人's sector/committee on the submit date)
    sector = models.ForeignKey(Organisation, verbose_name="界别(提交时)", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    committee = models.ForeignKey(Organisation, verbose_name="专委会(提交时)", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    party = models.ForeignKey(Organisation, verbose_name="党派(提交时)", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    cosign_deadline = models.DateTimeField("联名确认截止", null=True, blank=True)
    received_at = models.DateTimeField("收件时间", null=True, blank=True)
    decided_at = models.DateTimeField("审查决定时间", null=True, blank=True)
    decision = models.CharField("审查结果", max_length=30, choices=Action.choices, blank=True)
    decision_reason = models.CharField("不予立案理由", max_length=30, choices=RejectReason.choices, blank=True)
    decision_text = models.TextField("审查意见", blank=True)
    merged_into = models.ForeignKey("self", verbose_name="并入", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="merged_proposals")
    assigned_at = models.DateTimeField("交办时间", null=True, blank=True)
    due_date = models.DateField("办理期限", null=True, blank=True)
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    result_class = models.CharField("办理结果类别", max_length=4, blank=True)
    evaluation_result = models.CharField("评价结果", max_length=20, blank=True)
    rehandle_rounds = models.PositiveSmallIntegerField("重新办理轮次", default=0)
    closed_at = models.DateTimeField("办结时间", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "提案"
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="uniq_proposal_number",
                                               condition=models.Q(number__isnull=False))]
        # counts of a filtered list (承办单位, 委员 scope, 状态) semi-join proposal ids: (cppcc, status) INCLUDE (id,
        # is_public) lets PostgreSQL read them from the index alone instead of scanning the wide rows
        indexes = [models.Index(fields=["cppcc", "status"], include=["id", "is_public"], name="proposal_cppcc_status"),
                   # the lists' default order (newest first); deep pages walk it without sorting
                   models.Index(fields=["cppcc", "-submitted_at", "-id"], name="proposal_list_order"),
                   models.Index(fields=["cppcc", "number"], name="proposal_cppcc_number")]

    def __str__(self) -> str:
        return f"{self.number_display or self.receipt_no or '草稿'} {self.title}"

    @property
    def number_display(self) -> str:
        if self.number is None:
            return ""
        from .numbering import format_number

        return format_number(self)

    def get_absolute_url(self) -> str:
        return f"/proposals/{self.pk}/"

    @property
    def is_collective(self) -> bool:
        return self.proposer_type in COLLECTIVE_TYPES


class CoSigner(models.Model):
    class State(models.TextChoices):
        INVITED = "invited", "待确认"
        CONFIRMED = "confirmed", "已确认"
        DECLINED = "declined", "已拒绝"
        EXPIRED = "expired", "逾期未确认"

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="cosigners")
    member = models.ForeignKey(Member, verbose_name="联名人", on_delete=models.PROTECT, related_name="cosigned")
    order = models.PositiveSmallIntegerField("顺序", default=1)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.INVITED)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "联名人"
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["proposal", "member"], name="uniq_cosigner")]

    def __str__(self) -> str:
        return f"{self.member}（{self.get_state_display()}）"


class Counter(models.Model):
    """Gap-free sequences per (会议, kind): kind 'receipt' (收件号) or 'number' (提案号)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10)
    value = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["meeting", "kind"], name="uniq_proposal_counter")]

    def __str__(self) -> str:
        return f"{self.meeting} {self.kind}={self.value}"


class ReviewMeeting(TimeStampedModel):
    """审查会: the collective decision (提案审查委员会 / 提案委 主任会议) with participants and opinions."""

    class Kind(models.TextChoices):
        PRE = "pre", "初审"
        REVIEW = "review", "复审"
        PLENARY = "plenary", "提案审查委员会会议"

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    meeting = models.ForeignKey(Meeting, verbose_name="会议", on_delete=models.PROTECT, related_name="review_meetings")
    kind = models.CharField("类型", max_length=10, choices=Kind.choices, default=Kind.REVIEW)
    date = models.DateField("日期")
    title = models.CharField("名称", max_length=120)
    participants = models.TextField("参加人员", blank=True)
    invited = models.TextField("邀请参加立案协商的部门负责人和专家", blank=True)
    opinions = models.TextField("会议意见", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "审查会"
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/proposals/reviews/{self.pk}/"


class ReviewDecision(models.Model):
    review = models.ForeignKey(ReviewMeeting, on_delete=models.PROTECT, related_name="decisions")
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="review_decisions")
    decision = models.CharField("决定", max_length=30, choices=Action.choices)
    reason = models.CharField("理由代码", max_length=30, choices=RejectReason.choices, blank=True)
    text = models.TextField("意见", blank=True)
    merged_into = models.ForeignKey(Proposal, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "审查决定"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.proposal} → {self.get_decision_display()}"


class Assignment(TimeStampedModel):
    """交办: one handling unit's part of one proposal, with its own small state."""

    class Role(models.TextChoices):
        LEAD = "lead", "主办"
        CO = "co", "会办"
        SPLIT = "split", "分办"
        SOLE = "sole", "独办"

    class State(models.TextChoices):
        PENDING = "pending", "待签收"
        ACCEPTED = "accepted", "办理中"
        DISPUTED = "disputed", "申请调整"
        REPLIED = "replied", "已答复"
        OPINION_SENT = "opinion_sent", "已报会办意见"
        REMOVED = "removed", "已调整撤销"
        REFERENCE = "reference", "参考件"

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Organisation, verbose_name="承办单位", on_delete=models.PROTECT, related_name="assignments")
    role = models.CharField("承办方式", max_length=10, choices=Role.choices)
    state = models.CharField("状态", max_length=15, choices=State.choices, default=State.PENDING)
    due_date = models.DateField("办理期限", null=True, blank=True)
    dispute_until = models.DateField("申请调整截止", null=True, blank=True)
    accepted_at = models.DateTimeField("签收时间", null=True, blank=True)
    dispute_reason = models.TextField("申请调整理由", blank=True)
    co_opinion = models.TextField("会办意见", blank=True)
    co_opinion_at = models.DateTimeField("会办意见时间", null=True, blank=True)
    extended_days = models.PositiveSmallIntegerField("已延期天数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "交办"
        ordering = ["proposal_id", "role", "id"]
        indexes = [models.Index(fields=["unit", "state"], include=["proposal"], name="assignment_unit_state")]

    def __str__(self) -> str:
        return f"{self.unit}（{self.get_role_display()}）"

    @property
    def answers(self) -> bool:
        return self.role in (self.Role.LEAD, self.Role.SOLE, self.Role.SPLIT)


class ExtensionRequest(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "待审批"
        APPROVED = "approved", "已同意"
        REFUSED = "refused", "未同意"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="extensions")
    days = models.PositiveSmallIntegerField("延期天数")
    reason = models.TextField("理由")
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField("审批意见", max_length=200, blank=True)

    def __str__(self) -> str:
        return f"延期{self.days}天（{self.get_state_display()}）"


class Contact(models.Model):
    """办理协商 with the proposer: 办前/办中/办后 by 面商/电话/座谈/现场."""

    class Stage(models.TextChoices):
        BEFORE = "before", "办前"
        DURING = "during", "办中"
        AFTER = "after", "办后"

    class Way(models.TextChoices):
        FACE = "face", "面商"
        PHONE = "phone", "电话"
        FORUM = "forum", "座谈"
        SITE = "site", "现场"

    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="contacts")
    date = models.DateField("日期")
    stage = models.CharField("阶段", max_length=10, choices=Stage.choices)
    way = models.CharField("方式", max_length=10, choices=Way.choices)
    note = models.TextField("情况", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_stage_display()}{self.get_way_display()}"

    @property
    def is_face_to_face(self) -> bool:
        return self.way in (self.Way.FACE, self.Way.FORUM, self.Way.SITE)


class Reply(TimeStampedModel):
    """答复函 of one answering unit for one round; drafted → 签发 → 会签 → 督办审核 → published."""

    class State(models.TextChoices):
        DRAFT = "draft", "经办人起草"
        SIGNED = "signed", "已签发"
        COSIGNING = "cosigning", "会签中"
        AUDITING = "auditing", "督办审核中"
        PUBLISHED = "published", "已答复"
        RETURNED = "returned", "已退回修改"

    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="replies")
    round = models.PositiveSmallIntegerField("轮次", default=1)
    doc_number = models.CharField("文号", max_length=60, blank=True)
    result_class = models.CharField("结果类别", max_length=4, blank=True)
    proposed_class = models.CharField("单位拟定类别", max_length=4, blank=True)
    salutation = models.CharField("称呼", max_length=60, blank=True)
    body = models.TextField("答复正文")
    signer = models.CharField("签发人", max_length=40, blank=True)
    signer_level = models.CharField("签发人级别", max_length=10, blank=True,
                                    choices=[("deputy", "分管领导"), ("principal", "主要领导")])
    contact_person = models.CharField("联系人", max_length=40, blank=True)
    contact_phone = models.CharField("联系电话", max_length=40, blank=True)
    cc = models.CharField("抄送", max_length=200, blank=True)
    state = models.CharField("状态", max_length=12, choices=State.choices, default=State.DRAFT)
    return_note = models.TextField("退回意见", blank=True)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    signed_at = models.DateTimeField(null=True, blank=True)
    audited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField("答复时间", null=True, blank=True)
    follow_up_open = models.BooleanField("跟踪办理中", default=False)
    follow_up_report = models.TextField("跟踪办理报告", blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "答复"
        ordering = ["assignment_id", "round"]
        # the 承办单位 inbox tabs “被退回” and “跟踪办理” look for these few rows among all replies
        indexes = [models.Index(fields=["assignment"], condition=models.Q(state="returned"), name="reply_returned"),
                   models.Index(fields=["assignment"], condition=models.Q(follow_up_open=True), name="reply_follow_up_open")]

    def __str__(self) -> str:
        return f"{self.assignment.unit} 第{self.round}轮答复"


class CoSign(models.Model):
    """会签 of one 会办 unit on one reply."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="cosigns")
    assignment = models.ForeignKey(Assignment, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField("会签意见", max_length=300, blank=True)

    def __str__(self) -> str:
        return f"{self.assignment} 会签"


class Evaluation(models.Model):
    class Rating(models.TextChoices):
        SATISFIED = "satisfied", "满意"
        BASIC = "basic", "基本满意"
        UNSATISFIED = "unsatisfied", "不满意"

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="evaluations")
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    org = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    is_lead = models.BooleanField("领衔人", default=False)
    rating = models.CharField("评价", max_length=12, choices=Rating.choices)
    comment = models.TextField("意见", blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "评价"
        constraints = [
            models.UniqueConstraint(fields=["reply", "member"], name="uniq_eval_member", condition=models.Q(member__isnull=False)),
            models.UniqueConstraint(fields=["reply", "org"], name="uniq_eval_org", condition=models.Q(org__isnull=False)),
        ]

    def __str__(self) -> str:
        return self.get_rating_display()
