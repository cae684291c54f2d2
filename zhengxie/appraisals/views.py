"""民主评议 and 评优 pages: rounds (list, create, detail with units, participants, vote, results, 整改, 回头看,
通报 .docx), 整改 list for units and staff, 评优 rounds with nominations and the 表彰决定 .docx. Thin: rules live in
services/permissions."""
from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhengxie.accounts.models import Organisation
from zhengxie.core import config
from zhengxie.core.excel import xlsx_response
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.htmx import render_page
from zhengxie.members.models import Meeting
from zhengxie.proposals.models import Proposal
from zhengxie.votes import selectors as vote_selectors

from . import documents, permissions, selectors, services
from .models import AppraisalUnit, Nomination
from .workflow import RESULT_STATES, Action, AwardAction, RectAction, RectState, Status


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ApplicationError("日期格式不正确，应为 年-月-日。") from None


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _docx(data: bytes, name: str) -> HttpResponse:
    resp = HttpResponse(data, content_type=documents.CONTENT_TYPE)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return resp


def _back(request, default: str):
    return redirect(request.POST.get("next") or default)


# 民主评议 ------------------------------------------------------------------------------------------------

@login_required
def appraisal_list(request):
    q, status, year = request.GET.get("q", "").strip(), request.GET.get("status", ""), _int(request.GET.get("year"))
    qs = selectors.appraisal_list_for(request.user, q=q, year=year, status=status)
    if request.GET.get("format") == "xlsx":
        rows = [[a.year, a.title, a.get_status_display(), a.meeting_date or "", a.meeting_place, a.n_units] for a in qs[:2000]]
        return xlsx_response("民主评议", ["年度", "名称", "状态", "评议会日期", "地点", "被评议单位数"], rows)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    params = request.GET.copy()
    for k in ("page", "format"):
        params.pop(k, None)
    return render_page(request, "appraisals/list.html", {
        "page": page, "q": q, "status": status, "year": year or "", "statuses": Status.choices,
        "querystring": params.urlencode(), "can_create": permissions.can_create(request.user),
        "meetings": Meeting.objects.filter(cppcc_id=request.user.cppcc_id).order_by("-start_date")[:30],
    }, partial="results")


@login_required
@require_POST
def create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied("只有提案委(办)工作人员和管理员可以组织民主评议。")
    try:
        meeting = None
        if request.POST.get("meeting"):
            meeting = Meeting.objects.filter(pk=_int(request.POST["meeting"]), cppcc_id=request.user.cppcc_id).first()
        a = services.appraisal_create(by=request.user, year=request.POST.get("year"), title=request.POST.get("title", ""),
                                      meeting=meeting, meeting_date=_date(request.POST.get("meeting_date")),
                                      meeting_place=request.POST.get("meeting_place", ""))
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("appraisals:list")
    messages.success(request, "民主评议已建立。请确定被评议单位和参加评议人员。")
    return redirect("appraisals:detail", a.pk)


