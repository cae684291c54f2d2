"""Pages of 履职积分 and the 履职档案 (thin views: selectors for reads, services for writes)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhengxie.core.excel import xlsx_response
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.htmx import render_page

from . import permissions, selectors, services
from .models import Award

HEADERS = ["名次", "姓名", "界别", "专委会", "常委", "计算积分", "人工调整", "总积分", "等次", "“三个一”未完成"]


def _year(request) -> int:
    try:
        return int(request.GET.get("year") or request.POST.get("year") or selectors.today().year)
    except ValueError:
        return selectors.today().year


def _back(request, exc: ApplicationError | None = None, member_pk=None):
    """After a write: back to the page (redirect); on a refusal re-render it with the Chinese message (400)."""
    if exc is None:
        return redirect("performance:dossier", pk=member_pk) if member_pk else redirect(
            f"{reverse('performance:standings')}?year={_year(request)}")
    messages.error(request, exc.message)
    if member_pk:
        return render_page(request, "performance/dossier.html", _dossier(request, member_pk), status=400)
    return render_page(request, "performance/standings.html", _standings_context(request, _year(request)), status=400)


def _standings_context(request, year: int) -> dict:
    f = {k: request.GET.get(k, "") for k in ("q", "sector", "committee", "grade", "duty")}
    rows = selectors.standings(request.user, year, **f)
    page = Paginator(rows, 30).get_page(request.GET.get("page"))
    by = "committee" if request.GET.get("by") == "committee" else "sector"
    orgs = selectors.org_choices(request.user)
    params = request.GET.copy()
    params.pop("page", None)
    return {"year": year, "f": f, "rows": rows, "page": page, "page_range": page.paginator.get_elided_page_range(page.number),
            "querystring": params.urlencode(), "by": by, "groups": selectors.rankings(rows, by),
            "sectors": [o for o in orgs if o.kind == "sector"], "committees": [o for o in orgs if o.kind == "committee"],
            "state": selectors.year_state(request.user.cppcc_id, year), "queue": selectors.adjustment_queue_for(request.user),
            "can_recompute": permissions.can_recompute(request.user, request.user.cppcc_id),
            "can_freeze": permissions.can_freeze(request.user, request.user.cppcc_id), "title": f"{year}年度履职积分"}


@login_required
def standings(request):
    if not permissions.can_view_all(request.user, request.user.cppcc_id):
        raise PermissionDenied("只有政协机关工作人员和领导可以查看全体委员的履职积分。")
    ctx = _standings_context(request, _year(request))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(ctx["title"], HEADERS, [[r["rank"], r["member"].name, r["sector"].name, getattr(r["committee"], "name", ""),
                                                      "是" if r["standing"] else "", r["ledger"], r["adjust"], r["total"], r["grade"],
                                                      "、".join(r["missing"])] for r in ctx["rows"]])
    return render_page(request, "performance/standings.html", ctx, partial="results")


@login_required
def mine(request):
    member = permissions.own_member(request.user)
    if member is None:
        raise PermissionDenied("您的账号没有对应的委员档案。")
    return redirect("performance:dossier", pk=member.pk)


def _dossier(request, pk) -> dict:
    member = selectors.member_get_for(request.user, pk)
    terms = selectors.terms_of(member)
    term = next((t for t in terms if str(t.pk) == request.GET.get("term")), None)
    ctx = selectors.dossier(member, term)
    ctx["can_adjust"] = permissions.can_adjust(request.user, member.cppcc_id)
    ctx["award_levels"] = Award.Level.choices
    ctx["title"] = f"{member.name}的履职档案"
    return ctx


@login_required
def dossier(request, pk):
    return render_page(request, "performance/dossier.html", _dossier(request, pk))


@login_required
def dossier_pdf(request, pk):
    from zhengxie.documents.pdf import render_pdf

    ctx = {**_dossier(request, pk), "can_adjust": False}  # no forms in the exported file
    response = HttpResponse(render_pdf("performance/dossier_pdf.html", ctx), content_type="application/pdf")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{ctx['member'].pk}-dossier.pdf"
    return response


@login_required
@require_POST
def adjust(request, pk):
    member = selectors.member_get_for(request.user, pk)
    try:
        services.score_adjust(member=member, year=request.POST.get("year"), points=request.POST.get("points"),
                              reason=request.POST.get("reason"), by=request.user)
    except ApplicationError as exc:
        return _back(request, exc, member_pk=pk)
    messages.success(request, "已提交积分调整，待领导审批后计入。")
    return _back(request, member_pk=pk)


@login_required
@require_POST
def adjustment_decide(request, pk, decision):
    adj = selectors.adjustment_get_for(request.user, pk)
    try:
        services.score_adjustment_decide(adjustment=adj, approve=decision == "approve", by=request.user)
    except ApplicationError as exc:
        return _back(request, exc, member_pk=adj.member_id)
    messages.success(request, "已审批积分调整。")
    return _back(request)


@login_required
@require_POST
def recompute(request, year):
    try:
        n = services.score_recompute(cppcc=request.user.cppcc, year=year, by=request.user)
    except ApplicationError as exc:
        return _back(request, exc)
    messages.success(request, f"已重新计算{year}年度积分，共{n}条明细。")
    return _back(request)


@login_required
@require_POST
def freeze(request, year):
    try:
        services.year_freeze(cppcc=request.user.cppcc, year=year, note=request.POST.get("note", ""), by=request.user)
    except ApplicationError as exc:
        return _back(request, exc)
    messages.success(request, f"{year}年度积分已签字确认并冻结。")
    return _back(request)


@login_required
@require_POST
def reopen(request, year):
    try:
        services.year_reopen(cppcc=request.user.cppcc, year=year, reason=request.POST.get("reason", ""), by=request.user)
    except ApplicationError as exc:
        return _back(request, exc)
    messages.success(request, f"{year}年度积分已重新开放。")
    return _back(request)


def _report_ctx(request, pk, year) -> dict:
    member = selectors.member_get_for(request.user, pk)
    report = selectors.annual_report_of(member, year)
    return {"member": member, "year": year, "report": report, "stats": selectors.dossier(member, year=year),
            "can_write": permissions.can_write_report(request.user, member) and (report is None or report.state == "draft"),
            "can_archive": report is not None and permissions.can_archive_report(request.user, report),
            "title": f"{member.name}{year}年度履职报告"}


@login_required
def annual_report(request, pk, year):
    if request.method == "POST":
        member = selectors.member_get_for(request.user, pk)
        try:
            services.annual_report_save(member=member, year=year, data=request.POST, by=request.user,
                                        submit="submit" in request.POST)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return render_page(request, "performance/report.html", {**_report_ctx(request, pk, year), "form": request.POST}, status=400)
        messages.success(request, "履职报告已提交。" if "submit" in request.POST else "履职报告已保存。")
        return redirect("performance:report", pk=pk, year=year)
    return render_page(request, "performance/report.html", _report_ctx(request, pk, year))


@login_required
def annual_report_docx(request, pk):
    from .report_docx import report_docx

    report = selectors.annual_report_get_for(request.user, pk)
    response = HttpResponse(report_docx(report, selectors.dossier(report.member, year=report.year)),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''report-{report.member_id}-{report.year}.docx"
    return response


@login_required
@require_POST
def annual_report_archive(request, pk):
    report = selectors.annual_report_get_for(request.user, pk)
    try:
        services.annual_report_archive(report=report, by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return render_page(request, "performance/report.html", _report_ctx(request, report.member_id, report.year), status=400)
    messages.success(request, "履职报告已归档，载入履职档案。")
    return redirect("performance:report", pk=report.member_id, year=report.year)


@login_required
@require_POST
def award_add(request, pk):
    member = selectors.member_get_for(request.user, pk)
    try:
        services.award_record(member=member, data=request.POST, by=request.user)
    except ApplicationError as exc:
        return _back(request, exc, member_pk=pk)
    messages.success(request, "已登记表彰，重新计算该年度积分后计入。")
    return _back(request, member_pk=pk)


@login_required
@require_POST
def culture_add(request, pk):
    member = selectors.member_get_for(request.user, pk)
    try:
        services.culture_record(member=member, data=request.POST, by=request.user)
    except ApplicationError as exc:
        return _back(request, exc, member_pk=pk)
    messages.success(request, "已登记文史资料稿件，已录用的稿件在重新计算该年度积分后计入。")
    return _back(request, member_pk=pk)


@login_required
@require_POST
def record_delete(request, kind, pk):
    obj = selectors.award_get_for(request.user, pk) if kind == "award" else selectors.culture_get_for(request.user, pk)
    try:
        services.record_delete(obj=obj, by=request.user)
    except ApplicationError as exc:
        return _back(request, exc, member_pk=obj.member_id)
    messages.success(request, "已删除。")
    return _back(request, member_pk=obj.member_id)
