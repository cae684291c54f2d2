"""督办 record pages: list (search, filters, Excel), new record with follow-ups, one record, follow-up list and actions."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhengxie.accounts.models import User
from zhengxie.core.exceptions import ApplicationError
from zhengxie.proposals import selectors as proposal_selectors
from zhengxie.proposals.workflow import FILED_STATES

from .. import permissions, selectors, services
from ..models import SupervisionCase
from ..workflow import FollowUpAction, FollowUpState
from ._common import as_date, as_int, page_of, querystring, require, run, xlsx_response

RECORD_COLUMNS = [("日期", 12), ("督办形式", 12), ("提案号", 12), ("案由", 40), ("重点提案", 8), ("地点", 20), ("参加领导", 24),
                  ("承办单位参加人员", 24), ("督办情况", 60), ("跟进事项", 8), ("未落实", 8), ("登记人", 12)]
FOLLOWUP_COLUMNS = [("跟进事项", 40), ("责任单位", 20), ("完成时限", 12), ("状态", 12), ("逾期", 6), ("落实情况", 40), ("督办形式", 12),
                    ("督办日期", 12), ("案由", 40)]


def _filters(request) -> dict:
    g = request.GET
    return {"q": g.get("q", "").strip(), "form": g.get("form", ""), "meeting": as_int(g.get("meeting")),
            "start": as_date(g.get("start")), "end": as_date(g.get("end")), "key": g.get("key") == "1",
            "proposal": as_int(g.get("proposal"))}


@login_required
def record_list(request):
    user = request.user
    require(permissions.can_record_any(user) or permissions.sees_all(user), "您无权查看督办记录。")
    qs = selectors.record_list_for(user, filters=_filters(request))
    if request.GET.get("format") == "xlsx":
        rows = [[r.date, r.form, r.proposal.number_display, r.proposal.title, "是" if r.proposal.is_key else "", r.place, r.leaders,
                 r.unit_people, r.minutes, r.n_followups, r.n_open, r.created_by.display_name if r.created_by_id else ""]
                for r in qs[:5000]]
        return xlsx_response("督办记录", RECORD_COLUMNS, rows)
    return render(request, "supervision/records.html", {
        "page": page_of(request, qs), "f": request.GET, "forms": selectors.forms_for(user),
        "meetings": selectors.plenaries_for(user), "querystring": querystring(request),
        "can_record": permissions.can_record_any(user)})


@login_required
def record_new(request):
    user = request.user
    require(permissions.can_record_any(user), "您无权登记督办记录。")
    proposal = None
    pid = as_int(request.GET.get("proposal") or request.POST.get("proposal"))
    if pid:
        proposal = proposal_selectors.proposal_list_for(user).filter(pk=pid).first()
    if request.method == "POST":
        if proposal is None:
            messages.error(request, "请选择要督办的提案。")
        else:
            p = request.POST
            followups = [{"content": c, "owner_unit": u, "due_date": d or None}
                         for c, u, d in zip(p.getlist("fu_content"), p.getlist("fu_unit"), p.getlist("fu_due"), strict=False)]
            people = list(User.objects.filter(cppcc_id=user.cppcc_id, pk__in=[as_int(x) for x in p.getlist("participants") if as_int(x)]))
            case = SupervisionCase.objects.filter(cppcc_id=user.cppcc_id, pk=as_int(p.get("case"))).first()
            try:
                r = services.record_create(proposal=proposal, by=user, followups=followups, participants=people, case=case,
                                           **{k: p.get(k, "") for k in ("form", "date", "place", "leaders", "members_text",
                                                                         "unit_people", "minutes")})
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "已登记督办记录，并记入提案的办理进程。")
                return redirect(r.get_absolute_url())
    q = request.GET.get("q", "").strip()
    choices = []
    if proposal is None:
        qs = proposal_selectors.proposal_list_for(user).filter(status__in=list(FILED_STATES))
        if q:
            qs = qs.filter(title__icontains=q)
        choices = [x for x in qs.order_by("-is_key", "-meeting__start_date", "number")[:40] if permissions.can_record(user, x)]
    cases = []
    if proposal is not None:
        cases = SupervisionCase.objects.filter(Q(lead=proposal) | Q(members__proposal=proposal)).distinct()
    return render(request, "supervision/record_form.html", {
        "proposal": proposal, "choices": choices, "q": q, "forms": selectors.forms_for(user), "units": selectors.units_for(user),
        "participants": selectors.leaders_for(user), "cases": cases, "data": request.POST,
        "can": proposal is None or permissions.can_record(user, proposal), "rows": range(3)})


@login_required
def record_detail(request, pk):
    user = request.user
    r = selectors.record_get_for(user, pk)
    fus = list(r.followups.select_related("owner_unit"))
    today = selectors.today()
    for f in fus:
        f.overdue = f.state == FollowUpState.OPEN and f.due_date < today
        f.actions = [(a, FollowUpAction(a).label) for a in permissions.followup_actions(user, f)]
    return render(request, "supervision/record_detail.html", {
        "r": r, "followups": fus, "can_edit": permissions.can_edit_record(user, r), "units": selectors.units_for(user),
        "forms": selectors.forms_for(user),
        "participants": list(r.participants.all())})


@login_required
@require_POST
def followup_add(request, pk):
    user = request.user
    r = selectors.record_get_for(user, pk)
    p = request.POST
    return run(request, lambda: services.followup_add(record=r, by=user, content=p.get("content", ""),
                                                     owner_unit=p.get("owner_unit"), due_date=p.get("due_date") or None),
               ok="已增加跟进事项，并通知责任单位。", back=r.get_absolute_url())


@login_required
@require_POST
def followup_act(request, pk, action):
    user = request.user
    f = selectors.followup_get_for(user, pk)
    require(action in FollowUpAction.values, "没有这个操作。")
    back = request.POST.get("next") or f.get_absolute_url()
    if not back.startswith("/"):
        back = f.get_absolute_url()
    return run(request, lambda: services.followup_act(followup=f, action=action, by=user, note=request.POST.get("note", "")),
               ok=f"已{FollowUpAction(action).label}。", back=back)


@login_required
def followup_list(request):
    user = request.user
    require(permissions.sees_all(user) or bool(permissions.unit_ids(user)), "您无权查看督办跟进事项。")
    filters = {"q": request.GET.get("q", "").strip(), "state": request.GET.get("state", ""), "unit": as_int(request.GET.get("unit"))}
    qs = selectors.followup_list_for(user, filters=filters)
    today = selectors.today()
    if request.GET.get("format") == "xlsx":
        rows = [[f.content, f.owner_unit.name, f.due_date, f.get_state_display(),
                 "是" if f.state == FollowUpState.OPEN and f.due_date < today else "", f.note, f.record.form, f.record.date,
                 f.record.proposal.title] for f in qs[:5000]]
        return xlsx_response("督办跟进事项", FOLLOWUP_COLUMNS, rows)
    page = page_of(request, qs)
    for f in page.object_list:
        f.overdue = f.state == FollowUpState.OPEN and f.due_date < today
        f.actions = [(a, FollowUpAction(a).label) for a in permissions.followup_actions(user, f)]
    return render(request, "supervision/followups.html", {
        "page": page, "f": request.GET, "states": [*FollowUpState.choices, ("overdue", "已逾期")],
        "units": selectors.units_for(user) if permissions.sees_all(user) else [], "querystring": querystring(request)})



@login_required
@require_POST
def record_edit(request, pk):
    user = request.user
    r = selectors.record_get_for(user, pk)
    p = request.POST
    return run(request, lambda: services.record_update(record=r, by=user, **{k: p.get(k, "") for k in (
        "form", "date", "place", "leaders", "members_text", "unit_people", "minutes")}),
        ok="已修改督办记录。", back=r.get_absolute_url())