def detail_context(request, a) -> dict:
    user = request.user
    entries = selectors.entries_of(a)
    manager = permissions.can_manage(user, a)
    mine = permissions.unit_ids(user)
    stats = selectors.handling_stats(a.cppcc_id, [e.unit_id for e in entries], a.year)
    for e in entries:
        e.stats = stats.get(e.unit_id)
        e.is_mine = e.unit_id in mine
        e.rects = [(r, permissions.rect_actions(user, r)) for r in e.rectifications.all()]
        e.proposals = (list(selectors.handled_proposals(e.unit_id, a.cppcc_id, a.year)[:30])
                       if manager or e.is_mine or permissions.reads_all(user) else [])
    has_results = a.status in RESULT_STATES
    ctx = {
        "a": a, "entries": entries, "manager": manager, "can_edit": permissions.can_edit(user, a),
        "actions": [(c, Action(c).label) for c in permissions.available_actions(user, a)],
        "has_results": has_results, "can_add_rect": permissions.can_add_rectification(user, a),
        "participants": list(a.participants.all().order_by("display_name")) if manager else [],
        "n_participants": a.participants.count(),
        "rect_summary": selectors.rectification_summary(selectors.Rectification.objects.filter(entry__appraisal=a)),
        "ranked": sorted([e for e in entries if e.rank], key=lambda e: e.rank) if has_results else [],
        "timeline": selectors.timeline(a) if manager or permissions.reads_all(user) else [],
    }
    if a.vote_id:
        ctx["voted"], ctx["electorate"] = vote_selectors.turnout(a.vote)
    if ctx["can_edit"]:
        chosen = {e.unit_id for e in entries}
        ctx["unit_choices"] = [(u, u.pk in chosen) for u in selectors.handling_units_for(user)]
        picked = {u.pk for u in ctx["participants"]}
        ctx["people"] = [(u, u.pk in picked) for u in vote_selectors.elector_candidates(user)]
        ctx["meetings"] = Meeting.objects.filter(cppcc_id=a.cppcc_id).order_by("-start_date")[:30]
    return ctx


@login_required
def detail(request, pk):
    a = selectors.appraisal_get_for(request.user, pk)
    return render(request, "appraisals/detail.html", detail_context(request, a))


def _fail(request, a, exc: ApplicationError):
    messages.error(request, exc.message)
    return render(request, "appraisals/detail.html", detail_context(request, a), status=400)


@login_required
@require_POST
def meeting(request, pk):
    a = selectors.appraisal_get_for(request.user, pk)
    try:
        m = None
        if request.POST.get("meeting"):
            m = Meeting.objects.filter(pk=_int(request.POST["meeting"]), cppcc_id=a.cppcc_id).first()
        services.appraisal_update(by=request.user, appraisal=a, title=request.POST.get("title"),
                                  meeting_date=_date(request.POST.get("meeting_date")),
                                  meeting_place=request.POST.get("meeting_place"),
                                  meeting_note=request.POST.get("meeting_note"), meeting=m)
    except ApplicationError as exc:
        return _fail(request, a, exc)
    messages.success(request, "评议会信息已保存。")
    return redirect("appraisals:detail", a.pk)


@login_required
@require_POST
def units(request, pk):
    a = selectors.appraisal_get_for(request.user, pk)
    ids = [_int(x) for x in request.POST.getlist("units")]
    chosen = list(Organisation.objects.filter(pk__in=[i for i in ids if i], cppcc_id=a.cppcc_id))
    order = {i: n for n, i in enumerate(ids)}
    chosen.sort(key=lambda u: order.get(u.pk, 0))
    try:
        services.appraisal_set_units(by=request.user, appraisal=a, units=chosen)
    except ApplicationError as exc:
        return _fail(request, a, exc)
    messages.success(request, f"已确定{len(chosen)}个被评议单位。")
    return redirect("appraisals:detail", a.pk)


@login_required
@require_POST
def participants(request, pk):
    a = selectors.appraisal_get_for(request.user, pk)
    ids = {_int(x) for x in request.POST.getlist("participants")} - {None}
    groups = request.POST.getlist("role_groups")
    if groups:
        ids |= {u.pk for u in vote_selectors.users_with_roles(request.user, groups)}
    try:
        if _int(request.POST.get("activity")):
            ids |= {u.pk for u in vote_selectors.users_of_activity(
                request.user, _int(request.POST["activity"]), attended_only=bool(request.POST.get("attended_only")))}
        n = services.appraisal_set_participants(by=request.user, appraisal=a, users=ids)
    except ApplicationError as exc:
        return _fail(request, a, exc)
    messages.success(request, f"已确定参加评议人员{n}人。")
    return redirect("appraisals:detail", a.pk)


