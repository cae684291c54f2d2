"""One proposal: its text, proposers, timeline, handling, replies — and exactly the buttons the user may press."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.proposals import forms, permissions, selectors, services
from zhengxie.proposals import panels as extension_panels
from zhengxie.proposals.models import CoSigner, ProposerType, Reply
from zhengxie.proposals.services.handling import handling_due_date
from zhengxie.proposals.workflow import Action, Status

from . import actions
from ._common import fail, require

DETAIL = "proposals/detail.html"
DECIDE_FIELDS = {Action.FILE: ["review", "text"], Action.MERGE: ["review", "merged_into", "text"],
                 Action.TO_SUGGESTION: ["review", "units", "text"], Action.TO_SQMY: ["review", "text"],
                 Action.RETURN: ["review", "text"], Action.REJECT: ["review", "reason", "text"]}
DANGER = {Action.WITHDRAW, Action.REJECT, Action.RETURN_ANSWER, Action.CLOSE_UNSATISFIED, Action.DISPUTE,
          "cosign_decline"}


def expectations(user, p, buttons) -> list[dict]:
    """What is expected of the user on this proposal, in plain words, with the deadline."""
    out = []
    if "cosign_confirm" in buttons:
        out.append({"text": "请确认是否同意联名提出此提案。", "deadline": p.cosign_deadline})
    if Action.EVALUATE in buttons or "evaluate_reply" in buttons:
        out.append({"text": "承办单位已答复，请对办理情况作出评价（满意/基本满意/不满意）。",
                    "deadline": services.evaluation_deadline(p)})
    if p.status == Status.RETURNED and permissions.is_proposer(user, p):
        out.append({"text": f"提案被退回修改。修改意见：{p.decision_text or '（无）'}。请修改后重新提交。", "deadline": None})
    if p.status == Status.DRAFT and permissions.is_proposer(user, p):
        out.append({"text": "这是草稿，提交后才会送到提案委。", "deadline": None})
    if Action.ACCEPT in buttons:
        mine = selectors.assignments_of_user(user, p)
        out.append({"text": "请签收；如不属于本单位职责，请在期限内申请调整。",
                    "deadline": mine[0].dispute_until if mine else None})
    if "reply_save" in buttons:
        mine = selectors.assignments_of_user(user, p)
        out.append({"text": "请与提案者协商后起草答复，经领导签发后报送。", "deadline": mine[0].due_date if mine else p.due_date})
    if Action.COSIGN in buttons:
        out.append({"text": "主办单位已报送答复，请会签（可提出意见或退回）。", "deadline": None})
    if Action.AUDIT in buttons:
        out.append({"text": "请审核答复及办理结果类别，审核通过后送达提案者。", "deadline": None})
    return out


def _initial(user, p, code) -> dict | None:
    if code != "reply_save":
        return None
    r = selectors.current_reply_for(user, p)
    if r is None:
        return {"salutation": f"{p.lead_member.name}委员" if p.lead_member_id else "", "cc": "市政协提案委员会"}
    return {f: getattr(r, f) for f in ("doc_number", "salutation", "proposed_class", "body", "signer", "signer_level",
                                       "contact_person", "contact_phone", "cc")}


def _panels(user, p, bound: dict | None = None) -> list[dict]:
    bound = bound or {}
    out = []
    for code in actions.buttons(user, p):
        if code == "edit":
            out.append({"code": code, "label": actions.label(code), "url": reverse("proposals:edit", args=[p.pk])})
            continue
        form = bound.get(code) or forms.action_form(code, user, p, initial=_initial(user, p, code))
        fields = [form[f] for f in DECIDE_FIELDS[code]] if code in DECIDE_FIELDS else list(form)
        out.append({"code": code, "label": actions.label(code), "form": form, "fields": fields, "open": code in bound,
                    "danger": code in DANGER, "url": reverse("proposals:act", args=[p.pk, code])})
    return out


def _context(request, p, bound=None) -> dict:
    user = request.user
    panels = _panels(user, p, bound)
    codes = [x["code"] for x in panels]
    replies = selectors.replies_of(p)
    if not (permissions.can_see_contacts(user, p) or selectors.sees_all(user)):
        replies = [r for r in replies if r.state == Reply.State.PUBLISHED or permissions.unit_assignments(user, p)]
    mine = selectors.assignments_of_user(user, p)
    ctx = {"p": p, "num": selectors.display_number(p), "panels": panels, "buttons": codes,
           "expected": expectations(user, p, codes), "timeline": selectors.timeline(p), "cosigners": selectors.cosigners_of(p),
           "replies": replies, "contacts": selectors.contacts_of(p), "extensions": selectors.extensions_of(p),
           "decisions": selectors.review_decisions_of(p), "merged": selectors.merged_children(p),
           "show_contacts": permissions.can_see_contacts(user, p), "mine": mine, "now": timezone.now(),
           "body_length": services.body_length(p), "assignments": list(p.assignments.all()),
           "evaluation_deadline": services.evaluation_deadline(p), "is_joint": p.proposer_type == ProposerType.JOINT,
           "confirmed": CoSigner.State.CONFIRMED,
           "templates": {c: t.format(title=p.title, number=selectors.display_number(p) or "提案") for c, t in
                         forms.REPLY_TEMPLATES.items()}, "staff": permissions.can_manage(user)}
    if Action.ASSIGN in codes:
        ctx["default_due"] = handling_due_date(p, selectors.today())
        ctx["due_from_meeting"] = bool(p.meeting.handling_deadline)
    if "contact" in codes and mine:
        ctx["rates"] = selectors.meeting_rate(user, [a.unit_id for a in mine])
    ctx["classes"] = config.get("proposals.result_classes", cppcc=p.cppcc_id)
    ctx["documents"] = _documents(user, p)
    ctx["extra_panels"] = extension_panels.render_for(request, p)
    return ctx


def _documents(user, p) -> list[dict]:
    """Downloads (提案表, 答复函, 征询意见表 …) offered by the documents part of the module."""
    from zhengxie.proposals import exports

    return exports.available_documents(user, p)


@login_required
def detail(request, pk: int):
    p = selectors.proposal_get_for(request.user, pk)
    return render(request, DETAIL, _context(request, p))


@login_required
@require_POST
def act(request, pk: int, action: str):
    p = selectors.proposal_get_for(request.user, pk)
    require(action in actions.SERVICES and action in actions.buttons(request.user, p),
            "您现在不能对此提案执行该操作。")
    form = forms.action_form(action, request.user, p, request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(forms.form_errors(form))
        actions.perform(action, proposal=p, by=request.user, kwargs=form.kwargs())
    except ApplicationError as exc:
        status = fail(request, exc)
        p = selectors.proposal_get_for(request.user, pk)
        return render(request, DETAIL, _context(request, p, {action: form}), status=status)
    messages.success(request, actions.DONE[action])
    return redirect(_next(request, p))


def _next(request, p) -> str:
    nxt = request.POST.get("next", "")
    return nxt if nxt.startswith("/proposals/") else reverse("proposals:detail", args=[p.pk])
