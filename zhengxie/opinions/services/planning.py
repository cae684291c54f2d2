"""策划: 重点选题 per period and 约稿 orders to named members or informants, tracked to delivery."""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction

from zhengxie.accounts.models import User
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import DENIED, recorded_write

from .. import permissions
from ..models import Commission, Topic
from ._common import notify, today


def topic_create(*, by, period_label: str, start_date: dt.date, end_date: dt.date, title: str,
                 description: str = "") -> Topic:
    title, period_label = (title or "").strip(), (period_label or "").strip()
    if not title:
        raise ApplicationError("请填写选题。", field="title")
    if not period_label:
        raise ApplicationError("请填写期间，如“2023年第二季度”。", field="period_label")
    if start_date is None or end_date is None or end_date < start_date:
        raise ApplicationError("请填写正确的开始和结束日期。", field="start_date")
    with recorded_write(by=by, action="opinion.topic_create", allowed=permissions.can_manage(by),
                        message=f"发布重点选题：{title}") as w:
        w.obj = Topic.objects.create(cppcc_id=by.cppcc_id, period_label=period_label, start_date=start_date,
                                     end_date=end_date, title=title, description=description, created_by=by)
    return w.obj


@transaction.atomic
def commission_create(*, by, title: str, assignee_ids, due_date: dt.date, brief: str = "",
                      topic: Topic | None = None) -> list[Commission]:
    """订单式约稿: one order per named person; each gets a to-do with the due date and a notification."""
    if not permissions.can_manage(by):
        raise PermissionDenied(DENIED)
    title = (title or "").strip()
    if not title:
        raise ApplicationError("请填写约稿题目。", field="title")
    if due_date is None or due_date < today():
        raise ApplicationError("交稿期限不能早于今天。", field="due_date")
    ids = list(dict.fromkeys(int(i) for i in assignee_ids))
    users = list(User.objects.filter(pk__in=ids, cppcc_id=by.cppcc_id, is_active=True))
    if not ids or len(users) != len(ids):
        raise ApplicationError("请选择本政协的约稿对象（委员或特邀信息员）。", field="assignees")
    if topic is not None and topic.cppcc_id != by.cppcc_id:
        raise PermissionDenied(DENIED)
    out = []
    for user in users:
        with recorded_write(by=by, action="opinion.commission_create", message=f"约稿：{title}（{user.name}）") as w:
            w.obj = Commission.objects.create(cppcc_id=by.cppcc_id, topic=topic, title=title, brief=brief, assignee=user,
                                              due_date=due_date, created_by=by)
        out.append(w.obj)
        notify([user], f"约稿：{title}", f"请于{due_date:%Y年%-m月%-d日}前报送。{brief}"[:300], "/opinions/commissions/",
               by=by, cppcc=by.cppcc_id)
    return out


def commission_cancel(*, commission: Commission, by, reason: str = "") -> Commission:
    with recorded_write(by=by, action="opinion.commission_cancel", obj=commission,
                        allowed=permissions.can_manage(by) and commission.cppcc_id == by.cppcc_id,
                        message="撤销约稿" + (f"：{reason}" if reason else "")) as w:
        c = w.lock()
        if c.state != Commission.State.OPEN:
            raise ApplicationError(f"约稿{c.get_state_display()}，不能撤销。")
        c.state = Commission.State.CANCELLED
        c.save()
    return c
