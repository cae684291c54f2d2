"""Helpers of the 督办 pages: run a service and show its Chinese refusal, parse dates/ids, Excel responses."""
from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.documents.xlsx import XLSX_CONTENT_TYPE, write_xlsx

PER_PAGE = 20


def require(allowed: bool, message: str = "您没有执行此操作的权限。") -> None:
    if not allowed:
        raise PermissionDenied(message)


def run(request, fn, *, ok: str, back: str):
    """Call a service; success → message and redirect; a refusal → its Chinese message and redirect back."""
    try:
        result = fn()
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, ok)
    return redirect(result if isinstance(result, str) else back)


def as_int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def as_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def page_of(request, qs):
    return Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))


def querystring(request, *drop: str) -> str:
    params = request.GET.copy()
    for name in ("page", "format", *drop):
        params.pop(name, None)
    return params.urlencode()


def xlsx_response(name: str, columns, rows) -> HttpResponse:
    response = HttpResponse(write_xlsx(name, columns, rows), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(f'{name}-{timezone.localdate():%Y%m%d}.xlsx')}"
    return response


def download(d) -> HttpResponse:
    response = HttpResponse(d.data, content_type=d.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(d.filename)}"
    return response
