"""/api/v1/opinions/: the same selectors and services as the pages.

    GET  /                      list (q, status, year; scope=all|mine), paged
    GET  /{id}                  detail with `actions` (what the user may do now)
    POST /                      create a draft
    POST /{id}/submit | resubmit | accept | return | not-use | edit | report-up | adopt | instruct
    POST /issues/{id}/sign      签发 an issue
    POST /{id}/flag | unflag    抄袭/不实认定 and its revocation (信息编辑、审核签发)
    GET  /{id}/points           the item's score lines (计分与排名 viewers: 信息编辑、签发、领导、管理员)
    GET  /scoring/rankings      ranking of a dimension (党派/县区政协/专委会/界别/个人/特邀信息员) for a year or period
    GET  /scoring/ledger        the ledger lines of a period (dim + key: one ranking row), paged
    GET  /scoring/years/{year}  a year's state (computed, frozen, log)
    POST /scoring/years/{year}/recompute | freeze | reopen
    GET  /scoring/report.docx | annex.xlsx   年度通报 and its Excel annex
Errors are Chinese JSON: {"detail": "...", "field": ...} with 400 / 403 / 404.
"""
from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from ninja import Router, Schema

from zhengxie.core.exceptions import ApplicationError
from zhengxie.documents.docx import DOCX_CONTENT_TYPE
from zhengxie.documents.xlsx import XLSX_CONTENT_TYPE

from . import permissions, scoring, selectors, services
from .models import Opinion, ScoreEntry

router = Router()


class OpinionOut(Schema):
    id: int
    title: str
    status: str
    status_label: str
    reporter: str
    reporting_unit: str | None = None
    received_at: dt.datetime | None = None
    actions: list[str] = []


class OpinionIn(Schema):
    title: str
    situation: str = ""
    analysis: str = ""
    suggestions: str = ""
    coauthor_ids: list[int] = []


class NoteIn(Schema):
    text: str = ""


class EditIn(Schema):
    title: str
    situation: str
    analysis: str
    suggestions: str
    note: str = ""


class ReportIn(Schema):
    target: str
    batch: str = ""


class AdoptIn(Schema):
    level: str
    mode: str
    adopted_at: dt.date
    source_document: str
    issue_ref: str = ""


class InstructIn(Schema):
    leader_name: str
    leader_level: str
    date: dt.date
    text: str = ""
    text_visible: bool | None = None


def _out(user, o: Opinion) -> dict:
    return {"id": o.pk, "title": o.title, "status": o.status, "status_label": o.get_status_display(),
            "reporter": o.reporter_name, "reporting_unit": o.reporting_unit.name if o.reporting_unit_id else None,
            "received_at": o.received_at, "actions": permissions.available_actions(user, o)}


@router.get("/", response=dict)
def opinion_list(request, q: str = "", status: str = "", year: str = "", scope: str = "all", page: int = 1):
    p = selectors.opinion_page(request.user, number=page, q=q, status=status, year=year, mine=scope == "mine")
    return {"count": p.paginator.count, "count_capped": getattr(p, "count_capped", False), "page": p.number,
            "pages": p.paginator.num_pages, "items": [_out(request.user, o) for o in p.object_list]}


@router.get("/{int:pk}", response=OpinionOut)
def opinion_detail(request, pk: int):
    return _out(request.user, selectors.opinion_get_for(request.user, pk))


@router.post("/", response={201: OpinionOut})
def opinion_create(request, data: OpinionIn):
    o = services.opinion_create(by=request.user, **data.dict())
    return 201, _out(request.user, o)


def _act(request, pk: int, fn) -> dict:
    o = selectors.opinion_get_for(request.user, pk)
    fn(o)
    return _out(request.user, selectors.opinion_get_for(request.user, pk))


@router.post("/{int:pk}/submit", response=OpinionOut)
def opinion_submit(request, pk: int):
    return _act(request, pk, lambda o: services.opinion_submit(opinion=o, by=request.user))


@router.post("/{int:pk}/resubmit", response=OpinionOut)
def opinion_resubmit(request, pk: int):
    return _act(request, pk, lambda o: services.opinion_resubmit(opinion=o, by=request.user))


