"""Demo data of 表决（匿名投票） (idempotent).

* 常委 accounts for the standing members of the 长治 city 政协 who have none yet (``changwei01``…; they cannot log
  in — unusable password — and exist so that votes have a realistic electorate). Used by the 民主评议 demo too.
* An open vote for the demo ``member`` and ``standing_member`` logins: 《2026年度委员履职服务满意度测评》, three items,
  part of the electorate has voted (ballots cast through the services, so counts and participations match).
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.utils import timezone

from zhengxie.accounts.models import RoleAssignment, User
from zhengxie.core.roles import Role
from zhengxie.members.models import Member, Membership

from . import services
from .models import Vote

OPEN_TITLE = "2026年度委员履职服务满意度测评"
ITEMS = [("委员之家（委员工作室）建设和活动", "阵地建设、活动频次和群众参与"),
         ("委员履职培训", "年度培训的内容安排和实效"),
         ("委员联络服务", "知情明政、履职保障和联络服务")]


def standing_voters(city, created: Counter | None = None) -> list[User]:
    """One account per standing member of the city (in office) who has none; returns all their accounts, by name."""
    created = created if created is not None else Counter()
    seats = (Membership.objects.filter(cppcc=city, is_standing=True, end_date__isnull=True)
             .select_related("member", "member__user").order_by("member__pinyin_initials", "member_id"))
    users = []
    for n, seat in enumerate(seats, start=1):
        member = seat.member
        if member.user_id and not member.user.username.startswith("changwei"):
            continue  # a demo login (常委 standing_member, 领导) already belongs to this member
        username = f"changwei{n:02d}"
        user = member.user if member.user_id else User.objects.filter(username=username).first()
        if user is None:
            user = User(username=username, cppcc=city, display_name=member.name, phone=member.phone or "")
            user.set_unusable_password()
            user.save()
            created["常委账号(表决用)"] += 1
        _, made = RoleAssignment.objects.get_or_create(
            cppcc=city, user=user, role=Role.STANDING_MEMBER,
            defaults={"valid_from": seat.start_date, "note": "演示：常委账号，用于表决投票人名单"})
        if made:
            created["角色分配"] += 1
        if member.user_id is None and not Member.objects.filter(user=user).exists():
            member.user = user
            member.save(update_fields=["user"])
        users.append(user)
    return users


def seed(city, rng: random.Random | None = None) -> Counter:
    rng = rng or random.Random(0)
    created: Counter = Counter()
    voters = standing_voters(city, created)
    if Vote.objects.filter(cppcc=city, title=OPEN_TITLE).exists():
        return created
    staff = User.objects.filter(username="proposal_staff", cppcc=city).first()
    logins = list(User.objects.filter(username__in=["member", "standing_member"], cppcc=city))
    if staff is None or not logins or not voters:
        return created
    electorate = voters[:24] + logins
    v = services.vote_create(
        by=staff, title=OPEN_TITLE, items=[{"title": t, "note": n} for t, n in ITEMS], electors=electorate,
        description="请对市政协机关2026年度委员履职服务工作作出评价。投票为无记名，每人一次，结果将在常委会议上通报。",
        closes_at=timezone.now() + dt.timedelta(days=14))
    v = services.vote_open(by=staff, vote=v)
    created["表决"] += 1
    weights = [("satisfied", 6), ("basic", 3), ("unsatisfied", 1), ("abstain", 1)]
    codes = [c for c, w in weights for _ in range(w)]
    items = list(v.items.all())
    plan = [[rng.choice(codes) for _ in items] for _ in voters[:15]]
    for user, picks in zip(voters[:15], plan, strict=True):
        services.vote_cast(by=user, vote=v, choices={str(i.pk): c for i, c in zip(items, picks, strict=True)})
        created["选票"] += len(items)
    return created
