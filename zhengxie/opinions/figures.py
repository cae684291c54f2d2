"""社情民意 statistics (domain.md §4.7), registered in the figures registry (zhengxie.reports).

Date bases: 征集/收到 by 收到时间 (received_at, the first submission); 编报 by the 出刊日期 of signed issues;
上报 by 报送日期; 采用 by 采用日期; 批示 by 批示日期. Attribution: an item counts toward its 报送单位 (the
单位's organisation) and toward the 专委会/界别/党派 of its author's membership on the day of submission.
Every figure is one aggregate query (or one grouped query for a breakdown); nothing runs per record.
"""
from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q

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

from .models import Adoption, Article, Instruction, Issue, Level, Opinion, UpwardReport

M = "opinions"
UPPER = (UpwardReport.Target.PROVINCIAL, UpwardReport.Target.NATIONAL)
PROVINCIAL_LEVELS = (Level.PROVINCIAL, Level.PROVINCIAL_PARTY)
NATIONAL_LEVELS = (Level.NATIONAL, Level.UFWD)
G_COLLECT, G_ISSUE, G_UP, G_RESULT = "征集与编报", "上报", "上报", "采用与批示"

NOTES = """
### 口径说明与实例（见 `zhengxie/opinions/tests/test_scenarios.py`）

- **上报不依赖本级编发。** 全年回顾：“全年共征集社情民意信息2773篇，经整理编报《政协社情民意》29期160篇，
  向全国政协和省政协报送780篇”：`opinions.received`＝2773，`opinions.issues`＝29期，`opinions.issue_articles`＝160篇，
  `opinions.reported`＝780篇（报送全国政协或省政协的不同信息篇数，同一篇报送两处只计一次）。
- **农业和农村委员会**：“报送社情民意信息206篇，其中市级采用24篇，报省级47篇，上级采用5篇”，在该专委会范围内统计：
  收到206（`received`）、市级采用即本级编发24（`issued`）、报省级47（`reported_provincial`）、上级采用5（`adopted`）。
- **批示**按件次计：同一篇信息有两位领导批示计2件次。
"""

register_module(
    M, "社情民意", order=20,
    attribution={
        ScopeKind.CPPCC: "本政协收到的全部社情民意信息（委员、特邀信息员和信息报送单位报送）。",
        ScopeKind.COMMITTEE: "信息计入反映人报送当日任职所在的专委会；以专委会名义（报送单位对应该专委会）报送的信息也计入该专委会。",
        ScopeKind.SECTOR: "信息计入反映人报送当日任职所在的界别；以界别名义报送的信息也计入该界别。",
        ScopeKind.PARTY: "信息计入反映人报送当日所属的党派；经党派报送单位报送的信息也计入该党派。",
        ScopeKind.COUNTY: "市政协通过本报表查看所辖县区政协收到和编报的社情民意信息，口径与本政协相同。",
    },
    date_note="收到按第一次报送时间、编报按期刊出刊日期（已签发）、上报按报送日期、采用按采用日期、批示按批示日期计入统计期。",
    notes=NOTES,
)


def attribution_q(scope, prefix: str = "") -> Q:
    """专委会/界别/党派: the author's seat snapshot taken at submit, or the 报送单位's organisation."""
    if scope.kind not in ScopeKind.ORG_KINDS:
        return Q()
    return Q(**{f"{prefix}reporting_unit__organisation_id": scope.org.pk}) | Q(**{f"{prefix}{scope.kind}_id": scope.org.pk})


def _items(ctx: Context):
    return Opinion.objects.filter(cppcc_id=ctx.cppcc.pk).filter(attribution_q(ctx.scope))


def _issues(ctx: Context):
    lo, hi = ctx.period.start, ctx.period.end
    return Issue.objects.filter(cppcc_id=ctx.cppcc.pk, state=Issue.State.SIGNED, date__gte=lo, date__lte=hi)


def _reported(ctx: Context, targets) -> Q:
    lo, hi = ctx.period.start, ctx.period.end
    return Q(reports__target__in=list(targets), reports__reported_at__gte=lo, reports__reported_at__lte=hi)


def _adopted(ctx: Context, levels=None) -> Q:
    lo, hi = ctx.period.start, ctx.period.end
    q = Q(adoptions__adopted_at__gte=lo, adoptions__adopted_at__lte=hi)
    if levels is not None:
        q &= Q(adoptions__level__in=list(levels))
    return q


def _count(ctx: Context, key: str, q: Q) -> FigureResult:
    qs = _items(ctx).filter(pk__in=_items(ctx).filter(q).values("pk"))
    return FigureResult(ctx.memo(f"{M}:{key}", qs.count), qs)


@figure(f"{M}.received", "征集/收到信息", module=M, unit="篇", group=G_COLLECT, date_basis="收到时间",
        definition="统计期内收到（按第一次报送时间计，退回修改后重新报送不重复计）的社情民意信息篇数。")
def received(ctx: Context) -> FigureResult:
    return _count(ctx, "received", ctx.period.q("received_at"))


