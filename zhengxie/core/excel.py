"""A list page's Excel export: header row + rows → an .xlsx download (openpyxl, write-only)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from io import BytesIO
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None:
        return ""
    if isinstance(value, list | tuple | dict):
        return str(value)
    return value


def xlsx_bytes(title: str, headers: list[str], rows: Iterable[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([_cell(v) for v in row])
    for i, header in enumerate(headers, start=1):
        ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = max(10, len(header) * 2 + 4)
    ws.freeze_panes = "A2"
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def xlsx_response(title: str, headers: list[str], rows: Iterable[list]) -> HttpResponse:
    filename = f"{title}-{timezone.localdate():%Y%m%d}.xlsx"
    response = HttpResponse(xlsx_bytes(title, headers, rows), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response
