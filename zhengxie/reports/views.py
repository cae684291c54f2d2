"""统计报表: the figures table of a module for (period, scope), its drill-downs and their Excel files."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.documents.xlsx import XLSX_CONTENT_TYPE

from . import exports, registry, selectors

INDEX = "reports/index.html"
DRILL = "reports/drill.html"
PER_PAGE = 20
PARAMS = ("period", "year", "meeting", "start", "end")


def _period_params(request) -> dict:
    return {k: request.GET.get(k, "") for k in PARAMS}


def _query(request, **extra) -> str:
    params = {k: v for k in ("module", "scope", *PARAMS) if (v := request.GET.get(k, ""))}
    params.update({k: v for k, v in extra.items() if v})
    return urlencode(params)


def _xlsx(name: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'{name}-{timezone.localdate():%Y%m%d}.xlsx')}"
    return response


def _table(request) -> dict:
    module = selectors.module_for(request.user, request.GET.get("module", ""))
    ctx = selectors.context_for(request.user, scope=request.GET.get("scope", ""), **_period_params(request))
    return {"module": module, "ctx": ctx, "rows": selectors.figure_rows(request.user, module.code, ctx)}


@login_required
def index(request):
    page = {"options": selectors.page_options(request.user, request.GET), "query": _query(request)}
    try:
        page.update(_table(request))
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return render(request, INDEX, page, status=400)
    page["groups"], page["empty"] = selectors.grouped(page["rows"]), selectors.all_zero(page["rows"])
    page["rules"] = registry.attribution_rules(page["module"].code)
    return render(request, INDEX, page)


def _back(request, exc: ApplicationError):
    messages.error(request, exc.message)
    return redirect(f"{reverse('reports:index')}?{_query(request)}")


@login_required
def export(request):
    try:
        t = _table(request)
    except ApplicationError as exc:
        return _back(request, exc)
    return _xlsx(f"{t['module'].label}统计-{t['ctx'].period.label}", exports.table_xlsx(t["rows"], t["ctx"], t["module"]))


def _drill(request) -> tuple[dict, object]:
    ctx = selectors.context_for(request.user, scope=request.GET.get("scope", ""), **_period_params(request))
    return selectors.drill_for(request.user, ctx, request.GET.get("code", ""), request.GET.get("part", "")), ctx


@login_required
def drill(request):
    try:
        d, ctx = _drill(request)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return render(request, DRILL, {"failed": True}, status=400)
    page = Paginator(d["records"], PER_PAGE).get_page(request.GET.get("page"))
    query = _query(request, code=d["figure"].code, part=request.GET.get("part", ""))
    return render(request, DRILL, {"d": d, "ctx": ctx, "page": page, "rows": selectors.drill_rows(d, page.object_list),
                                   "querystring": query, "page_range": page.paginator.get_elided_page_range(page.number),
                                   "back": _query(request, module=d["figure"].module)})


@login_required
def drill_export(request):
    try:
        d, ctx = _drill(request)
    except ApplicationError as exc:
        return _back(request, exc)
    return _xlsx(f"{d['figure'].label}明细-{ctx.period.label}", exports.drill_xlsx(d, ctx))
