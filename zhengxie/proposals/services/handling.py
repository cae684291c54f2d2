"""交办, 签收/申请调整, 延期, 办理协商, 会办意见 and the 答复 chain: 起草 → 签发 → 会签 → 督办审核 → 答复."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.core.writes import DENIED, recorded_write

from .. import permissions
from ..models import Assignment, Contact, CoSign, ExtensionRequest, Proposal, Reply
from ..workflow import Action, Status
from ._common import due, notify, proposer_users, role_users, today, transition, unit_users
from .review import handling_units_for

R = Assignment.Role


def _check_plan(plan: list[tuple]) -> None:
    roles = [r for _, r in plan]
    units = [u.pk for u, _ in plan]
    if not plan:
        raise ApplicationError("请至少选择一个承办单位。", field="units")
    if len(units) != len(set(units)):
        raise ApplicationError("同一承办单位不能重复交办。", field="units")
    if any(r not in R.values for r in roles):
        raise ApplicationError("承办方式只能是主办、会办、分办或独办。", field="units")
    if R.SPLIT in roles:
        if any(r != R.SPLIT for r in roles) or roles.count(R.SPLIT) < 2:
            raise ApplicationError("分办须由两个及以上单位各自分别答复，不能与主办、会办、独办混用。", field="units")
        return
    if R.SOLE in roles and len(roles) > 1:
        raise ApplicationError("独办只能有一个承办单位；多个单位请用“主办＋会办”或“分办”。", field="units")
    if R.SOLE not in roles and roles.count(R.LEAD) != 1:
        raise ApplicationError("“主办＋会办”须有且只有一个主办单位。", field="units")


def handling_due_date(p: Proposal, start: dt.date) -> dt.date:
    """Default rule from configuration; a calendar deadline of the 会议 overrides it."""
    if p.meeting.handling_deadline:
        return p.meeting.handling_deadline
    return due(start, "proposals.handling_rule", p.cppcc_id)


def proposal_assign(*, proposal: Proposal, by, plan: list[tuple[int, str]], due_date: dt.date | None = None) -> Proposal:
    """交办. plan = [(unit_id, 'lead'|'co'|'split'|'sole'), …]."""
    units = {u.pk: u for u in handling_units_for(proposal.cppcc_id, [uid for uid, _ in plan])}
    resolved = [(units[uid], role) for uid, role in plan]
    _check_plan(resolved)
    start = today()
    with transaction.atomic():
        p = Proposal.objects.select_related("meeting").get(pk=proposal.pk)
        if not permissions.can(by, Action.ASSIGN, p):
            raise PermissionDenied(DENIED)
        if due_date is not None and due_date <= start:
            raise ApplicationError("办理期限须晚于交办日期。", field="due_date")
        deadline = due_date or handling_due_date(p, start)
        _create_assignments(p, resolved, start, deadline)
        names = "、".join(f"{u.name}（{R(r).label}）" for u, r in resolved)
        p = transition(p, Action.ASSIGN, by, message=f"交办：{names}，办理期限{deadline:%Y年%-m月%-d日}",
                       check=False, assigned_at=timezone.now(), due_date=deadline)
    notify(unit_users(units), f"交办提案：{p.number_display} {p.title}", f"办理期限 {deadline:%Y年%-m月%-d日}，请及时签收。",
           p.get_absolute_url(), by=by, cppcc=p.cppcc_id)
    return p


def _create_assignments(p: Proposal, plan, start: dt.date, deadline: dt.date) -> None:
    dispute_until = due(start, "proposals.dispute_rule", p.cppcc_id)
    co_due = min(deadline, due(start, "proposals.co_opinion_rule", p.cppcc_id))
    for unit, role in plan:
        Assignment.objects.create(cppcc_id=p.cppcc_id, proposal=p, unit=unit, role=role,
                                  due_date=co_due if role == R.CO else deadline, dispute_until=dispute_until)


def _my_assignment(p: Proposal, by, roles=None) -> Assignment:
    mine = permissions.unit_assignments(by, p, roles)
    if not mine:
        raise PermissionDenied("此提案未交由您所在的单位办理。")
    return mine[0]


def assignment_accept(*, proposal: Proposal, by) -> Proposal:
    """签收. The proposal is 办理中 once every assigned unit has signed for it."""
    with transaction.atomic():
        p = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not permissions.can(by, Action.ACCEPT, p):
            raise PermissionDenied(DENIED)
        a = _my_assignment(p, by)
        if a.state != Assignment.State.PENDING:
            raise ApplicationError("本单位已签收或已申请调整。")
        with recorded_write(by=by, action="proposal.unit_accept", obj=p, message=f"{a.unit}签收（{a.get_role_display()}）"):
            a.state, a.accepted_at = Assignment.State.ACCEPTED, timezone.now()
            a.save(update_fields=["state", "accepted_at", "updated_at"])
        if not p.assignments.filter(state=Assignment.State.PENDING).exists():
            p = transition(p, Action.ACCEPT, by, message="各承办单位均已签收，进入办理", check=False)
    return p


def assignment_dispute(*, proposal: Proposal, by, reason: str) -> Proposal:
    """申请调整: within the window, with reasons; 提案委 re-assigns (a unit may not pass it on itself)."""
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("申请调整须说明理由（如不属于本单位职责）。", field="reason")
    with transaction.atomic():
        p = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not permissions.can(by, Action.DISPUTE, p):
            raise PermissionDenied(DENIED)
        a = _my_assignment(p, by)
        if a.dispute_until and today() > a.dispute_until:
            raise ApplicationError(f"申请调整须在{a.dispute_until:%Y年%-m月%-d日}前提出，已逾期；请与提案委联系。")
        a.state, a.dispute_reason = Assignment.State.DISPUTED, reason
        a.save(update_fields=["state", "dispute_reason", "updated_at"])
        p = transition(p, Action.DISPUTE, by, message=f"{a.unit}申请调整承办单位：{reason}", check=False)
    notify(role_users(p.cppcc_id, Role.PROPOSAL_STAFF), f"承办单位申请调整：{p.number_display} {p.title}",
           f"{a.unit}：{reason}", p.get_absolute_url(), by=by, cppcc=p.cppcc_id)
    return p


def proposal_reassign(*, proposal: Proposal, by, remove_ids=(), add: list[tuple[int, str]] = ()) -> Proposal:
    """提案委 re-assigns after coordination: remove disputed units, add others; the new plan must be whole."""
    with transaction.atomic():
        p = Proposal.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=proposal.pk)
        if not permissions.can(by, Action.REASSIGN, p):
            raise PermissionDenied(DENIED)
        live = [a for a in p.assignments.select_related("unit") if a.state != Assignment.State.REMOVED]
        keep = [a for a in live if a.pk not in set(remove_ids)]
        new_units = {u.pk: u for u in handling_units_for(p.cppcc_id, [uid for uid, _ in add])}
        plan = [(a.unit, a.role) for a in keep] + [(new_units[uid], role) for uid, role in add]
        _check_plan(plan)
        for a in live:
            if a.pk in set(remove_ids):
                a.state = Assignment.State.REMOVED
                a.save(update_fields=["state", "updated_at"])
            elif a.state == Assignment.State.DISPUTED:  # kept after coordination: must now sign for it
                a.state = Assignment.State.PENDING
                a.save(update_fields=["state", "updated_at"])
        start = today()
        _create_assignments(p, [(new_units[uid], role) for uid, role in add], start, p.due_date or handling_due_date(p, start))
        names = "、".join(f"{u}（{R(r).label}）" for u, r in plan)
        p = transition(p, Action.REASSIGN, by, message=f"调整承办单位：{names}", check=False)
    notify(unit_users(new_units), f"交办提案（调整）：{p.number_display} {p.title}", "请及时签收。", p.get_absolute_url(),
           by=by, cppcc=p.cppcc_id)
    return p


def extension_request(*, proposal: Proposal, by, days: int, reason: str) -> ExtensionRequest:
    max_days = config.get("proposals.extension_max_days", cppcc=proposal.cppcc_id)
    if not reason.strip():
        raise ApplicationError("申请延期须说明理由。", field="reason")
    if not 0 < int(days) <= max_days:
        raise ApplicationError(f"延期天数应在1到{max_days}天之间。", field="days")
    a = _my_assignment(proposal, by, permissions.ANSWERING)
    if proposal.status not in {Status.IN_PROGRESS, Status.REHANDLING}:
        raise ApplicationError("只有办理中的提案可以申请延期。")
    if a.extensions.filter(state__in=[ExtensionRequest.State.PENDING, ExtensionRequest.State.APPROVED]).exists():
        raise ApplicationError("每件提案只能申请一次延期。")
    with recorded_write(by=by, action="proposal.extension_request", obj=proposal,
                        message=f"{a.unit}申请延期{days}天：{reason}"):
        req = ExtensionRequest.objects.create(assignment=a, days=int(days), reason=reason.strip(), requested_by=by)
    notify(role_users(proposal.cppcc_id, Role.PROPOSAL_STAFF), f"延期申请：{proposal.number_display} {proposal.title}",
           f"{a.unit}申请延期{days}天：{reason}", proposal.get_absolute_url(), by=by, cppcc=proposal.cppcc_id)
    return req


def extension_decide(*, request: ExtensionRequest, by, approve: bool, note: str = "") -> ExtensionRequest:
    p = request.assignment.proposal
    if not (permissions.can_manage(by) and by.cppcc_id == p.cppcc_id):
        raise PermissionDenied(DENIED)
    if request.state != ExtensionRequest.State.PENDING:
        raise ApplicationError("该延期申请已处理。")
    verdict = "同意" if approve else "不同意"
    with recorded_write(by=by, action="proposal.extension_decide", obj=p, message=f"{verdict}{request.assignment.unit}延期{request.days}天"):
        request.state = ExtensionRequest.State.APPROVED if approve else ExtensionRequest.State.REFUSED
        request.decided_by, request.decided_at, request.decision_note = by, timezone.now(), note
        request.save()
        if approve:
            a = request.assignment
            a.due_date = (a.due_date or today()) + dt.timedelta(days=request.days)
            a.extended_days += request.days
            a.save(update_fields=["due_date", "extended_days", "updated_at"])
            Proposal.objects.filter(pk=p.pk).update(due_date=max(x.due_date for x in p.assignments.filter(
                role__in=permissions.ANSWERING).exclude(state=Assignment.State.REMOVED)))
    notify(unit_users([request.assignment.unit_id]), f"延期申请{verdict}：{p.number_display}", note, p.get_absolute_url(),
           by=by, cppcc=p.cppcc_id)
    return request


def contact_add(*, proposal: Proposal, by, date: dt.date, stage: str, way: str, note: str = "") -> Contact:
    a = _my_assignment(proposal, by)
    if stage not in Contact.Stage.values or way not in Contact.Way.values:
        raise ApplicationError("请选择协商阶段和方式。")
    if date > today():
        raise ApplicationError("协商日期不能晚于今天。", field="date")
    with recorded_write(by=by, action="proposal.contact", obj=proposal,
                        message=f"{a.unit}{Contact.Stage(stage).label}与提案者{Contact.Way(way).label}"):
        return Contact.objects.create(assignment=a, date=date, stage=stage, way=way, note=note, created_by=by)


def co_opinion_submit(*, proposal: Proposal, by, text: str) -> Assignment:
    """会办意见 from a co-unit to the lead unit (the co-unit does not answer the proposer directly)."""
    a = _my_assignment(proposal, by, (R.CO,))
    if not text.strip():
        raise ApplicationError("请填写会办意见。", field="text")
    if proposal.status not in {Status.IN_PROGRESS, Status.ASSIGNED, Status.REHANDLING}:
        raise ApplicationError("当前阶段不能报送会办意见。")
    with recorded_write(by=by, action="proposal.co_opinion", obj=proposal, message=f"{a.unit}报送会办意见"):
        a.co_opinion, a.co_opinion_at, a.state = text.strip(), timezone.now(), Assignment.State.OPINION_SENT
        a.save(update_fields=["co_opinion", "co_opinion_at", "state", "updated_at"])
    lead = [x.unit_id for x in proposal.assignments.filter(role=R.LEAD)]
    notify(unit_users(lead), f"收到会办意见：{proposal.number_display}", f"{a.unit}：{text[:100]}", proposal.get_absolute_url(),
           by=by, cppcc=proposal.cppcc_id)
    return a


# --- the reply chain --------------------------------------------------------------------------------
def _classes(cppcc_id: int) -> dict[str, str]:
    return dict(config.get("proposals.result_classes", cppcc=cppcc_id))


def reply_save(*, proposal: Proposal, by, body: str, proposed_class: str, doc_number: str = "", salutation: str = "",
               signer: str = "", signer_level: str = "", contact_person: str = "", contact_phone: str = "",
               cc: str = "") -> Reply:
    """The unit's 经办人 drafts (or revises) its reply for the current round."""
    if proposal.status not in {Status.IN_PROGRESS, Status.REHANDLING}:
        raise ApplicationError("只有办理中的提案可以起草答复。")
    a = _my_assignment(proposal, by, permissions.ANSWERING)
    if not body.strip():
        raise ApplicationError("请填写答复正文。", field="body")
    if proposed_class not in _classes(proposal.cppcc_id):
        raise ApplicationError("请选择办理结果类别（" + "、".join(_classes(proposal.cppcc_id)) + "）。", field="proposed_class")
    rnd = proposal.rehandle_rounds + 1
    with recorded_write(by=by, action="proposal.reply_save", obj=proposal, message=f"{a.unit}起草答复（第{rnd}轮）"):
        reply, _ = Reply.objects.update_or_create(
            assignment=a, round=rnd,
            defaults=dict(body=body.strip(), proposed_class=proposed_class, result_class=proposed_class, doc_number=doc_number,
                          salutation=salutation, signer=signer, signer_level=signer_level, contact_person=contact_person,
                          contact_phone=contact_phone, cc=cc, state=Reply.State.DRAFT, drafted_by=by, signed_at=None))
    return reply