@router.post("/{int:pk}/accept", response=OpinionOut)
def opinion_accept(request, pk: int, data: NoteIn):
    return _act(request, pk, lambda o: services.opinion_accept(opinion=o, by=request.user, note=data.text))


@router.post("/{int:pk}/return", response=OpinionOut)
def opinion_return(request, pk: int, data: NoteIn):
    return _act(request, pk, lambda o: services.opinion_return(opinion=o, by=request.user, comments=data.text))


@router.post("/{int:pk}/not-use", response=OpinionOut)
def opinion_not_use(request, pk: int, data: NoteIn):
    return _act(request, pk, lambda o: services.opinion_not_use(opinion=o, by=request.user, reason=data.text))


@router.post("/{int:pk}/edit", response=OpinionOut)
def opinion_edit(request, pk: int, data: EditIn):
    return _act(request, pk, lambda o: services.opinion_edit(opinion=o, by=request.user, **data.dict()))


@router.post("/{int:pk}/report-up", response=OpinionOut)
def opinion_report_up(request, pk: int, data: ReportIn):
    return _act(request, pk, lambda o: services.opinion_report_up(opinions=[o], by=request.user, **data.dict()))


@router.post("/{int:pk}/adopt", response=OpinionOut)
def opinion_adopt(request, pk: int, data: AdoptIn):
    return _act(request, pk, lambda o: services.adoption_record(opinion=o, by=request.user, **data.dict()))


@router.post("/{int:pk}/instruct", response=OpinionOut)
def opinion_instruct(request, pk: int, data: InstructIn):
    return _act(request, pk, lambda o: services.instruction_record(target=o, by=request.user, **data.dict()))


@router.post("/issues/{int:pk}/sign", response=dict)
def issue_sign(request, pk: int):
    issue = services.issue_sign(issue=selectors.issue_get_for(request.user, pk), by=request.user)
    return {"id": issue.pk, "number": issue.number, "total_number": issue.total_number, "title": str(issue)}


# 抄袭/不实认定 -------------------------------------------------------------------------------------------
class FlagIn(Schema):
    kind: str
    reason: str = ""
    evidence: str = ""
    date: dt.date | None = None


class UnflagIn(Schema):
    reason: str = ""


def _flag_out(outcome) -> dict:
    f = outcome.flag
    return {"id": f.pk, "opinion": f.opinion_id, "kind": f.kind, "kind_label": f.get_kind_display(), "date": f.date,
            "reason": f.reason, "evidence": f.evidence, "in_force": f.in_force, "revoke_reason": f.revoke_reason,
            "recomputed_years": outcome.recomputed, "frozen_years": outcome.frozen, "message": outcome.message}


@router.post("/{int:pk}/flag", response=dict)
def opinion_flag(request, pk: int, data: FlagIn):
    o = selectors.opinion_get_for(request.user, pk)
    return _flag_out(services.opinion_flag(opinion=o, by=request.user, **data.dict()))


@router.post("/{int:pk}/unflag", response=dict)
def opinion_unflag(request, pk: int, data: UnflagIn):
    o = selectors.opinion_get_for(request.user, pk)
    return _flag_out(services.opinion_unflag(opinion=o, by=request.user, reason=data.reason))


# 计分与排名 (the same rules as the pages: scoring.can_view_scores / can_recompute / can_freeze) ------------------
def _viewer(request):
    if not scoring.can_view_scores(request.user):
        raise PermissionDenied("只有信息编辑、审核签发人员、领导和系统管理员可以查看社情民意计分与排名。")
    return request.user


def _line(e: ScoreEntry, label: str = "") -> dict:
    return {"date": e.fact_date, "opinion": e.opinion_id, "title": e.opinion.title, "beneficiary": e.beneficiary,
            "user": e.user_id, "unit": e.unit_id, "name": e.user.name if e.user_id else (e.unit.name if e.unit_id else ""),
            "rule": e.rule, "rule_label": e.rule_label, "points": e.points, "basis": label,
            "table_from": e.table_from, "primary": e.beneficiary == ScoreEntry.Beneficiary.AUTHOR and e.is_primary}


