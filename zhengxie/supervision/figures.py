"""重点提案与督办 statistics in the figures registry (zhengxie.reports), domain.md §3.9/§3.12 and the review's
"将常委会确定的8件重点提案与同类47件普通提案一同办理".

Date bases: 重点提案 by the round's 审定日期; 并案集中督办 by the case's creation (its 会议 for a 会议 period, as are
the key proposals: the round's 会议); 督办活动 and 跟进事项 by the activity date. One grouped query per figure.
"""
from __future__ import annotations

from django.db.models import Count, Q

from zhengxie.proposals.models import Proposal
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

from .models import CaseMember, FollowUp, KeyItem, SupervisionCase, SupervisionRecord
from .workflow import FollowUpState, Status

M = "supervision"
G_KEY, G_CASE, G_REC = "重点提案", "并案集中督办", "督办活动"
SCOPES = (ScopeKind.CPPCC, ScopeKind.COUNTY)
NOTES = """
### 口径与实例（见 `zhengxie/supervision/tests/test_figures.py`）

- **全年回顾**：“将常委会确定的8件重点提案与同类47件普通提案一同办理”：`supervision.key_approved`＝8（件，
  按审定日期计入统计期），`supervision.case_members`＝47（件，纳入并案集中督办的普通提案），
  `supervision.case_proposals`＝55（件，集中督办的全部提案＝各集中督办的重点提案＋纳入的普通提案）。
- **督办活动次数**按督办形式（领办、领衔督办、对口督办、走访、督办协商会、现场督办…）分别计数
  （`supervision.records_by_form`），一次督办活动登记一条记录。
- 提案模块的 `proposals.key`（重点提案数）按立案时间统计 is_key 的提案；本模块的 `supervision.key_approved`
  按主席会议/常委会审定日期统计，二者在同一年度立案并审定时相等。
"""

register_module(
    M, "重点提案与督办", order=12,
    attribution={
        ScopeKind.CPPCC: "本政协遴选审定的重点提案、开展的并案集中督办和登记的督办活动。",
        ScopeKind.COUNTY: "市政协查看所辖县区政协的重点提案与督办，口径与本政协相同。",
    },
    date_note="重点提案按审定日期、集中督办按建立时间、督办活动和跟进事项按督办日期计入统计期；按会议统计时计入该次全体会议的遴选和集中督办。",
    notes=NOTES,
)


def _dates(ctx: Context, field: str) -> Q:
    return Q(**{f"{field}__gte": ctx.period.start, f"{field}__lte": ctx.period.end})


def _key_items(ctx: Context):
    qs = KeyItem.objects.filter(selection__cppcc=ctx.cppcc, selection__status=Status.APPROVED, selected=True)
    if ctx.period.kind == "meeting":
        return qs.filter(selection__meeting_id=ctx.period.meeting_id)
    return qs.filter(_dates(ctx, "selection__approval_date"))


def _cases(ctx: Context):
    qs = SupervisionCase.objects.filter(cppcc=ctx.cppcc)
    if ctx.period.kind == "meeting":
        return qs.filter(meeting_id=ctx.period.meeting_id)
    return qs.filter(ctx.period.q("created_at"))


def _records(ctx: Context):
    return SupervisionRecord.objects.filter(_dates(ctx, "date"), cppcc=ctx.cppcc)


def _followups(ctx: Context):
    return FollowUp.objects.filter(_dates(ctx, "record__date"), cppcc=ctx.cppcc)


@figure("supervision.key_approved", "审定重点提案数", module=M, unit="件", scopes=SCOPES, group=G_KEY, date_basis="审定日期",
        definition="统计期内经主席会议或常委会审定（按审定日期计）确定的重点提案件数；按会议统计时为该次会议遴选确定的件数。")
def key_approved(ctx: Context) -> FigureResult:
    items = _key_items(ctx)
    return FigureResult(items.values("proposal_id").distinct().count(),
                        Proposal.objects.filter(pk__in=items.values("proposal_id")).select_related("meeting"))


@figure("supervision.key_recommended", "推荐重点提案件数", module=M, unit="件", scopes=SCOPES, group=G_KEY, date_basis="审定日期",
        definition="已审定的遴选中被推荐（党派团体、专委会、承办单位、提案委任一推荐）的不同提案件数。")
def key_recommended(ctx: Context) -> FigureResult:
    qs = KeyItem.objects.filter(selection__cppcc=ctx.cppcc, selection__status=Status.APPROVED, recommendations__isnull=False)
    qs = qs.filter(selection__meeting_id=ctx.period.meeting_id) if ctx.period.kind == "meeting" else qs.filter(
        _dates(ctx, "selection__approval_date"))
    return FigureResult(qs.values("proposal_id").distinct().count(), Proposal.objects.filter(pk__in=qs.values("proposal_id")))


@figure("supervision.key_supervised", "开展督办的重点提案数", module=M, unit="件", scopes=SCOPES, group=G_KEY, date_basis="督办日期",
        definition="统计期内至少登记过一次督办活动的重点提案件数。")
def key_supervised(ctx: Context) -> FigureResult:
    ids = _records(ctx).filter(proposal__is_key=True).values("proposal_id")
    return FigureResult(ids.distinct().count(), Proposal.objects.filter(pk__in=ids))


