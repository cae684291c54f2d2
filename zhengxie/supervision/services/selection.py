"""重点提案遴选: 征集推荐 → 初选名单 → 遴选协商会 → 报请审定 → 主席会议/常委会审定 → is_key + 督办领导."""
from __future__ import annotations

import math

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from zhengxie.accounts.models import Organisation, User
from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.core.writes import DENIED, recorded_write
from zhengxie.members.models import Meeting
from zhengxie.proposals.models import Proposal
from zhengxie.proposals.workflow import FILED_STATES

from .. import permissions
from ..conf import APPROVAL_BODIES
from ..models import KeyItem, KeyRecommendation, KeySelection
from ..workflow import (
    LEADER_STATES,
    OPEN_STATES,
    SELECT_STATES,
    SHORTLIST_STATES,
    Action,
    Status,
    next_status,
)
from ._common import date, notify, proposal_event, proposal_label, text


def selection_create(*, meeting: Meeting, by, title: str = "", recommend_until=None, notice: str = "") -> KeySelection:
    if not permissions.can_create_selection(by) or meeting.cppcc_id != by.cppcc_id:
        raise PermissionDenied(DENIED)
    if meeting.kind != Meeting.Kind.PLENARY:
        raise ApplicationError("重点提案按全体会议（提案号所属会议）遴选，请选择全体会议。", field="meeting")
    title = (title or "").strip() or f"{meeting.name}重点提案遴选"
    until = date(recommend_until, "推荐截止日期", field="recommend_until", required=False)
    with recorded_write(by=by, action="supervision.selection_create", message=f"启动重点提案遴选：{title}") as w:
        Meeting.objects.select_for_update().get(pk=meeting.pk)  # one open round per 会议, also under concurrency
        if KeySelection.objects.filter(meeting=meeting, status__in=OPEN_STATES).exists():
            raise ApplicationError(f"{meeting.name}已有一轮正在进行的重点提案遴选，请在该轮中继续办理。", field="meeting")
        w.obj = KeySelection.objects.create(cppcc_id=meeting.cppcc_id, meeting=meeting, title=text(title, "名称", field="title", max_len=120),
                                            recommend_until=until, notice=(notice or "").strip(), created_by=by)
    return w.obj


def _check_candidate(selection: KeySelection, proposal: Proposal) -> None:
    if proposal.cppcc_id != selection.cppcc_id:
        raise PermissionDenied(DENIED)
    if proposal.meeting_id != selection.meeting_id:
        raise ApplicationError(f"提案{proposal_label(proposal)}不属于{selection.meeting.name}，不能在本轮推荐。", field="proposal")
    if proposal.status not in FILED_STATES or proposal.merged_into_id:
        raise ApplicationError(f"只有已立案的提案才能推荐为重点提案；提案{proposal_label(proposal)}当前为"
                               f"「{proposal.get_status_display()}」。", field="proposal")


def _source_for(by, source: str | None, org: Organisation | None) -> tuple[str, Organisation | None]:
    options = permissions.recommender_sources(by)
    if not options:
        raise PermissionDenied("只有党派、团体、专委会、承办单位和提案委可以推荐重点提案。")
    for s, o in options:
        if (source in (None, "", s)) and (org is None or (o is not None and o.pk == org.pk)):
            return s, o
    raise ApplicationError("您不能以所选单位的名义推荐。", field="org")


