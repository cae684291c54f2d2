"""并案集中督办 pages: list, new (from a 重点提案), one case with its members, suggestions, plan, outcomes."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhengxie.proposals.models import Proposal

from .. import permissions, selectors, services
from ..models import CaseMember, Milestone, SupervisionCase
from ._common import as_int, page_of, querystring, require, run, xlsx_response

CASE_COLUMNS = [("督办主题", 40), ("重点提案", 40), ("会议", 20), ("纳入普通提案数", 10), ("状态", 10), ("牵头单位", 30)]


@login_required
def case_list(request):
    user = request.user
    require(permissions.sees_all(user) or bool(permissions.unit_ids(user)), "您无权查看并案集中督办。")
    filters = {"q": request.GET.get("q", "").strip(), "meeting": as_int(request.GET.get("meeting")),
               "state": request.GET.get("state", ""), "mine": request.GET.get("mine") == "1"}
    qs = selectors.case_list_for(user, filters=filters)
    if request.GET.get("format") == "xlsx":
        rows = [[c.title, c.lead.title, c.meeting.name, c.n_members, c.get_state_display(),
                 "、".join(u.name for u in c.lead_units.all())] for c in qs.prefetch_related("lead_units")[:5000]]
        return xlsx_response("并案集中督办", CASE_COLUMNS, rows)
    key_free = []
    if permissions.can_manage_cases(user):
        key_free = list(selectors.key_proposals_for(user).filter(supervision_case__isnull=True)[:50])
    return render(request, "supervision/cases.html", {
        "page": page_of(request, qs), "f": request.GET, "meetings": selectors.plenaries_for(user),
        "states": SupervisionCase.State.choices, "querystring": querystring(request),
        "can_manage": permissions.can_manage_cases(user), "key_free": key_free, "units": selectors.units_for(user)})


@login_required
@require_POST
def case_create(request):
    user = request.user
    lead = get_object_or_404(Proposal, pk=as_int(request.POST.get("lead")), cppcc_id=user.cppcc_id)
    p = request.POST
    milestones = [{"title": t, "due_date": d or None} for t, d in zip(p.getlist("ms_title"), p.getlist("ms_due"), strict=False)]
    return run(request, lambda: services.case_create(lead=lead, by=user, title=p.get("title", ""), plan=p.get("plan", ""),
                                                    lead_units=[x for x in p.getlist("lead_units") if as_int(x)],
                                                    milestones=milestones).get_absolute_url(),
               ok="已建立并案集中督办，请确认系统推荐的同类提案。", back=reverse("supervision:cases"))


@login_required
def case_detail(request, pk):
    user = request.user
    c = selectors.case_get_for(user, pk)
    manage = permissions.can_manage_cases(user) and permissions.same_cppcc(user, c)
    rows = selectors.case_rows(c, user)
    suggestions = selectors.case_suggestions(c) if manage and c.state == SupervisionCase.State.ACTIVE else []
    return render(request, "supervision/case_detail.html", {
        "c": c, "rows": rows, "progress": selectors.case_progress(c, user, rows), "manage": manage,
        "suggestions": suggestions, "milestones": list(c.milestones.all()), "today": selectors.today(),
        "records": list(c.records.select_related("proposal").order_by("-date")[:30]), "units": selectors.units_for(user),
        "lead_units": list(c.lead_units.all()), "outcomes": CaseMember.Outcome.choices,
        "item": selectors.key_item_of(c.lead)})


def _case(request, pk) -> SupervisionCase:
    return selectors.case_get_for(request.user, pk)


@login_required
@require_POST
def case_update(request, pk):
    c = _case(request, pk)
    p = request.POST
    return run(request, lambda: services.case_update(case=c, by=request.user, title=p.get("title", ""), plan=p.get("plan", ""),
                                                    lead_units=[x for x in p.getlist("lead_units") if as_int(x)]),
               ok="已保存督办方案。", back=c.get_absolute_url())


@login_required
@require_POST
def case_add(request, pk):
    c = _case(request, pk)
    proposal = get_object_or_404(Proposal, pk=as_int(request.POST.get("proposal")), cppcc_id=request.user.cppcc_id)
    score = request.POST.get("score")
    try:
        score = float(score) if score else None
    except ValueError:
        score = None
    return run(request, lambda: services.case_add_member(case=c, proposal=proposal, by=request.user, score=score),
               ok=f"已将「{proposal.title}」纳入集中督办。", back=c.get_absolute_url())


@login_required
@require_POST
def case_remove(request, pk):
    m = get_object_or_404(CaseMember.objects.select_related("case", "proposal"), pk=pk)
    c = _case(request, m.case_id)
    return run(request, lambda: services.case_remove_member(member=m, by=request.user, reason=request.POST.get("reason", "")),
               ok="已移出集中督办。", back=c.get_absolute_url())


@login_required
@require_POST
def member_outcome(request, pk):
    m = get_object_or_404(CaseMember.objects.select_related("case", "proposal"), pk=pk)
    c = _case(request, m.case_id)
    return run(request, lambda: services.member_set_outcome(member=m, by=request.user,
                                                           outcome_state=request.POST.get("outcome_state", ""),
                                                           outcome=request.POST.get("outcome", "")),
               ok="已登记办理成效。", back=c.get_absolute_url())


@login_required
@require_POST
def milestone_add(request, pk):
    c = _case(request, pk)
    return run(request, lambda: services.milestone_add(case=c, by=request.user, title=request.POST.get("title", ""),
                                                      due_date=request.POST.get("due_date") or None),
               ok="已增加督办节点。", back=c.get_absolute_url())


@login_required
@require_POST
def milestone_done(request, pk):
    m = get_object_or_404(Milestone.objects.select_related("case"), pk=pk)
    c = _case(request, m.case_id)
    done = request.POST.get("done") == "1"
    return run(request, lambda: services.milestone_done(milestone=m, by=request.user, done=done),
               ok="已更新督办节点。", back=c.get_absolute_url())


@login_required
@require_POST
def case_close(request, pk):
    c = _case(request, pk)
    return run(request, lambda: services.case_close(case=c, by=request.user, summary=request.POST.get("summary", "")),
               ok="集中督办已办结。", back=c.get_absolute_url())


@login_required
@require_POST
def case_reopen(request, pk):
    c = _case(request, pk)
    return run(request, lambda: services.case_reopen(case=c, by=request.user), ok="已重新打开。", back=c.get_absolute_url())