@figure(f"{M}.issues", "编报期数", module=M, unit="期", group=G_COLLECT, date_basis="出刊日期",
        scopes=(ScopeKind.CPPCC, ScopeKind.COUNTY),
        definition="统计期内出刊（按出刊日期计）且已签发的各刊物（《政协社情民意》、专报等）期数。")
def issues(ctx: Context) -> FigureResult:
    qs = _issues(ctx)
    return FigureResult(qs.count(), qs)


@figure(f"{M}.issue_articles", "编报篇数", module=M, unit="篇", group=G_COLLECT, date_basis="出刊日期",
        scopes=(ScopeKind.CPPCC, ScopeKind.COUNTY),
        definition="统计期内已签发期刊中的编发稿篇数（综合编发的一篇稿件计1篇）。")
def issue_articles(ctx: Context) -> FigureResult:
    qs = Article.objects.filter(issue__in=_issues(ctx))
    return FigureResult(qs.count(), qs)


@figure(f"{M}.issued", "本级编发（市级采用）信息", module=M, unit="篇", group=G_COLLECT, date_basis="出刊日期",
        definition="统计期内已签发期刊所编发的来源信息篇数（综合编发的每篇来源信息各计1篇，每篇信息只计一次）。")
def issued(ctx: Context) -> FigureResult:
    lo, hi = ctx.period.start, ctx.period.end
    return _count(ctx, "issued", Q(articles__issue__state=Issue.State.SIGNED, articles__issue__date__gte=lo,
                                   articles__issue__date__lte=hi))


@figure(f"{M}.reported", "向全国政协和省政协报送", module=M, unit="篇", group=G_UP, date_basis="报送日期",
        definition="统计期内（按报送日期）报送全国政协或省政协的不同信息篇数，同一篇报送两处只计一次；与是否本级编发无关。")
def reported(ctx: Context) -> FigureResult:
    return _count(ctx, "reported", _reported(ctx, UPPER))


@figure(f"{M}.reported_provincial", "报省级", module=M, unit="篇", group=G_UP, date_basis="报送日期",
        definition="统计期内（按报送日期）报送省政协的信息篇数。")
def reported_provincial(ctx: Context) -> FigureResult:
    return _count(ctx, "reported_provincial", _reported(ctx, [UpwardReport.Target.PROVINCIAL]))


@figure(f"{M}.reported_national", "报全国政协", module=M, unit="篇", group=G_UP, date_basis="报送日期",
        definition="统计期内（按报送日期）报送全国政协的信息篇数。")
def reported_national(ctx: Context) -> FigureResult:
    return _count(ctx, "reported_national", _reported(ctx, [UpwardReport.Target.NATIONAL]))


@figure(f"{M}.reported_by_target", "上报对象分布", module=M, unit="篇", kind="breakdown", group=G_UP,
        date_basis="报送日期",
        definition="统计期内（按报送日期）报送各对象（省政协、全国政协、市委、市政府）的信息篇数；一篇报送多处在每处各计1篇。")
def reported_by_target(ctx: Context) -> FigureResult:
    lo, hi = ctx.period.start, ctx.period.end
    rows = (UpwardReport.objects.filter(reported_at__gte=lo, reported_at__lte=hi, opinion__in=_items(ctx))
            .order_by().values_list("target").annotate(n=Count("opinion", distinct=True)))
    counts = dict(rows)
    parts = [Part(t, label, counts.get(t, 0), _items(ctx).filter(_reported(ctx, [t])).distinct())
             for t, label in UpwardReport.Target.choices]
    total = sum(p.value for p in parts)
    return FigureResult(total, None, parts=with_shares(parts, total))


@figure(f"{M}.adopted", "上级采用", module=M, unit="篇", group=G_RESULT, date_basis="采用日期",
        definition="统计期内（按采用日期）被上级（全国政协、中央统战部、省委办公厅、省政协、市委、市政府）采用的不同信息篇数，"
                   "一篇被多处采用只计一次。")
def adopted(ctx: Context) -> FigureResult:
    return _count(ctx, "adopted", _adopted(ctx))


@figure(f"{M}.adopted_provincial", "省级采用", module=M, unit="篇", group=G_RESULT, date_basis="采用日期",
        definition="统计期内（按采用日期）被省政协或省委办公厅采用的信息篇数。")
def adopted_provincial(ctx: Context) -> FigureResult:
    return _count(ctx, "adopted_provincial", _adopted(ctx, PROVINCIAL_LEVELS))


@figure(f"{M}.adopted_national", "国家级采用", module=M, unit="篇", group=G_RESULT, date_basis="采用日期",
        definition="统计期内（按采用日期）被全国政协或中央统战部采用的信息篇数。")
def adopted_national(ctx: Context) -> FigureResult:
    return _count(ctx, "adopted_national", _adopted(ctx, NATIONAL_LEVELS))