def recommend(*, selection: KeySelection, proposal: Proposal, by, reason: str, source: str | None = None,
              org: Organisation | None = None) -> KeyRecommendation:
    """推荐 one filed proposal of the round's 会议 as a 重点提案 candidate, with a reason."""
    if not permissions.same_cppcc(by, selection):
        raise PermissionDenied(DENIED)
    source, org = _source_for(by, source, org)
    reason = text(reason, "推荐理由", field="reason", max_len=1000)
    _check_candidate(selection, proposal)
    who = org.name if org else "提案委"
    with recorded_write(by=by, action="supervision.recommend", obj=selection,
                        message=f"{who}推荐{proposal_label(proposal)}为重点提案候选") as w:
        s = w.lock()
        if s.status != Status.RECOMMENDING:
            raise ApplicationError(f"本轮遴选当前为「{s.get_status_display()}」，已不接受推荐。")
        item, _ = KeyItem.objects.get_or_create(selection=s, proposal=proposal)
        if KeyRecommendation.objects.filter(item=item, source=source, org=org).exists():
            raise ApplicationError(f"{who}已推荐过该提案。", field="proposal")
        try:
            with transaction.atomic():
                rec = KeyRecommendation.objects.create(item=item, source=source, org=org, by=by, reason=reason)
        except IntegrityError:
            raise ApplicationError(f"{who}已推荐过该提案。", field="proposal") from None
        w.data = {"proposal": proposal.pk, "source": source, "org": org.pk if org else None}
        proposal_event(proposal, by=by, verb="supervision.recommend",
                       message=f"{who}推荐为重点提案候选（{s.title}）：{reason[:120]}")
    return rec


def recommendation_withdraw(*, recommendation: KeyRecommendation, by) -> None:
    item = recommendation.item
    s = item.selection
    if not (recommendation.by_id == getattr(by, "pk", None) or permissions.is_staff(by, s)):
        raise PermissionDenied(DENIED)
    with recorded_write(by=by, action="supervision.recommend_withdraw", obj=s,
                        message=f"撤回对{proposal_label(item.proposal)}的推荐") as w:
        s = w.lock()
        if s.status != Status.RECOMMENDING:
            raise ApplicationError("征集推荐阶段已结束，不能撤回推荐。")
        recommendation.delete()
        if not item.recommendations.exists() and not item.shortlisted:
            item.delete()


def item_shortlist(*, item: KeyItem, by, on: bool = True) -> KeyItem:
    s = item.selection
    if not permissions.is_staff(by, s):
        raise PermissionDenied(DENIED)
    with recorded_write(by=by, action="supervision.shortlist", obj=s,
                        message=f"{'列入' if on else '移出'}初选名单：{proposal_label(item.proposal)}") as w:
        s = w.lock()
        if s.status not in SHORTLIST_STATES:
            raise ApplicationError(f"本轮遴选当前为「{s.get_status_display()}」，不能调整初选名单。")
        item = KeyItem.objects.select_for_update().get(pk=item.pk)
        item.shortlisted = on
        item.save(update_fields=["shortlisted"])
    return item


def staff_add_candidate(*, selection: KeySelection, proposal: Proposal, by, reason: str) -> KeyItem:
    """提案委 adds a candidate itself (source 提案委) and shortlists it in one step."""
    if not permissions.is_staff(by, selection):
        raise PermissionDenied(DENIED)
    rec = recommend(selection=selection, proposal=proposal, by=by, reason=reason,
                    source=KeyRecommendation.Source.STAFF)
    return item_shortlist(item=rec.item, by=by, on=True)


def item_select(*, item: KeyItem, by, on: bool = True, note: str = "") -> KeyItem:
    """After the 遴选协商会: mark the proposed final list (拟定为重点提案)."""
    s = item.selection
    if not permissions.is_staff(by, s):
        raise PermissionDenied(DENIED)
    with recorded_write(by=by, action="supervision.select", obj=s,
                        message=f"{'拟定' if on else '不再拟定'}为重点提案：{proposal_label(item.proposal)}") as w:
        s = w.lock()
        if s.status not in SELECT_STATES:
            raise ApplicationError("遴选协商会召开后、报请审定前才能确定拟定名单。")
        item = KeyItem.objects.select_for_update().get(pk=item.pk)
        item.selected = on
        if note:
            item.note = note.strip()[:200]
        item.save(update_fields=["selected", "note"])
    return item


