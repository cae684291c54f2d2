"""重点提案遴选 pages: the rounds, one round with its candidates, recommendations and every step."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from zhengxie.accounts.models import Organisation, User
from zhengxie.core import config
from zhengxie.proposals.models import Proposal

from .. import documents, permissions, selectors, services
from ..conf import APPROVAL_BODIES
from ..models import KeyItem, KeyRecommendation
from ..workflow import LEADER_STATES, SELECT_STATES, SHORTLIST_STATES, Action, Status
from ._common import as_int, download, require, run

DANGER = {Action.CANCEL, Action.RETURN, Action.REOPEN}
FIELDS = {
    Action.HOLD_MEETING: [("meeting_date", "遴选协商会日期", "date"), ("meeting_participants", "参加单位和人员", "textarea"),
                          ("meeting_minutes", "会议纪要（协商意见）", "textarea")],
    Action.APPROVE: [("approval_meeting", "审定会议", "text"), ("approval_date", "审定日期", "date"),
                     ("approval_note", "审定意见（可选）", "textarea")],
    Action.RETURN: [("approval_note", "退回意见", "textarea")],
}


@login_required
def selection_list(request):
    user = request.user
    qs = selectors.selection_list_for(user, meeting=as_int(request.GET.get("meeting")), status=request.GET.get("status", ""))
    require(permissions.sees_all(user) or bool(permissions.recommender_sources(user)), "您无权查看重点提案遴选。")
    return render(request, "supervision/selections.html", {
        "rows": qs, "meetings": selectors.plenaries_for(user), "statuses": Status.choices,
        "can_create": permissions.can_create_selection(user), "current": selectors.current_meeting(user),
        "meeting": request.GET.get("meeting", ""), "status": request.GET.get("status", "")})


@login_required
@require_POST
def selection_create(request):
    user = request.user
    meeting = get_object_or_404(selectors.plenaries_for(user), pk=as_int(request.POST.get("meeting")))
    return run(request, lambda: services.selection_create(
        meeting=meeting, by=user, title=request.POST.get("title", ""), recommend_until=request.POST.get("recommend_until") or None,
        notice=request.POST.get("notice", "")).get_absolute_url(), ok="已启动重点提案遴选，请通知各党派、专委会推荐。",
        back=reverse("supervision:selections"))


@login_required
def selection_detail(request, pk):
    user = request.user
    s = selectors.selection_get_for(user, pk)
    staff = permissions.is_staff(user, s)
    items = selectors.items_of(s)
    q = request.GET.get("q", "").strip()
    candidates = selectors.candidate_proposals(user, s, q)[:30] if permissions.can_recommend(user, s) else []
    actions = [{"code": a, "label": Action(a).label, "danger": a in DANGER, "fields": FIELDS.get(a, [])}
               for a in permissions.available_actions(user, s)]
    return render(request, "supervision/selection_detail.html", {
        "s": s, "items": items if (staff or permissions.sees_all(user)) else [],
        "staff": staff, "actions": actions, "candidates": candidates, "q": q,
        "can_recommend": permissions.can_recommend(user, s), "sources": permissions.recommender_sources(user),
        "mine": selectors.my_recommendations(user, s), "can_shortlist": staff and s.status in SHORTLIST_STATES,
        "can_select": staff and s.status in SELECT_STATES, "can_lead": staff and s.status in LEADER_STATES,
        "leaders": selectors.leaders_for(user) if staff else [], "committees": selectors.committees_for(user) if staff else [],
        "leader_forms": config.get("supervision.leader_forms", cppcc=s.cppcc_id),
        "approval_body": APPROVAL_BODIES.get(s.approval_body or config.get("supervision.approval_body", cppcc=s.cppcc_id), ""),
        "n_selected": sum(1 for i in items if i.selected), "n_shortlisted": sum(1 for i in items if i.shortlisted),
        "docs": permissions.sees_all(user), "steps": _steps(s),
    })


STEPS = [Status.RECOMMENDING, Status.SHORTLISTED, Status.DISCUSSED, Status.SUBMITTED, Status.APPROVED]


def _steps(s) -> list[tuple[str, str]]:
    """[(label, "done" | "on" | "")] of the round's path; a cancelled round shows its last state as cancelled."""
    if s.status == Status.CANCELLED:
        return [(Status.CANCELLED.label, "on")]
    at = STEPS.index(s.status)
    return [(st.label, "done" if i < at else ("on" if i == at else "")) for i, st in enumerate(STEPS)]


