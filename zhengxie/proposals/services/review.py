"""审查 and 立案: 初审, the 审查会 (collective decision), every outcome of domain.md §3.4, 快速通道, batch decisions."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import DENIED, recorded_write

from .. import numbering, permissions
from ..models import Assignment, Proposal, RejectReason, ReviewDecision, ReviewMeeting
from ..workflow import DECISIONS, Action, Status
from ._common import notify, proposer_users, transition, unit_users


def proposal_pre_review(*, proposal: Proposal, by, note: str = "") -> Proposal:
    return transition(proposal, Action.PRE_REVIEW, by, message=f"初审通过，提交审查会复审{('：' + note) if note else ''}")


def review_meeting_create(*, meeting, by, date: dt.date, title: str, kind: str = ReviewMeeting.Kind.REVIEW,
                          participants: str = "", invited: str = "", opinions: str = "") -> ReviewMeeting:
    if not permissions.can_manage(by) or meeting.cppcc_id != by.cppcc_id:
        raise PermissionDenied(DENIED)
    if not (title or "").strip():
        raise ApplicationError("请填写审查会名称。", field="title")
    if date is None:
        raise ApplicationError("请填写审查会日期。", field="date")
    with recorded_write(by=by, action="proposal.review_meeting", message=f"召开审查会：{title}") as w:
        w.obj = ReviewMeeting.objects.create(cppcc_id=by.cppcc_id, meeting=meeting, kind=kind, date=date, title=title.strip(),
                                             participants=participants, invited=invited, opinions=opinions, created_by=by)
    return w.obj


def _check_decision(p: Proposal, decision: str, *, reason: str, text: str, merged_into: Proposal | None, units) -> None:
    if decision not in DECISIONS:
        raise ApplicationError("请选择审查结果。", field="decision")
    if decision == Action.REJECT:
        if reason not in RejectReason.values:
            raise ApplicationError("不予立案须选择理由（不予立案情形）。", field="reason")
        if not text.strip():
            raise ApplicationError("不予立案须写明理由，并将告知提案者。", field="text")
    if decision == Action.RETURN and not text.strip():
        raise ApplicationError("退回修改须写明修改意见。", field="text")
    if decision == Action.MERGE:
        if merged_into is None:
            raise ApplicationError("并案须选择主案（并入的提案）。", field="merged_into")
        if merged_into.pk == p.pk:
            raise ApplicationError("提案不能并入自身。", field="merged_into")
        if merged_into.meeting_id != p.meeting_id or merged_into.cppcc_id != p.cppcc_id:
            raise ApplicationError("并案的主案须是同一次会议的提案。", field="merged_into")
        if merged_into.status not in {Status.FILED, Status.ASSIGNED, Status.IN_PROGRESS} or merged_into.merged_into_id:
            raise ApplicationError(f"主案「{merged_into.title}」尚未立案，不能并入。", field="merged_into")
    if decision == Action.TO_SQMY and not p.consent_to_sqmy:
        raise ApplicationError("提案者未同意转为社情民意信息，不能转社情民意。", field="decision")
    if decision == Action.TO_SUGGESTION and not units:
        raise ApplicationError("转意见建议须选择送达的单位（作为参考件）。", field="units")


def _apply_decision(p: Proposal, decision: str, by, *, review: ReviewMeeting | None, reason: str = "", text: str = "",
                    merged_into: Proposal | None = None, units=()) -> Proposal:
    text = (text or "").strip()
    _check_decision(p, decision, reason=reason, text=text, merged_into=merged_into, units=units)
    if p.status == Status.UNDER_REVIEW and review is None:
        raise ApplicationError("审查结果须经审查会集体研究决定，请先选择或登记审查会。", field="review")
    updates: dict = {"decision": decision, "decided_at": timezone.now(), "decision_text": text,
                     "decision_reason": reason if decision == Action.REJECT else ""}
    label = Action(decision).label
    if decision == Action.MERGE:
        updates["merged_into"] = merged_into
    if decision == Action.FILE:
        # the counter row is locked until commit: concurrent 立案 get consecutive numbers, rollbacks leave no gap
        updates["number"] = numbering.next_value(p.meeting, "number")
    msg = f"审查结果：{label}" + (f"（{review.title}）" if review else "") + (f"。{text}" if text else "")
    p = transition(p, decision, by, message=msg, data={"review": review.pk if review else None}, **updates)
    if review is not None:
        ReviewDecision.objects.create(review=review, proposal=p, decision=decision, reason=updates["decision_reason"],
                                      text=text, merged_into=merged_into)
    if decision == Action.TO_SUGGESTION:
        for unit in units:
            Assignment.objects.create(cppcc_id=p.cppcc_id, proposal=p, unit=unit, role=Assignment.Role.SOLE,
                                      state=Assignment.State.REFERENCE)
        notify(unit_users([u.pk for u in units]), f"转来意见建议（参考件，无需答复）：{p.title}", text,
               p.get_absolute_url(), by=by, cppcc=p.cppcc_id)
    if decision == Action.TO_SQMY:
        from zhengxie.opinions.services import opinion_create_from_proposal

        opinion_create_from_proposal(proposal=p, by=by)  # the 社情民意 draft, linked both ways
    if decision == Action.MERGE:
        from zhengxie.links.services import link_create

        link_create(source=p, target=merged_into, kind="merged", by=by, note="审查并案")
    _tell_proposers(p, decision, by)
    return p


def _tell_proposers(p: Proposal, decision: str, by) -> None:
    if decision == Action.FILE:
        title, body = f"提案已立案：{p.number_display} {p.title}", "提案将交有关承办单位办理。"
    elif decision == Action.REJECT:
        title = f"不予立案通知：{p.title}"
        body = f"经审查，您的提案不予立案。理由：{RejectReason(p.decision_reason).label}。{p.decision_text}"
    elif decision == Action.RETURN:
        title, body = f"提案退回修改：{p.title}", f"修改意见：{p.decision_text}。请修改完善后重新提交。"
    elif decision == Action.MERGE:
        title, body = f"提案已并案：{p.title}", f"与{p.merged_into.number_display}「{p.merged_into.title}」内容相近，并案办理，您将收到答复。"
    else:
        title, body = f"提案审查结果：{Action(decision).label}", p.decision_text
    notify(proposer_users(p), title, body, p.get_absolute_url(), by=by, cppcc=p.cppcc_id)


def proposal_decide(*, proposal: Proposal, decision: str, by, review: ReviewMeeting | None = None, reason: str = "",
                    text: str = "", merged_into: Proposal | None = None, units=()) -> Proposal:
    if review is not None and review.cppcc_id != proposal.cppcc_id:
        raise PermissionDenied(DENIED)
    if not permissions.can(by, decision, proposal):
        raise PermissionDenied(DENIED)
    with transaction.atomic():
        return _apply_decision(proposal, decision, by, review=review, reason=reason, text=text, merged_into=merged_into,
                               units=units)


def review_decide_batch(*, review: ReviewMeeting, items: list[dict], by) -> list[Proposal]:
    """Batch decisions of one 审查会 (plenary volumes): all or nothing. Filing goes first so that 并案 in the
    same batch can point at cases filed by it. Items: {proposal, decision, reason?, text?, merged_into?, units?}."""
    if review.cppcc_id != by.cppcc_id or not permissions.can_manage(by):
        raise PermissionDenied(DENIED)
    ordered = sorted(items, key=lambda i: (i["decision"] != Action.FILE, i["proposal"].pk))
    done = []
    with transaction.atomic():
        for n, item in enumerate(ordered, start=1):
            p = Proposal.objects.get(pk=item["proposal"].pk)
            if not permissions.can(by, item["decision"], p):
                raise ApplicationError(f"「{p.title}」当前状态为{p.get_status_display()}，不能{Action(item['decision']).label}。")
            merged = item.get("merged_into")
            try:
                done.append(_apply_decision(p, item["decision"], by, review=review, reason=item.get("reason", ""),
                                            text=item.get("text", ""),
                                            merged_into=Proposal.objects.get(pk=merged.pk) if merged else None,
                                            units=item.get("units", ())))
            except ApplicationError as exc:
                raise ApplicationError(f"第{n}项「{p.title}」：{exc.message}", field=exc.field) from None
    return done


def handling_units_for(cppcc_id: int, ids) -> list[Organisation]:
    units = list(Organisation.objects.filter(cppcc_id=cppcc_id, kind=Organisation.Kind.HANDLING_UNIT, pk__in=list(ids)))
    if len(units) != len(set(ids)):
        raise ApplicationError("承办单位须从本政协的承办单位中选择。", field="units")
    return units

