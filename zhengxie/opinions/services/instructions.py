"""Instructions (generic): a leader's 批示 on any record → 转办 to a unit → the unit's feedback.

Owning apps register who may record a 批示 on their records and who may see it:

    from zhengxie.opinions.services.instructions import register_rule
    register_rule(Opinion, can_record=lambda user, o: ..., can_view=lambda user, o: ...)

The author of the record sees the leader's level and the date; the text only where `text_visible`
(default from the parameter opinions.instruction_text_visible).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.models import Organisation, RoleAssignment
from zhengxie.accounts.selectors import has_role
from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.roles import STAFF_ROLES, Role
from zhengxie.core.writes import DENIED, recorded_write

from ..models import Instruction
from ._common import notify, today

Rule = Callable[[object, object], bool]
_rules: dict[type, tuple[Rule, Rule]] = {}


def register_rule(model_class: type, can_record: Rule, can_view: Rule) -> None:
    _rules[model_class] = (can_record, can_view)


def _rule(obj) -> tuple[Rule, Rule] | None:
    for cls in type(obj).__mro__:
        if cls in _rules:
            return _rules[cls]
    return None


def can_record(user, obj) -> bool:
    if getattr(user, "cppcc_id", None) != getattr(obj, "cppcc_id", None):
        return False
    rule = _rule(obj)
    return bool(rule[0](user, obj)) if rule else has_role(user, *STAFF_ROLES)


def can_view(user, obj) -> bool:
    if getattr(user, "cppcc_id", None) != getattr(obj, "cppcc_id", None):
        return False
    rule = _rule(obj)
    return bool(rule[1](user, obj)) if rule else has_role(user, *STAFF_ROLES)


def _verb(obj, what: str) -> str:
    return f"{obj._meta.model_name}.{what}"


def _mirror(obj, by, verb: str, message: str, data: dict) -> None:
    Event.objects.create(cppcc_id=obj.cppcc_id, content_type=ContentType.objects.get_for_model(obj._meta.model),
                         object_id=str(obj.pk), verb=verb, message=message[:500], actor=by, data=data)


@transaction.atomic
def instruction_record(*, target, by, leader_name: str, leader_level: str, date: dt.date, text: str = "",
                       text_visible: bool | None = None, source_document: str = "") -> Instruction:
    """Record a 批示 (件次) on `target`: refused where the owning app's rule refuses it (e.g. an item
    neither issued locally nor reported upward)."""
    model = type(target)
    target = model._default_manager.select_for_update().get(pk=target.pk)
    if not can_record(by, target):
        status = getattr(target, "status", None)
        if status is not None and getattr(by, "cppcc_id", None) == target.cppcc_id and has_role(
                by, Role.INFO_EDITOR, Role.LEADER):
            raise ApplicationError("该信息尚未编发或报送，不能登记领导批示。")
        raise PermissionDenied(DENIED)
    leader_name = (leader_name or "").strip()
    if not leader_name:
        raise ApplicationError("请填写批示领导。", field="leader_name")
    if leader_level not in Instruction.LeaderLevel.values:
        raise ApplicationError("请选择批示领导层级（中央、省部级、省直厅局级、市领导）。", field="leader_level")
    if date is None:
        raise ApplicationError("请填写批示日期。", field="date")
    if date > today():
        raise ApplicationError("批示日期不能晚于今天。", field="date")
    if text_visible is None:
        text_visible = bool(config.get("opinions.instruction_text_visible", cppcc=target.cppcc_id, on=date))
    level_label = Instruction.LeaderLevel(leader_level).label
    status = getattr(target, "status", None)
    with recorded_write(by=by, action=_verb(target, "instruct"), obj=target,
                        message=f"登记{level_label}{leader_name}批示（{date:%Y年%-m月%-d日}）") as w:
        ins = Instruction.objects.create(
            cppcc_id=target.cppcc_id, content_type=ContentType.objects.get_for_model(model), object_id=str(target.pk),
            leader_name=leader_name, leader_level=leader_level, date=date, text=(text or "").strip(),
            text_visible=text_visible, source_document=(source_document or "").strip()[:200], recorded_by=by)
        w.data = {"instruction": ins.pk, "level": leader_level}
        if status is not None:
            w.data.update({"from": status, "to": status})
    authors = _authors(target)
    notify(authors, f"{level_label}对您的信息作出批示：{target}", f"{date:%Y年%-m月%-d日}" + (f"：{ins.text}" if text_visible and ins.text else ""),
           _url(target), by=by, cppcc=target.cppcc_id)
    return ins


def _authors(target) -> list:
    fn = getattr(target, "author_ids", None)
    if fn is None:
        return []
    from zhengxie.accounts.models import User

    return list(User.objects.filter(pk__in=fn()))


def _url(target) -> str:
    return target.get_absolute_url() if hasattr(target, "get_absolute_url") else ""


def instruction_transfer(*, instruction: Instruction, unit: Organisation, by, note: str = "") -> Instruction:
    """转办: the office sends the 批示 to a unit for handling; the unit's accounts are told."""
    instruction = Instruction.objects.get(pk=instruction.pk)
    target = instruction.target
    allowed = target is not None and can_record(by, target) and has_role(by, Role.INFO_EDITOR)
    if unit is None or unit.cppcc_id != instruction.cppcc_id:
        raise ApplicationError("请选择本政协的承办单位。", field="unit")
    with recorded_write(by=by, action="instruction.transfer", obj=instruction, allowed=allowed,
                        message=f"批示转办{unit.name}") as w:
        ins = w.lock()
        if ins.state != Instruction.State.RECORDED:
            raise ApplicationError(f"该批示已{ins.get_state_display()}，不能再次转办。")
        ins.transferred_to, ins.transferred_at, ins.state = unit, timezone.now(), Instruction.State.TRANSFERRED
        ins.save()
        _mirror(target, by, _verb(target, "instruction_transfer"), f"{ins}转办{unit.name}" + (f"：{note}" if note else ""),
                {"instruction": ins.pk})
    users = [ra.user for ra in RoleAssignment.objects.filter(RoleAssignment.valid_on(today()), organisation=unit,
                                                             role=Role.HANDLING_UNIT).select_related("user")]
    notify(users, f"领导批示转办：{target}", f"{ins}。请办理并反馈。", _url(target), by=by, cppcc=ins.cppcc_id)
    return ins


def instruction_feedback(*, instruction: Instruction, by, text: str) -> Instruction:
    """The unit's 办理反馈; the office and the authors are told."""
    from ..permissions import can_feedback_instruction

    text = (text or "").strip()
    if not text:
        raise ApplicationError("请填写办理反馈。", field="feedback")
    instruction = Instruction.objects.get(pk=instruction.pk)  # the current 转办 unit decides who may answer
    with recorded_write(by=by, action="instruction.feedback", obj=instruction,
                        allowed=can_feedback_instruction(by, instruction), message="批示办理反馈") as w:
        ins = w.lock()
        if ins.state != Instruction.State.TRANSFERRED:
            raise ApplicationError("该批示不在待反馈状态。")
        ins.feedback, ins.feedback_at, ins.state = text, timezone.now(), Instruction.State.HANDLED
        ins.save()
        target = ins.target
        _mirror(target, by, _verb(target, "instruction_feedback"), f"{ins.transferred_to}反馈批示办理情况",
                {"instruction": ins.pk})
    from ._common import role_users

    notify(_authors(target) + role_users(ins.cppcc_id, Role.INFO_EDITOR), f"批示办理反馈：{target}", text[:200],
           _url(target), by=by, cppcc=ins.cppcc_id)
    return ins