def _back(s) -> str:
    return s.get_absolute_url()


@login_required
@require_POST
def recommend(request, pk):
    user = request.user
    s = selectors.selection_get_for(user, pk)
    proposal = Proposal.objects.filter(cppcc_id=user.cppcc_id, pk=as_int(request.POST.get("proposal"))).first()
    if proposal is None:
        messages.error(request, "请选择要推荐的提案。")
        return redirect(_back(s))
    source, _, org_id = (request.POST.get("as") or "").partition(":")
    org = Organisation.objects.filter(pk=as_int(org_id), cppcc_id=user.cppcc_id).first() if org_id else None
    return run(request, lambda: services.recommend(selection=s, proposal=proposal, by=user, reason=request.POST.get("reason", ""),
                                                  source=source or None, org=org),
               ok=f"已推荐「{proposal.title}」。", back=_back(s))


@login_required
@require_POST
def recommendation_withdraw(request, pk):
    rec = get_object_or_404(KeyRecommendation.objects.select_related("item__selection"), pk=pk)
    s = selectors.selection_get_for(request.user, rec.item.selection_id)
    return run(request, lambda: services.recommendation_withdraw(recommendation=rec, by=request.user), ok="已撤回推荐。",
               back=_back(s))


def _item(request, pk) -> KeyItem:
    item = get_object_or_404(KeyItem.objects.select_related("selection", "proposal"), pk=pk)
    selectors.selection_get_for(request.user, item.selection_id)
    return item


@login_required
@require_POST
def item_shortlist(request, pk):
    item = _item(request, pk)
    on = request.POST.get("on") == "1"
    return run(request, lambda: services.item_shortlist(item=item, by=request.user, on=on),
               ok="已列入初选名单。" if on else "已移出初选名单。", back=_back(item.selection))


@login_required
@require_POST
def item_select(request, pk):
    item = _item(request, pk)
    on = request.POST.get("on") == "1"
    return run(request, lambda: services.item_select(item=item, by=request.user, on=on, note=request.POST.get("note", "")),
               ok="已拟定为重点提案。" if on else "已从拟定名单移出。", back=_back(item.selection))


@login_required
@require_POST
def item_leader(request, pk):
    item = _item(request, pk)
    user = request.user
    leader = User.objects.filter(pk=as_int(request.POST.get("leader")), cppcc_id=user.cppcc_id).first()
    committee = Organisation.objects.filter(pk=as_int(request.POST.get("committee")), cppcc_id=user.cppcc_id).first()
    return run(request, lambda: services.item_set_leader(
        item=item, by=user, form=request.POST.get("form", ""), leader=leader, leader_name=request.POST.get("leader_name", ""),
        leader_title=request.POST.get("leader_title", ""), committee=committee),
        ok="已确定督办领导。", back=_back(item.selection))


@login_required
@require_POST
def staff_add(request, pk):
    user = request.user
    s = selectors.selection_get_for(user, pk)
    proposal = Proposal.objects.filter(cppcc_id=user.cppcc_id, pk=as_int(request.POST.get("proposal"))).first()
    if proposal is None:
        messages.error(request, "请选择提案。")
        return redirect(_back(s))
    return run(request, lambda: services.staff_add_candidate(selection=s, proposal=proposal, by=user,
                                                            reason=request.POST.get("reason", "")),
               ok="已列入初选名单。", back=_back(s))


@login_required
@require_POST
def selection_act(request, pk, action):
    user = request.user
    s = selectors.selection_get_for(user, pk)
    require(action in Action.values, "没有这个操作。")
    fields = {k: request.POST.get(k, "") for k in ("meeting_date", "meeting_participants", "meeting_minutes",
                                                  "approval_meeting", "approval_date", "approval_note")}
    return run(request, lambda: services.selection_act(selection=s, action=action, by=user, **fields),
               ok=f"已{Action(action).label}。", back=_back(s))


@login_required
def selection_document(request, pk, kind):
    s = selectors.selection_get_for(request.user, pk)
    return download(documents.document_for(request.user, s, kind))
