"""All writes of 民主评议 and 评优 (explicit acting user `by=`, through `recorded_write`).

The vote of a round is a generic `votes.Vote` (one item per evaluated unit, electorate = the participants); closing
the round's vote closes and publishes that vote and freezes each unit's counts, 满意率 and rank.
"""
from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from zhengxie.accounts.models import Organisation, User
from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import recorded_write
from zhengxie.notifications.services import notify
from zhengxie.proposals.models import Proposal
from zhengxie.proposals.workflow import FILED_STATES
from zhengxie.votes import selectors as vote_selectors
from zhengxie.votes import services as vote_services

from . import permissions
from .models import Appraisal, AppraisalUnit, AwardRound, Nomination, Rectification
from .workflow import (
    Action,
    AwardAction,
    RectAction,
    Status,
    next_award_status,
    next_rect_state,
    next_status,
)


def _year(value) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        raise ApplicationError("请填写正确的年度，如 2025。", field="year") from None
    if not 2000 <= year <= 2100:
        raise ApplicationError("请填写正确的年度，如 2025。", field="year")
    return year


def _state_refusal(by, obj) -> bool:
    """Let a manager through when the action does not fit the state: `next_status` then refuses in Chinese
    (当前状态为「…」，不能执行「…」) instead of a bare permission error."""
    return obj.cppcc_id == getattr(by, "cppcc_id", None) and permissions.is_manager(by)


# 民主评议 ------------------------------------------------------------------------------------------------

def appraisal_create(*, by, year, title: str = "", meeting=None, meeting_date: dt.date | None = None,
                     meeting_place: str = "", meeting_note: str = "") -> Appraisal:
    year = _year(year)
    if not permissions.can_create(by):
        raise ApplicationError("只有提案委(办)工作人员和管理员可以组织民主评议。")
    if meeting is not None and meeting.cppcc_id != by.cppcc_id:
        raise ApplicationError("所选会议不属于本政协。", field="meeting")
    title = (title or "").strip() or f"{year}年度提案办理工作民主评议"
    with recorded_write(by=by, action="appraisal.create", allowed=True, message=f"组织民主评议「{title}」") as w:
        a = Appraisal.objects.create(cppcc_id=by.cppcc_id, year=year, title=title[:120], meeting=meeting,
                                     meeting_date=meeting_date, meeting_place=meeting_place or "",
                                     meeting_note=meeting_note or "", created_by=by)
        w.obj = a
    return a


def appraisal_update(*, by, appraisal: Appraisal, title: str | None = None, meeting_date=None, meeting_place=None,
                     meeting_note=None, meeting=None) -> Appraisal:
    with recorded_write(by=by, action="appraisal.update", obj=appraisal, allowed=permissions.can_manage(by, appraisal),
                        message="修改评议会信息") as w:
        a = w.lock()
        if a.status not in (Status.DRAFT, Status.VOTING, Status.RECTIFYING):
            raise ApplicationError("评议已进入回头看阶段，不能再修改评议会信息。")
        if title is not None and title.strip():
            a.title = title.strip()[:120]
        if meeting_date is not None:
            a.meeting_date = meeting_date
        if meeting_place is not None:
            a.meeting_place = meeting_place
        if meeting_note is not None:
            a.meeting_note = meeting_note
        if meeting is not None:
            a.meeting = meeting
        a.save()
    return a


def appraisal_set_units(*, by, appraisal: Appraisal, units: list[Organisation]) -> list[AppraisalUnit]:
    """Choose the 承办单位 to be evaluated (replaces the list; keeps report/opinion of units kept)."""
    with recorded_write(by=by, action="appraisal.units", obj=appraisal, allowed=permissions.can_manage(by, appraisal),
                        message="确定被评议单位") as w:
        a = w.lock()
        if a.status != Status.DRAFT:
            raise ApplicationError("评议投票开始后不能再调整被评议单位。")
        for u in units:
            if u.cppcc_id != a.cppcc_id or u.kind != Organisation.Kind.HANDLING_UNIT:
                raise ApplicationError(f"「{u.name}」不是本政协的承办单位。", field="units")
        wanted = [u.pk for u in units]
        a.units.exclude(unit_id__in=wanted).delete()
        existing = set(a.units.values_list("unit_id", flat=True))
        for i, uid in enumerate(wanted, start=1):
            if uid not in existing:
                AppraisalUnit.objects.create(appraisal=a, unit_id=uid, sort=i)
            else:
                a.units.filter(unit_id=uid).update(sort=i)
        w.data = {"units": [u.name for u in units]}
    return list(a.units.all())


