"""Scoped reads of the statistics: who may compute what, for which period and scope, and the drill-down.

The 县区 scope is the only path by which a 市政协 user sees a county's data (figures and, through the
drill-down, the list of records counted). A county user computes their own 政协 only.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Cppcc
from zhengxie.members.models import Meeting

from . import permissions, registry
from .registry import Context, Period, Scope, ScopeKind

DENIED = "您没有查看统计报表的权限。"
DENIED_COUNTY = "只有市政协可以查看所辖县区政协的统计；县区政协只能统计本政协。"
DENIED_MODULE = "您没有查看该模块统计的权限。"


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def modules_for(user) -> list[registry.Module]:
    _require(permissions.can_view_reports(user), DENIED)
    return [m for m in registry.modules() if permissions.can_view_module(user, m)]


def module_for(user, code: str = "") -> registry.Module:
    mods = modules_for(user)
    if not mods:
        raise ApplicationError("还没有可统计的模块。")
    if not code:
        return mods[0]
    mod = registry.module(code)
    _require(mod in mods, DENIED_MODULE)
    return mod


def meetings_for(user):
    """The plenaries of the user's own 政协 (a 会议 period uses its numbering session)."""
    return Meeting.objects.filter(cppcc_id=user.cppcc_id, kind=Meeting.Kind.PLENARY).select_related("term").order_by("-start_date")


