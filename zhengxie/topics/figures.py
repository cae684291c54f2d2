"""提案选题 coverage and 线索 figures (domain.md §3.3, §3.12), in the figures registry.

Date bases: 选题 count by the catalogue's 会议 (a 会议 period) or its 发布时间 (year/range); 引用选题的提案 by the
proposal's 提交时间 (or its 会议's numbering session); 线索 by 收到时间 (created). A proposal cites a topic once it
was submitted with a TopicCitation (drafts are not counted).
"""
from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q

from zhengxie.intake.models import Submission
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

from .models import Clue, Topic, TopicCatalogue, TopicCitation

M = "topics"
SCOPES = (ScopeKind.CPPCC, ScopeKind.COUNTY)
G_TOPICS, G_CLUES = "选题与引用", "提案线索"
CLUE_CONSUMER = "proposal_clue"

register_module(
    M, "提案选题", order=12,
    attribution={
        ScopeKind.CPPCC: "本政协发布的《提案选题参考目录》中的选题、引用选题的提案和本政协收到的提案线索。",
        ScopeKind.COUNTY: "市政协查看所辖县区政协的选题目录和线索，口径与本政协相同。",
    },
    date_note="选题按目录所属会议（按会议统计）或发布时间（按年度、时段统计）计入；引用选题的提案按提交时间计入；线索按收到时间计入。",
    notes="""
### 口径说明
- **选题覆盖率**＝被引用选题数÷选题数：目录中至少有一件已提交提案引用的选题所占比例（回顾中“确保123个选题全部紧扣全市重点工作”对应选题数）。
- **引用选题的提案数**只计已提交的提案（草稿不计）；一件提案最多引用一个选题。
- **线索数**按来源分为社会公众（公众来信经筛选采纳）、部门单位、智库专家和提案委征集；公众来信数另计，含未采纳的来信。
""",
)


def _topics(ctx: Context):
    qs = Topic.objects.filter(cppcc_id=ctx.cppcc.pk, catalogue__status=TopicCatalogue.Status.PUBLISHED)
    if ctx.period.kind == "meeting":
        return qs.filter(catalogue__meeting_id=ctx.period.meeting_id)
    return qs.filter(ctx.period.q("catalogue__published_at"))


def _cited_q() -> Q:
    return Q(Exists(TopicCitation.objects.filter(topic=OuterRef("pk"), proposal__submitted_at__isnull=False)))


def _citing(ctx: Context):
    cited = TopicCitation.objects.filter(proposal=OuterRef("pk"))
    return (Proposal.objects.filter(cppcc_id=ctx.cppcc.pk).filter(ctx.period.q("submitted_at", meeting_field="meeting"))
            .filter(Exists(cited)))


def _clues(ctx: Context):
    return Clue.objects.filter(cppcc_id=ctx.cppcc.pk).filter(ctx.period.q("created_at"))


@figure(f"{M}.topics", "选题数", module=M, unit="个", scopes=SCOPES, group=G_TOPICS, date_basis="目录所属会议/发布时间",
        definition="统计期内发布的《提案选题参考目录》中的选题个数（按会议统计时为该次会议的目录）。")
def topics(ctx: Context) -> FigureResult:
    qs = _topics(ctx)
    return FigureResult(qs.count(), qs)


@figure(f"{M}.cited_topics", "被引用选题数", module=M, unit="个", scopes=SCOPES, group=G_TOPICS,
        date_basis="目录所属会议/发布时间",
        definition="统计期内发布的目录中，至少有一件已提交的提案引用的选题个数（不论提案何时提交）。")
def cited_topics(ctx: Context) -> FigureResult:
    qs = _topics(ctx).filter(_cited_q())
    return FigureResult(qs.count(), qs)


@figure(f"{M}.coverage", "选题覆盖率", module=M, unit="%", kind="ratio", scopes=SCOPES, group=G_TOPICS,
        date_basis="见分子、分母", definition="被引用选题数 ÷ 选题数：目录中已有提案引用的选题所占比例。")