def appraisal_unit_update(*, by, entry: AppraisalUnit, report: str | None = None, opinion: str | None = None) -> AppraisalUnit:
    a = entry.appraisal
    with recorded_write(by=by, action="appraisal.unit_update", obj=entry, allowed=permissions.can_manage(by, a),
                        message=f"记录{entry.unit.name}的汇报要点/评议意见", timeline=False) as w:
        e = w.lock()
        if a.status in (Status.CLOSED, Status.CANCELLED):
            raise ApplicationError("评议已完成，不能再修改。")
        if report is not None:
            e.report = report
        if opinion is not None:
            e.opinion = opinion
        e.save()
    return e


def appraisal_set_participants(*, by, appraisal: Appraisal, users) -> int:
    with recorded_write(by=by, action="appraisal.participants", obj=appraisal,
                        allowed=permissions.can_manage(by, appraisal), message="确定参加评议人员") as w:
        a = w.lock()
        if a.status != Status.DRAFT:
            raise ApplicationError("评议投票开始后不能再调整参加评议人员。")
        ids = {getattr(u, "pk", u) for u in users}
        found = list(User.objects.filter(pk__in=ids, cppcc_id=a.cppcc_id, is_active=True))
        if len(found) != len(ids):
            raise ApplicationError("参加评议人员须是本政协的有效账号。", field="participants")
        a.participants.set(found)
        w.data = {"participants": len(found)}
    return len(found)


def _start_vote(by, a: Appraisal) -> None:
    entries = list(a.units.select_related("unit").order_by("sort", "id"))
    if not entries:
        raise ApplicationError("请先确定被评议单位。")
    participants = list(a.participants.all())
    if not participants:
        raise ApplicationError("请先确定参加评议人员（常委、提案者和特邀人员）。")
    if a.meeting_date is None:
        raise ApplicationError("请先填写评议会日期。")
    vote = vote_services.vote_create(
        by=by, title=f"{a.title}测评表决", subject=a, electors=participants,
        description=f"对{len(entries)}个承办单位的提案办理工作进行满意度测评（无记名）。",
        items=[{"title": e.unit.name, "ref": e.unit} for e in entries])
    items = {i.title: i for i in vote.items.all()}
    for e in entries:
        e.vote_item = items[e.unit.name]
        e.save(update_fields=["vote_item"])
    a.vote = vote_services.vote_open(by=by, vote=vote)


def _close_vote(by, a: Appraisal) -> None:
    vote = vote_services.vote_close(by=by, vote=a.vote)
    vote = vote_services.vote_publish(by=by, vote=vote)
    res = vote_selectors.results(vote)
    by_item = {r.item.pk: r for r in res.items}
    for e in a.units.all():
        r = by_item.get(e.vote_item_id)
        if r is None:
            continue
        e.satisfied, e.basic, e.unsatisfied, e.abstain = r.satisfied, r.basic, r.count("unsatisfied"), r.count("abstain")
        e.valid, e.satisfaction_rate, e.rank = r.valid, r.satisfaction_rate, r.rank
        e.save()
    a.vote = vote
    a.results_at = timezone.now()


def appraisal_act(*, by, appraisal: Appraisal, action: str, review_date: dt.date | None = None,
                  review_findings: str = "") -> Appraisal:
    if action not in Action.values:
        raise ApplicationError("没有这个操作。")
    appraisal.refresh_from_db(fields=["status"])
    with recorded_write(by=by, action=f"appraisal.{action}", obj=appraisal,
                        allowed=permissions.can(by, action, appraisal) or _state_refusal(by, appraisal),
                        message=Action(action).label) as w:
        a = w.lock()
        new = next_status(a.status, action)
        if action == Action.START_VOTE:
            _start_vote(by, a)
        elif action == Action.CLOSE_VOTE:
            _close_vote(by, a)
            w.data = {"quorum_met": a.vote.quorum_met, "voted": a.vote.voted_count, "electorate": a.vote.electorate_size}
        elif action == Action.REVIEW:
            findings = (review_findings or a.review_findings or "").strip()
            day = review_date or a.review_date
            if not findings or day is None:
                raise ApplicationError("请填写回头看的日期和情况。", field="review_findings")
            a.review_date, a.review_findings = day, findings
        elif action == Action.CANCEL and a.vote_id:
            vote_services.vote_cancel(by=by, vote=a.vote)
        a.status = new
        a.save()
    if action == Action.CLOSE_VOTE:
        _notify_units(by, a, f"{a.title}结果已公布", "请查看本单位测评结果和整改要求。")
    return a


