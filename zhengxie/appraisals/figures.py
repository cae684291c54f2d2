"""民主评议 and 评优 figures (domain.md §3.10, §3.12), registered in the figures registry.

Date bases: 民主评议 figures count the rounds whose 评议会日期 falls in the period (only rounds whose vote is closed);
评优 figures count the lists approved (审定日期) in the period. One aggregate query per context (``_tally``).
"""
from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from zhengxie.accounts.models import Organisation
from zhengxie.proposals.models import Proposal
from zhengxie.reports.registry import (
    Context,
    FigureResult,
    ScopeKind,
    figure,
    ratio,
    register_module,
    register_records,
)

from .models import AppraisalUnit, Nomination, Rectification
from .workflow import RESULT_STATES, AwardStatus, RectState

M = "appraisals"
G_EVAL, G_AWARD = "民主评议", "评优表彰"
SCOPES = (ScopeKind.CPPCC, ScopeKind.COUNTY)
NOTES = """
### 口径与实例（见 `zhengxie/appraisals/tests/test_figures.py`）

- **满意率**：满意率＝（满意票＋基本满意票）÷有效票，有效票＝总票数－弃权票。例：6个单位共收到满意票150、
  基本满意票24、不满意票6、弃权票6，有效票180，满意率96.7%。投票人数未达到法定比例（默认2/3）的表决结果无效，
  但票数仍按实际计入，评议结果页标注“无效”。
- **整改完成率**：统计期内召开评议会的民主评议提出的整改事项中，经提案委确认完成的项数 ÷ 整改事项总数。
- **好提案数、先进承办单位数**：统计期内审定（主席会议或常委会议，可配置）的名单中入选的提案件数和单位个数；
  年度好提案约占提案总数1%（可配置，仅提示）。
"""

register_module(
    M, "民主评议与评优", order=15,
    attribution={
        ScopeKind.CPPCC: "本政协组织的提案办理民主评议（被评议单位、测评票和整改事项）和本政协审定的优秀提案、先进承办单位。",
        ScopeKind.COUNTY: "市政协查看所辖县区政协组织的民主评议和评优，口径与本政协相同。",
    },
    date_note="民主评议按评议会日期、评优按名单审定日期计入统计期；只统计已结束投票的民主评议。",
    notes=NOTES,
)


def _entries(ctx: Context):
    lo, hi = ctx.period.start, ctx.period.end
    return AppraisalUnit.objects.filter(appraisal__cppcc_id=ctx.cppcc.pk, appraisal__status__in=list(RESULT_STATES),
                                        appraisal__meeting_date__gte=lo, appraisal__meeting_date__lte=hi)


def _rects(ctx: Context):
    return Rectification.objects.filter(entry__in=_entries(ctx))


def _selected(ctx: Context, kind: str):
    return Nomination.objects.filter(round__cppcc_id=ctx.cppcc.pk, round__status=AwardStatus.APPROVED,
                                     round__approved_on__gte=ctx.period.start, round__approved_on__lte=ctx.period.end,
                                     kind=kind, state=Nomination.State.SELECTED)


def _tally(ctx: Context) -> dict:
    def compute() -> dict:
        z = 0
        votes = _entries(ctx).aggregate(
            units=Count("id"), content=Coalesce(Sum("satisfied"), z) + Coalesce(Sum("basic"), z),
            valid=Coalesce(Sum("valid"), z))
        rects = _rects(ctx).aggregate(total=Count("id"), done=Count("id", filter=Q(state=RectState.DONE)))
        return {**votes, "rect_total": rects["total"], "rect_done": rects["done"]}

    return ctx.memo("appraisals:tally", compute)


def _units_records(ctx):
    return _entries(ctx).select_related("unit", "appraisal").order_by("appraisal__meeting_date", "rank")


@figure(f"{M}.units", "评议单位数", module=M, unit="个", scopes=SCOPES, group=G_EVAL, date_basis="评议会日期",
        definition="统计期内召开评议会、已结束投票的提案办理民主评议中被评议的承办单位个数（同一单位在不同轮次分别计）。")
def units(ctx: Context) -> FigureResult:
    return FigureResult(_tally(ctx)["units"], _units_records(ctx))


@figure(f"{M}.content_votes", "满意和基本满意票数", module=M, unit="票", scopes=SCOPES, group=G_EVAL, date_basis="评议会日期",
        definition="这些民主评议测评中投给被评议单位的“满意”票与“基本满意”票之和。")
