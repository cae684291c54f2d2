"""Pages of 社情民意计分与排名: rankings per dimension and period, the ledger drill-down, recompute/freeze/reopen,
the 年度通报 (.docx) and its Excel annex. Thin views: scoring.py holds the selectors and services."""
from __future__ import annotations

from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengxie.core.exceptions import ApplicationError
from zhengxie.documents.docx import DOCX_CONTENT_TYPE
from zhengxie.documents.xlsx import XLSX_CONTENT_TYPE

from . import scoring

DENIED = "只有信息编辑、审核签发人员、领导和系统管理员可以查看社情民意计分与排名。"


def _context(request) -> dict:
    """Period and dimension from the query string (Chinese error on bad input)."""
    if not scoring.can_view_scores(request.user):
        raise PermissionDenied(DENIED)
    g = request.GET
    start, end = scoring.period(g.get("year"), g.get("start"), g.get("end"))
    dims = scoring.dimensions_for(request.user.cppcc)
    dim = g.get("dim") if g.get("dim") in dims else next(iter(dims))
    return {"start": start, "end": end, "dim": dim, "dims": dims, "dim_label": dims[dim], "year": start.year, "params": g,
            "query": g.urlencode()}


@login_required
def ranking_page(request):
    try:
        ctx = _context(request)
    except ApplicationError as exc:
        messages.error(request, str(exc))
        return render(request, "opinions/scoring/ranking.html", {"rows": [], "dims": {}}, status=400)
    u = request.user
    rows = scoring.ranking(u, ctx["dim"], start=ctx["start"], end=ctx["end"])
    q = request.GET.get("q", "").strip()
    if q:  # the rank stays the rank in the whole list
        rows = [r for r in rows if q in r["name"]]
    ctx.update(rows=rows, table=scoring.table_rows(u.cppcc, min(ctx["end"], timezone.localdate())),
               figures=scoring.summary(u, start=ctx["start"], end=ctx["end"]), state=scoring.year_state(u, ctx["year"]),
               can_recompute=scoring.can_recompute(u, u.cppcc), can_freeze=scoring.can_freeze(u, u.cppcc))
    return render(request, "opinions/scoring/ranking.html", ctx)


@login_required
def ledger_page(request):
    try:
        ctx = _context(request)
        qs = _ledger_qs(request, ctx)
    except ApplicationError as exc:
        messages.error(request, str(exc))
        return redirect("opinions:scoring")
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    q = request.GET.copy()
    q.pop("page", None)
    ctx.update(page=page, lines=scoring.fact_labels(page.object_list), querystring=q.urlencode(),
               page_range=page.paginator.get_elided_page_range(page.number), rule_groups=scoring.RULE_GROUPS,
               subject=scoring.subject_name(request.user, ctx["dim"], request.GET.get("key", "")))
    return render(request, "opinions/scoring/ledger.html", ctx)


@login_required
def mine_page(request):
    """我的计分: a reporter's own ledger lines of a year (and those of the 报送单位 they report for), with totals."""
    from . import permissions

    if not permissions.can_create(request.user):
        raise PermissionDenied("只有委员、特邀信息员和信息报送单位有“我的计分”。")
    try:
        start, end = scoring.period(request.GET.get("year"), None, None)
    except ApplicationError as exc:
        messages.error(request, str(exc))
        return redirect("opinions:scoring_mine")
    lines = scoring.fact_labels(scoring.my_entries(request.user, start=start, end=end))
    return render(request, "opinions/scoring/mine.html", {
        "year": start.year, "lines": lines, "totals": scoring.my_totals([e for e, _ in lines]),
        "state": scoring.year_state(request.user, start.year),
        "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1)})


def _ledger_qs(request, ctx):
    g = request.GET
    return scoring.ledger(request.user, start=ctx["start"], end=ctx["end"], dimension=ctx["dim"], key=g.get("key", ""),
                          q=g.get("q", ""), rule=g.get("rule", ""))


@login_required
def ledger_xlsx(request):
    try:
        ctx = _context(request)
        data = scoring.ledger_xlsx(_ledger_qs(request, ctx))
    except ApplicationError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    return _download(data, XLSX_CONTENT_TYPE, f"社情民意计分明细-{ctx['year']}.xlsx")


def _act(request, service, ok: str, **kwargs):
    year = request.POST.get("year", "")
    try:
        service(cppcc=request.user.cppcc, year=year, by=request.user, **kwargs)
        messages.success(request, ok.format(year=year))
    except ApplicationError as exc:
        messages.error(request, str(exc))
    return redirect(f"{reverse('opinions:scoring')}?{urlencode({'year': year})}")


@login_required
@require_POST
def recompute(request):
    return _act(request, scoring.score_recompute, "已重新计算{year}年度计分。")


@login_required
@require_POST
def freeze(request):
    return _act(request, scoring.score_freeze, "{year}年度计分已冻结。")


@login_required
@require_POST
def reopen(request):
    return _act(request, scoring.score_reopen, "{year}年度计分已重开，可重新计算。", reason=request.POST.get("reason", ""))


def _bad_period(request):
    try:
        return _context(request), None
    except ApplicationError as exc:
        return None, HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")


@login_required
def report_docx(request):
    ctx, bad = _bad_period(request)
    if bad:
        return bad
    data = scoring.annual_report_docx(request.user, start=ctx["start"], end=ctx["end"])
    return _download(data, DOCX_CONTENT_TYPE, f"社情民意信息工作通报-{ctx['year']}.docx")


@login_required
def report_xlsx(request):
    ctx, bad = _bad_period(request)
    if bad:
        return bad
    data = scoring.annual_report_xlsx(request.user, start=ctx["start"], end=ctx["end"])
    return _download(data, XLSX_CONTENT_TYPE, f"社情民意计分明细-{ctx['year']}.xlsx")


def _download(data: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