def _unit_users(unit_ids) -> list[int]:
    from zhengxie.accounts.models import RoleAssignment
    from zhengxie.core.roles import Role

    day = timezone.localdate()
    return list(RoleAssignment.objects.filter(RoleAssignment.valid_on(day), role=Role.HANDLING_UNIT,
                                              organisation_id__in=list(unit_ids)).values_list("user_id", flat=True))


def _notify_units(by, a: Appraisal, title: str, body: str, unit_ids=None) -> None:
    ids = unit_ids if unit_ids is not None else a.units.values_list("unit_id", flat=True)
    notify(recipients=_unit_users(ids), kind="appraisal", title=title, body=body,
           url=reverse("appraisals:detail", args=[a.pk]), by=by, cppcc=a.cppcc_id)


# 整改 ---------------------------------------------------------------------------------------------------

def rectification_add(*, by, entry: AppraisalUnit, text: str, due_date: dt.date | None = None) -> Rectification:
    a = entry.appraisal
    text = (text or "").strip()
    if not text:
        raise ApplicationError("请填写整改要求。", field="text")
    if due_date is None:
        base = a.meeting_date or timezone.localdate()
        due_date = base + dt.timedelta(days=int(config.get("appraisals.rectify_days", cppcc=a.cppcc_id)))
    with recorded_write(by=by, action="appraisal.rectification_add", obj=a,
                        allowed=permissions.can_add_rectification(by, a),
                        message=f"提出{entry.unit.name}整改事项") as w:
        r = Rectification.objects.create(cppcc_id=a.cppcc_id, entry=entry, text=text, due_date=due_date)
        w.data = {"unit": entry.unit.name, "due_date": due_date}
    _notify_units(by, a, f"整改事项：{text[:30]}", f"请于{due_date:%Y年%-m月%-d日}前完成并在平台反馈整改情况。",
                  unit_ids=[entry.unit_id])
    return r


def rectification_act(*, by, rectification: Rectification, action: str, text: str = "") -> Rectification:
    """反馈 (the unit; text = its feedback), 确认完成 or 退回 (staff; text = note)."""
    if action not in RectAction.values:
        raise ApplicationError("没有这个操作。")
    text = (text or "").strip()
    rectification.refresh_from_db(fields=["state"])
    with recorded_write(by=by, action=f"rectification.{action}", obj=rectification,
                        allowed=permissions.can_rect(by, action, rectification),
                        message=RectAction(action).label) as w:
        r = w.lock()
        r.state = next_rect_state(r.state, action)
        now = timezone.now()
        if action == RectAction.FEEDBACK:
            if len(text) < 10:
                raise ApplicationError("请具体说明整改措施和成效（不少于10个字）。", field="feedback")
            r.feedback, r.feedback_at, r.feedback_by = text, now, by
        elif action == RectAction.ACCEPT:
            r.done_at, r.staff_note = now, text
        else:
            if not text:
                raise ApplicationError("请说明退回的理由。", field="note")
            r.staff_note = text
        r.save()
    return r


# 评优 ---------------------------------------------------------------------------------------------------

def award_round_create(*, by, year) -> AwardRound:
    year = _year(year)
    if not permissions.can_create(by):
        raise ApplicationError("只有提案委(办)工作人员和管理员可以组织评优。")
    if AwardRound.objects.filter(cppcc_id=by.cppcc_id, year=year).exists():
        raise ApplicationError(f"{year}年度的评优已经建立。", field="year")
    with recorded_write(by=by, action="award.create", allowed=True, message=f"开始{year}年度评优") as w:
        try:
            with transaction.atomic():
                r = AwardRound.objects.create(cppcc_id=by.cppcc_id, year=year, created_by=by)
        except IntegrityError:
            raise ApplicationError(f"{year}年度的评优已经建立。", field="year") from None
        w.obj = r
    return r


