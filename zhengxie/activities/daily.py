"""Daily job: the 委员之家 quarterly rule (domain.md §6). From `activities.home_alert_days` (15) days before a
calendar quarter ends, a home that has held fewer than `activities.home_min_per_quarter` (1) activities in it is
reported to its lead member and to the 专委会 staff responsible (staff of the home's own organisation and of its
parent organisation). A reminder is sent once per home, quarter and recipient."""
from __future__ import annotations

import datetime as dt

from django.urls import reverse

from zhengxie.accounts.models import RoleAssignment
from zhengxie.core import config
from zhengxie.core.jobs import daily
from zhengxie.core.models import Cppcc
from zhengxie.core.roles import Role
from zhengxie.notifications.models import Notification

from . import selectors
from .models import MemberHome

KIND = "activity"


def _staff_ids(cppcc_id: int, org_ids: set[int], day: dt.date) -> list[int]:
    return list(RoleAssignment.objects.filter(RoleAssignment.valid_on(day), cppcc_id=cppcc_id, role=Role.COMMITTEE_STAFF,
                                              organisation_id__in=org_ids, user__is_active=True)
                .values_list("user_id", flat=True).distinct())


def home_quarter_alerts(today: dt.date) -> int:
    from zhengxie.notifications.services import notify

    year, quarter = selectors.quarter_of(today)
    _first, last = selectors.quarter_bounds(year, quarter)
    sent = 0
    for cppcc in Cppcc.objects.filter(pk__in=MemberHome.objects.values("cppcc_id")):
        days_left = (last - today).days
        if days_left > int(config.get("activities.home_alert_days", cppcc=cppcc, on=today)):
            continue
        for row in selectors.home_compliance(cppcc.pk, year, on=today):
            q = row["quarters"][quarter - 1]
            if q["count"] >= q["minimum"]:
                continue
            home = row["home"]
            users = set(_staff_ids(cppcc.pk, {home.organisation_id, home.organisation.parent_id} - {None}, today))
            if home.lead_member_id and home.lead_member.user_id:
                users.add(home.lead_member.user_id)
            title = f"委员之家季度活动提醒：{home.name}（{year}年第{quarter}季度）"
            url = reverse("activities:home_detail", args=[home.pk])
            done = set(Notification.objects.filter(cppcc=cppcc, kind=KIND, title=title).values_list("recipient_id", flat=True))
            fresh = sorted(users - done)
            if fresh:
                body = (f"本季度将于{last.month}月{last.day}日结束，{home.name}本季度已开展活动{q['count']}次，"
                        f"按规定每季度至少{q['minimum']}次，请尽快组织委员活动并在系统中登记。")
                notify(recipients=fresh, kind=KIND, title=title, body=body, url=url, cppcc=cppcc)
                sent += len(fresh)
    return sent


@daily("委员之家季度活动提醒")
def run(today: dt.date) -> str:
    return f"发送委员之家季度活动提醒 {home_quarter_alerts(today)} 条"