@login_required
@require_POST
def act(request, pk, action):
    a = selectors.appraisal_get_for(request.user, pk)
    if action not in Action.values:
        raise Http404
    try:
        services.appraisal_act(by=request.user, appraisal=a, action=action,
                               review_date=_date(request.POST.get("review_date")),
                               review_findings=request.POST.get("review_findings", ""))
    except ApplicationError as exc:
        return _fail(request, a, exc)
    messages.success(request, f"已{Action(action).label}。")
    return redirect("appraisals:detail", a.pk)


@login_required
def report_docx(request, pk):
    a = selectors.appraisal_get_for(request.user, pk)
    if a.status not in RESULT_STATES:
        raise PermissionDenied("投票结束后才能生成民主评议结果通报。")
    return _docx(documents.appraisal_report_docx(a), f"{a.year}年度提案办理民主评议结果通报.docx")


def _entry_for(request, pk) -> AppraisalUnit:
    e = AppraisalUnit.objects.filter(pk=pk).select_related("appraisal", "unit").first()
    if e is None or not permissions.can_view(request.user, e.appraisal):
        raise Http404
    return e


@login_required
@require_POST
def entry_update(request, pk):
    e = _entry_for(request, pk)
    try:
        services.appraisal_unit_update(by=request.user, entry=e, report=request.POST.get("report"),
                                       opinion=request.POST.get("opinion"))
    except ApplicationError as exc:
        return _fail(request, e.appraisal, exc)
    messages.success(request, f"已保存{e.unit.name}的汇报要点和评议意见。")
    return redirect(e.get_absolute_url())


@login_required
@require_POST
def rectification_add(request, pk):
    e = _entry_for(request, pk)
    try:
        services.rectification_add(by=request.user, entry=e, text=request.POST.get("text", ""),
                                   due_date=_date(request.POST.get("due_date")))
    except ApplicationError as exc:
        return _fail(request, e.appraisal, exc)
    messages.success(request, f"已向{e.unit.name}提出整改事项。")
    return redirect(e.get_absolute_url())


# 整改 ---------------------------------------------------------------------------------------------------

@login_required
def rectifications(request):
    state, q, year = request.GET.get("state", ""), request.GET.get("q", "").strip(), _int(request.GET.get("year"))
    qs = selectors.rectification_list_for(request.user, state=state, q=q, year=year)
    if request.GET.get("format") == "xlsx":
        rows = [[r.entry.appraisal.year, r.entry.unit.name, r.text, r.due_date, r.get_state_display(), r.feedback,
                 r.staff_note] for r in qs[:5000]]
        return xlsx_response("整改事项", ["年度", "承办单位", "整改要求", "整改期限", "状态", "单位反馈", "确认/退回意见"], rows)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    for r in page.object_list:
        r.actions = permissions.rect_actions(request.user, r)
    params = request.GET.copy()
    for k in ("page", "format"):
        params.pop(k, None)
    return render_page(request, "appraisals/rectifications.html", {
        "page": page, "state": state, "q": q, "year": year or "", "states": RectState.choices,
        "querystring": params.urlencode(), "summary": selectors.rectification_summary(qs),
    }, partial="results")


@login_required
@require_POST
def rectification_act(request, pk, action):
    r = selectors.rectification_get_for(request.user, pk)
    if action not in RectAction.values:
        raise Http404
    try:
        services.rectification_act(by=request.user, rectification=r, action=action, text=request.POST.get("text", ""))
        messages.success(request, f"已{RectAction(action).label}。")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return _back(request, "/proposals/appraisals/rectifications/")


# 评优 ---------------------------------------------------------------------------------------------------

@login_required
def awards(request):
    if request.method == "POST":
        try:
            r = services.award_round_create(by=request.user, year=request.POST.get("year"))
            messages.success(request, f"{r.year}年度评优已开始，请推荐优秀提案和先进承办单位。")
            return redirect("appraisals:award_detail", r.pk)
        except ApplicationError as exc:
            messages.error(request, exc.message)
    return render(request, "appraisals/awards.html", {"rounds": selectors.award_list_for(request.user),
                                                      "can_create": permissions.can_create(request.user)})