def nominate(*, by, round: AwardRound, proposal: Proposal | None = None, unit: Organisation | None = None,
             reason: str = "", source: str = Nomination.Source.STAFF) -> Nomination:
    if (proposal is None) == (unit is None):
        raise ApplicationError("请选择一件提案或一个承办单位。")
    if source not in Nomination.Source.values:
        raise ApplicationError("推荐来源不正确。")
    round.refresh_from_db(fields=["status"])
    with recorded_write(by=by, action="award.nominate", obj=round, allowed=permissions.can_nominate(by, round),
                        message="推荐" + ("优秀提案" if proposal else "先进承办单位")) as w:
        r = w.lock()
        if proposal is not None:
            if proposal.cppcc_id != r.cppcc_id or proposal.status not in FILED_STATES:
                raise ApplicationError("只能推荐本政协已立案的提案。", field="proposal")
            if r.nominations.filter(proposal=proposal).exists():
                raise ApplicationError("这件提案已经在推荐名单中。", field="proposal")
            n = Nomination.objects.create(round=r, kind=Nomination.Kind.PROPOSAL, proposal=proposal, source=source,
                                          reason=reason[:300], created_by=by)
            w.data = {"proposal": proposal.pk}
        else:
            if unit.cppcc_id != r.cppcc_id or unit.kind != Organisation.Kind.HANDLING_UNIT:
                raise ApplicationError("只能推荐本政协的承办单位。", field="unit")
            if r.nominations.filter(unit=unit).exists():
                raise ApplicationError("这个承办单位已经在推荐名单中。", field="unit")
            n = Nomination.objects.create(round=r, kind=Nomination.Kind.UNIT, unit=unit, source=source,
                                          reason=reason[:300], created_by=by)
            w.data = {"unit": unit.name}
    if proposal is not None:
        with recorded_write(by=by, action="award.nominated", obj=proposal, allowed=True, timeline=True,
                            message=f"被推荐为{r.year}年度优秀提案候选"):
            pass
    return n


def nomination_remove(*, by, nomination: Nomination) -> None:
    r = AwardRound.objects.get(pk=nomination.round_id)
    with recorded_write(by=by, action="award.nomination_remove", obj=r, allowed=permissions.can_nominate(by, r),
                        message=f"撤回推荐：{nomination.target_name}"):
        nomination.delete()


def nomination_judge(*, by, nomination: Nomination, selected: bool, note: str = "") -> Nomination:
    r = AwardRound.objects.get(pk=nomination.round_id)
    with recorded_write(by=by, action="award.judge", obj=nomination, allowed=permissions.can_judge(by, r),
                        message=("入选：" if selected else "未入选：") + nomination.target_name, timeline=False) as w:
        n = w.lock()
        n.state = Nomination.State.SELECTED if selected else Nomination.State.DROPPED
        n.note = (note or "")[:300]
        n.save()
    return n


def award_act(*, by, round: AwardRound, action: str, approved_on: dt.date | None = None, doc_number: str = "") -> AwardRound:
    if action not in AwardAction.values:
        raise ApplicationError("没有这个操作。")
    round.refresh_from_db(fields=["status"])
    with recorded_write(by=by, action=f"award.{action}", obj=round,
                        allowed=permissions.can_award(by, action, round) or _state_refusal(by, round),
                        message=AwardAction(action).label) as w:
        r = w.lock()
        r.status = next_award_status(r.status, action)
        if action == AwardAction.APPROVE:
            if r.nominations.filter(state=Nomination.State.NOMINATED).exists():
                raise ApplicationError("还有推荐对象尚未评审（入选或未入选），请先评审完毕。")
            if not r.nominations.filter(state=Nomination.State.SELECTED).exists():
                raise ApplicationError("名单为空：请至少确定一项入选。")
            r.approved_on = approved_on or timezone.localdate()
            r.doc_number = (doc_number or "").strip()[:60]
            r.approval_body = config.get("appraisals.award_approver", cppcc=r.cppcc_id, on=r.approved_on)
        elif action == AwardAction.REOPEN:
            r.nominations.update(state=Nomination.State.NOMINATED)
        r.save()
    if action == AwardAction.APPROVE:
        for n in r.nominations.filter(kind=Nomination.Kind.PROPOSAL, state=Nomination.State.SELECTED).select_related("proposal"):
            with recorded_write(by=by, action="award.excellent", obj=n.proposal, allowed=True,
                                message=f"被评为{r.year}年度优秀提案（{r.approval_body}审定）"):
                pass
    return r


