"""提案 statistics (domain.md §3.12), registered in the figures registry (zhengxie.reports).

Date bases: 收到 and the proposer split count by 提交时间 (submitted_at); review outcomes by 审查决定时间
(decided_at); handling, answers and evaluations over the cases 交办 in the period (assigned_at). For a
会议 period every figure counts the proposals numbered in that plenary's session (大会提案 and the
平时提案 that continue its sequence) instead of a date range.

Most counts come from ONE aggregate query per context (``_tally``); breakdowns, units and member
participation add one or two grouped queries each; ratios reuse their parts. Nothing runs per record.
"""
from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core import config
from zhengxie.members.models import Member, Membership
from zhengxie.reports.registry import (
    Context,
    FigureResult,
    Part,
    ScopeKind,
    figure,
    ratio,
    register_module,
    register_records,
    with_shares,
)

from .models import (
    COLLECTIVE_TYPES,
    Assignment,
    Category,
    Contact,
    CoSigner,
    Evaluation,
    Proposal,
    ProposerType,
)
from .workflow import FILED_STATES, Action, Status

M = "proposals"
NOTES = """
### 口径说明与实例（见 `zhengxie/proposals/tests/test_scenarios.py`）

- **立案、并案与实际立案。** 审查结果是对每件提交的提案作出的：“立案”的提案成为一个案卷并取得提案号，
  “并案”的提案并入一件已立案的主案办理（每位提案者仍计入并收到答复）。因此：
  `proposals.filed`（立案数）＝审查结果为立案的件数；`proposals.merged`（并案数）＝并入他案的件数，二者互不重叠；
  `proposals.filed_items`（立案件数（含并案））＝立案数＋并案数；
  `proposals.case_count`（实际立案数）＝这些件数合并后的不同案卷数，主案也在统计期内立案时等于立案数，
  并入的主案在更早的统计期立案时只计一次案卷。
- **洪湖**：收到118件＝立案64＋并案16＋转意见建议21＋不予立案17（“并案”为并入他案的件数）。
- **宜城**：“立案174件，并案140件，实际立案72件，转为意见建议64件”。一致的解释：34件单独立案，另有38件立案后
  有102件提案并入（26件各并入3件、12件各并入2件）。立案174＝单独立案34＋主案38＋并入102（`filed_items`）；
  并案140＝参与并案的件数，即并入的102件加上38件主案（`merge_involved`）；实际立案72＝34＋38个案卷
  （`case_count`，也等于`filed`）；收到238件。
- **全年回顾**：“报送提案63篇，立案52篇，重点提案6篇”，在农业和农村委员会范围内统计：收到63、立案52、重点6，
  重点提案占立案比例11.5%。
- **满意率**：满意144件、基本满意2件、不满意0件 → 满意率100%（满意件占比98.6%）。
- **滁州**：立案率＝立案378件÷收到464件＝81.5%。
- **北京**：1122件＝立案1092＋并案4＋撤案12＋退回修改后重提4＋转参考10。
"""

register_module(
    M, "提案", order=10,
    attribution={
        ScopeKind.CPPCC: "本政协收到的全部提案（委员个人、联名和集体提案）。",
        ScopeKind.COMMITTEE: "委员个人和联名提案计入领衔人（第一提案人）在提交当日任职所在的专委会（提交时记录，之后调整专委会不改变归属）；"
                             "集体提案计入提案单位，即以该专委会名义提出的专门委员会提案。",
        ScopeKind.SECTOR: "委员个人和联名提案计入领衔人在提交当日任职所在的界别；集体提案计入提案单位，即以该界别名义提出的界别提案。",
        ScopeKind.PARTY: "委员个人和联名提案计入领衔人在提交当日所属的党派；集体提案计入提案单位，即以该党派名义提出的党派提案。",
        ScopeKind.COUNTY: "市政协通过本报表查看所辖县区政协收到的全部提案，口径与本政协相同；县区政协只能统计本政协。",
    },
    date_note="收到按提交时间、审查结果按审查决定时间、交办办理和评价按交办时间计入统计期；按会议统计时计入该次全体会议编号序列内的提案。",
    notes=NOTES,
)