def scope_choices(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """Grouped choices for the scope select: 本政协, its 专委会/界别/党派, and (city only) its counties."""
    _require(permissions.can_view_reports(user), DENIED)
    groups: list[tuple[str, list[tuple[str, str]]]] = [("政协", [("cppcc", f"{user.cppcc.name}（全部）")])]
    orgs = (Organisation.objects.filter(cppcc_id=user.cppcc_id, kind__in=ScopeKind.ORG_KINDS, is_active=True)
            .order_by("kind", "sort", "id").values_list("pk", "kind", "name"))
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for pk, kind, name in orgs:
        by_kind.setdefault(kind, []).append((f"{kind}:{pk}", name))
    for kind in ScopeKind.ORG_KINDS:
        if by_kind.get(kind):
            groups.append((ScopeKind.LABELS[kind], by_kind[kind]))
    if permissions.is_city_user(user):
        counties = Cppcc.objects.filter(parent_id=user.cppcc_id, level=Cppcc.Level.COUNTY).order_by("id")
        if counties:
            groups.append(("县区政协", [(f"county:{c.pk}", c.name) for c in counties]))
    return groups


def _date(value: str, field: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApplicationError("日期格式应为 年-月-日，例如 2023-01-01。", field=field) from None


def period_for(user, *, period: str = "year", year: str | int = "", meeting: str | int = "", start: str = "",
               end: str = "") -> Period:
    period = period or "year"
    if period == "year":
        year = str(year or timezone.localdate().year)
        if not year.isdigit():
            raise ApplicationError("年份不正确。", field="year")
        return Period.year(int(year))
    if period == "meeting":
        if not str(meeting).isdigit():
            raise ApplicationError("请选择会议。", field="meeting")
        m = meetings_for(user).filter(pk=int(meeting)).first()
        if m is None:
            raise ApplicationError("没有找到该会议：按会议统计只能选择本政协的全体会议。", field="meeting")
        return Period.meeting(m)
    if period == "range":
        return Period.range(_date(start, "start"), _date(end, "end"))
    raise ApplicationError("请选择统计期间：年度、会议或日期范围。", field="period")


def scope_for(user, value: str = "") -> Scope:
    _require(permissions.can_view_reports(user), DENIED)
    value = (value or "cppcc").strip()
    kind, _, ident = value.partition(":")
    if kind == ScopeKind.CPPCC:
        return Scope(ScopeKind.CPPCC, user.cppcc)
    if kind not in ScopeKind.ALL or not ident.isdigit():
        raise ApplicationError("统计范围不正确，请重新选择。", field="scope")
    if kind == ScopeKind.COUNTY:
        county = Cppcc.objects.filter(pk=int(ident)).first()
        _require(permissions.can_view_county(user, county), DENIED_COUNTY)
        return Scope(ScopeKind.COUNTY, county)
    org = Organisation.objects.filter(pk=int(ident), cppcc_id=user.cppcc_id, kind=kind).first()
    if org is None:
        raise ApplicationError(f"没有找到该{ScopeKind.LABELS[kind]}，请重新选择统计范围。", field="scope")
    return Scope(kind, user.cppcc, org)


def context_for(user, *, scope: str = "", **period) -> Context:
    """The context a user may compute: checks the role, the scope and the period together."""
    sc = scope_for(user, scope)
    if sc.kind == ScopeKind.COUNTY and period.get("period") == "meeting":
        raise ApplicationError("按会议统计只适用于本政协的会议；查看县区数据请按年度或日期范围统计。", field="period")
    return Context(cppcc=sc.cppcc, period=period_for(user, **period), scope=sc, viewer_cppcc=user.cppcc)


def figure_rows(user, module_code: str, ctx: Context) -> list[dict]:
    """Every figure of the module for the context, as rows for the page, the Excel file and the API."""
    mod = module_for(user, module_code)
    rows = []
    for fig, res in registry.compute_many([f.code for f in registry.figures_for(mod.code)], ctx):
        rows.append({"figure": fig, "result": res, "display": registry.format_value(fig, res.value)})
    return rows


def figure_for(user, module_code: str, code: str) -> registry.Figure:
    fig = registry.get(code)
    module_for(user, fig.module)
    if module_code and fig.module != module_code:
        raise ApplicationError("指标不属于所选模块。")
    return fig


def drill_for(user, ctx: Context, code: str, part: str = "") -> dict:
    """The records a figure (or one of its parts) counted, with how to list them."""
    fig = figure_for(user, "", code)
    res = registry.compute(code, ctx)
    qs = res.records_for(part)
    if qs is None:
        raise ApplicationError("该指标没有可查看的明细。")
    rtype = registry.record_type(qs.model)
    if rtype.select_related:
        qs = qs.select_related(*rtype.select_related)
    if rtype.order_by:
        qs = qs.order_by(*rtype.order_by)
    chosen = res.part(part) if part else None
    value = chosen.value if chosen else (res.value if fig.kind != "ratio" else res.numerator.value)
    return {"figure": fig, "result": res, "part": chosen, "records": qs, "type": rtype, "count_shown": value,
            "links": not ctx.is_foreign}


def drill_rows(drill: dict, records) -> list[dict]:
    """Rows of one page (or of the export): cell values and the detail link (none for another 政协's records)."""
    rtype = drill["type"]
    records = list(records)
    if rtype.prepare:
        rtype.prepare(records)
    out = []
    for obj in records:
        url = rtype.url(obj) if (rtype.url and drill["links"]) else ""
        out.append({"cells": [fn(obj) for _, fn in rtype.columns], "url": url, "obj": obj})
    return out


def page_options(user, params) -> dict:
    """Choices and current values of the filter form (the page's own 政协 plus, for a city, its counties)."""
    mods = modules_for(user)
    this_year = timezone.localdate().year
    return {
        "modules": mods,
        "scopes": scope_choices(user),
        "meetings": list(meetings_for(user)),
        "years": list(range(this_year, this_year - 8, -1)),
        "current": {"module": params.get("module", "") or (mods[0].code if mods else ""),
                    "period": params.get("period", "") or "year", "year": params.get("year", "") or str(this_year),
                    "meeting": params.get("meeting", ""), "start": params.get("start", ""), "end": params.get("end", ""),
                    "scope": params.get("scope", "") or "cppcc"},
    }


def grouped(rows: list[dict]) -> list[dict]:
    """Rows grouped by the figures' group, groups in the order their first figure was registered."""
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(row["figure"].group or "其他", []).append(row)
    return [{"label": label, "rows": items} for label, items in groups.items()]


def all_zero(rows: list[dict]) -> bool:
    """True when nothing at all was counted (the page then says so instead of a wall of zeros only)."""
    return all(not row["result"].value for row in rows)
