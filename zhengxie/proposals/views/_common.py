"""Helpers shared by the 提案 pages: paging, filters, the Excel export of any list, refusals."""
from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.htmx import render_page
from zhengxie.documents.xlsx import MAX_ROWS, XLSX_CONTENT_TYPE, write_xlsx
from zhengxie.proposals import forms, selectors

PER_PAGE = 20
LIST = "proposals/list.html"

EXPORT_COLUMNS = [("提案号", 12), ("收件号", 14), ("案由", 40), ("提案者类型", 14), ("提案人", 16), ("界别", 12), ("类别", 12),
                  ("提交时间", 17), ("大会/平时", 9), ("状态", 14), ("承办单位（方式）", 36), ("办理期限", 12),
                  ("答复时间", 17), ("结果类别", 8), ("评价结果", 10), ("重点提案", 8)]


def require(allowed: bool, message: str = "您没有执行此操作的权限。") -> None:
    if not allowed:
        raise PermissionDenied(message)


def fail(request, exc: ApplicationError) -> int:
    messages.error(request, exc.message)
    return 400


def query_without(request, *names: str) -> str:
    params = request.GET.copy()
    for name in ("page", "format", *names):
        params.pop(name, None)
    return params.urlencode()


def _local(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def export_rows(rows) -> list[list]:
    out = []
    for p in rows:
        proposer = p.proposer_org.name if p.proposer_org_id else (p.lead_member.name if p.lead_member_id else "")
        out.append([p.num, p.receipt_no, p.title, p.get_proposer_type_display(), proposer, p.sector.name if p.sector_id else "",
                    p.category.name if p.category_id else "", _local(p.submitted_at), "大会" if p.is_plenary else "平时",
                    p.get_status_display(), p.units_text, p.due_date, _local(p.answered_at), p.result_class,
                    {"satisfied": "满意", "basic": "基本满意", "unsatisfied": "不满意"}.get(p.evaluation_result, ""),
                    p.is_key])
    return out


def xlsx_response(name: str, rows) -> HttpResponse:
    data = write_xlsx(name, EXPORT_COLUMNS, export_rows(rows))
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    filename = f"{name}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def list_page(request, qs, *, title: str, tabs=None, tab: str = "", intro: str = "", empty: str = "",
              export_name: str = "", extra: dict | None = None, columns: str = "default"):
    """A filtered, searchable, paged list of proposals (or its Excel export with ?format=xlsx)."""
    form = forms.FilterForm(request.user, request.GET or None)
    filters = form.filters()
    if request.GET.get("format") == "xlsx":
        rows = selectors.with_rows(selectors.list_order(selectors.apply_filters(qs, request.user, filters)))[:MAX_ROWS]
        return xlsx_response(export_name or title, selectors.decorate(rows, request.user))
    qs = selectors.apply_filters(qs, request.user, filters, text=False)
    page = selectors.list_page(qs, request.user, request.GET.get("page"), PER_PAGE, text=filters.get("q") or "")
    ctx = {"title": title, "form": form, "filters": filters, "page": page, "tabs": tabs or [], "tab": tab, "intro": intro,
           "empty": empty, "columns": columns, "querystring": query_without(request),
           "tab_query": query_without(request, "tab"), "page_range": page.paginator.get_elided_page_range(page.number),
           **(extra or {})}
    return render_page(request, LIST, ctx, partial="results")
