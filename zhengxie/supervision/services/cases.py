"""并案集中督办: one 重点提案 with similar ordinary proposals (suggested by the system, confirmed by 提案委),
one plan with milestones, a per-proposal outcome, tracked together."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import DENIED, recorded_write
from zhengxie.proposals.models import Proposal
from zhengxie.proposals.workflow import FILED_STATES

from .. import permissions
from ..models import CaseMember, Milestone, SupervisionCase
from ._common import date, proposal_event, proposal_label, text


def _units(cppcc_id: int, units) -> list[Organisation]:
    out = []
    for u in units or ():
        if not isinstance(u, Organisation):
            u = Organisation.objects.filter(pk=int(u), cppcc_id=cppcc_id).first()
        if u is None or u.cppcc_id != cppcc_id or u.kind != Organisation.Kind.HANDLING_UNIT:
            raise ApplicationError("牵头单位须是本政协的承办单位。", field="lead_units")
        out.append(u)
    return out


def case_create(*, lead: Proposal, by, title: str = "", plan: str = "", lead_units=(), milestones=()) -> SupervisionCase:
    if not permissions.is_staff(by, lead):
        raise PermissionDenied(DENIED)
    if not lead.is_key:
        raise ApplicationError(f"提案{proposal_label(lead)}不是重点提案：并案集中督办须以一件重点提案为主。", field="lead")
    if lead.status not in FILED_STATES or lead.merged_into_id:
        raise ApplicationError("只有已立案的重点提案才能开展并案集中督办。", field="lead")
    if SupervisionCase.objects.filter(lead=lead).exists():
        raise ApplicationError(f"重点提案{proposal_label(lead)}已有并案集中督办，请在原督办中增加提案。", field="lead")
    if CaseMember.objects.filter(proposal=lead).exists():
        raise ApplicationError("该提案已作为普通提案纳入其他集中督办。", field="lead")
    title = text(title or f"{lead.title}（并案集中督办）", "督办主题", field="title", max_len=120)
    units = _units(lead.cppcc_id, lead_units)
    steps = [(text(m.get("title"), "节点名称", field="milestones", max_len=120), date(m.get("due_date"), "节点计划完成日期",
                                                                                      field="milestones"))
             for m in milestones if (m.get("title") or "").strip()]
    with recorded_write(by=by, action="supervision.case_create", message=f"建立并案集中督办：{title}") as w:
        try:
            with transaction.atomic():
                c = SupervisionCase.objects.create(cppcc_id=lead.cppcc_id, meeting_id=lead.meeting_id, lead=lead, title=title,
                                                   plan=(plan or "").strip(), created_by=by)
        except IntegrityError:
            raise ApplicationError("该重点提案已有并案集中督办。", field="lead") from None
        c.lead_units.set(units)
        for t, d in steps:
            Milestone.objects.create(case=c, title=t, due_date=d)
        w.obj = c
        proposal_event(lead, by=by, verb="supervision.case_create", message=f"作为重点提案开展并案集中督办：{title}",
                       data={"case": c.pk})
    return w.obj


def case_update(*, case: SupervisionCase, by, title: str, plan: str, lead_units=None) -> SupervisionCase:
    if not permissions.is_staff(by, case):
        raise PermissionDenied(DENIED)
    title = text(title, "督办主题", field="title", max_len=120)
    units = _units(case.cppcc_id, lead_units) if lead_units is not None else None
    with recorded_write(by=by, action="supervision.case_update", obj=case, message="修改督办方案") as w:
        c = w.lock()
        c.title, c.plan = title, (plan or "").strip()
        c.save()
        if units is not None:
            c.lead_units.set(units)
    return w.obj


def _check_member(c: SupervisionCase, p: Proposal) -> None:
    if p.cppcc_id != c.cppcc_id:
        raise PermissionDenied(DENIED)
    if p.pk == c.lead_id:
        raise ApplicationError("重点提案本身是集中督办的主案，不需再加入。", field="proposal")
    if p.meeting_id != c.meeting_id:
        raise ApplicationError(f"提案{proposal_label(p)}不属于{c.meeting.name}，不能纳入本次集中督办。", field="proposal")
    if p.status not in FILED_STATES or p.merged_into_id:
        raise ApplicationError(f"只有已立案的提案才能纳入集中督办；提案{proposal_label(p)}当前为「{p.get_status_display()}」。",
                               field="proposal")
    if p.is_key:
        raise ApplicationError(f"提案{proposal_label(p)}本身是重点提案，应单独督办或作为另一集中督办的主案。", field="proposal")
    other = CaseMember.objects.filter(proposal=p).select_related("case").first()
    if other is not None:
        raise ApplicationError(f"提案{proposal_label(p)}已纳入集中督办「{other.case.title}」。", field="proposal")


def case_add_member(*, case: SupervisionCase, proposal: Proposal, by, score: float | None = None) -> CaseMember:
    """提案委 confirms one ordinary proposal into the case (usually a system suggestion)."""
    if not permissions.is_staff(by, case):
        raise PermissionDenied(DENIED)
    _check_member(case, proposal)
    with recorded_write(by=by, action="supervision.case_add", obj=case,
                        message=f"纳入集中督办：{proposal_label(proposal)}") as w:
        c = w.lock()
        if c.state != SupervisionCase.State.ACTIVE:
            raise ApplicationError("该集中督办已办结，不能再增加提案。")
        try:
            with transaction.atomic():
                m = CaseMember.objects.create(case=c, proposal=proposal, score=score, added_by=by)
        except IntegrityError:
            raise ApplicationError(f"提案{proposal_label(proposal)}已纳入集中督办。", field="proposal") from None
        proposal_event(proposal, by=by, verb="supervision.case_add",
                       message=f"与重点提案{proposal_label(c.lead)}一同纳入并案集中督办「{c.title}」", data={"case": c.pk})
        proposal_event(c.lead, by=by, verb="supervision.case_add",
                       message=f"集中督办增加同类提案{proposal_label(proposal)}", data={"case": c.pk})
    return m


def case_remove_member(*, member: CaseMember, by, reason: str = "") -> None:
    c = member.case
    if not permissions.is_staff(by, c):
        raise PermissionDenied(DENIED)
    with recorded_write(by=by, action="supervision.case_remove", obj=c,
                        message=f"移出集中督办：{proposal_label(member.proposal)}") as w:
        c = w.lock()
        if c.state != SupervisionCase.State.ACTIVE:
            raise ApplicationError("该集中督办已办结，不能再调整提案。")
        p = member.proposal
        member.delete()
        proposal_event(p, by=by, verb="supervision.case_remove",
                       message=f"移出并案集中督办「{c.title}」{('：' + reason.strip()) if reason.strip() else ''}")


def member_set_outcome(*, member: CaseMember, by, outcome_state: str, outcome: str) -> CaseMember:
    if not permissions.is_staff(by, member.case):
        raise PermissionDenied(DENIED)
    if outcome_state not in CaseMember.Outcome.values:
        raise ApplicationError("请选择办理成效。", field="outcome_state")
    outcome = (outcome or "").strip()
    if outcome_state != CaseMember.Outcome.PENDING and not outcome:
        raise ApplicationError("请简要说明办理成效。", field="outcome")
    label = CaseMember.Outcome(outcome_state).label
    with recorded_write(by=by, action="supervision.case_outcome", obj=member,
                        message=f"集中督办成效：{label}") as w:
        m = w.lock()
        m.outcome_state, m.outcome = outcome_state, outcome
        m.save()
        proposal_event(m.proposal, by=by, verb="supervision.case_outcome",
                       message=f"集中督办办理成效：{label}{('：' + outcome[:150]) if outcome else ''}")
    return w.obj


def milestone_add(*, case: SupervisionCase, by, title: str, due_date) -> Milestone:
    if not permissions.is_staff(by, case):
        raise PermissionDenied(DENIED)
    t = text(title, "节点名称", field="title", max_len=120)
    d = date(due_date, "计划完成日期", field="due_date")
    with recorded_write(by=by, action="supervision.milestone_add", obj=case, message=f"增加督办节点：{t}"):
        return Milestone.objects.create(case=case, title=t, due_date=d)


def milestone_done(*, milestone: Milestone, by, done: bool = True, on=None) -> Milestone:
    c = milestone.case
    if not permissions.is_staff(by, c):
        raise PermissionDenied(DENIED)
    with recorded_write(by=by, action="supervision.milestone_done", obj=c,
                        message=f"督办节点「{milestone.title}」{'已完成' if done else '改为未完成'}"):
        m = Milestone.objects.select_for_update().get(pk=milestone.pk)
        m.done_at = (date(on, "完成日期", field="done_at", required=False) or timezone.localdate()) if done else None
        m.save(update_fields=["done_at"])
        proposal_event(c.lead, by=by, verb="supervision.milestone", message=f"集中督办节点「{m.title}」{'已完成' if done else '改为未完成'}")
    return m


def case_close(*, case: SupervisionCase, by, summary: str) -> SupervisionCase:
    if not permissions.is_staff(by, case):
        raise PermissionDenied(DENIED)
    summary = text(summary, "办结总结", field="summary")
    with recorded_write(by=by, action="supervision.case_close", obj=case, message="集中督办办结") as w:
        c = w.lock()
        if c.state != SupervisionCase.State.ACTIVE:
            raise ApplicationError("该集中督办已办结。")
        pending = c.members.filter(outcome_state=CaseMember.Outcome.PENDING).count()
        if pending:
            raise ApplicationError(f"还有{pending}件提案未登记办理成效，请登记后再办结。")
        c.state, c.summary, c.closed_at = SupervisionCase.State.CLOSED, summary, timezone.now()
        c.save()
        for p in [c.lead, *[m.proposal for m in c.members.select_related("proposal")]]:
            proposal_event(p, by=by, verb="supervision.case_close", message=f"并案集中督办「{c.title}」办结：{summary[:150]}")
    return w.obj


def case_reopen(*, case: SupervisionCase, by) -> SupervisionCase:
    if not permissions.is_staff(by, case):
        raise PermissionDenied(DENIED)
    with recorded_write(by=by, action="supervision.case_reopen", obj=case, message="集中督办重新打开") as w:
        c = w.lock()
        if c.state != SupervisionCase.State.CLOSED:
            raise ApplicationError("该集中督办尚未办结。")
        c.state, c.closed_at = SupervisionCase.State.ACTIVE, None
        c.save()
    return w.obj
