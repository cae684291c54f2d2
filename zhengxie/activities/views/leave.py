"""请假: a member asks from the activity page; approvers answer in 请假审批."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhengxie.core.excel import xlsx_response
from zhengxie.core.exceptions import ApplicationError

from .. import selectors, services
from ..workflow import LeaveAction, LeaveState
from ._common import fail, local, page_of, querystring, render_detail


@login_required
@require_POST
def leave_request(request, pk):
    a = selectors.activity_get_for(request.user, pk)
    try:
        services.leave_request(activity=a, by=request.user, reason=request.POST.get("reason", ""))
    except ApplicationError as exc:
        return render_detail(request, a, status=fail(request, exc))
    messages.success(request, "请假申请已提交，请等待审批。")
    return redirect("activities:detail", a.pk)


def _leaves_page(request, status=200):
    state = request.GET.get("state", LeaveState.REQUESTED)
    state = state if state in (*LeaveState.values, "all") else LeaveState.REQUESTED
    qs = selectors.leave_queue_for(request.user, "" if state == "all" else state)
    if request.GET.get("format") == "xlsx":
        return xlsx_response("请假审批", ["委员", "活动", "活动时间", "事由", "状态", "审批人", "审批意见"],
                             [[lv.member.name, lv.activity.title, local(lv.activity.start_at), lv.reason, lv.get_state_display(),
                               str(lv.decided_by or ""), lv.decision_note] for lv in qs[:5000]])
    page, page_range = page_of(request, qs)
    return render(request, "activities/leaves.html", {"page": page, "page_range": page_range, "state": state,
                                                      "states": [*LeaveState.choices, ("all", "全部")],
                                                      "querystring": querystring(request),
                                                      "mine": selectors.my_leaves(request.user)[:20]}, status=status)


@login_required
def leaves(request):
    return _leaves_page(request)


LEAVE_ACTIONS = {
    LeaveAction.APPROVE: lambda lv, u, p: services.leave_approve(leave=lv, by=u, note=p.get("note", "")),
    LeaveAction.REFUSE: lambda lv, u, p: services.leave_refuse(leave=lv, by=u, note=p.get("note", "")),
    LeaveAction.WITHDRAW: lambda lv, u, p: services.leave_withdraw(leave=lv, by=u),
}


@login_required
@require_POST
def leave_act(request, pk, action):
    leave = selectors.leave_get_for(request.user, pk)
    if action not in LEAVE_ACTIONS:
        raise Http404
    try:
        LEAVE_ACTIONS[action](leave, request.user, request.POST)
    except ApplicationError as exc:
        return _leaves_page(request, status=fail(request, exc))
    messages.success(request, f"已{LeaveAction(action).label}。")
    nxt = request.POST.get("next", "")
    return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") else "activities:leaves")
