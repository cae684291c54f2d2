"""审查会: the list, a new meeting, and its page with the batch decisions (all or nothing)."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhengxie.core.exceptions import ApplicationError
from zhengxie.proposals import forms, permissions, selectors, services
from zhengxie.proposals.models import RejectReason
from zhengxie.proposals.workflow import Action

from ._common import fail, query_without, require

BATCH_DECISIONS = [(a, Action(a).label) for a in (Action.FILE, Action.MERGE, Action.TO_SUGGESTION, Action.TO_SQMY,
                                                  Action.RETURN, Action.WITHDRAW, Action.REJECT)]


@login_required
def reviews(request):
    require(permissions.can_manage(request.user) or selectors.sees_all(request.user), "您的角色不能查看审查会。")
    q = request.GET.get("q", "").strip()
    page = Paginator(selectors.review_meeting_list_for(request.user, q=q), 20).get_page(request.GET.get("page"))
    return render(request, "proposals/reviews.html", {"page": page, "q": q, "can_manage": permissions.can_manage(request.user),
                                                      "querystring": query_without(request),
                                                      "page_range": page.paginator.get_elided_page_range(page.number)})


@login_required
def review_create(request):
    require(permissions.can_manage(request.user), "只有提案委工作人员可以登记审查会。")
    form = forms.ReviewMeetingForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            r = services.review_meeting_create(by=request.user, **form.kwargs())
            messages.success(request, f"审查会「{r.title}」已登记。下面可以逐件选择审查结果，批量登记。")
            return redirect("proposals:review_detail", pk=r.pk)
        except ApplicationError as exc:
            return render(request, "proposals/review_form.html", {"form": form}, status=fail(request, exc))
    return render(request, "proposals/review_form.html", {"form": form}, status=400 if request.method == "POST" else 200)


def _review_page(request, review, *, posted=None, status: int = 200):
    rows = selectors.decorate(selectors.batch_candidates(request.user, review), request.user)
    for p in rows:
        p.f = {k: (posted or {}).get(f"{k}_{p.pk}", "") for k in ("decision", "reason", "merged", "units", "text")}
    targets = list(selectors.merge_targets(request.user, review.meeting_id))
    pattern = selectors.number_pattern(request.user.cppcc_id)
    for t in targets:
        t.code = pattern.format(n=t.number) if t.number else t.receipt_no
    ctx = {"review": review, "rows": rows, "decisions": BATCH_DECISIONS, "reasons": RejectReason.choices,
           "targets": targets, "units": selectors.handling_units_for(request.user), "posted": posted or {},
           "can_manage": permissions.can_manage(request.user), "done": list(review.decisions.all())}
    return render(request, "proposals/review_detail.html", ctx, status=status)


@login_required
def review_detail(request, pk: int):
    return _review_page(request, selectors.review_meeting_get_for(request.user, pk))


def _items(request, review) -> list[dict]:
    """Rows with a decision chosen → items of review_decide_batch (targets and units resolved in scope)."""
    candidates = {p.pk: p for p in selectors.batch_candidates(request.user, review)}
    targets = list(selectors.merge_targets(request.user, review.meeting_id))
    pattern = selectors.number_pattern(request.user.cppcc_id)
    by_code = {t.receipt_no: t for t in targets} | {pattern.format(n=t.number): t for t in targets if t.number}
    units = {u.name: u for u in selectors.handling_units_for(request.user)}
    items = []
    for pk, p in candidates.items():
        decision = request.POST.get(f"decision_{pk}", "")
        if not decision:
            continue
        code = request.POST.get(f"merged_{pk}", "").strip()
        if code and code not in by_code:
            raise ApplicationError(f"「{p.title}」：找不到主案「{code}」，请填写同一会议已立案提案的提案号或收件号。")
        names = [n.strip() for n in request.POST.get(f"units_{pk}", "").replace("，", "、").replace(",", "、").split("、")
                 if n.strip()]
        missing = [n for n in names if n not in units]
        if missing:
            raise ApplicationError(f"「{p.title}」：没有名为「{missing[0]}」的承办单位。")
        items.append({"proposal": p, "decision": decision, "reason": request.POST.get(f"reason_{pk}", ""),
                      "text": request.POST.get(f"text_{pk}", ""), "merged_into": by_code.get(code),
                      "units": [units[n] for n in names]})
    if not items:
        raise ApplicationError("请至少为一件提案选择审查结果。")
    return items


@login_required
@require_POST
def review_decide(request, pk: int):
    review = selectors.review_meeting_get_for(request.user, pk)
    require(permissions.can_manage(request.user), "只有提案委工作人员可以登记审查结果。")
    try:
        done = services.review_decide_batch(review=review, items=_items(request, review), by=request.user)
    except ApplicationError as exc:
        return _review_page(request, review, posted=request.POST, status=fail(request, exc))
    messages.success(request, f"已登记{len(done)}件提案的审查结果，并已通知提案者。")
    return redirect("proposals:review_detail", pk=review.pk)