def _adoption_breakdown(ctx: Context, field: str, choices) -> FigureResult:
    lo, hi = ctx.period.start, ctx.period.end
    base = Adoption.objects.filter(adopted_at__gte=lo, adopted_at__lte=hi, opinion__in=_items(ctx))
    counts = dict(base.order_by().values_list(field).annotate(n=Count("opinion", distinct=True)))
    parts = [Part(k, label, counts.get(k, 0), _items(ctx).filter(pk__in=base.filter(**{field: k}).values("opinion_id")))
             for k, label in choices]
    total = sum(p.value for p in parts)
    return FigureResult(total, None, parts=with_shares(parts, total))


@figure(f"{M}.adopted_by_level", "采用层级分布", module=M, unit="篇", kind="breakdown", group=G_RESULT,
        date_basis="采用日期",
        definition="统计期内（按采用日期）各层级采用的信息篇数；一篇被多个层级采用在每个层级各计1篇。")
def adopted_by_level(ctx: Context) -> FigureResult:
    return _adoption_breakdown(ctx, "level", Level.choices)


@figure(f"{M}.adopted_by_mode", "采用方式分布", module=M, unit="篇", kind="breakdown", group=G_RESULT,
        date_basis="采用日期",
        definition="统计期内（按采用日期）单篇采用、综合采用、转送采用的信息篇数；一篇有多种采用方式在每种各计1篇。")
def adopted_by_mode(ctx: Context) -> FigureResult:
    return _adoption_breakdown(ctx, "mode", Adoption.Mode.choices)


@figure(f"{M}.instructions", "领导批示（按领导层级）", module=M, unit="件次", kind="breakdown", group=G_RESULT,
        date_basis="批示日期",
        definition="统计期内（按批示日期）登记在社情民意信息上的领导批示件次，按中央领导、省部级领导、省直厅局级领导、市领导分列；"
                   "同一篇信息有几位领导批示计几件次。")
def instructions(ctx: Context) -> FigureResult:
    lo, hi = ctx.period.start, ctx.period.end
    ids = [str(pk) for pk in _items(ctx).values_list("pk", flat=True)] if ctx.scope.kind != ScopeKind.CPPCC else None
    base = Instruction.objects.filter(cppcc_id=ctx.cppcc.pk, content_type=ContentType.objects.get_for_model(Opinion),
                                      date__gte=lo, date__lte=hi)
    if ids is not None:
        base = base.filter(object_id__in=ids)
    counts = dict(base.order_by().values_list("leader_level").annotate(n=Count("pk")))
    parts = [Part(k, label, counts.get(k, 0), base.filter(leader_level=k)) for k, label in Instruction.LeaderLevel.choices]
    total = sum(p.value for p in parts)
    return FigureResult(total, base, parts=with_shares(parts, total))


@figure(f"{M}.adoption_rate", "上级采用率", module=M, unit="%", kind="ratio", group=G_RESULT, date_basis="见分子、分母",
        definition="上级采用篇数 ÷ 向全国政协和省政协报送篇数（采用率＝被采用条数/报送条数）。")
def adoption_rate(ctx: Context) -> FigureResult:
    return ratio(ctx, f"{M}.adopted", f"{M}.reported")


@figure(f"{M}.adoption_rate_provincial", "省级采用率", module=M, unit="%", kind="ratio", group=G_RESULT,
        date_basis="见分子、分母", definition="省级采用篇数 ÷ 报省级篇数。")
def adoption_rate_provincial(ctx: Context) -> FigureResult:
    return ratio(ctx, f"{M}.adopted_provincial", f"{M}.reported_provincial")


@figure(f"{M}.adoption_rate_national", "国家级采用率", module=M, unit="%", kind="ratio", group=G_RESULT,
        date_basis="见分子、分母", definition="国家级采用篇数 ÷ 报全国政协篇数。")
def adoption_rate_national(ctx: Context) -> FigureResult:
    return ratio(ctx, f"{M}.adopted_national", f"{M}.reported_national")


def _local(value) -> str:
    from django.utils import timezone

    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


register_records(
    Opinion,
    columns=[
        ("标题", lambda o: o.title),
        ("反映人", lambda o: o.reporter_name),
        ("报送单位", lambda o: o.reporting_unit.name if o.reporting_unit_id else ""),
        ("状态", lambda o: o.get_status_display()),
        ("收到时间", lambda o: _local(o.received_at)),
    ],
    url=lambda o: o.get_absolute_url(),
    select_related=("reporting_unit",),
    order_by=("-received_at", "-id"),
)
register_records(
    Issue,
    columns=[("期刊", str), ("出刊日期", lambda i: i.date.isoformat()), ("报送范围", lambda i: i.distribution)],
    url=lambda i: i.get_absolute_url(),
    order_by=("-date", "-id"),
)
register_records(
    Article,
    columns=[("标题", lambda a: a.title), ("编发方式", lambda a: a.get_kind_display()), ("署名", lambda a: a.author_line),
             ("所在期刊", lambda a: str(a.issue) if a.issue_id else "")],
    select_related=("issue",),
    order_by=("issue_id", "position", "id"),
)
register_records(
    Instruction,
    columns=[("批示", str), ("领导层级", lambda i: i.get_leader_level_display()), ("批示日期", lambda i: i.date.isoformat())],
    order_by=("-date", "-id"),
)