G_REVIEW, G_PROPOSER, G_MEMBERS, G_CATEGORY, G_HANDLING, G_EVAL = (
    "收到与审查", "提案者", "委员参与", "类别", "交办与办理", "委员评价")
FACE_WAYS = (Contact.Way.FACE, Contact.Way.FORUM, Contact.Way.SITE)
ANSWERING = (Assignment.Role.LEAD, Assignment.Role.SOLE, Assignment.Role.SPLIT)
OUTCOMES = (  # the partition of 收到 by the current status of each proposal received
    ("filed", "立案", tuple(FILED_STATES)),
    ("merged", "并案", (Status.MERGED,)),
    ("to_suggestion", "转意见建议", (Status.TO_SUGGESTION,)),
    ("to_sqmy", "转社情民意", (Status.TO_SQMY,)),
    ("returned", "退回修改", (Status.RETURNED,)),
    ("withdrawn", "撤案", (Status.WITHDRAWN,)),
    ("rejected", "不予立案", (Status.REJECTED,)),
    ("pending", "待审查", (Status.SUBMITTED, Status.RECEIVED, Status.UNDER_REVIEW)),
)


# Scope and period ---------------------------------------------------------------------------------

def attribution_q(scope) -> Q:
    """专委会/界别/党派: a member's proposal by the 领衔人's seat snapshot taken at submit, a collective one by
    its organisation."""
    if scope.kind not in ScopeKind.ORG_KINDS:
        return Q()
    collective = Q(proposer_type__in=list(COLLECTIVE_TYPES))
    return (collective & Q(proposer_org_id=scope.org.pk)) | (~collective & Q(**{f"{scope.kind}_id": scope.org.pk}))


def _base(ctx: Context):
    return Proposal.objects.filter(cppcc_id=ctx.cppcc.pk).filter(attribution_q(ctx.scope))


def _in(ctx: Context, field: str) -> Q:
    return ctx.period.q(field, meeting_field="meeting")


def _sets(ctx: Context) -> dict[str, Q]:
    """Every counted record set as a condition on the scoped proposals."""
    def build():
        received = _in(ctx, "submitted_at")
        decided = _in(ctx, "decided_at")
        assigned = _in(ctx, "assigned_at")
        answered = assigned & Q(answered_at__isnull=False)
        has_merged = Exists(Proposal.objects.filter(merged_into=OuterRef("pk"), decision=Action.MERGE))
        face = Exists(Contact.objects.filter(assignment__proposal=OuterRef("pk"), way__in=FACE_WAYS))
        end_q = Q(meeting_id=ctx.period.meeting_id) if ctx.period.kind == "meeting" else ctx.period.before_end("decided_at")
        sets = {
            "received": received,
            "filed": decided & Q(decision=Action.FILE),
            "merged": decided & Q(decision=Action.MERGE),
            "filed_items": decided & Q(decision__in=[Action.FILE, Action.MERGE]),
            "merge_involved": decided & (Q(decision=Action.MERGE) | (Q(decision=Action.FILE) & has_merged)),
            "to_suggestion": decided & Q(decision=Action.TO_SUGGESTION),
            "to_sqmy": decided & Q(decision=Action.TO_SQMY),
            "withdrawn": decided & Q(decision=Action.WITHDRAW),
            "rejected": decided & Q(decision=Action.REJECT),
            "returned": Q(status=Status.RETURNED, decision=Action.RETURN) & end_q,
            "key": decided & Q(decision=Action.FILE, is_key=True),
            "individual": received & Q(proposer_type=ProposerType.INDIVIDUAL),
            "joint": received & Q(proposer_type=ProposerType.JOINT),
            "collective": received & Q(proposer_type__in=list(COLLECTIVE_TYPES)),
            "plenary": received & Q(is_plenary=True),
            "regular": received & Q(is_plenary=False),
            "assigned": assigned,
            "answered": answered,
            "on_time": answered & Q(due_date__isnull=False, answered_at__date__lte=F("due_date")),
            "evaluated": assigned & Q(evaluation_result__in=Evaluation.Rating.values),
            "satisfied": assigned & Q(evaluation_result=Evaluation.Rating.SATISFIED),
            "basic_satisfied": assigned & Q(evaluation_result=Evaluation.Rating.BASIC),
            "unsatisfied": assigned & Q(evaluation_result=Evaluation.Rating.UNSATISFIED),
            "content": assigned & (Q(evaluation_result=Evaluation.Rating.SATISFIED) | Q(evaluation_result=Evaluation.Rating.BASIC)),
            "face": assigned & face,
        }
        return sets

    return ctx.memo("proposals:sets", build)


