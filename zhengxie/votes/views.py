"""表决 pages: list (managers: all; voters: mine), create/edit a draft, detail with actions, the phone-friendly
ballot, results (+ Excel). Thin: every rule is in services/permissions."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengxie.core import config
from zhengxie.core.excel import xlsx_response
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.htmx import render_page

from . import forms, permissions, selectors, services
from .workflow import Action, Status

DANGER = {Action.CANCEL}
CONFIRM = {Action.OPEN: "开始后不能再修改事项和投票人，确定开始投票？", Action.CLOSE: "结束后不能再投票，确定结束？",
           Action.CANCEL: "确定取消这次表决？", Action.PUBLISH: "公布后投票人可以查看结果，确定公布？"}


@login_required
def vote_list(request):
    q, status = request.GET.get("q", "").strip(), request.GET.get("status", "")
    mine = request.GET.get("mine") == "1"
    qs = selectors.vote_list_for(request.user, q=q, status=status, mine=mine)
    if request.GET.get("format") == "xlsx":
        rows = [[v.title, v.get_status_display(), v.n_electors, v.n_voted, v.quorum_label,
                 timezone.localtime(v.closes_at).strftime("%Y-%m-%d %H:%M") if v.closes_at else ""] for v in qs[:5000]]
        return xlsx_response("表决", ["表决名称", "状态", "应投票人数", "已投票人数", "法定比例", "截止时间"], rows)
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    params = request.GET.copy()
    for k in ("page", "format"):
        params.pop(k, None)
    return render_page(request, "votes/list.html", {
        "page": page, "q": q, "status": status, "mine": mine, "statuses": Status.choices, "querystring": params.urlencode(),
        "can_create": permissions.can_create(request.user), "open_votes": list(selectors.my_open_votes(request.user)[:20]),
    }, partial="results")


def _form_page(request, form, v=None, status=200):
    return render(request, "votes/form.html", {"form": form, "v": v}, status=status)


@login_required
def create(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied("只有提案委、专委会工作人员和管理员可以发起表决。")
    initial = {"quorum": config.get("votes.quorum", cppcc=request.user.cppcc_id)}
    form = forms.VoteForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            v = services.vote_create(by=request.user, **form.payload())
            messages.success(request, "表决已保存为草稿。核对事项和投票人后点击“开始投票”。")
            return redirect("votes:detail", v.pk)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return _form_page(request, form, status=400)
    return _form_page(request, form, status=400 if request.method == "POST" else 200)


@login_required
def edit(request, pk):
    v = selectors.vote_get_for(request.user, pk)
    if not permissions.can_edit(request.user, v):
        raise PermissionDenied("只有草稿状态的表决可以修改。")
    initial = {"title": v.title, "description": v.description, "items": "\n".join(i.title for i in v.items.all()),
               "electors": [u.pk for u in selectors.electors_of(v)], "quorum": v.quorum_label,
               "opens_at": v.opens_at, "closes_at": v.closes_at}
    form = forms.VoteForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.vote_update(by=request.user, vote=v, **form.payload())
            messages.success(request, "表决已修改。")
            return redirect("votes:detail", v.pk)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return _form_page(request, form, v, status=400)
    return _form_page(request, form, v, status=400 if request.method == "POST" else 200)


def detail_context(request, v) -> dict:
    user = request.user
    voted, electorate = selectors.turnout(v)
    manage = permissions.can_manage(user, v)
    return {
        "v": v, "items": list(v.items.all()), "voted": voted, "electorate": electorate, "manage": manage,
        "electors": selectors.electors_of(v) if manage else [],
        "actions": [(a, Action(a).label, a in DANGER, CONFIRM.get(a, "")) for a in permissions.available_actions(user, v)],
        "can_edit": permissions.can_edit(user, v), "can_cast": permissions.can_cast(user, v),
        "is_elector": permissions.is_elector(user, v), "has_voted": permissions.has_voted(user, v),
        "can_see_counts": permissions.can_see_counts(user, v), "window_problem": permissions.window_problem(v),
        "subject": v.subject if v.subject_type_id and (manage or permissions.reads_all(user, v)) else None,
    }


@login_required
def detail(request, pk):
    v = selectors.vote_get_for(request.user, pk)
    return render(request, "votes/detail.html", detail_context(request, v))


@login_required
@require_POST
def act(request, pk, action):
    v = selectors.vote_get_for(request.user, pk)
    if action not in Action.values:
        raise PermissionDenied("没有这个操作。")
    try:
        services.vote_act(by=request.user, vote=v, action=action)
        messages.success(request, f"已{Action(action).label}。")
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return render(request, "votes/detail.html", detail_context(request, v), status=400)
    return redirect("votes:detail", v.pk)


@login_required
def ballot(request, pk):
    """One phone page: every item with the options as large radio buttons; submitted once."""
    v = selectors.vote_get_for(request.user, pk)
    chosen: dict = {}
    status = 200
    if request.method == "POST":
        chosen = {str(i.pk): request.POST.get(f"item_{i.pk}", "") for i in v.items.all()}
        try:
            services.vote_cast(by=request.user, vote=v, choices=chosen)
            messages.success(request, "投票成功，谢谢！您的选择不与您的姓名关联保存。")
            return redirect("votes:ballot", v.pk)
        except ApplicationError as exc:
            messages.error(request, exc.message)
            status = 400
    return render(request, "votes/ballot.html", {
        "v": v, "items": list(v.items.all()), "chosen": chosen, "can_cast": permissions.can_cast(request.user, v),
        "has_voted": permissions.has_voted(request.user, v), "is_elector": permissions.is_elector(request.user, v),
        "problem": permissions.window_problem(v), "can_see_counts": permissions.can_see_counts(request.user, v),
    }, status=status)


@login_required
def results(request, pk):
    v = selectors.vote_get_for(request.user, pk)
    if not permissions.can_see_counts(request.user, v):
        raise PermissionDenied("表决结束后工作人员和领导可查看结果；结果公布后投票人可查看。")
    res = selectors.results(v)
    if request.GET.get("format") == "xlsx":
        rows = selectors.result_rows(res)
        rows.append([])
        rows.append(["应投票人数", res.electorate, "实投票人数", res.voted, "投票率(%)", res.turnout_rate or "",
                     "法定比例", v.quorum_label, "表决结果", res.verdict])
        return xlsx_response(f"表决结果-{v.title}"[:60], selectors.RESULT_HEADERS, rows)
    return render(request, "votes/results.html", {"v": v, "res": res})
