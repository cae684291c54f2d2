"""提案 drafting and submission: 个人, 联名 (co-signers confirm online before the deadline), 集体."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.accounts.selectors import organisations_for_role
from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.core.writes import DENIED, recorded_write
from zhengxie.members.models import Meeting, Member, Membership

from .. import numbering, permissions
from ..models import COLLECTIVE_TYPES, CoSigner, Proposal, ProposerType
from ..search import reindex_proposal
from ..workflow import Action, Status
from ._common import notify, proposer_users, role_users, today, transition

TEXT_FIELDS = ("title", "category", "situation", "analysis", "suggestions", "consent_to_sqmy", "is_public", "is_urgent",
               "has_seal")


def plenary_for(cppcc_id: int, on: dt.date) -> Meeting | None:
    """The 全体会议 whose numbering a proposal submitted on `on` uses: the latest one that has opened its
    proposal window (or started) by then; 平时提案 continue its sequence."""
    qs = Meeting.objects.filter(cppcc_id=cppcc_id, kind=Meeting.Kind.PLENARY).select_related("term")
    started = [m for m in qs if (m.proposal_window_start or m.start_date) <= on]
    return max(started, key=lambda m: m.start_date) if started else None


def in_window(meeting: Meeting, at: dt.datetime) -> bool:
    if not meeting.proposal_window_start or not meeting.proposal_deadline:
        return False
    return meeting.proposal_window_start <= timezone.localtime(at).date() and at <= meeting.proposal_deadline


def _membership(member: Member, meeting: Meeting, on: dt.date) -> Membership | None:
    return (Membership.objects.filter(Membership.valid_on(on), member=member, term=meeting.term)
            .select_related("sector", "committee", "party").first())


def _check_text(p: Proposal, *, submitting: bool) -> None:
    title_max = config.get("proposals.title_max", cppcc=p.cppcc_id)
    body_max = config.get("proposals.body_max", cppcc=p.cppcc_id)
    p.title = (p.title or "").strip()
    if not p.title:
        raise ApplicationError("请填写案由。", field="title")
    if len(p.title) > title_max:
        raise ApplicationError(f"案由不能超过{title_max}字（当前{len(p.title)}字）。", field="title")
    length = body_length(p)
    if length > body_max:
        raise ApplicationError(f"正文共{length}字，超过{body_max}字的上限，请精简后再提交。", field="suggestions")
    if submitting:
        if not (p.situation or "").strip():
            raise ApplicationError("请填写“情况/问题”部分。", field="situation")
        if not (p.suggestions or "").strip():
            raise ApplicationError("请填写“建议”部分：提案应有具体的建议。", field="suggestions")
        if p.category_id is None:
            raise ApplicationError("请选择提案类别。", field="category")


def body_length(p: Proposal) -> int:
    return sum(len((getattr(p, f) or "").strip()) for f in ("situation", "analysis", "suggestions"))


def length_warning(p: Proposal) -> str:
    warn = config.get("proposals.body_warn", cppcc=p.cppcc_id)
    n = body_length(p)
    return f"正文已有{n}字，超过{warn}字；提案宜简明扼要（800字左右为宜）。" if n > warn else ""


def _set_cosigners(p: Proposal, member_ids: list[int], on: dt.date) -> None:
    member_ids = list(dict.fromkeys(int(i) for i in member_ids))
    if p.proposer_type == ProposerType.JOINT and not member_ids:
        raise ApplicationError("联名提案至少需要一位联名人。", field="cosigners")
    if p.proposer_type != ProposerType.JOINT and member_ids:
        raise ApplicationError("只有“委员联名提案”可以邀请联名人。", field="cosigners")
    members = {m.pk: m for m in Member.objects.filter(pk__in=member_ids, cppcc_id=p.cppcc_id)}
    for mid in member_ids:
        m = members.get(mid)
        if m is None:
            raise ApplicationError("联名人必须是本政协的委员。", field="cosigners")
        if mid == p.lead_member_id:
            raise ApplicationError("第一提案人不能同时作为联名人。", field="cosigners")
        if _membership(m, p.meeting, on) is None:
            raise ApplicationError(f"「{m.name}」在{on:%Y年%-m月%-d日}不是本届委员，不能联名。", field="cosigners")
    p.cosigners.exclude(member_id__in=member_ids).delete()
    for order, mid in enumerate(member_ids, start=1):
        CoSigner.objects.update_or_create(proposal=p, member_id=mid, defaults={"order": order, "state": CoSigner.State.INVITED,
                                                                               "answered_at": None})


def proposal_create(*, by, proposer_type: str, title: str, category=None, situation: str = "", analysis: str = "",
                    suggestions: str = "", cosigner_ids=(), suggested_unit_ids=(), proposer_org=None,
                    consent_to_sqmy: bool = False, is_public: bool = True, is_urgent: bool = False,
                    has_seal: bool = False, meeting: Meeting | None = None) -> Proposal:
    """A draft. Drafts survive a closed browser: they are saved rows, edited until submitted."""
    if proposer_type not in ProposerType.values:
        raise ApplicationError("请选择提案者类型。", field="proposer_type")
    on = today()
    cppcc_id = by.cppcc_id
    meeting = meeting or plenary_for(cppcc_id, on)
    if meeting is None:
        raise ApplicationError("尚未设置全体会议，暂不能提交提案。请联系提案委。")
    collective = proposer_type in COLLECTIVE_TYPES
    lead = None
    if collective:
        if proposer_type == ProposerType.COUNTY and not config.get("proposals.county_may_submit", cppcc=cppcc_id, on=on):
            raise ApplicationError("本政协的提案工作条例未允许县区政协作为提案者。", field="proposer_type")
        if proposer_org is None:
            raise ApplicationError("集体提案须选择提案单位。", field="proposer_org")
        allowed = permissions.can_create(by) and any(
            o.pk == proposer_org.pk for o in organisations_for_role(by, Role.ORG_SUBMITTER))
    else:
        lead = getattr(by, "member", None)
        allowed = lead is not None and permissions.can_create(by)
    if not allowed:
        raise PermissionDenied(DENIED)
    if lead is not None and _membership(lead, meeting, on) is None:
        raise ApplicationError(f"您在{on:%Y年%-m月%-d日}不是{meeting.term}委员，不能提出提案。")
    with recorded_write(by=by, action="proposal.create", message="起草提案") as w:
        p = Proposal(cppcc_id=cppcc_id, meeting=meeting, proposer_type=proposer_type, lead_member=lead,
                     proposer_org=proposer_org, title=title, category=category, situation=situation, analysis=analysis,
                     suggestions=suggestions, consent_to_sqmy=consent_to_sqmy, is_public=is_public, is_urgent=is_urgent,
                     has_seal=has_seal, created_by=by)
        _check_text(p, submitting=False)
        p.save()
        _set_cosigners(p, list(cosigner_ids), on)
        _set_units(p, suggested_unit_ids)
        w.obj = p
        reindex_proposal(p)
    return p


def _set_units(p: Proposal, unit_ids) -> None:
    units = list(Organisation.objects.filter(pk__in=list(unit_ids), cppcc_id=p.cppcc_id, kind=Organisation.Kind.HANDLING_UNIT))
    if len(units) != len(set(unit_ids)):
        raise ApplicationError("建议承办单位须从本政协的承办单位中选择。", field="suggested_units")
    p.suggested_units.set(units)


def proposal_update(*, proposal: Proposal, by, cosigner_ids=None, suggested_unit_ids=None, **fields) -> Proposal:
    with recorded_write(by=by, action="proposal.update", obj=proposal, message="修改提案内容") as w:
        p = w.lock()
        if not permissions.can_edit(by, p):
            raise PermissionDenied("只有提案者可以在草稿或退回修改时修改提案。")
        for k, v in fields.items():
            if k not in TEXT_FIELDS:
                raise ApplicationError(f"不能修改字段 {k}。")
            setattr(p, k, v)
        _check_text(p, submitting=False)
        p.save()
        if cosigner_ids is not None:
            _set_cosigners(p, list(cosigner_ids), today())
        if suggested_unit_ids is not None:
            _set_units(p, suggested_unit_ids)
        reindex_proposal(p)
    return p


@transaction.atomic
def _submit(p: Proposal, by, action: str) -> Proposal:
    now = timezone.now()
    on = timezone.localdate(now)
    p = Proposal.objects.select_for_update(of=("self",)).select_related("meeting__term", "lead_member").get(pk=p.pk)
    if not permissions.can(by, action, p):
        raise PermissionDenied(DENIED)
    _check_text(p, submitting=True)
    meeting = p.meeting
    plenary = in_window(meeting, now)
    if p.proposer_type in (ProposerType.SECTOR, ProposerType.GROUP) and not plenary and not config.get(
            "proposals.sector_outside_plenary", cppcc=p.cppcc_id, on=on):
        raise ApplicationError("界别提案和委员小组/联组提案只能在全体会议期间（大会提案征集期内）提出。")
    if p.is_collective and not p.has_seal:
        raise ApplicationError("集体提案须加盖公章（或由召集人签名）后提交，请勾选“已加盖公章/召集人签名”。", field="has_seal")
    updates: dict = {"submitted_at": now, "is_plenary": plenary}
    if p.lead_member_id:
        ms = _membership(p.lead_member, meeting, on)
        if ms is None:
            raise ApplicationError(f"您在{on:%Y年%-m月%-d日}不是{meeting.term}委员，不能提交提案。")
        updates.update(sector_id=ms.sector_id, committee_id=ms.committee_id, party_id=ms.party_id)
    for c in p.cosigners.select_related("member"):
        if _membership(c.member, meeting, on) is None:
            raise ApplicationError(f"「{c.member.name}」在{on:%Y年%-m月%-d日}不是本届委员，不能联名。", field="cosigners")
    if not p.receipt_no:
        updates["receipt_no"] = numbering.format_receipt(meeting, numbering.next_value(meeting, "receipt"))
    has_cosigners = p.cosigners.exists()
    if has_cosigners:
        days = config.get("proposals.cosign_days", cppcc=p.cppcc_id, on=on)
        deadline = now + dt.timedelta(days=days)
        if meeting.proposal_deadline and plenary:
            deadline = min(deadline, meeting.proposal_deadline)
        updates["cosign_deadline"] = deadline
        p.cosigners.update(state=CoSigner.State.INVITED, answered_at=None)
    p = transition(p, action, by, message="提交提案" if action == Action.SUBMIT else "修改后重新提交", check=False, **updates)
    if has_cosigners:
        invitees = [c.member.user for c in p.cosigners.select_related("member__user") if c.member.user_id]
        notify(invitees, f"请确认联名：{p.title}", f"{p.lead_member}邀请您联名提出此提案，请在截止前确认。",
               p.get_absolute_url(), by=by, cppcc=p.cppcc_id)
    else:
        p = _receive(p, by, message="提交后自动收件")
    return p


def proposal_submit(*, proposal: Proposal, by) -> Proposal:
    return _submit(proposal, by, Action.SUBMIT)


def proposal_resubmit(*, proposal: Proposal, by) -> Proposal:
    return _submit(proposal, by, Action.RESUBMIT)


def _receive(p: Proposal, by, *, message: str) -> Proposal:
    p = transition(p, Action.RECEIVE, by, message=message, check=False, received_at=timezone.now())
    notify(role_users(p.cppcc_id, Role.PROPOSAL_STAFF), f"新收提案：{p.title}", f"收件号 {p.receipt_no}",
           p.get_absolute_url(), by=by, cppcc=p.cppcc_id)
    return p


@transaction.atomic
def cosigner_respond(*, proposal: Proposal, by, accept: bool) -> Proposal:
    """A co-signer confirms (or declines) online; the last confirmation completes 收件."""
    member = getattr(by, "member", None)
    with recorded_write(by=by, action="proposal.cosign_confirm" if accept else "proposal.cosign_decline", obj=proposal,
                        message=f"{getattr(member, 'name', by)}{'确认联名' if accept else '拒绝联名'}") as w:
        p = w.lock()
        row = p.cosigners.filter(member=member).first() if member else None
        if row is None:
            raise PermissionDenied("您不是此提案的联名人。")
        if p.status != Status.SUBMITTED:
            raise ApplicationError("此提案已不在联名确认阶段。")
        if p.cosign_deadline and timezone.now() > p.cosign_deadline:
            raise ApplicationError("联名确认已截止，逾期确认无效。")
        if row.state != CoSigner.State.INVITED:
            raise ApplicationError("您已经答复过此联名邀请。")
        row.state = CoSigner.State.CONFIRMED if accept else CoSigner.State.DECLINED
        row.answered_at = timezone.now()
        row.save(update_fields=["state", "answered_at"])
        reindex_proposal(p)  # a declined co-signer drops out of the 提案人 names
    if not p.cosigners.filter(state=CoSigner.State.INVITED).exists():
        if not p.cosigners.filter(state=CoSigner.State.CONFIRMED).exists():
            notify(proposer_users(p, include_cosigners=False), f"联名未获确认：{p.title}",
                   "没有联名人确认：提案委将按联名提案无效处理，您可撤案后改为个人提案重新提交。",
                   p.get_absolute_url(), by=by, cppcc=p.cppcc_id)
            return p
        p = _receive(p, by, message="联名人均已确认，完成收件")
    return p


def proposal_receive(*, proposal: Proposal, by, automatic: bool = False) -> Proposal:
    """提案委 completes 收件 after the co-signing deadline: unconfirmed co-signers lapse (not counted).
    `automatic=True` is the daily job acting as the 政协's system user (zhengxie.core.system) once the deadline passed."""
    with transaction.atomic():
        p = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if automatic:
            if p.status != Status.SUBMITTED or by.cppcc_id != p.cppcc_id or not by.username.startswith("system-"):
                raise PermissionDenied(DENIED)
            if p.cosign_deadline is None or timezone.now() <= p.cosign_deadline:
                raise ApplicationError("联名确认尚未截止，不能自动收件。")
        elif not permissions.can(by, Action.RECEIVE, p):
            raise PermissionDenied(DENIED)
        pending = p.cosigners.filter(state=CoSigner.State.INVITED)
        if pending.exists() and p.cosign_deadline and timezone.now() <= p.cosign_deadline:
            raise ApplicationError(f"尚有{pending.count()}位联名人未确认，联名确认截止于"
                                   f"{timezone.localtime(p.cosign_deadline):%Y年%-m月%-d日 %H:%M}，截止后方可收件。")
        if p.proposer_type == ProposerType.JOINT and not p.cosigners.filter(state=CoSigner.State.CONFIRMED).exists():
            raise ApplicationError("没有联名人确认，联名提案不能收件；请退回提案者修改。")
        pending.update(state=CoSigner.State.EXPIRED)
        return _receive(p, by, message="联名确认截止，完成收件")


def proposal_withdraw(*, proposal: Proposal, by, reason: str) -> Proposal:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("请说明撤案理由。", field="reason")
    p = transition(proposal, Action.WITHDRAW, by, message=f"撤案：{reason}", decision=Action.WITHDRAW,
                   decision_text=reason, decided_at=timezone.now())
    notify(proposer_users(p) + role_users(p.cppcc_id, Role.PROPOSAL_STAFF), f"提案已撤案：{p.title}", reason,
           p.get_absolute_url(), by=by, cppcc=p.cppcc_id)
    return p