def _tally(ctx: Context) -> dict[str, int]:
    """All simple counts of the context in one aggregate query."""
    def run():
        sets = _sets(ctx)
        aggs = {key: Count("pk", filter=q) for key, q in sets.items()}
        aggs["case_count"] = Count(Coalesce("merged_into_id", "id"), filter=sets["filed_items"], distinct=True)
        return _base(ctx).aggregate(**aggs)

    return ctx.memo("proposals:tally", run)


def _records(ctx: Context, key: str):
    return _base(ctx).filter(_sets(ctx)[key])


def _counter(key: str):
    def compute(ctx: Context) -> FigureResult:
        return FigureResult(_tally(ctx)[key], _records(ctx, key))

    compute.__name__ = f"count_{key}"
    return compute


# Simple counts --------------------------------------------------------------------------------------

COUNTS = [
    # code suffix, label, unit, group, date basis, definition
    ("filed", "立案数", "件", G_REVIEW, "审查决定时间",
     "统计期内经审查决定“立案”的提案件数（审查结果为立案，按审查决定时间计）；每件立案提案是一个案卷，不含并入他案的提案。"),
    ("merged", "并案数", "件", G_REVIEW, "审查决定时间",
     "统计期内经审查决定“并案”、并入另一件已立案提案（主案）办理的提案件数（按审查决定时间计）；与立案数互不重叠，洪湖“并案16件”即此口径。"),
    ("filed_items", "立案件数（含并案）", "件", G_REVIEW, "审查决定时间",
     "统计期内审查决定为立案或并案的提案件数，即立案数＋并案数，按提交的件数计的立案口径（宜城“立案174件”）。"),
    ("merge_involved", "参与并案件数", "件", G_REVIEW, "审查决定时间",
     "统计期内审查决定的提案中参与并案的件数：并入他案的提案，加上已有其他提案并入的主案（宜城“并案140件”的口径）。"),
    ("case_count", "实际立案数", "件", G_REVIEW, "审查决定时间",
     "统计期内立案件数（含并案）合并后的案卷数：立案的提案各为一个案卷，并案的提案计入其主案，同一主案只计一次"
     "（宜城“实际立案72件”）；主案都在统计期内立案时等于立案数。"),
    ("to_suggestion", "转意见建议数", "件", G_REVIEW, "审查决定时间",
     "统计期内经审查决定转为意见建议（作为参考件送有关单位、不需正式答复）的提案件数，按审查决定时间计。"),
    ("to_sqmy", "转社情民意数", "件", G_REVIEW, "审查决定时间",
     "统计期内经提案者同意、审查决定转为社情民意信息的提案件数，按审查决定时间计。"),
    ("withdrawn", "撤案数", "件", G_REVIEW, "撤案时间",
     "统计期内撤案（提案者撤回或审查决定撤案）的提案件数，按撤案时间计。"),
    ("rejected", "不予立案数", "件", G_REVIEW, "审查决定时间",
     "统计期内经审查决定不予立案（已告知提案者理由）的提案件数，按审查决定时间计。"),
    ("returned", "退回修改数", "件", G_REVIEW, "统计期末",
     "截至统计期末仍处于“退回修改”状态的提案件数：退回决定在期末之前，且至今尚未修改后重新提交或撤案。"),
    ("key", "重点提案数", "件", G_REVIEW, "审查决定时间",
     "统计期内立案（按审查决定时间计）且被确定为重点提案的件数。"),
    ("individual", "委员个人提案数", "件", G_PROPOSER, "提交时间",
     "统计期内提交（按提交时间计）的委员个人提案件数。"),
    ("joint", "委员联名提案数", "件", G_PROPOSER, "提交时间",
     "统计期内提交（按提交时间计）的委员联名提案件数（领衔人与联名人共同提出）。"),
    ("collective", "集体提案数", "件", G_PROPOSER, "提交时间",
     "统计期内提交（按提交时间计）的集体提案件数：党派、人民团体、专门委员会、界别、委员小组/联组和县区政协提出的提案。"),
    ("plenary", "大会提案数", "件", G_PROPOSER, "提交时间",
     "统计期内提交、且提交时处在全体会议提案征集期内（开幕前征集起至截止时间）的提案件数。"),
    ("regular", "平时提案数", "件", G_PROPOSER, "提交时间",
     "统计期内在闭会期间提交（不在全体会议提案征集期内）的提案件数。"),
    ("assigned", "交办件数", "件", G_HANDLING, "交办时间",
     "统计期内交办给承办单位（按交办时间计）的立案提案件数；办复率、见面率等以此为分母。"),
    ("answered", "已答复件数", "件", G_HANDLING, "交办时间",
     "统计期内交办的提案中，答复已经督办审核并送达提案者的件数（统计时点为计算之时）。"),
    ("evaluated", "已评价件数", "件", G_EVAL, "交办时间",
     "统计期内交办的提案中，已有办理结果评价（以领衔人评价为准，可配置为最差评价）的件数。"),
    ("satisfied", "满意件数", "件", G_EVAL, "交办时间",
     "统计期内交办的提案中，评价结果为“满意”的件数。"),
    ("basic_satisfied", "基本满意件数", "件", G_EVAL, "交办时间",
     "统计期内交办的提案中，评价结果为“基本满意”的件数。"),
    ("unsatisfied", "不满意件数", "件", G_EVAL, "交办时间",
     "统计期内交办的提案中，评价结果为“不满意”的件数（含重新办理后仍不满意而办结的）。"),
    ("face", "见面件数", "件", G_HANDLING, "交办时间",
     "统计期内交办的提案中，承办单位与提案者至少有一次面商、座谈或现场协商记录的件数。"),
    ("on_time", "按期办复件数", "件", G_HANDLING, "交办时间",
     "统计期内交办的提案中，答复日期不晚于办理期限（含批准延期后的期限）的件数。"),
    ("content", "满意和基本满意件数", "件", G_EVAL, "交办时间",
     "统计期内交办的提案中，评价结果为“满意”或“基本满意”的件数。"),
]