@figure("supervision.cases", "并案集中督办件数", module=M, unit="件", scopes=SCOPES, group=G_CASE, date_basis="建立时间",
        definition="统计期内建立的并案集中督办件数（每件以一件重点提案为主案）；按会议统计时为该次会议的集中督办。")
def cases(ctx: Context) -> FigureResult:
    qs = _cases(ctx)
    return FigureResult(qs.count(), qs.select_related("lead"))


@figure("supervision.case_members", "纳入集中督办的普通提案数", module=M, unit="件", scopes=SCOPES, group=G_CASE, date_basis="建立时间",
        definition="这些并案集中督办中，与重点提案一同办理的同类普通提案件数（经提案委确认纳入，移出的不计）。")
def case_members(ctx: Context) -> FigureResult:
    qs = CaseMember.objects.filter(case__in=_cases(ctx))
    return FigureResult(qs.count(), Proposal.objects.filter(pk__in=qs.values("proposal_id")))


@figure("supervision.case_proposals", "集中督办提案总数", module=M, unit="件", scopes=SCOPES, group=G_CASE, date_basis="建立时间",
        definition="这些并案集中督办包含的全部提案件数：主案重点提案数加纳入的普通提案数。")
def case_proposals(ctx: Context) -> FigureResult:
    cs = _cases(ctx)
    ids = Proposal.objects.filter(Q(pk__in=cs.values("lead_id")) | Q(pk__in=CaseMember.objects.filter(case__in=cs).values("proposal_id")))
    return FigureResult(ids.count(), ids)


@figure("supervision.case_resolved", "集中督办普通提案已见成效数", module=M, unit="件", scopes=SCOPES, group=G_CASE,
        date_basis="建立时间",
        definition="纳入集中督办的普通提案中，办理成效登记为“已解决或采纳”或“正在解决或列入计划”的件数。")
def case_resolved(ctx: Context) -> FigureResult:
    qs = CaseMember.objects.filter(case__in=_cases(ctx), outcome_state__in=[CaseMember.Outcome.RESOLVED, CaseMember.Outcome.PLANNED])
    return FigureResult(qs.count(), Proposal.objects.filter(pk__in=qs.values("proposal_id")))


@figure("supervision.records", "督办活动次数", module=M, unit="次", scopes=SCOPES, group=G_REC, date_basis="督办日期",
        definition="统计期内登记的督办活动次数（领办、领衔督办、对口督办、走访、督办协商会、现场督办等，一次活动一条记录）。")
def records(ctx: Context) -> FigureResult:
    qs = _records(ctx)
    return FigureResult(qs.count(), qs.select_related("proposal"))


@figure("supervision.records_by_form", "督办活动次数（按形式）", module=M, unit="次", kind="breakdown", scopes=SCOPES, group=G_REC,
        date_basis="督办日期", definition="统计期内的督办活动按督办形式分别计数。")
def records_by_form(ctx: Context) -> FigureResult:
    qs = _records(ctx)
    rows = list(qs.values("form").annotate(n=Count("id")).order_by("-n", "form"))
    total = sum(r["n"] for r in rows)
    parts = [Part(r["form"], r["form"], r["n"], qs.filter(form=r["form"]).select_related("proposal")) for r in rows]
    return FigureResult(total, parts=with_shares(parts, total))


@figure("supervision.followups", "督办跟进事项数", module=M, unit="项", scopes=SCOPES, group=G_REC, date_basis="督办日期",
        definition="统计期内督办活动提出的、须由责任单位落实的跟进事项数。")
def followups(ctx: Context) -> FigureResult:
    qs = _followups(ctx)
    return FigureResult(qs.count(), qs.select_related("owner_unit", "record__proposal"))


@figure("supervision.followups_closed", "跟进事项销号数", module=M, unit="项", scopes=SCOPES, group=G_REC, date_basis="督办日期",
        definition="这些跟进事项中经提案委核实销号的项数。")
def followups_closed(ctx: Context) -> FigureResult:
    qs = _followups(ctx).filter(state=FollowUpState.CLOSED)
    return FigureResult(qs.count(), qs.select_related("owner_unit", "record__proposal"))


@figure("supervision.followups_closed_rate", "跟进事项销号率", module=M, unit="%", kind="ratio", scopes=SCOPES, group=G_REC,
        date_basis="督办日期", definition="跟进事项销号数 ÷ 督办跟进事项数。")
def followups_closed_rate(ctx: Context) -> FigureResult:
    return ratio(ctx, "supervision.followups_closed", "supervision.followups")


register_records(SupervisionRecord, columns=(("日期", lambda r: r.date), ("督办形式", lambda r: r.form),
                                             ("提案", lambda r: r.proposal.title), ("地点", lambda r: r.place)),
                 url=lambda r: r.get_absolute_url(), select_related=("proposal",), order_by=("date", "id"), link_column=2)
register_records(SupervisionCase, columns=(("督办主题", lambda c: c.title), ("重点提案", lambda c: c.lead.title),
                                           ("状态", lambda c: c.get_state_display())),
                 url=lambda c: c.get_absolute_url(), select_related=("lead",))
register_records(FollowUp, columns=(("跟进事项", lambda f: f.content), ("责任单位", lambda f: f.owner_unit.name),
                                    ("完成时限", lambda f: f.due_date), ("状态", lambda f: f.get_state_display())),
                 url=lambda f: f.get_absolute_url(), select_related=("owner_unit", "record"))