def _current_reply(a: Assignment, rnd: int) -> Reply | None:
    return a.replies.filter(round=rnd).first()


def _latest(a: Assignment) -> Reply | None:
    return a.replies.order_by("-round").first()


WAITING = {Reply.State.DRAFT, Reply.State.SIGNED, Reply.State.RETURNED}


def reply_sign(*, proposal: Proposal, by) -> Reply:
    """分管领导签发 (主要领导 for a 重点提案); records the signer on the letter."""
    a = _my_assignment(proposal, by, permissions.ANSWERING)
    reply = _current_reply(a, proposal.rehandle_rounds + 1)
    if reply is None or reply.state not in {Reply.State.DRAFT, Reply.State.RETURNED}:
        raise ApplicationError("没有待签发的答复草稿。")
    if not reply.signer.strip():
        raise ApplicationError("请填写签发人。", field="signer")
    if proposal.is_key and reply.signer_level != "principal":
        raise ApplicationError("重点提案的答复须由单位主要领导签发。", field="signer_level")
    with recorded_write(by=by, action="proposal.reply_sign", obj=proposal, message=f"{a.unit}答复已由{reply.signer}签发"):
        reply.state, reply.signed_at = Reply.State.SIGNED, timezone.now()
        reply.save(update_fields=["state", "signed_at", "updated_at"])
    return reply