@figure(f"{M}.received", "收到提案数", module=M, unit="件", group=G_REVIEW, date_basis="提交时间",
        definition="统计期内提交（按提交时间计，退回修改后重新提交的按最近一次提交计）的全部提案件数；"
                   "按各提案目前的审查结果分为立案、并案、转意见建议、转社情民意、退回修改、撤案、不予立案和待审查，各项之和等于收到数。")
def received(ctx: Context) -> FigureResult:
    qs = _records(ctx, "received")
    counts = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
    parts = []
    for key, label, states in OUTCOMES:
        n = sum(counts.get(s, 0) for s in states)
        parts.append(Part(key, label, n, qs.filter(status__in=list(states))))
    total = _tally(ctx)["received"]
    return FigureResult(total, qs, parts=with_shares(parts, total))


def case_count(ctx: Context) -> FigureResult:
    """Distinct case files: filed items are their own case, merged items count their lead once."""
    items = _records(ctx, "filed_items")
    cases = Proposal.objects.filter(cppcc_id=ctx.cppcc.pk).filter(
        Q(pk__in=items.filter(decision=Action.FILE).values("pk"))
        | Q(pk__in=items.filter(decision=Action.MERGE).values("merged_into_id")))
    return FigureResult(_tally(ctx)["case_count"], cases)


