"""履职积分 demo data for the 长治 city 政协 (called by `manage.py seed_demo` after the 提案, 活动, 社情民意 and 评优
demos, so that every fact is there).

* 表彰 and 文史资料 of the review year (2023) for the 委员 login: 市级“优秀政协委员”, a 录用 稿件 and one not adopted.
* The ledgers of 2023 and of the current year, computed by the recompute service (the same as the 重新计算 button).
* Manual adjustments with their approver: one approved and one refused in 2023, one waiting for the leader now.
* 2023 signed off and frozen by the leader; the current year open.
* The 常委 login's 履职报告: 2023 submitted and archived, the current year a draft.

Idempotent: each part is skipped when its rows already exist.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.db import transaction
from django.utils import timezone

from zhengxie.accounts.models import User
from zhengxie.members.models import Member

from . import services
from .models import AnnualReport, Award, CultureContribution, ScoreAdjustment, ScoreEntry, YearFreeze

REVIEW_YEAR = 2023


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def seed(city, rng: random.Random) -> Counter:
    """Seed the city 政协's points ledger, adjustments, freeze and a 常委 report; a second run changes nothing."""
    created: Counter = Counter()
    staff, leader, admin = _user("committee_staff"), _user("leader"), _user("admin")
    member_user, standing_user = _user("member"), _user("standing_member")
    if not (staff and leader and member_user and standing_user):
        return created
    member = Member.objects.filter(user=member_user, cppcc=city).first()
    standing = Member.objects.filter(user=standing_user, cppcc=city).first()
    if member is None or standing is None:
        return created
    this_year = timezone.localdate().year
    with transaction.atomic():
        if not Award.objects.filter(cppcc=city).exists():
            services.award_record(member=member, by=staff, data={
                "title": "优秀政协委员", "level": "city", "awarded_on": dt.date(REVIEW_YEAR, 12, 26),
                "source_document": "长政协发〔2023〕45号"})
            services.award_record(member=standing, by=staff, data={
                "title": "社情民意信息工作先进个人", "level": "provincial", "awarded_on": dt.date(REVIEW_YEAR, 11, 20),
                "source_document": "晋政协办发〔2023〕18号"})
            created["委员表彰"] += 2
        if not CultureContribution.objects.filter(cppcc=city).exists():
            services.culture_record(member=member, by=staff, data={
                "title": "上党梆子的百年传承", "publication": "《长治文史资料》第三十辑", "adopted": "1",
                "adopted_on": dt.date(REVIEW_YEAR, 10, 18)})
            services.culture_record(member=member, by=staff, data={"title": "太行山区抗战时期的乡村教育", "year": this_year})
            created["文史资料稿件"] += 2
        if not ScoreEntry.objects.filter(cppcc=city).exists():
            for year in (REVIEW_YEAR, this_year):
                created["履职积分明细"] += services.score_recompute(cppcc=city, year=year, by=staff)
        if not ScoreAdjustment.objects.filter(cppcc=city).exists():
            ok = services.score_adjust(member=member, year=REVIEW_YEAR, points=5, by=staff,
                                       reason="参加市两会服务保障工作并撰写调研报告，经主席会议研究加分")
            services.score_adjustment_decide(adjustment=ok, approve=True, by=leader)
            no = services.score_adjust(member=standing, year=REVIEW_YEAR, points=8, by=staff,
                                       reason="参加县级政协组织的调研活动（非本级活动）")
            services.score_adjustment_decide(adjustment=no, approve=False, by=leader)
            services.score_adjust(member=standing, year=this_year, points=3, by=staff,
                                  reason="在《人民政协报》发表履职文章一篇")
            created["积分调整"] += 3
        if not YearFreeze.objects.filter(cppcc=city, year=REVIEW_YEAR, frozen=True).exists():
            services.year_freeze(cppcc=city, year=REVIEW_YEAR, by=leader or admin,
                                 note="2023年度履职积分经主席会议审议通过，签字确认")
            created["年度积分冻结"] += 1
        if not AnnualReport.objects.filter(member=standing).exists():
            done = services.annual_report_save(member=standing, year=REVIEW_YEAR, by=standing_user, submit=True, data={
                "achievements": "全年出席常委会议和全体会议，围绕太行山区生态保护开展专题调研3次，领衔提交提案2件，"
                                "其中1件列为重点提案；反映社情民意信息4篇，1篇被省政协采用。",
                "problems": "深入基层联系群众的次数还不够多，调研成果转化跟踪不够。",
                "suggestions": "建议市政协进一步完善委员联系界别群众制度，搭建更多委员履职平台。"})
            services.annual_report_archive(report=done, by=staff)
            services.annual_report_save(member=standing, year=this_year, by=standing_user, data={
                "achievements": "参加全体会议和常委会议，围绕县域经济发展开展调研，领衔提交提案。",
                "problems": "", "suggestions": ""})
            created["常委履职报告"] += 2
    return created
