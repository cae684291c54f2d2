"""Which actions a user may take on a proposal (the buttons) and how each one calls its service.

Buttons = `permissions.available_actions(user, p)` (state transitions) + `extra_actions(user, p)` (writes that
do not change the state: edit, 联名确认, 起草/签发答复, 办理协商, 会办意见, 延期, 跟踪办理 …). The pages and
the API both call `perform()`, so both run the very same service with the same checks.
"""
from __future__ import annotations

from zhengxie.proposals import permissions, selectors, services
from zhengxie.proposals.models import Assignment, CoSigner, ExtensionRequest, Reply
from zhengxie.proposals.workflow import Action, Status

S = Status
A = Action
R = Assignment.Role

EXTRA_LABELS = {
    "edit": "修改提案", "cosign_confirm": "确认联名", "cosign_decline": "拒绝联名", "evaluate_reply": "评价答复",
    "reply_save": "起草答复", "reply_sign": "领导签发", "contact": "登记办理协商", "co_opinion": "报送会办意见",
    "extension_request": "申请延期", "extension_decide": "审批延期", "follow_up": "跟踪办理报告",
}
DECISION_ACTIONS = (A.FILE, A.MERGE, A.TO_SUGGESTION, A.TO_SQMY, A.RETURN, A.REJECT)
CONTACT_STATES = {S.ASSIGNED, S.IN_PROGRESS, S.ANSWER_DRAFTED, S.ANSWER_COSIGNED, S.ANSWERED, S.EVALUATED, S.REHANDLING}


def label(action: str) -> str:
    return EXTRA_LABELS.get(action) or A(action).label


def _mine(user, p, roles=None) -> list[Assignment]:
    return [a for a in permissions.unit_assignments(user, p, roles) if a.state != Assignment.State.REFERENCE]


def extra_actions(user, p) -> list[str]:
    out = []
    if permissions.can_edit(user, p):
        out.append("edit")
    if p.status == S.SUBMITTED:
        row = selectors.cosign_row_for(user, p)
        if row is not None and row.state == CoSigner.State.INVITED:
            out += ["cosign_confirm", "cosign_decline"]
    if p.status == S.ANSWERED and not permissions.is_proposer(user, p) and selectors.evaluation_pending_for(user, p):
        out.append("evaluate_reply")
    answering = _mine(user, p, permissions.ANSWERING)
    working = p.status in (S.IN_PROGRESS, S.REHANDLING)
    if working and any(a.state == Assignment.State.ACCEPTED for a in answering):
        out.append("reply_save")
        rnd = p.rehandle_rounds + 1
        if Reply.objects.filter(assignment__in=answering, round=rnd, state__in=(Reply.State.DRAFT, Reply.State.RETURNED)
                                ).exists():
            out.append("reply_sign")
    if p.status in CONTACT_STATES and _mine(user, p):
        out.append("contact")
    cos = _mine(user, p, (R.CO,))
    if p.status in (S.ASSIGNED, S.IN_PROGRESS, S.REHANDLING) and any(a.state != Assignment.State.OPINION_SENT for a in cos):
        out.append("co_opinion")
    if working and answering and not ExtensionRequest.objects.filter(
            assignment__in=answering, state__in=(ExtensionRequest.State.PENDING, ExtensionRequest.State.APPROVED)).exists():
        out.append("extension_request")
    if permissions.can_manage(user) and user.cppcc_id == p.cppcc_id and ExtensionRequest.objects.filter(
            assignment__proposal=p, state=ExtensionRequest.State.PENDING).exists():
        out.append("extension_decide")
    if answering and Reply.objects.filter(assignment__in=answering, follow_up_open=True).exists():
        out.append("follow_up")
    return out


def buttons(user, p) -> list[str]:
    return list(permissions.available_actions(user, p)) + extra_actions(user, p)


def _decide(p, by, kw):
    return services.proposal_decide(proposal=p, by=by, **kw)


def _follow_up(p, by, kw):
    answering = _mine(by, p, permissions.ANSWERING)
    reply = Reply.objects.filter(assignment__in=answering, follow_up_open=True).order_by("-round").first()
    if reply is None:
        from zhengxie.core.exceptions import ApplicationError

        raise ApplicationError("该答复无需跟踪办理。")
    return services.follow_up_report(reply=reply, by=by, **kw)