def content_votes(ctx: Context) -> FigureResult:
    return FigureResult(_tally(ctx)["content"], _units_records(ctx))


@figure(f"{M}.valid_votes", "有效票数", module=M, unit="票", scopes=SCOPES, group=G_EVAL, date_basis="评议会日期",
        definition="这些民主评议测评中投给被评议单位的有效票数：满意、基本满意、不满意票之和，不含弃权票。")
def valid_votes(ctx: Context) -> FigureResult:
    return FigureResult(_tally(ctx)["valid"], _units_records(ctx))


@figure(f"{M}.satisfaction_rate", "民主评议满意率", module=M, unit="%", kind="ratio", scopes=SCOPES, group=G_EVAL,
        date_basis="评议会日期",
        definition="（满意票＋基本满意票）÷有效票，合计统计期内全部被评议单位的测评票。")
def satisfaction_rate(ctx: Context) -> FigureResult:
    return ratio(ctx, f"{M}.content_votes", f"{M}.valid_votes")


@figure(f"{M}.rectifications", "整改事项数", module=M, unit="项", scopes=SCOPES, group=G_EVAL, date_basis="评议会日期",
        definition="统计期内召开评议会的民主评议对被评议单位提出的整改事项项数。")
def rectifications(ctx: Context) -> FigureResult:
    return FigureResult(_tally(ctx)["rect_total"], _rects(ctx).select_related("entry__unit"))


@figure(f"{M}.rectifications_done", "已完成整改事项数", module=M, unit="项", scopes=SCOPES, group=G_EVAL,
        date_basis="评议会日期",
        definition="这些整改事项中承办单位已反馈、经提案委确认完成的项数（统计时点为计算之时）。")
def rectifications_done(ctx: Context) -> FigureResult:
    return FigureResult(_tally(ctx)["rect_done"], _rects(ctx).filter(state=RectState.DONE).select_related("entry__unit"))


@figure(f"{M}.rectification_rate", "整改完成率", module=M, unit="%", kind="ratio", scopes=SCOPES, group=G_EVAL,
        date_basis="评议会日期", definition="已完成整改事项数 ÷ 整改事项数。")
def rectification_rate(ctx: Context) -> FigureResult:
    return ratio(ctx, f"{M}.rectifications_done", f"{M}.rectifications")


@figure(f"{M}.excellent_proposals", "好提案数", module=M, unit="件", scopes=SCOPES, group=G_AWARD, date_basis="名单审定日期",
        definition="统计期内审定的年度优秀提案（好提案）名单中入选的提案件数。")
def excellent_proposals(ctx: Context) -> FigureResult:
    ids = _selected(ctx, Nomination.Kind.PROPOSAL).values("proposal_id")
    qs = Proposal.objects.filter(pk__in=ids)
    return FigureResult(qs.count(), qs)


@figure(f"{M}.excellent_units", "先进承办单位数", module=M, unit="个", scopes=SCOPES, group=G_AWARD,
        date_basis="名单审定日期", definition="统计期内审定的提案办理先进承办单位名单中入选的单位个数。")
def excellent_units(ctx: Context) -> FigureResult:
    ids = _selected(ctx, Nomination.Kind.UNIT).values("unit_id")
    qs = Organisation.objects.filter(pk__in=ids)
    return FigureResult(qs.count(), qs)


register_records(
    AppraisalUnit,
    columns=(("被评议单位", lambda e: e.unit.name), ("民主评议", lambda e: e.appraisal.title),
             ("评议会日期", lambda e: e.appraisal.meeting_date), ("名次", lambda e: e.rank or ""),
             ("满意", lambda e: e.satisfied), ("基本满意", lambda e: e.basic), ("不满意", lambda e: e.unsatisfied),
             ("弃权", lambda e: e.abstain), ("满意率(%)", lambda e: e.satisfaction_rate if e.satisfaction_rate is not None else "")),
    url=lambda e: e.get_absolute_url(), select_related=("unit", "appraisal"), order_by=("appraisal__meeting_date", "rank"))
register_records(
    Rectification,
    columns=(("整改要求", lambda r: r.text[:60]), ("承办单位", lambda r: r.entry.unit.name),
             ("整改期限", lambda r: r.due_date), ("状态", lambda r: r.get_state_display())),
    url=lambda r: r.get_absolute_url(), select_related=("entry__unit",), order_by=("due_date", "id"))