def item_set_leader(*, item: KeyItem, by, form: str, leader: User | None = None, leader_name: str = "",
                    leader_title: str = "", committee: Organisation | None = None) -> KeyItem:
    """领办/领衔督办/对口督办 assignment of a selected proposal: a 领导 account or a free-text name and title."""
    s = item.selection
    if not permissions.is_staff(by, s):
        raise PermissionDenied(DENIED)
    forms = config.get("supervision.leader_forms", cppcc=s.cppcc_id)
    if form not in forms:
        raise ApplicationError(f"请选择督办方式（{'、'.join(forms)}）。", field="form")
    leader_name = (leader_name or "").strip()
    if leader is not None:
        from zhengxie.accounts.selectors import has_role

        if leader.cppcc_id != s.cppcc_id or not has_role(leader, Role.LEADER):
            raise ApplicationError("所选账号不是本政协的领导账号；也可以直接填写领导姓名和职务。", field="leader")
        leader_name = leader_name or leader.display_name
    if not leader_name and committee is None:
        raise ApplicationError("请选择督办领导，或填写领导姓名和职务（对口督办可只选择专委会）。", field="leader_name")
    if committee is not None and (committee.cppcc_id != s.cppcc_id or committee.kind != Organisation.Kind.COMMITTEE):
        raise ApplicationError("对口督办单位须是本政协的专门委员会。", field="committee")
    who = "、".join(x for x in (f"{leader_name}{('（' + leader_title.strip() + '）') if leader_title.strip() else ''}",
                               committee.name if committee else "") if x)
    with recorded_write(by=by, action="supervision.leader", obj=s,
                        message=f"{proposal_label(item.proposal)}：{form} {who}") as w:
        s = w.lock()
        if s.status not in LEADER_STATES:
            raise ApplicationError("遴选协商会召开后才能确定督办领导。")
        item = KeyItem.objects.select_for_update().get(pk=item.pk)
        if not item.selected:
            raise ApplicationError("请先将该提案拟定为重点提案，再确定督办领导。")
        item.leader, item.leader_name, item.leader_title = leader, leader_name, (leader_title or "").strip()[:80]
        item.leader_form, item.committee = form, committee
        item.save()
        if s.status == Status.APPROVED:
            proposal_event(item.proposal, by=by, verb="supervision.leader", message=f"重点提案督办领导调整为：{form} {who}")
    return item


def _limits(s: KeySelection, n: int) -> None:
    cap = int(config.get("supervision.key_max_count", cppcc=s.cppcc_id) or 0)
    if cap and n > cap:
        raise ApplicationError(f"拟定重点提案{n}件，超过每次会议{cap}件的上限（可在系统参数中调整）。")
    ratio = float(config.get("supervision.key_max_ratio", cppcc=s.cppcc_id) or 0)
    if ratio:
        filed = Proposal.objects.filter(meeting=s.meeting, status__in=FILED_STATES, merged_into__isnull=True).count()
        allowed = max(1, math.floor(filed * ratio / 100 + 1e-9))
        if n > allowed:
            raise ApplicationError(f"拟定重点提案{n}件，超过本次会议立案数{filed}件的{ratio:g}%（最多{allowed}件）。")


def _check(s: KeySelection, action: str, f: dict) -> dict:
    updates: dict = {}
    if action == Action.SHORTLIST and not s.items.filter(shortlisted=True).exists():
        raise ApplicationError("初选名单为空：请先将推荐的提案列入初选名单。")
    if action == Action.HOLD_MEETING:
        updates["meeting_date"] = date(f.get("meeting_date"), "遴选协商会日期", field="meeting_date")
        updates["meeting_participants"] = text(f.get("meeting_participants"), "参加单位和人员", field="meeting_participants")
        updates["meeting_minutes"] = text(f.get("meeting_minutes"), "会议纪要（协商意见）", field="meeting_minutes")
        for item in s.items.filter(shortlisted=True):  # the meeting starts from the shortlist
            item.selected = True
            item.save(update_fields=["selected"])
    if action == Action.SUBMIT:
        chosen = list(s.items.filter(selected=True).select_related("proposal"))
        if not chosen:
            raise ApplicationError("拟定名单为空：请至少拟定一件重点提案。")
        missing = [i for i in chosen if not (i.leader_name or i.committee_id) or not i.leader_form]
        if missing:
            raise ApplicationError(f"以下提案尚未确定督办领导和督办方式：{'；'.join(proposal_label(i.proposal) for i in missing[:5])}。")
        _limits(s, len(chosen))
        updates["approval_body"] = config.get("supervision.approval_body", cppcc=s.cppcc_id)
    if action == Action.APPROVE:
        updates["approval_meeting"] = text(f.get("approval_meeting"), "审定会议（如“十四届主席会议第12次会议”）",
                                           field="approval_meeting", max_len=120)
        updates["approval_date"] = date(f.get("approval_date"), "审定日期", field="approval_date")
        updates["approval_note"] = (f.get("approval_note") or "").strip()
    if action == Action.RETURN:
        updates["approval_note"] = text(f.get("approval_note"), "退回意见", field="approval_note")
    return updates


