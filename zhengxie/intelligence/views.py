"""Pages and htmx partials of the 提案 text intelligence (thin: every read goes through `selectors`)."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_POST

from zhengxie.core import config
from zhengxie.core.excel import xlsx_response
from zhengxie.proposals import selectors as p_sel
from zhengxie.proposals.workflow import Status

from . import selectors
from .index import index_for


def _int(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


@login_required
@require_POST
def similar_typing(request):
    """htmx: as the proposer types 案由/正文 on the 提案表, the most similar proposals visible to them."""
    selectors.require_similar(request.user)
    post = request.POST
    body = "\n".join(post.get(f, "") for f in ("situation", "analysis", "suggestions"))
    hits = selectors.similar_for_text(request.user, title=post.get("title", ""), body=body,
                                      exclude_pk=_int(post.get("exclude")))
    return render(request, "intelligence/_similar_list.html",
                  {"hits": hits, "typing": True, "empty": len(post.get("title", "").strip() + body.strip()) < 4,
                   "base": _int(post.get("exclude"))})


@login_required
def similar_for(request, pk: int):
    """htmx (detail page panel, review page rows): proposals similar to proposal pk, visible to the user."""
    selectors.require_similar(request.user)
    p = p_sel.proposal_get_for(request.user, pk)
    hits = selectors.similar_for_proposal(request.user, p)
    template = "intelligence/_similar_brief.html" if request.GET.get("brief") else "intelligence/_similar_list.html"
    return render(request, template, {"hits": hits, "base": p.pk, "p": p})


@login_required
def compare(request, a: int, b: int):
    c = selectors.compare(request.user, a, b)
    pattern = p_sel.number_pattern(request.user.cppcc_id)
    sides = [{"p": p, "m": m, "code": pattern.format(n=p.number) if p.number else (p.receipt_no or "草稿")}
             for p, m in ((c.a, c.a_marked), (c.b, c.b_marked))]
    return render(request, "intelligence/compare.html", {"c": c, "sides": sides, "staff": selectors.is_staff(request.user)})


STATE_SCOPES = {
    "": ("全部（不含草稿、撤案、已并案、不予立案）", None),
    "review": ("审查阶段（已提交、已收件、待复审）", (Status.SUBMITTED, Status.RECEIVED, Status.UNDER_REVIEW)),
    "filed": ("已立案（交办、办理、答复）", (Status.FILED, Status.ASSIGNED, Status.REASSIGNING, Status.IN_PROGRESS,
                                            Status.REHANDLING, Status.ANSWER_DRAFTED, Status.ANSWER_COSIGNED,
                                            Status.ANSWERED, Status.EVALUATED, Status.CLOSED,
                                            Status.CLOSED_UNSATISFIED)),
}


def _group_params(request):
    user = request.user
    meetings = list(selectors.meetings_for(user))
    mid = _int(request.GET.get("meeting"))
    meeting = next((m for m in meetings if m.pk == mid), None) if mid else (meetings[0] if meetings else None)
    if mid and meeting is None:
        raise Http404
    default = float(config.get("intelligence.group_threshold", cppcc=user.cppcc_id))
    try:
        threshold = float(request.GET.get("threshold") or default)
    except ValueError:
        threshold = default
    threshold = min(max(threshold, 0.05), 0.99)
    scope = request.GET.get("scope", "")
    if scope not in STATE_SCOPES:
        scope = ""
    return meetings, meeting, threshold, default, scope


@login_required
def groups(request):
    """提案委: suggested 并案 groups of a 会议 (connected proposals above the threshold), .xlsx export."""
    selectors.require_staff(request.user)
    meetings, meeting, threshold, default, scope = _group_params(request)
    found = selectors.group_suggestions(request.user, meeting, threshold=threshold, states=STATE_SCOPES[scope][1]) \
        if meeting else []
    if request.GET.get("format") == "xlsx":
        rows = []
        for n, g in enumerate(found, start=1):
            for p in g.members:
                best = max((x.score for x in g.pairs if p in (x.a, x.b)), default=0.0)
                rows.append([n, "主案（建议）" if p.pk == g.main.pk else "", p.code, p.title, _proposer(p),
                             p.get_status_display(), round(best, 3), len(g.members)])
        name = f"并案建议-{meeting.name if meeting else ''}"
        return xlsx_response(name, ["组号", "建议", "提案号/收件号", "案由", "提案者", "状态", "组内最高相似度", "本组件数"], rows)
    ctx = {"meetings": meetings, "meeting": meeting, "groups": found, "threshold": threshold, "default": default,
           "scope": scope, "scopes": [(k, v[0]) for k, v in STATE_SCOPES.items()],
           "reviews": selectors.review_meetings_of(request.user, meeting) if meeting else [],
           "n_proposals": len(found) and sum(len(g.members) for g in found)}
    return render(request, "intelligence/groups.html", ctx)


def _proposer(p) -> str:
    if p.proposer_org_id:
        return p.proposer_org.name
    return p.lead_member.name if p.lead_member_id else ""


@login_required
def units_for(request, pk: int):
    """htmx (交办 form): ranked 承办单位 with the words that led to each; clicking fills the 主办 row."""
    selectors.require_staff(request.user)
    p = p_sel.proposal_get_for(request.user, pk)
    advice = selectors.unit_suggestions(request.user, p)
    return render(request, "intelligence/_units.html", {"advice": advice, "p": p})


@login_required
def reply_hints(request, pk: int):
    """htmx (督办审核 form) and detail panel: the quality hints of the replies waiting for audit."""
    p = p_sel.proposal_get_for(request.user, pk)
    items = selectors.reply_hints_for(request.user, p, all_replies=bool(request.GET.get("all")))
    return render(request, "intelligence/_hints.html", {"items": items, "p": p})


@login_required
def status(request):
    """提案委: the state of the index and the routing model of this 政协 (what is loaded in this process)."""
    selectors.require_staff(request.user)
    from . import routing_model

    idx = index_for(request.user.cppcc_id)
    idx.get()
    return render(request, "intelligence/status.html", {
        "n": len(idx), "memory": idx.memory_bytes(), "reloads": idx.reloads,
        "model": routing_model.load(request.user.cppcc_id)})