SERVICES = {
    A.SUBMIT: lambda p, by, kw: services.proposal_submit(proposal=p, by=by),
    A.RESUBMIT: lambda p, by, kw: services.proposal_resubmit(proposal=p, by=by),
    A.WITHDRAW: lambda p, by, kw: services.proposal_withdraw(proposal=p, by=by, **kw),
    A.RECEIVE: lambda p, by, kw: services.proposal_receive(proposal=p, by=by),
    A.PRE_REVIEW: lambda p, by, kw: services.proposal_pre_review(proposal=p, by=by, **kw),
    "decide": _decide,
    A.ASSIGN: lambda p, by, kw: services.proposal_assign(proposal=p, by=by, **kw),
    A.ACCEPT: lambda p, by, kw: services.assignment_accept(proposal=p, by=by),
    A.DISPUTE: lambda p, by, kw: services.assignment_dispute(proposal=p, by=by, **kw),
    A.REASSIGN: lambda p, by, kw: services.proposal_reassign(proposal=p, by=by, **kw),
    A.SUBMIT_ANSWER: lambda p, by, kw: services.reply_submit(proposal=p, by=by),
    A.COSIGN: lambda p, by, kw: services.reply_cosign(proposal=p, by=by, **kw),
    A.RETURN_ANSWER: lambda p, by, kw: services.reply_return(proposal=p, by=by, **kw),
    A.AUDIT: lambda p, by, kw: services.reply_audit(proposal=p, by=by, **kw),
    A.EVALUATE: lambda p, by, kw: services.evaluation_submit(proposal=p, by=by, **kw),
    "evaluate_reply": lambda p, by, kw: services.evaluation_submit(proposal=p, by=by, **kw),
    A.REHANDLE: lambda p, by, kw: services.proposal_rehandle(proposal=p, by=by, **kw),
    A.CLOSE: lambda p, by, kw: services.proposal_close(proposal=p, by=by),
    A.CLOSE_UNSATISFIED: lambda p, by, kw: services.proposal_close_unsatisfied(proposal=p, by=by, **kw),
    "cosign_confirm": lambda p, by, kw: services.cosigner_respond(proposal=p, by=by, accept=True),
    "cosign_decline": lambda p, by, kw: services.cosigner_respond(proposal=p, by=by, accept=False),
    "reply_save": lambda p, by, kw: services.reply_save(proposal=p, by=by, **kw),
    "reply_sign": lambda p, by, kw: services.reply_sign(proposal=p, by=by),
    "contact": lambda p, by, kw: services.contact_add(proposal=p, by=by, **kw),
    "co_opinion": lambda p, by, kw: services.co_opinion_submit(proposal=p, by=by, **kw),
    "extension_request": lambda p, by, kw: services.extension_request(proposal=p, by=by, **kw),
    "extension_decide": lambda p, by, kw: services.extension_decide(by=by, **kw),
    "follow_up": _follow_up,
}
for _d in DECISION_ACTIONS:
    SERVICES[_d] = _decide

DONE = {
    A.SUBMIT: "提案已提交。", A.RESUBMIT: "提案已重新提交。", A.WITHDRAW: "提案已撤案。", A.RECEIVE: "已完成收件。",
    A.PRE_REVIEW: "初审通过，已提交审查会复审。", "decide": "审查结果已登记，并已通知提案者。", A.ASSIGN: "已交办，并已通知承办单位。",
    A.ACCEPT: "已签收。", A.DISPUTE: "调整申请已提交提案委。", A.REASSIGN: "已调整承办单位。", A.SUBMIT_ANSWER: "答复已报送。",
    A.COSIGN: "已会签。", A.RETURN_ANSWER: "答复已退回修改。", A.AUDIT: "审核通过，答复已送达提案者。", A.EVALUATE: "评价已提交，谢谢。",
    "evaluate_reply": "评价已提交，谢谢。", A.REHANDLE: "已商请承办单位重新办理。", A.CLOSE: "已办结。",
    A.CLOSE_UNSATISFIED: "已作不满意办结。", "cosign_confirm": "已确认联名。", "cosign_decline": "已拒绝联名。",
    "reply_save": "答复草稿已保存。", "reply_sign": "答复已签发，可以报送。", "contact": "办理协商已登记。",
    "co_opinion": "会办意见已报送主办单位。", "extension_request": "延期申请已提交提案委。", "extension_decide": "延期申请已审批。",
    "follow_up": "跟踪办理报告已登记。",
}
for _d in DECISION_ACTIONS:
    DONE[_d] = DONE["decide"]


def perform(action: str, *, proposal, by, kwargs: dict):
    """Run the service of `action`; returns whatever the service returns."""
    return SERVICES[action](proposal, by, kwargs)
