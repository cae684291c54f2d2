"""/api/v1/performance/: the same selectors and services as the pages.

    GET  /standings?year[&sector&committee&q]   积分, 等次, 三个一, 名次 per member (staff, leaders)
    GET  /rankings?year&by=sector|committee     ranking by 界别 or 专委会
    GET  /members/{id}?year                     one member's ledger with explanations and adjustments
    POST /years/{year}/recompute                rebuild the derived ledger (refused on a frozen year)
    POST /years/{year}/freeze                   年终签字确认  ·  POST /years/{year}/reopen (reason)
Errors are Chinese JSON: {"detail": "..."} with 400 / 403 / 404.
"""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema

from . import permissions, selectors, services

router = Router()


class ReopenIn(Schema):
    reason: str


class FreezeIn(Schema):
    note: str = ""


def _row(r: dict) -> dict:
    return {"rank": r["rank"], "member_id": r["member"].pk, "name": r["member"].name, "sector": r["sector"].name,
            "committee": getattr(r["committee"], "name", ""), "ledger": str(r["ledger"]), "adjust": str(r["adjust"]),
            "total": str(r["total"]), "grade": r["grade"], "missing": r["missing"]}


def _staff(request) -> None:
    if not permissions.can_view_all(request.user, request.user.cppcc_id):
        raise PermissionDenied("只有政协机关工作人员和领导可以查看全体委员的履职积分。")


@router.get("/standings")
def standings(request, year: int, q: str = "", sector: int | None = None, committee: int | None = None):
    _staff(request)
    return [_row(r) for r in selectors.standings(request.user, year, q=q, sector=sector, committee=committee)]


@router.get("/rankings")
def rankings(request, year: int, by: str = "sector"):
    _staff(request)
    by = "committee" if by == "committee" else "sector"
    return [{**g, "total": str(g["total"]), "average": str(g["average"])}
            for g in selectors.rankings(selectors.standings(request.user, year), by)]


@router.get("/members/{member_id}")
def member_ledger(request, member_id: int, year: int):
    member = selectors.member_get_for(request.user, member_id)
    d = next((y for y in selectors.dossier(member)["years"] if y["year"] == year), None)
    if d is None:
        return {"member_id": member.pk, "year": year, "total": "0", "grade": "", "entries": [], "adjustments": [], "missing": []}
    return {"member_id": member.pk, "year": year, "total": str(d["total"]), "grade": d["grade"], "frozen": d["frozen"],
            "missing": d["missing"],
            "entries": [{"rule": e.rule, "label": e.rule_label, "points": str(e.points), "date": e.fact_date,
                         "source": f"{e.source_type.app_label}.{e.source_type.model}", "source_id": e.source_id,
                         "explanation": e.explanation} for e in d["entries"]],
            "adjustments": [{"points": str(a.points), "reason": a.reason, "state": a.state,
                             "approver": getattr(a.approver, "display_name", "")} for a in d["adjustments"]]}


@router.post("/years/{year}/recompute")
def recompute(request, year: int):
    n = services.score_recompute(cppcc=request.user.cppcc, year=year, by=request.user)
    return {"year": year, "entries": n}


@router.post("/years/{year}/freeze")
def freeze(request, year: int, payload: FreezeIn):
    f = services.year_freeze(cppcc=request.user.cppcc, year=year, note=payload.note, by=request.user)
    return {"year": year, "frozen": f.frozen}


@router.post("/years/{year}/reopen")
def reopen(request, year: int, payload: ReopenIn):
    f = services.year_reopen(cppcc=request.user.cppcc, year=year, reason=payload.reason, by=request.user)
    return {"year": year, "frozen": f.frozen}