def _answering(p: Proposal) -> list[Assignment]:
    return [a for a in p.assignments.all() if a.answers and a.state not in {Assignment.State.REMOVED, Assignment.State.REFERENCE}]


def _cos(p: Proposal) -> list[Assignment]:
    return [a for a in p.assignments.all() if a.role == R.CO and a.state != Assignment.State.REMOVED]


def reply_submit(*, proposal: Proposal, by) -> Proposal:
    """报送答复. When every answering unit has submitted, the proposal goes to 会签 (or straight to 督办审核
    when there is no 会办 unit)."""
    with transaction.atomic():
        p = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not permissions.can(by, Action.SUBMIT_ANSWER, p):
            raise PermissionDenied(DENIED)
        rnd = p.rehandle_rounds + 1
        a = _my_assignment(p, by, permissions.ANSWERING)
        reply = _current_reply(a, rnd)
        if reply is None or reply.state != Reply.State.SIGNED:
            raise ApplicationError("答复须经单位领导签发后才能报送。")
        if not reply.result_class:
            raise ApplicationError("答复须标明办理结果类别。", field="proposed_class")
        with recorded_write(by=by, action="proposal.reply_submit", obj=p, message=f"{a.unit}报送答复"):
            reply.state = Reply.State.COSIGNING
            reply.save(update_fields=["state", "updated_at"])
            a.state = Assignment.State.REPLIED
            a.save(update_fields=["state", "updated_at"])
        replies = [r for x in _answering(p) if (r := _latest(x)) is not None]
        if len(replies) < len(_answering(p)) or any(r.state in WAITING for r in replies):
            return p
        p = transition(p, Action.SUBMIT_ANSWER, by, message="答复已报送，进入会签", check=False)
        if not _cos(p):
            p = transition(p, Action.COSIGN, by, message="无会办单位，答复直接送督办审核", check=False)
            _to_audit(p, replies)
    if p.status == Status.ANSWER_DRAFTED:
        notify(unit_users([x.unit_id for x in _cos(p)]), f"请会签答复：{p.number_display} {p.title}", "", p.get_absolute_url(),
               by=by, cppcc=p.cppcc_id)
    return p