SPECIAL = {"case_count": case_count}

for _key, _label, _unit, _group, _basis, _definition in COUNTS:
    figure(f"{M}.{_key}", _label, module=M, unit=_unit, group=_group, date_basis=_basis, definition=_definition)(
        SPECIAL.get(_key) or _counter(_key))


# Ratios ---------------------------------------------------------------------------------------------

RATIOS = [
    ("filing_rate", "立案率", "filed", "received", G_REVIEW,
     "立案数 ÷ 收到提案数（滁州“立案378件/收到464件＝81.5%”）；分子按审查决定时间、分母按提交时间计入统计期。"),
    ("filed_items_rate", "立案率（含并案）", "filed_items", "received", G_REVIEW,
     "立案件数（含并案）÷ 收到提案数，适用于按提交件数计立案的口径。"),
    ("key_share", "重点提案占立案比例", "key", "filed", G_REVIEW,
     "重点提案数 ÷ 立案数。"),
    ("collective_share", "集体提案占比", "collective", "received", G_PROPOSER,
     "集体提案数 ÷ 收到提案数（均按提交时间计）。"),
    ("answer_rate", "办复率", "answered", "assigned", G_HANDLING,
     "统计期内交办的提案中已答复的件数 ÷ 交办件数（目标100%）。"),
    ("on_time_rate", "按期办复率", "on_time", "assigned", G_HANDLING,
     "统计期内交办的提案中在办理期限内答复的件数 ÷ 交办件数。"),
    ("face_rate", "见面率", "face", "assigned", G_HANDLING,
     "统计期内交办的提案中至少有一次面商、座谈或现场协商的件数 ÷ 交办件数。"),
    ("satisfaction_rate", "满意率", "content", "evaluated", G_EVAL,
     "（满意件数＋基本满意件数）÷ 已评价件数，即“满意和基本满意率”（如满意144件、基本满意2件、无不满意时为100%）。"),
    ("satisfied_rate", "满意件占比", "satisfied", "evaluated", G_EVAL,
     "满意件数 ÷ 已评价件数（单独报告“满意”的比例，不含基本满意）。"),
]


def _ratio(num: str, den: str):
    def compute(ctx: Context) -> FigureResult:
        return ratio(ctx, f"{M}.{num}", f"{M}.{den}")

    compute.__name__ = f"ratio_{num}_{den}"
    return compute


for _key, _label, _num, _den, _group, _definition in RATIOS:
    figure(f"{M}.{_key}", _label, module=M, unit="%", kind="ratio", group=_group, date_basis="见分子、分母",
           definition=_definition)(_ratio(_num, _den))


# Members --------------------------------------------------------------------------------------------

def _members(ctx: Context):
    """Members whose seat in this 政协 is valid on the period end date (and, for an organisation scope,
    whose seat on that date is in the 专委会/界别/党派)."""
    seats = Membership.objects.filter(Membership.valid_on(ctx.period.end), cppcc_id=ctx.cppcc.pk)
    if ctx.scope.kind in ScopeKind.ORG_KINDS:
        seats = seats.filter(**{f"{ctx.scope.kind}_id": ctx.scope.org.pk})
    return Member.objects.filter(cppcc_id=ctx.cppcc.pk, pk__in=seats.values("member_id"))


