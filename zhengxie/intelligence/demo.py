"""Demo data of the text intelligence for the 长治 city 政协 (called by `manage.py seed_demo`).

* stores the text vectors of every demo proposal (the proposals demo writes them in bulk, without signals), so
  similar proposals, the detail panels and the 并案 groups work from the first request;
* trains the routing model of each demo 政协 from its own assigned proposals (labels = the taxonomy categories of
  the units, `unit_categories`), so 交办 suggestions are boosted by the routed category.
The demo handling units already carry duty texts (`zhengxie/core/demo/data.py`, all mapped in `unit_categories`).
The demo's recombined proposal texts make same-topic proposals similar, so 并案 groups appear in both 会议 (and
among the proposals waiting for review of the current one).
* one showcase proposal of the `standing_member` login, driven through the proposals services to 督办审核, whose
  reply (市教育局) is thin and formulaic, so the `supervising_office` login sees the reply quality hints.
Idempotent: a second run changes nothing.
"""
from __future__ import annotations

import random
from collections import Counter

from zhengxie.core.models import Cppcc

from . import routing_model
from .index import backfill

HINTS_TITLE = "关于完善中小学生心理危机早期识别和干预机制的建议"
HINTS_TEXT = dict(
    title=HINTS_TITLE,
    situation="近年来我市中小学生焦虑、抑郁等心理问题检出率上升，部分学校没有专职心理健康教师，心理辅导室使用率不高，"
              "家校之间缺少及时发现和干预的机制。",
    analysis="心理健康教育师资不足，专职教师编制紧张；课程多为讲座形式，缺少系统的筛查、转介和跟踪服务。",
    suggestions="一是按师生比配齐专职心理健康教师，纳入教师招聘计划；二是每学期开展一次学生心理健康筛查，建立档案和转介机制；"
                "三是建立学校、家庭、医疗机构协同干预机制，开通心理援助热线。",
)
HINTS_REPLY = ("尊敬的委员：您提出的《关于完善中小学生心理危机早期识别和干预机制的建议》收悉。感谢您对全市教育工作的关心和支持！"
               "我局高度重视，已转相关科室研究办理。特此答复。")


def _hints_showcase(city) -> int:
    """A proposal waiting for 督办审核 whose reply is thin (shows the reply quality hints); 0 if already there."""
    from zhengxie.accounts.models import Organisation, User
    from zhengxie.members.models import Meeting
    from zhengxie.proposals import services
    from zhengxie.proposals.models import Assignment, Category, Proposal, ReviewMeeting

    if Proposal.objects.filter(cppcc=city, title=HINTS_TITLE).exists():
        return 0
    users = {u.username: u for u in User.objects.filter(username__in=["standing_member", "proposal_staff", "handling_unit"])}
    unit = Organisation.objects.filter(cppcc=city, kind=Organisation.Kind.HANDLING_UNIT, name="市教育局").first()
    meeting = Meeting.objects.filter(cppcc=city, kind=Meeting.Kind.PLENARY).order_by("-start_date").first()
    review = ReviewMeeting.objects.filter(cppcc=city, meeting=meeting).order_by("-date", "-id").first()
    category = Category.objects.filter(cppcc=city, code="society").first() or Category.objects.filter(cppcc=city).first()
    if len(users) < 3 or unit is None or meeting is None or review is None:
        return 0
    member, staff, edu = users["standing_member"], users["proposal_staff"], users["handling_unit"]
    p = services.proposal_create(by=member, proposer_type="individual", meeting=meeting, category=category,
                                 suggested_unit_ids=[unit.pk], consent_to_sqmy=True, **HINTS_TEXT)
    p = services.proposal_submit(proposal=p, by=member)
    p = services.proposal_pre_review(proposal=p, by=staff)
    p = services.proposal_decide(proposal=p, decision="file", by=staff, review=review)
    p = services.proposal_assign(proposal=p, by=staff, plan=[(unit.pk, Assignment.Role.SOLE)])
    p = services.assignment_accept(proposal=p, by=edu)
    services.reply_save(proposal=p, by=edu, body=HINTS_REPLY, proposed_class="B", salutation=f"尊敬的{p.lead_member.name}委员",
                        signer="王建平", signer_level="deputy", contact_person="李静", contact_phone="0355-2186512",
                        cc="市政协提案委员会；市政府督查室")
    services.reply_sign(proposal=p, by=edu)
    services.reply_submit(proposal=p, by=edu)
    return 1


def seed(city, rng: random.Random) -> Counter:
    created: Counter = Counter()
    created["答复质量提示演示提案"] += _hints_showcase(city)
    for cppcc in [city, *Cppcc.objects.filter(parent=city)]:
        created["提案文本向量"] += backfill(cppcc.pk)
        if routing_model.model_path(cppcc.pk).exists():
            continue
        try:
            routing_model.train(cppcc.pk)  # the 政协's own proposals only; no outside data in the demo
        except ValueError:
            continue  # a county without 交办 records yet
        created["提案分类模型"] += 1
    return created