def _to_audit(p: Proposal, replies: list[Reply]) -> None:
    for r in replies:
        if r.state == Reply.State.COSIGNING:
            r.state = Reply.State.AUDITING
            r.save(update_fields=["state", "updated_at"])
    for role in permissions.reviewer_role_for(p):
        notify(role_users(p.cppcc_id, role), f"请审核答复：{p.number_display} {p.title}", "", p.get_absolute_url(),
               cppcc=p.cppcc_id)


def reply_cosign(*, proposal: Proposal, by, note: str = "") -> Proposal:
    with transaction.atomic():
        p = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not permissions.can(by, Action.COSIGN, p):
            raise PermissionDenied(DENIED)
        a = _my_assignment(p, by, (R.CO,))
        replies = [r for x in _answering(p) if (r := _latest(x)) is not None]
        if CoSign.objects.filter(reply__in=replies, assignment=a).exists():
            raise ApplicationError("本单位已会签。")
        with recorded_write(by=by, action="proposal.reply_cosign", obj=p, message=f"{a.unit}会签答复{('：' + note) if note else ''}"):
            for r in replies:
                CoSign.objects.create(reply=r, assignment=a, note=note)
        signed = set(CoSign.objects.filter(reply__in=replies).values_list("assignment_id", flat=True))
        if all(x.pk in signed for x in _cos(p)):
            p = transition(p, Action.COSIGN, by, message="会办单位均已会签，送督办审核", check=False)
            _to_audit(p, replies)
    return p