def coverage(ctx: Context) -> FigureResult:
    return ratio(ctx, f"{M}.cited_topics", f"{M}.topics")


@figure(f"{M}.citing_proposals", "引用选题的提案数", module=M, unit="件", scopes=SCOPES, group=G_TOPICS,
        date_basis="提交时间",
        definition="统计期内提交（按提交时间计；按会议统计时为该次会议编号序列内）且引用了选题参考目录中某一选题的提案件数。")
def citing_proposals(ctx: Context) -> FigureResult:
    qs = _citing(ctx)
    return FigureResult(qs.count(), qs)


@figure(f"{M}.citing_share", "引用选题提案占比", module=M, unit="%", kind="ratio", scopes=SCOPES, group=G_TOPICS,
        date_basis="提交时间", definition="引用选题的提案数 ÷ 收到提案数（均按提交时间计）。")
def citing_share(ctx: Context) -> FigureResult:
    return ratio(ctx, f"{M}.citing_proposals", "proposals.received")


@figure(f"{M}.clues", "提案线索数", module=M, unit="条", kind="breakdown", scopes=SCOPES, group=G_CLUES,
        date_basis="收到时间",
        definition="统计期内收到（按收到时间计）的提案线索条数，按来源分为社会公众（公众来信经采纳）、部门单位、智库专家和提案委征集。")
def clues(ctx: Context) -> FigureResult:
    qs = _clues(ctx)
    counts = dict(qs.order_by().values_list("source").annotate(n=Count("pk")))
    total = sum(counts.values())
    parts = [Part(code, label, counts.get(code, 0), qs.filter(source=code)) for code, label in Clue.Source.choices]
    return FigureResult(total, qs, parts=with_shares(parts, total))


@figure(f"{M}.clues_merged", "编入选题的线索数", module=M, unit="条", scopes=SCOPES, group=G_CLUES, date_basis="收到时间",
        definition="统计期内收到的提案线索中，已归并编入选题目录某一选题的条数。")
def clues_merged(ctx: Context) -> FigureResult:
    qs = _clues(ctx).filter(status=Clue.Status.MERGED)
    return FigureResult(qs.count(), qs)


@figure(f"{M}.public_submissions", "公众来信数（提案线索征集）", module=M, unit="条", kind="breakdown", scopes=SCOPES,
        group=G_CLUES, date_basis="收到时间",
        definition="统计期内通过提案线索征集渠道收到的公众来信条数（按收到时间计），按处理状态分为待处理、已采纳和未采纳。")
def public_submissions(ctx: Context) -> FigureResult:
    qs = Submission.objects.filter(cppcc_id=ctx.cppcc.pk, channel__consumer=CLUE_CONSUMER).filter(ctx.period.q("created_at"))
    counts = dict(qs.order_by().values_list("status").annotate(n=Count("pk")))
    total = sum(counts.values())
    parts = [Part(code, label, counts.get(code, 0), qs.filter(status=code)) for code, label in Submission.Status.choices]
    return FigureResult(total, qs, parts=with_shares(parts, total))


register_records(Topic, columns=[("序号", lambda t: t.seq), ("选题", lambda t: t.title),
                                 ("类别", lambda t: t.category.name if t.category_id else ""),
                                 ("目录", lambda t: t.catalogue.title)],
                 url=lambda t: t.get_absolute_url(), select_related=("category", "catalogue"), order_by=("catalogue", "seq"),
                 link_column=1)
register_records(Clue, columns=[("线索", lambda c: c.title), ("来源", lambda c: c.get_source_display()),
                                ("状态", lambda c: c.get_status_display()), ("编入选题", lambda c: c.topic.title if c.topic_id else "")],
                 url=lambda c: c.get_absolute_url(), select_related=("topic",), order_by=("-created_at",))
register_records(Submission, columns=[("查询码", lambda s: s.tracking_code), ("标题", lambda s: s.title),
                                      ("状态", lambda s: s.get_status_display())],
                 url=lambda s: s.get_absolute_url(), order_by=("-created_at",), link_column=1)
