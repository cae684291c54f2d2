"""委员评价 (满意/基本满意/不满意), 重新办理 (configurable rounds) and 办结."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhengxie.core import config, workdays
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import DENIED, recorded_write

from .. import permissions
from ..models import Assignment, CoSigner, Evaluation, Proposal, Reply
from ..workflow import Action, Status
from ._common import due, notify, proposer_users, today, transition, unit_users

RANK = {Evaluation.Rating.SATISFIED: 0, Evaluation.Rating.BASIC: 1, Evaluation.Rating.UNSATISFIED: 2}


def evaluation_deadline(p: Proposal):
    if not p.answered_at:
        return None
    start = timezone.localdate(p.answered_at)
    return workdays.due_date(start, config.get("proposals.evaluation_rule", cppcc=p.cppcc_id, on=start))


def _evaluator(p: Proposal, by) -> dict | None:
    """Who is evaluating: the 领衔人 / organisation (is_lead) or a confirmed co-signer."""
    if permissions.is_proposer(by, p):
        if p.proposer_org_id and p.is_collective:
            return {"org_id": p.proposer_org_id, "member": None, "is_lead": True}
        return {"org_id": None, "member": p.lead_member, "is_lead": True}
    member = getattr(by, "member", None)
    if member and p.cosigners.filter(member=member, state=CoSigner.State.CONFIRMED).exists():
        return {"org_id": None, "member": member, "is_lead": False}
    return None


def _expected(p: Proposal) -> int:
    return 1 + p.cosigners.filter(state=CoSigner.State.CONFIRMED).count()


def _current_replies(p: Proposal) -> list[Reply]:
    rnd = p.rehandle_rounds + 1
    return list(Reply.objects.filter(assignment__proposal=p, round=rnd, state=Reply.State.PUBLISHED).select_related("assignment__unit"))


def evaluation_submit(*, proposal: Proposal, by, rating: str, comment: str = "", reply: Reply | None = None) -> Proposal:
    """One evaluation per (reply, proposer) within the window. The result is the 领衔人's rating (or the worst,
    by configuration); 不满意 from the 领衔人 starts 重新办理 of that unit while rounds remain."""
    if rating not in Evaluation.Rating.values:
        raise ApplicationError("请选择满意、基本满意或不满意。", field="rating")
    if rating == Evaluation.Rating.UNSATISFIED and not comment.strip():
        raise ApplicationError("选择“不满意”时请写明意见，承办单位将据此重新办理。", field="comment")
    with transaction.atomic():
        p = Proposal.objects.select_for_update().get(pk=proposal.pk)
        who = _evaluator(p, by)
        if who is None:
            raise PermissionDenied("只有提案者可以评价办理情况。")
        if p.status != Status.ANSWERED:
            raise ApplicationError("此提案当前不在评价阶段。")
        deadline = evaluation_deadline(p)
        if deadline and today() > deadline:
            raise ApplicationError(f"评价期限已于{deadline:%Y年%-m月%-d日}截止。")
        replies = _current_replies(p)
        if reply is not None:
            replies = [r for r in replies if r.pk == reply.pk]
        if not replies:
            raise ApplicationError("没有可评价的答复。")
        for r in replies:
            exists = r.evaluations.filter(member=who["member"]) if who["member"] else r.evaluations.filter(org_id=who["org_id"])
            if exists.exists():
                raise ApplicationError(f"您已评价过{r.assignment.unit}的答复，不能重复评价。")
        label = Evaluation.Rating(rating).label
        with recorded_write(by=by, action="proposal.evaluate_one", obj=p, message=f"{'领衔人' if who['is_lead'] else '联名人'}评价：{label}"):
            for r in replies:
                Evaluation.objects.create(reply=r, member=who["member"], org_id=who["org_id"], is_lead=who["is_lead"],
                                          rating=rating, comment=comment.strip())
        rounds = config.get("proposals.rehandle_rounds", cppcc=p.cppcc_id)
        if who["is_lead"] and rating == Evaluation.Rating.UNSATISFIED and p.rehandle_rounds < rounds:
            return _rehandle(p, by, [r.assignment for r in replies], note=comment, check=False)
        if all(r.evaluations.count() >= _expected(p) for r in _current_replies(p)):
            p = transition(p, Action.EVALUATE, by, message=f"评价完成：{_label(_result(p))}", check=False,
                           evaluation_result=_result(p))
    return p


def _label(code: str) -> str:
    return Evaluation.Rating(code).label if code else "未评价"


def _result(p: Proposal) -> str:
    evals = list(Evaluation.objects.filter(reply__in=_current_replies(p)))
    if not evals:
        return ""
    if config.get("proposals.result_rule", cppcc=p.cppcc_id) == "worst":
        return max((e.rating for e in evals), key=RANK.get)
    lead = [e.rating for e in evals if e.is_lead]
    return max(lead, key=RANK.get) if lead else max((e.rating for e in evals), key=RANK.get)


def _rehandle(p: Proposal, by, assignments: list[Assignment], *, note: str, check: bool) -> Proposal:
    start = today()
    new_due = due(start, "proposals.rehandle_rule", p.cppcc_id)
    for a in assignments:
        a.state, a.due_date = Assignment.State.ACCEPTED, new_due
        a.save(update_fields=["state", "due_date", "updated_at"])
    names = "、".join(str(a.unit) for a in assignments)
    p = transition(p, Action.REHANDLE, by, message=f"重新办理（第{p.rehandle_rounds + 1}轮）：{names}。{note}", check=check,
                   rehandle_rounds=p.rehandle_rounds + 1, due_date=new_due, evaluation_result="")
    notify(unit_users([a.unit_id for a in assignments]), f"提案需重新办理：{p.number_display} {p.title}",
           f"提案者对答复不满意：{note}。请登门听取意见，{new_due:%Y年%-m月%-d日}前重新答复。", p.get_absolute_url(),
           by=by, cppcc=p.cppcc_id)
    return p


def proposal_rehandle(*, proposal: Proposal, by, note: str, unit_ids=None) -> Proposal:
    """提案委 商请承办单位重新办理 (rounds limited by configuration)."""
    if not note.strip():
        raise ApplicationError("请写明重新办理的要求。", field="note")
    with transaction.atomic():
        p = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not permissions.can(by, Action.REHANDLE, p):
            raise PermissionDenied(DENIED)
        rounds = config.get("proposals.rehandle_rounds", cppcc=p.cppcc_id)
        if p.rehandle_rounds >= rounds:
            raise ApplicationError(f"已重新办理{p.rehandle_rounds}轮，达到上限{rounds}轮；请作“不满意办结”。")
        targets = [r.assignment for r in _current_replies(p) if unit_ids is None or r.assignment.unit_id in set(unit_ids)]
        if not targets:
            raise ApplicationError("请选择需要重新办理的承办单位。", field="unit_ids")
        return _rehandle(p, by, targets, note=note.strip(), check=False)


def proposal_close(*, proposal: Proposal, by) -> Proposal:
    p = proposal
    if p.status == Status.EVALUATED and p.evaluation_result == Evaluation.Rating.UNSATISFIED:
        raise ApplicationError("评价结果为不满意，请重新办理，或在轮次用尽后作“不满意办结”。")
    if p.status == Status.ANSWERED:
        deadline = evaluation_deadline(p)
        if deadline and today() <= deadline:
            raise ApplicationError(f"评价期限至{deadline:%Y年%-m月%-d日}，期满后方可办结。")
    p = transition(p, Action.CLOSE, by, message="办结", closed_at=timezone.now(),
                   evaluation_result=p.evaluation_result or _result(p))
    notify(proposer_users(p), f"提案已办结：{p.number_display} {p.title}", "", p.get_absolute_url(), by=by, cppcc=p.cppcc_id)
    return p


def proposal_close_unsatisfied(*, proposal: Proposal, by, note: str) -> Proposal:
    p = proposal
    if not note.strip():
        raise ApplicationError("请写明不满意办结的情况说明（将写入年度提案办理情况报告）。", field="note")
    result = p.evaluation_result or _result(p)
    if result != Evaluation.Rating.UNSATISFIED:
        raise ApplicationError("只有评价为不满意的提案才能作“不满意办结”。")
    rounds = config.get("proposals.rehandle_rounds", cppcc=p.cppcc_id)
    if p.rehandle_rounds < rounds:
        raise ApplicationError(f"已重新办理{p.rehandle_rounds}轮，尚未达到{rounds}轮上限，请先商请重新办理。")
    return transition(p, Action.CLOSE_UNSATISFIED, by, message=f"不满意办结：{note.strip()}", closed_at=timezone.now(),
                      evaluation_result=result)