def reply_return(*, proposal: Proposal, by, note: str) -> Proposal:
    """会办 returns the draft to the lead unit, or the 督办 reviewer returns it for rework."""
    if not note.strip():
        raise ApplicationError("退回须写明意见。", field="note")
    with transaction.atomic():
        p = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not permissions.can(by, Action.RETURN_ANSWER, p):
            raise PermissionDenied(DENIED)
        rnd = p.rehandle_rounds + 1
        for x in _answering(p):
            r = _current_reply(x, rnd)
            if r is not None and r.state in {Reply.State.COSIGNING, Reply.State.AUDITING}:
                r.state, r.return_note = Reply.State.RETURNED, note.strip()
                r.save(update_fields=["state", "return_note", "updated_at"])
                CoSign.objects.filter(reply=r).delete()
                x.state = Assignment.State.ACCEPTED
                x.save(update_fields=["state", "updated_at"])
        p = transition(p, Action.RETURN_ANSWER, by, message=f"答复退回修改：{note.strip()}", check=False)
    notify(unit_users([x.unit_id for x in _answering(p)]), f"答复被退回：{p.number_display}", note, p.get_absolute_url(),
           by=by, cppcc=p.cppcc_id)
    return p


def reply_audit(*, proposal: Proposal, by, corrected_class: str = "", note: str = "") -> Proposal:
    """督办审核 (may correct the class) → the answer is published to the proposers."""
    with transaction.atomic():
        p = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if not permissions.can(by, Action.AUDIT, p):
            raise PermissionDenied(DENIED)
        if corrected_class and corrected_class not in _classes(p.cppcc_id):
            raise ApplicationError("办理结果类别无效。", field="corrected_class")
        rnd = p.rehandle_rounds + 1
        follow = set(config.get("proposals.follow_up_classes", cppcc=p.cppcc_id))
        now = timezone.now()
        classes = []
        for x in _answering(p):
            r = _current_reply(x, rnd)
            if r is None or r.state != Reply.State.AUDITING:
                continue
            r.result_class = corrected_class or r.result_class
            r.state, r.audited_by, r.published_at = Reply.State.PUBLISHED, by, now
            r.follow_up_open = r.result_class in follow
            r.save()
            classes.append(r.result_class)
        if not classes:
            raise ApplicationError("没有待审核的答复。")
        changed = f"，结果类别更正为{corrected_class}" if corrected_class else ""
        p = transition(p, Action.AUDIT, by, message=f"督办审核通过{changed}，答复已送达提案者", check=False,
                       answered_at=now, result_class=max(classes))
    merged_users = [u for m in p.merged_proposals.all() for u in proposer_users(m)]
    notify(proposer_users(p) + merged_users, f"提案已答复：{p.number_display} {p.title}", "请在评价期限内对办理情况作出评价。",
           p.get_absolute_url(), by=by, cppcc=p.cppcc_id)
    return p


def follow_up_report(*, reply: Reply, by, text: str, resolved: bool) -> Reply:
    """B-class answers stay open: the unit re-reports progress until solved."""
    p = reply.assignment.proposal
    _my_assignment(p, by, permissions.ANSWERING)
    if not reply.follow_up_open:
        raise ApplicationError("该答复无需跟踪办理。")
    if not text.strip():
        raise ApplicationError("请填写跟踪办理情况。", field="text")
    with recorded_write(by=by, action="proposal.follow_up", obj=p, message=f"跟踪办理报告{'（已解决）' if resolved else ''}"):
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        reply.follow_up_report = (reply.follow_up_report + "\n" if reply.follow_up_report else "") + f"[{stamp}] {text.strip()}"
        reply.follow_up_open = not resolved
        reply.save(update_fields=["follow_up_report", "follow_up_open", "updated_at"])
    return reply
