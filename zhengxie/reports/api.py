"""/api/v1/reports/: the figures of a module for (period, scope), and a drill-down, same rules as the page.

    GET /api/v1/reports/figures?module=proposals&year=2023&scope=committee:12
    GET /api/v1/reports/figures?module=proposals&period=meeting&meeting=3
    GET /api/v1/reports/figures?module=proposals&period=range&start=2023-01-01&end=2023-06-30&scope=county:5
    GET /api/v1/reports/drill?code=proposals.filed&year=2023&page=2
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.paginator import Paginator
from ninja import Router, Schema

from . import registry, selectors

router = Router()
PER_PAGE = 50


class PartOut(Schema):
    key: str
    label: str
    value: int | float | None
    share: float | None = None


class FigureOut(Schema):
    code: str
    label: str
    group: str
    kind: str
    unit: str
    value: int | float | None
    display: str
    definition: str
    date_basis: str
    numerator: PartOut | None = None
    denominator: PartOut | None = None
    parts: list[PartOut] = []


class RuleOut(Schema):
    scope: str
    scope_label: str
    rule: str


class FiguresOut(Schema):
    module: str
    module_label: str
    period: str
    start: dt.date
    end: dt.date
    scope: str
    scope_label: str
    date_note: str
    attribution: list[RuleOut]
    figures: list[FigureOut]


class DrillOut(Schema):
    code: str
    label: str
    part: str
    count: int
    page: int
    num_pages: int
    columns: list[str]
    results: list[dict]


def _num(value):
    """Counts stay integers; percentages (Decimal) become JSON numbers."""
    return float(value) if isinstance(value, Decimal) else value


def _part(p) -> dict | None:
    return None if p is None else {"key": p.key, "label": p.label, "value": _num(p.value), "share": _num(p.share)}


def _ctx(request, scope, period, year, meeting, start, end):
    return selectors.context_for(request.auth, scope=scope, period=period, year=year, meeting=meeting, start=start, end=end)


@router.get("/figures", response=FiguresOut, summary="统计指标（值、口径、归属规则）")
def figures(request, module: str = "proposals", scope: str = "cppcc", period: str = "year", year: str = "",
            meeting: str = "", start: str = "", end: str = ""):
    mod = selectors.module_for(request.auth, module)
    ctx = _ctx(request, scope, period, year, meeting, start, end)
    rows = selectors.figure_rows(request.auth, mod.code, ctx)
    out = [{"code": r["figure"].code, "label": r["figure"].label, "group": r["figure"].group, "kind": r["figure"].kind,
            "unit": r["figure"].unit, "value": _num(r["result"].value), "display": r["display"], "definition": r["figure"].definition,
            "date_basis": r["figure"].date_basis, "numerator": _part(r["result"].numerator),
            "denominator": _part(r["result"].denominator), "parts": [_part(p) for p in r["result"].parts]} for r in rows]
    return {"module": mod.code, "module_label": mod.label, "period": ctx.period.label, "start": ctx.period.start,
            "end": ctx.period.end, "scope": ctx.scope.as_param(), "scope_label": ctx.scope.label, "date_note": mod.date_note,
            "attribution": registry.attribution_rules(mod.code), "figures": out}


@router.get("/drill", response=DrillOut, summary="统计明细：计入某指标（或其分项）的记录")
def drill(request, code: str, part: str = "", scope: str = "cppcc", period: str = "year", year: str = "", meeting: str = "",
          start: str = "", end: str = "", page: int = 1):
    ctx = _ctx(request, scope, period, year, meeting, start, end)
    d = selectors.drill_for(request.auth, ctx, code, part)
    pg = Paginator(d["records"], PER_PAGE).get_page(page)
    headers = [h for h, _ in d["type"].columns]
    results = [{"id": r["obj"].pk, "url": r["url"], **{h: _plain(v) for h, v in zip(headers, r["cells"], strict=True)}}
               for r in selectors.drill_rows(d, pg.object_list)]
    return {"code": code, "label": d["figure"].label, "part": part, "count": pg.paginator.count, "page": pg.number,
            "num_pages": pg.paginator.num_pages, "columns": headers, "results": results}


def _plain(value):
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return value
