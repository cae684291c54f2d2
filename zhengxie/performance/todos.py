"""To-dos: "三个一" reminder for a member missing a minimum duty this year; adjustments awaiting approval."""
from django.urls import reverse

from zhengxie.core import todos

from . import permissions, selectors


@todos.register
def duty_reminder(user) -> list[todos.TodoItem]:
    member = permissions.own_member(user)
    if member is None or member.cppcc_id != user.cppcc_id:
        return []
    year = selectors.today().year
    if not selectors.is_seated(member, year):
        return []
    missing = selectors.missing_duties(member, year)
    if not missing:
        return []
    return [todos.TodoItem(kind="performance.three_ones", module="履职积分",
                           title=f"“三个一”履职提醒：{year}年度尚未" + "、".join(missing),
                           url=reverse("performance:dossier", args=[member.pk]),
                           deadline=selectors.dt.date(year, 12, 31),
                           detail="每年至少参加一次全体会议、提交一件提案或社情民意、参加一次视察调研。")]


@todos.register
def adjustments_to_approve(user) -> list[todos.TodoItem]:
    n = selectors.adjustment_queue_for(user).count()
    if not n:
        return []
    return [todos.TodoItem(kind="performance.adjustments", module="履职积分", title=f"审批积分调整（{n}条）",
                           url=reverse("performance:standings") + "#adjustments")]


@todos.register
def reports_to_archive(user) -> list[todos.TodoItem]:
    return [todos.TodoItem(kind="performance.report_archive", module="履职积分", title=f"归档{r.member.name}{r.year}年度履职报告",
                           url=reverse("performance:report", args=[r.member_id, r.year]))
            for r in selectors.reports_to_archive(user)[:20]]
