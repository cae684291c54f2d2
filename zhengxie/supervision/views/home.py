"""/proposals/supervision/: the work of each role at a glance, and the 重点提案 list (with Excel)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from zhengxie.accounts.selectors import has_role
from zhengxie.core.roles import Role
from zhengxie.proposals.models import Proposal

from .. import permissions, selectors, services
from ..workflow import FollowUpState
from ._common import as_int, querystring, require, run, xlsx_response

KEY_COLUMNS = [("提案号", 12), ("案由", 40), ("提案者", 20), ("会议", 20), ("状态", 14), ("督办方式", 10), ("督办领导", 24),
               ("对口专委会", 16), ("督办次数", 8), ("集中督办", 30)]


@login_required
def home(request):
    user = request.user
    require(permissions.sees_all(user) or bool(permissions.unit_ids(user)) or bool(permissions.recommender_sources(user)),
            "您无权查看重点提案与督办。")
    is_leader = has_role(user, Role.LEADER)
    ctx = {
        "staff": permissions.is_staff(user), "is_leader": is_leader, "unit": bool(permissions.unit_ids(user)),
        "selections": list(selectors.selection_list_for(user)[:5]),
        "cases": list(selectors.case_list_for(user, filters={"mine": is_leader})[:10]),
        "records": list(selectors.record_list_for(user)[:8]) if permissions.sees_all(user) else [],
        "overdue": list(selectors.overdue_followups(user)[:10]),
        "open_followups": selectors.followup_list_for(user, filters={"state": FollowUpState.OPEN}).count(),
        "my_keys": list(selectors.key_proposals_for(user, mine=True)[:20]) if is_leader else [],
        "can_record": permissions.can_record_any(user),
    }
    return render(request, "supervision/home.html", ctx)


@login_required
def key_list(request):
    user = request.user
    require(permissions.sees_all(user), "您无权查看重点提案列表。")
    meeting = as_int(request.GET.get("meeting"))
    qs = selectors.key_proposals_for(user, meeting=meeting, q=request.GET.get("q", "").strip(), mine=request.GET.get("mine") == "1")
    rows = list(qs[:5000])
    items = selectors.key_items_by_proposal([p.pk for p in rows])
    counts = selectors.record_counts([p.pk for p in rows])
    cases = selectors.cases_by_proposal([p.pk for p in rows])
    for p in rows:
        p.item, p.n_records, p.case = items.get(p.pk), counts.get(p.pk, 0), cases.get(p.pk)
    if request.GET.get("format") == "xlsx":
        return xlsx_response("重点提案", KEY_COLUMNS, [[
            p.number_display, p.title, p.proposer_org.name if p.proposer_org_id else (p.lead_member.name if p.lead_member_id else ""),
            p.meeting.name, p.get_status_display(), p.item.leader_form if p.item else "", p.item.leader_display if p.item else "",
            p.item.committee.name if p.item and p.item.committee_id else "", p.n_records, p.case.title if p.case else ""]
            for p in rows])
    return render(request, "supervision/key_list.html", {"rows": rows, "f": request.GET, "meetings": selectors.plenaries_for(user),
                                                         "querystring": querystring(request), "is_leader": has_role(user, Role.LEADER)})


@login_required
@require_POST
def key_unset(request, pk):
    """撤销重点提案 (提案委, with a reason, in the proposal's timeline)."""
    p = get_object_or_404(Proposal, pk=pk, cppcc_id=request.user.cppcc_id)
    return run(request, lambda: services.key_unset(proposal=p, by=request.user, reason=request.POST.get("reason", "")),
               ok="已撤销重点提案。", back=p.get_absolute_url())