def _participation_q(ctx: Context) -> Q:
    received = Proposal.objects.filter(cppcc_id=ctx.cppcc.pk).filter(_in(ctx, "submitted_at"))
    leads = received.filter(lead_member__isnull=False).values("lead_member_id")
    cosigners = CoSigner.objects.filter(state=CoSigner.State.CONFIRMED, proposal__in=received).values("member_id")
    return Q(pk__in=leads) | Q(pk__in=cosigners)


def _participation(ctx: Context) -> dict:
    return ctx.memo("proposals:participation", lambda: _members(ctx).aggregate(
        total=Count("pk"), joined=Count("pk", filter=_participation_q(ctx))))


@figure(f"{M}.participants", "委员参与数", module=M, unit="人", group=G_MEMBERS, date_basis="提交时间；任职按统计期末",
        definition="统计期内提交的提案（按提交时间计）的领衔人或已确认的联名人中，在统计期末有效任职（专委会/界别/党派范围按期末任职所在）的委员人数，每人只计一次。")
def participants(ctx: Context) -> FigureResult:
    return FigureResult(_participation(ctx)["joined"], _members(ctx).filter(_participation_q(ctx)))


@figure(f"{M}.members_total", "委员总数", module=M, unit="人", group=G_MEMBERS, date_basis="统计期末",
        definition="统计期末当天有效任职的委员人数（专委会/界别/党派范围为期末任职在该组织的委员），是委员参与率的分母。")
def members_total(ctx: Context) -> FigureResult:
    return FigureResult(_participation(ctx)["total"], _members(ctx))


@figure(f"{M}.participation_rate", "委员参与率", module=M, unit="%", kind="ratio", group=G_MEMBERS,
        date_basis="见分子、分母",
        definition="委员参与数 ÷ 委员总数（东城“205位委员…占委员总数59.8%”的口径）。")
def participation_rate(ctx: Context) -> FigureResult:
    return ratio(ctx, f"{M}.participants", f"{M}.members_total")


# Breakdowns -----------------------------------------------------------------------------------------

def _by_category(ctx: Context, key: str) -> FigureResult:
    qs = _records(ctx, key)
    counts = dict(qs.order_by().values_list("category_id").annotate(n=Count("pk")))
    cats = Category.objects.filter(cppcc_id=ctx.cppcc.pk).order_by("sort", "id")
    parts = [Part(str(c.pk), c.name, counts.get(c.pk, 0), qs.filter(category_id=c.pk))
             for c in cats if c.is_active or counts.get(c.pk)]
    if counts.get(None):
        parts.append(Part("none", "未分类", counts[None], qs.filter(category__isnull=True)))
    total = _tally(ctx)[key]
    return FigureResult(total, qs, parts=with_shares(parts, total))


@figure(f"{M}.by_category", "收到提案类别分布", module=M, unit="件", kind="breakdown", group=G_CATEGORY,
        date_basis="提交时间", definition="统计期内收到的提案（按提交时间计）按提案类别分列的件数和占比。")
def by_category(ctx: Context) -> FigureResult:
    return _by_category(ctx, "received")


@figure(f"{M}.filed_by_category", "立案提案类别分布", module=M, unit="件", kind="breakdown", group=G_CATEGORY,
        date_basis="审查决定时间", definition="统计期内立案的提案（按审查决定时间计）按提案类别分列的件数和占比。")
def filed_by_category(ctx: Context) -> FigureResult:
    return _by_category(ctx, "filed")


@figure(f"{M}.result_class", "办理结果分类（A/B/C）", module=M, unit="件", kind="breakdown", group=G_HANDLING,
        date_basis="交办时间",
        definition="统计期内交办且已答复的提案按办理结果类别（默认A已解决或采纳、B正在解决或列入计划、C留作参考，可配置）分列的件数，"
                   "占比以已答复件数为分母；多个答复单位时取最靠后的类别。")
