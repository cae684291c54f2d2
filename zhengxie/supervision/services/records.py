"""督办 records (领办, 领衔督办, 对口督办, 走访, 督办协商会, 现场督办 …) and their follow-up items."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import DENIED, recorded_write
from zhengxie.proposals.models import Proposal

from .. import permissions
from ..models import FollowUp, SupervisionCase, SupervisionRecord
from ..workflow import FollowUpAction, FollowUpState, next_followup_state
from ._common import date, notify, proposal_event, proposal_label, text

RECORD_FIELDS = ("form", "date", "place", "leaders", "members_text", "unit_people", "minutes")


def _clean(cppcc_id: int, data: dict) -> dict:
    forms = config.get("supervision.forms", cppcc=cppcc_id)
    form = (data.get("form") or "").strip()
    if form not in forms:
        raise ApplicationError(f"请选择督办形式（{'、'.join(forms)}）。", field="form")
    day = date(data.get("date"), "督办日期", field="date")
    if day > timezone.localdate():
        raise ApplicationError("督办日期不能晚于今天：请在督办活动举行后登记。", field="date")
    return {"form": form, "date": day, "place": text(data.get("place"), "地点", field="place", required=False, max_len=120),
            "leaders": (data.get("leaders") or "").strip(), "members_text": (data.get("members_text") or "").strip(),
            "unit_people": (data.get("unit_people") or "").strip(),
            "minutes": text(data.get("minutes"), "督办情况（纪要）", field="minutes")}


def _followup_clean(cppcc_id: int, f: dict) -> dict:
    unit = f.get("owner_unit")
    if isinstance(unit, int | str) and str(unit).isdigit():
        unit = Organisation.objects.filter(pk=int(unit), cppcc_id=cppcc_id).first()
    if unit is None or unit.cppcc_id != cppcc_id:
        raise ApplicationError("请为跟进事项选择本政协的责任单位。", field="owner_unit")
    return {"content": text(f.get("content"), "跟进事项内容", field="content"), "owner_unit": unit,
            "due_date": date(f.get("due_date"), "跟进事项完成时限", field="due_date")}


def record_create(*, proposal: Proposal, by, followups=(), participants=(), case: SupervisionCase | None = None,
                  **data) -> SupervisionRecord:
    if not permissions.can_record(by, proposal):
        if permissions.same_cppcc(by, proposal) and permissions.can_record_any(by):
            raise ApplicationError(f"提案{proposal_label(proposal)}尚未立案或您不是该提案的督办领导，不能登记督办记录。")
        raise PermissionDenied(DENIED)
    fields = _clean(proposal.cppcc_id, data)
    items = [_followup_clean(proposal.cppcc_id, f) for f in followups if (f.get("content") or "").strip()]
    if case is not None and not (case.lead_id == proposal.pk or case.members.filter(proposal=proposal).exists()):
        raise ApplicationError("该提案不在所选的并案集中督办中。", field="case")
    people = [u for u in participants if u.cppcc_id == proposal.cppcc_id]
    with recorded_write(by=by, action="supervision.record", message=f"登记{fields['form']}督办记录") as w:
        r = SupervisionRecord.objects.create(cppcc_id=proposal.cppcc_id, proposal=proposal, case=case, created_by=by, **fields)
        r.participants.set(people)
        for f in items:
            FollowUp.objects.create(cppcc_id=proposal.cppcc_id, record=r, **f)
        w.obj = r
        extra = f"，跟进事项{len(items)}项" if items else ""
        proposal_event(proposal, by=by, verb="supervision.record",
                       message=f"督办：{fields['form']}（{fields['date']:%Y-%m-%d}{('，' + fields['place']) if fields['place'] else ''}）"
                               f"{('，参加领导：' + fields['leaders'][:60]) if fields['leaders'] else ''}{extra}", data={"record": r.pk})
    _notify_units(r, items, by)
    return r


def _notify_units(r: SupervisionRecord, items: list[dict], by) -> None:
    from zhengxie.proposals.services._common import unit_users

    unit_ids = {f["owner_unit"].pk for f in items}
    if unit_ids:
        users = unit_users(unit_ids)
        transaction.on_commit(lambda: notify(users, f"督办跟进事项：{r.proposal.title}",
                                             body=f"{r.form}（{r.date:%Y-%m-%d}）提出了须落实的事项，请按时限报送落实情况。",
                                             url=r.get_absolute_url(), by=by, cppcc=r.cppcc_id))


def record_update(*, record: SupervisionRecord, by, participants=None, **data) -> SupervisionRecord:
    if not permissions.can_edit_record(by, record):
        raise PermissionDenied(DENIED)
    fields = _clean(record.cppcc_id, {**{k: getattr(record, k) for k in RECORD_FIELDS}, **data})
    with recorded_write(by=by, action="supervision.record_update", obj=record, message="修改督办记录") as w:
        r = w.lock()
        for k, v in fields.items():
            setattr(r, k, v)
        r.save()
        if participants is not None:
            r.participants.set([u for u in participants if u.cppcc_id == r.cppcc_id])
        proposal_event(r.proposal, by=by, verb="supervision.record_update", message=f"修改{r.form}督办记录（{r.date:%Y-%m-%d}）")
    return w.obj


def followup_add(*, record: SupervisionRecord, by, content: str, owner_unit, due_date) -> FollowUp:
    if not permissions.can_edit_record(by, record):
        raise PermissionDenied(DENIED)
    f = _followup_clean(record.cppcc_id, {"content": content, "owner_unit": owner_unit, "due_date": due_date})
    with recorded_write(by=by, action="supervision.followup_add", message="增加督办跟进事项") as w:
        w.obj = FollowUp.objects.create(cppcc_id=record.cppcc_id, record=record, **f)
        proposal_event(record.proposal, by=by, verb="supervision.followup_add",
                       message=f"督办跟进事项：{f['content'][:100]}（{f['owner_unit'].name}，{f['due_date']:%Y-%m-%d}前）")
    _notify_units(record, [f], by)
    return w.obj


def followup_act(*, followup: FollowUp, action: str, by, note: str = "") -> FollowUp:
    """落实情况报送 (owner unit), 销号 / 退回继续落实 (提案委). The row is locked: no lost update."""
    label = FollowUpAction(action).label if action in FollowUpAction.values else action
    with recorded_write(by=by, action=f"supervision.followup_{action}", obj=followup, message=label) as w:
        f = w.lock()
        next_followup_state(f.state, action)
        if not permissions.can_followup(by, action, f):
            raise PermissionDenied(DENIED)
        note = (note or "").strip()
        if action == FollowUpAction.REPORT:
            f.note = text(note, "落实情况", field="note")
            f.reported_at = timezone.now()
        elif action == FollowUpAction.REOPEN:
            f.note = (f.note + f"\n【退回意见】{text(note, '退回意见', field='note')}").strip()
            f.closed_at = None
        elif action == FollowUpAction.CLOSE:
            if note:
                f.note = (f.note + f"\n【销号意见】{note}").strip()
            f.closed_at = timezone.now()
        f.state = next_followup_state(f.state, action)
        f.save()
        proposal_event(f.record.proposal, by=by, verb=f"supervision.followup_{action}",
                       message=f"督办跟进事项「{f.content[:60]}」：{label}{('：' + note[:120]) if note else ''}")
    if action == FollowUpAction.REPORT:
        from zhengxie.core.roles import Role
        from zhengxie.proposals.services._common import role_users

        staff = role_users(f.cppcc_id, Role.PROPOSAL_STAFF)
        transaction.on_commit(lambda: notify(staff, f"跟进事项已报落实情况：{f.content[:30]}", body=f.note[:200],
                                             url=f.get_absolute_url(), by=by, cppcc=f.cppcc_id))
    return w.obj


def is_overdue(f: FollowUp, today=None) -> bool:
    return f.state == FollowUpState.OPEN and f.due_date < (today or timezone.localdate())