@login_required
def award_detail(request, pk):
    r = selectors.award_get_for(request.user, pk)
    user = request.user
    ctx = {"r": r, "proposals": selectors.nominations_of(r, Nomination.Kind.PROPOSAL),
           "units": selectors.nominations_of(r, Nomination.Kind.UNIT),
           "actions": [(c, AwardAction(c).label) for c in permissions.award_actions(user, r)],
           "can_nominate": permissions.can_nominate(user, r), "can_judge": permissions.can_judge(user, r),
           "manager": permissions.is_manager(user), "sources": Nomination.Source.choices}
    if ctx["manager"]:
        ctx["hint"] = selectors.good_proposal_count_hint(r)
        ctx["share"] = config.get("appraisals.excellent_share", cppcc=r.cppcc_id)
    if ctx["can_nominate"]:
        ctx["suggested_units"] = selectors.suggested_units(r)
        ctx["suggested_proposals"] = selectors.suggested_proposals(r)
        ctx["unit_choices"] = selectors.handling_units_for(user)
    return render(request, "appraisals/award_detail.html", ctx)


@login_required
@require_POST
def nominate(request, pk):
    r = selectors.award_get_for(request.user, pk)
    try:
        proposal = unit = None
        if request.POST.get("proposal"):
            proposal = Proposal.objects.filter(pk=_int(request.POST["proposal"]), cppcc_id=r.cppcc_id).first()
            if proposal is None:
                raise ApplicationError("没有找到这件提案。")
        elif request.POST.get("proposal_number"):
            proposal = Proposal.objects.filter(cppcc_id=r.cppcc_id, number=_int(request.POST["proposal_number"]),
                                               decided_at__year=r.year).first()
            if proposal is None:
                raise ApplicationError(f"没有找到{r.year}年立案的这个提案号。")
        if request.POST.get("unit"):
            unit = Organisation.objects.filter(pk=_int(request.POST["unit"]), cppcc_id=r.cppcc_id).first()
        services.nominate(by=request.user, round=r, proposal=proposal, unit=unit,
                          reason=request.POST.get("reason", ""), source=request.POST.get("source") or "staff")
        messages.success(request, "已加入推荐名单。")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("appraisals:award_detail", r.pk)


@login_required
@require_POST
def award_act(request, pk, action):
    r = selectors.award_get_for(request.user, pk)
    if action not in AwardAction.values:
        raise Http404
    try:
        services.award_act(by=request.user, round=r, action=action, approved_on=_date(request.POST.get("approved_on")),
                           doc_number=request.POST.get("doc_number", ""))
        messages.success(request, f"已{AwardAction(action).label}。")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("appraisals:award_detail", r.pk)


@login_required
@require_POST
def nomination_act(request, pk, action):
    n = Nomination.objects.filter(pk=pk).select_related("round").first()
    if n is None or not permissions.can_view_award(request.user, n.round):
        raise Http404
    try:
        if action == "remove":
            services.nomination_remove(by=request.user, nomination=n)
        elif action in ("select", "drop"):
            services.nomination_judge(by=request.user, nomination=n, selected=action == "select",
                                      note=request.POST.get("note", ""))
        else:
            raise Http404
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("appraisals:award_detail", n.round_id)


@login_required
def decision_docx(request, pk):
    r = selectors.award_get_for(request.user, pk)
    if r.status != "approved":
        raise PermissionDenied("名单审定后才能生成表彰决定。")
    return _docx(documents.award_decision_docx(r), f"关于表彰{r.year}年度优秀提案和提案办理先进承办单位的决定.docx")


# Proposal detail panel -----------------------------------------------------------------------------------

def proposal_panel_context(request, proposal):
    return selectors.proposal_panel(proposal)