def selection_act(*, selection: KeySelection, action: str, by, **fields) -> KeySelection:
    """Move a round by `action`. Row lock first: two clerks pressing 审定 at once → one wins, one refusal."""
    label = Action(action).label if action in Action.values else action
    with recorded_write(by=by, action=f"supervision.{action}", obj=selection, message=label) as w:
        s = w.lock()
        next_status(s.status, action)  # refuses in Chinese when the round is no longer in a state for it
        if not permissions.can(by, action, s):
            raise PermissionDenied(DENIED)
        updates = _check(s, action, fields)
        new = next_status(s.status, action)
        w.data = {"from": s.status, "to": new}
        s.status = new
        for k, v in updates.items():
            setattr(s, k, v)
        if action == Action.APPROVE:
            s.approved_by = by
            body = APPROVAL_BODIES.get(s.approval_body, s.approval_body)
            w.message = f"{s.approval_meeting}（{body}）审定通过重点提案"
        s.save()
        if action == Action.APPROVE:
            _apply_key(s, by)
    return w.obj


def _apply_key(s: KeySelection, by) -> None:
    """Set is_key on every approved proposal: one locked write per proposal, in its timeline."""
    body = APPROVAL_BODIES.get(s.approval_body, s.approval_body)
    items = list(s.items.filter(selected=True).select_related("proposal", "leader", "committee"))
    for item in items:
        with recorded_write(by=by, action="proposal.key", obj=item.proposal,
                            message=f"确定为重点提案（{s.approval_meeting}，{body}审定）；{item.leader_form}："
                                    f"{item.leader_display or (item.committee.name if item.committee_id else '')}") as w:
            p = w.lock()
            if p.status not in FILED_STATES:
                raise ApplicationError(f"提案{proposal_label(p)}已不是立案状态，不能确定为重点提案。")
            p.is_key = True
            p.save(update_fields=["is_key", "updated_at"])
            w.data = {"selection": s.pk, "leader": item.leader_id, "form": item.leader_form}
    by_leader: dict[int, list[KeyItem]] = {}
    for i in items:
        if i.leader_id:
            by_leader.setdefault(i.leader_id, []).append(i)
    for mine in by_leader.values():
        _notify_leader(s, mine, by)


def _notify_leader(s: KeySelection, mine: list[KeyItem], by) -> None:
    leader, titles = mine[0].leader, "；".join(f"{i.leader_form}：{i.proposal.title}" for i in mine)
    transaction.on_commit(lambda: notify(
        [leader], f"请督办重点提案（{len(mine)}件）", body=f"{s.approval_meeting}审定了{s.meeting.name}重点提案，由您督办：{titles}",
        url="/proposals/supervision/key/?mine=1", by=by, cppcc=s.cppcc_id))


def key_unset(*, proposal: Proposal, by, reason: str) -> Proposal:
    """撤销重点提案 (a correction by 提案委), written in the proposal's timeline."""
    if not permissions.is_staff(by, proposal):
        raise PermissionDenied(DENIED)
    reason = text(reason, "撤销理由", field="reason")
    with recorded_write(by=by, action="proposal.key_unset", obj=proposal, message=f"撤销重点提案：{reason}") as w:
        p = w.lock()
        if not p.is_key:
            raise ApplicationError("该提案不是重点提案。")
        p.is_key = False
        p.save(update_fields=["is_key", "updated_at"])
    return w.obj


__all__ = ["selection_create", "recommend", "recommendation_withdraw", "item_shortlist", "staff_add_candidate", "item_select",
           "item_set_leader", "selection_act", "key_unset"]
