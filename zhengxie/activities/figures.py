"""活动 statistics registered in the figures registry (zhengxie.reports): 活动次数, 参与人次, 参与委员数,
交流发言人数 and the outcome figures (走访农户…户, 捐款…元) summed by name and unit.

Counted: activities held (进行中/已结束/已归档; drafts, notices not yet held and cancelled ones are not) whose start
date falls in the period. 专委会 scope: the activities that committee organised ("谁组织谁记录").
Three aggregate queries per context (selectors.activity_figures), shared by all figures through ctx.memo.
"""
from __future__ import annotations

from decimal import Decimal

from django.db.models import Q

from zhengxie.members.models import Member
from zhengxie.reports.registry import (
    Context,
    FigureResult,
    Part,
    ScopeKind,
    figure,
    register_module,
    register_records,
)

from . import selectors
from .models import Activity, OutcomeFigure, Participation

M = "activities"
G = "委员履职活动"
SCOPES = (ScopeKind.CPPCC, ScopeKind.COMMITTEE, ScopeKind.COUNTY)
NOTES = """
### 口径与实例（见 `zhengxie/activities/tests/test_figures.py`）

- **经济委员会全年回顾**：“全年共组织学习座谈活动7次，先后有106人次参与，50余名委员交流发言”：专委会口径下
  `activities.count`＝7（次），`activities.person_times`＝106（人次，出席与代签，不含请假、缺席），
  `activities.speakers`＝52（名，去重后的交流发言委员，表述为“50余名”）。
- **成果数据**：“走访农户540余户，发放调查问卷600份”“捐款70余万元”按成果名称和单位分别求和
  （`activities.outcomes`）；登记为约数（“余”）的，合计值也标“余”。
"""

register_module(
    M, "委员履职活动", order=30,
    attribution={
        ScopeKind.CPPCC: "本政协各组织单位组织的全部活动（谁组织谁记录）。",
        ScopeKind.COMMITTEE: "该专委会作为组织单位组织的活动；委员参加其他单位组织的活动不计入。",
        ScopeKind.COUNTY: "市政协查看所辖县区政协组织的活动，口径与本政协相同。",
    },
    date_note="按活动开始日期计入统计期；只统计已举行（进行中、已结束、已归档）的活动。",
    notes=NOTES,
)


def _organiser(ctx: Context):
    return ctx.scope.org.pk if ctx.scope.kind == ScopeKind.COMMITTEE else None


def _data(ctx: Context) -> dict:
    return ctx.memo("activities:figures", lambda: selectors.activity_figures(
        ctx.cppcc.pk, ctx.period.start, ctx.period.end, organiser=_organiser(ctx)))


def _acts(ctx: Context):
    return selectors.activity_scope(ctx.cppcc.pk, ctx.period.start, ctx.period.end, organiser=_organiser(ctx))


def _parts(ctx: Context):
    return Participation.objects.filter(activity__in=_acts(ctx))


@figure("activities.count", "活动次数", module=M, unit="次", scopes=SCOPES, group=G, date_basis="活动开始日期",
        definition="统计期内开始、已举行（进行中、已结束或已归档）的活动次数，不含草稿、未举行和已取消的活动。")
def count(ctx: Context) -> FigureResult:
    return FigureResult(_data(ctx)["activities"], _acts(ctx).select_related("kind", "organiser"))


@figure("activities.person_times", "参与人次", module=M, unit="人次", scopes=SCOPES, group=G, date_basis="活动开始日期",
        definition="这些活动中出席（本人签到或经组织单位代签）的委员人次；请假、缺席不计，同一委员参加多次按多次计。")
def person_times(ctx: Context) -> FigureResult:
    return FigureResult(_data(ctx)["person_times"],
                        _parts(ctx).filter(attendance__in=selectors.ATTENDED).select_related("member", "activity"))


@figure("activities.members", "参与委员数", module=M, unit="名", scopes=SCOPES, group=G, date_basis="活动开始日期",
        definition="这些活动中至少出席一次的不同委员人数（去重）。")
def members(ctx: Context) -> FigureResult:
    ids = _parts(ctx).filter(attendance__in=selectors.ATTENDED).values("member_id")
    return FigureResult(_data(ctx)["members"], Member.objects.filter(pk__in=ids))


@figure("activities.speakers", "交流发言人数", module=M, unit="名", scopes=SCOPES, group=G, date_basis="活动开始日期",
        definition="这些活动中登记为交流发言（口头或书面）的不同委员人数（去重）。")
def speakers(ctx: Context) -> FigureResult:
    ids = _parts(ctx).filter(is_speaker=True).values("member_id")
    return FigureResult(_data(ctx)["speakers"], Member.objects.filter(pk__in=ids))


@figure("activities.speeches", "交流发言人次", module=M, unit="人次", scopes=SCOPES, group=G, date_basis="活动开始日期",
        definition="这些活动中登记的交流发言人次（同一委员在不同活动中发言分别计）。")
def speeches(ctx: Context) -> FigureResult:
    return FigureResult(_data(ctx)["speeches"], _parts(ctx).filter(is_speaker=True).select_related("member", "activity"))


def _fmt(value: Decimal) -> str:
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"


@figure("activities.outcomes", "活动成果数据", module=M, unit="", kind="breakdown", scopes=SCOPES, group=G,
        date_basis="活动开始日期",
        definition="这些活动登记的成果数据按名称和单位分别求和，如“走访农户540余户”“捐款70余万元”；约数合计标“余”。")
def outcomes(ctx: Context) -> FigureResult:
    rows = _data(ctx)["outcomes"]
    acts = _acts(ctx)
    parts = [Part(f"{r['name']}|{r['unit']}", f"{r['name']}（{r['unit']}）{'·约数' if r['approximate'] else ''}", r["value"],
                  OutcomeFigure.objects.filter(Q(activity__in=acts, name=r["name"], unit=r["unit"])).select_related("activity"))
             for r in rows]
    return FigureResult(len(rows), parts=parts,
                        note="；".join(f"{r['name']}{_fmt(r['value'])}{'余' if r['approximate'] else ''}{r['unit']}" for r in rows))


register_records(Activity, columns=(("活动名称", lambda a: a.title), ("类型", lambda a: a.kind.name),
                                    ("组织单位", lambda a: a.organiser.name), ("开始时间", lambda a: a.start_at)),
                 url=lambda a: a.get_absolute_url(), select_related=("kind", "organiser"), order_by=("start_at",))
register_records(Participation, columns=(("委员", lambda p: p.member.name), ("活动", lambda p: p.activity.title),
                                         ("出席情况", lambda p: p.get_attendance_display()),
                                         ("发言", lambda p: p.speech_title or ("是" if p.is_speaker else ""))),
                 url=lambda p: p.activity.get_absolute_url(), select_related=("member", "activity"), link_column=1)
register_records(OutcomeFigure, columns=(("活动", lambda o: o.activity.title), ("成果", str), ("说明", lambda o: o.note)),
                 url=lambda o: o.activity.get_absolute_url(), select_related=("activity",))