def result_class(ctx: Context) -> FigureResult:
    qs = _records(ctx, "answered")
    counts = dict(qs.order_by().values_list("result_class").annotate(n=Count("pk")))
    classes = config.get("proposals.result_classes", cppcc=ctx.cppcc.pk, on=ctx.period.end)
    parts = [Part(code, f"{code}类（{label}）", counts.pop(code, 0), qs.filter(result_class=code)) for code, label in classes]
    for code, n in sorted(counts.items(), key=lambda kv: kv[0] or ""):
        parts.append(Part(code or "none", f"{code}类" if code else "未分类", n, qs.filter(result_class=code or "")))
    total = _tally(ctx)["answered"]
    return FigureResult(total, qs, parts=with_shares(parts, total))


# Handling units -------------------------------------------------------------------------------------

def _assignments(ctx: Context):
    return Assignment.objects.filter(cppcc_id=ctx.cppcc.pk, proposal__in=_records(ctx, "assigned")).exclude(
        state__in=[Assignment.State.REMOVED, Assignment.State.REFERENCE])


def _units(ctx: Context) -> dict:
    return ctx.memo("proposals:units", lambda: _assignments(ctx).aggregate(
        units=Count("unit_id", distinct=True), leads=Count("unit_id", distinct=True, filter=Q(role__in=ANSWERING))))


@figure(f"{M}.units", "承办单位数", module=M, unit="家", group=G_HANDLING, date_basis="交办时间",
        definition="统计期内交办的提案涉及的承办单位家数（主办、会办、分办、独办，不含已调整撤销的单位和转意见建议的参考件），每家只计一次。")
def units(ctx: Context) -> FigureResult:
    return FigureResult(_units(ctx)["units"], Organisation.objects.filter(pk__in=_assignments(ctx).values("unit_id")))


@figure(f"{M}.lead_units", "主办单位数", module=M, unit="家", group=G_HANDLING, date_basis="交办时间",
        definition="统计期内交办的提案中负责答复的单位家数（主办、独办和分办单位，不含会办单位），每家只计一次。")
def lead_units(ctx: Context) -> FigureResult:
    leads = _assignments(ctx).filter(role__in=ANSWERING)
    return FigureResult(_units(ctx)["leads"], Organisation.objects.filter(pk__in=leads.values("unit_id")))


# Drill-down listing ---------------------------------------------------------------------------------

def _prepare(rows: list) -> None:
    """Format 提案号 with each 政协's configured pattern once per page (not once per row)."""
    patterns = {}
    for p in rows:
        if p.cppcc_id not in patterns:
            patterns[p.cppcc_id] = config.get("proposals.number_pattern", cppcc=p.cppcc_id)
        p.number_text = patterns[p.cppcc_id].format(n=p.number) if p.number is not None else ""


def _local(value):
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def _proposer(p: Proposal) -> str:
    if p.proposer_org_id and p.is_collective:
        return p.proposer_org.name
    return p.lead_member.name if p.lead_member_id else ""


register_records(
    Proposal,
    columns=[
        ("提案号", lambda p: getattr(p, "number_text", "") or p.receipt_no),
        ("案由", lambda p: p.title),
        ("提案者", _proposer),
        ("提案者类型", lambda p: p.get_proposer_type_display()),
        ("类别", lambda p: p.category.name if p.category_id else ""),
        ("状态", lambda p: p.get_status_display()),
        ("提交时间", lambda p: _local(p.submitted_at)),
        ("审查决定时间", lambda p: _local(p.decided_at)),
    ],
    url=lambda p: p.get_absolute_url(),
    select_related=("category", "lead_member", "proposer_org"),
    order_by=("meeting_id", "number", "receipt_no", "id"),
    prepare=_prepare,
    link_column=1,
)

register_records(
    Member,
    columns=[("姓名", lambda m: m.name), ("工作单位及职务", lambda m: m.employer)],
    url=lambda m: f"/members/{m.pk}/",
    order_by=("pinyin_initials", "id"),
)

register_records(
    Organisation,
    columns=[("单位", lambda o: o.name), ("系统", lambda o: o.get_system_display())],
    url=None,
    order_by=("sort", "id"),
)