@router.get("/{int:pk}/points", response=dict)
def opinion_points(request, pk: int):
    user = _viewer(request)
    o = selectors.opinion_get_for(user, pk)
    lines = o.score_entries.select_related("opinion", "user", "unit", "fact_type").order_by("fact_date", "rule", "id")
    out = [_line(e, label) for e, label in scoring.fact_labels(lines)]
    flag = selectors.flag_in_force(o)
    # the item's own points: each fact once (the first author's line), whatever the number of authors
    return {"id": o.pk, "title": o.title, "lines": out, "points": sum(x["points"] for x in out if x["primary"]),
            "flag": None if flag is None else {"kind": flag.kind, "kind_label": flag.get_kind_display(), "date": flag.date,
                                               "reason": flag.reason}}


@router.get("/scoring/rankings", response=dict)
def scoring_rankings(request, dim: str = "party", year: str = "", start: str = "", end: str = ""):
    user = _viewer(request)
    s, e = scoring.period(year, start, end)
    dims = scoring.dimensions_for(user.cppcc)
    if dim not in dims:
        raise ApplicationError("不支持的排名类别，可选：" + "、".join(f"{k}（{v}）" for k, v in dims.items()) + "。")
    return {"dim": dim, "dim_label": dims[dim], "start": s, "end": e,
            "rows": scoring.ranking(user, dim, start=s, end=e), "figures": scoring.summary(user, start=s, end=e)}


@router.get("/scoring/ledger", response=dict)
def scoring_ledger(request, year: str = "", start: str = "", end: str = "", dim: str = "", key: str = "", q: str = "",
                   rule: str = "", page: int = 1):
    user = _viewer(request)
    s, e = scoring.period(year, start, end)
    qs = scoring.ledger(user, start=s, end=e, dimension=dim, key=key, q=q, rule=rule)
    p = Paginator(qs, 50).get_page(page)
    return {"count": p.paginator.count, "page": p.number, "pages": p.paginator.num_pages,
            "lines": [_line(x, label) for x, label in scoring.fact_labels(p.object_list)]}


def _year_out(user, year: int) -> dict:
    row = scoring.year_state(user, year)
    return {"year": year, "computed_at": row.computed_at if row else None, "is_frozen": bool(row and row.is_frozen),
            "frozen_at": row.frozen_at if row else None,
            "signed_by": (row.signed_by.name if row and row.signed_by_id else None), "log": row.log if row else []}


@router.get("/scoring/years/{int:year}", response=dict)
def scoring_year(request, year: int):
    return _year_out(_viewer(request), year)


@router.post("/scoring/years/{int:year}/recompute", response=dict)
def scoring_recompute(request, year: int):
    n = scoring.score_recompute(cppcc=request.user.cppcc, year=year, by=request.user)
    return {**_year_out(request.user, year), "entries": n}


@router.post("/scoring/years/{int:year}/freeze", response=dict)
def scoring_freeze(request, year: int):
    scoring.score_freeze(cppcc=request.user.cppcc, year=year, by=request.user)
    return _year_out(request.user, year)


@router.post("/scoring/years/{int:year}/reopen", response=dict)
def scoring_reopen(request, year: int, data: UnflagIn):
    scoring.score_reopen(cppcc=request.user.cppcc, year=year, by=request.user, reason=data.reason)
    return _year_out(request.user, year)


def _file(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response


@router.get("/scoring/report.docx")
def scoring_report_docx(request, year: str = "", start: str = "", end: str = ""):
    user = _viewer(request)
    s, e = scoring.period(year, start, end)
    return _file(scoring.annual_report_docx(user, start=s, end=e), DOCX_CONTENT_TYPE, f"社情民意信息工作通报-{s.year}.docx")


@router.get("/scoring/annex.xlsx")
def scoring_report_xlsx(request, year: str = "", start: str = "", end: str = ""):
    user = _viewer(request)
    s, e = scoring.period(year, start, end)
    return _file(scoring.annual_report_xlsx(user, start=s, end=e), XLSX_CONTENT_TYPE, f"社情民意计分明细-{s.year}.xlsx")
