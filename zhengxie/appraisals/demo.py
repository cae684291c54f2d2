"""Demo data of 民主评议与评优 (idempotent; all through the services, then dates set back to when it happened).

* 2023年度提案办理工作民主评议 (the year of the annual review, whose proposals the demo holds fully handled): six
  承办单位 with the most 2023 assignments, reported at the 十四届常委会第九次会议 (2023-12-26); 45 常委 take part,
  41 vote (quorum 2/3 met); results, 评议意见, 整改 items, a 回头看 on 2024-04-16 — one item of 市教育局 still open
  (the demo ``handling_unit`` login has it to report on).
* 2023年度优秀提案和先进承办单位: 10 好提案 (A类答复、提案者满意, 重点 and collective proposals included) and 5 units,
  审定 by the 主席会议 on 2024-03-12.
* 2026年度提案办理工作民主评议 in progress: five units, the vote open; the demo ``member`` and ``standing_member`` logins
  are participants who have not voted yet.
"""
from __future__ import annotations

import datetime as dt
import random
from collections import Counter

from django.db.models import Count
from django.utils import timezone

from zhengxie.accounts.models import Organisation, User
from zhengxie.members.models import Meeting
from zhengxie.proposals.models import Assignment, Evaluation, Proposal
from zhengxie.votes import services as vote_services
from zhengxie.votes.demo import standing_voters
from zhengxie.votes.models import Vote

from . import services
from .models import Appraisal, AwardRound, Nomination, Rectification
from .workflow import Action, AwardAction, RectAction, RectState

PAST, CURRENT = 2023, 2026
OPINIONS = {
    "good": "提案办理工作领导重视、机制健全，面商沟通充分，答复规范，一批建议转化为政策措施，成效明显。",
    "mid": "办理工作总体规范，多数提案得到落实；个别答复针对性不强，与提案者沟通还需加强。",
    "weak": "部分答复以情况介绍代替办理结果，面商不够深入，B类提案跟踪落实不够及时。",
}
RECTIFY = {
    "good": ["将提案办理成果纳入部门年度工作台账，持续跟踪B类提案落实进度。"],
    "mid": ["对答复针对性不强的提案逐件回访提案者，补充办理措施。", "建立提案办理面商台账，实现面商全覆盖。"],
    "weak": ["对测评中反映问题集中的提案重新办理并登门面商。", "规范答复函格式，明确办理结果类别和落实时限。"],
}
FEEDBACK = "已按要求逐项整改：建立办理台账，分管领导牵头逐件回访提案者，补充完善办理措施，相关情况已书面报送提案委。"


def _when(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def _backdate(model, pks, when_by_verb: dict) -> None:
    """Set the timeline rows of records made today for a past event back to when it happened."""
    from django.contrib.contenttypes.models import ContentType

    from zhengxie.core.models import Event

    ct = ContentType.objects.get_for_model(model)
    for verb, when in when_by_verb.items():
        Event.objects.filter(content_type=ct, object_id__in=[str(pk) for pk in pks], verb=verb).update(at=when)


def _top_units(city, year: int, n: int) -> list[Organisation]:
    rows = (Assignment.objects.filter(cppcc=city, proposal__assigned_at__year=year)
            .exclude(state=Assignment.State.REMOVED).values("unit_id").annotate(n=Count("id")).order_by("-n", "unit_id"))
    ids = [r["unit_id"] for r in rows[:n]]
    units = {u.pk: u for u in Organisation.objects.filter(pk__in=ids)}
    return [units[i] for i in ids]


def _ballots(rng: random.Random, n_units: int, n_voters: int, bias: list[float]) -> list[list[str]]:
    out = []
    for _ in range(n_voters):
        row = []
        for u in range(n_units):
            x = rng.random()
            good = bias[u]
            row.append("satisfied" if x < good else "basic" if x < good + (1 - good) * 0.6
                       else "abstain" if x > 0.97 else "unsatisfied")
        out.append(row)
    return out


def _past_round(city, staff, unit_user, voters, rng, created: Counter) -> None:
    units = _top_units(city, PAST, 6)
    if len(units) < 6 or len(voters) < 45:
        return
    meeting = Meeting.objects.filter(cppcc=city, kind=Meeting.Kind.STANDING, start_date__year=PAST).order_by("-start_date").first()
    day = meeting.start_date if meeting else dt.date(PAST, 12, 26)
    a = services.appraisal_create(by=staff, year=PAST, meeting=meeting, meeting_date=day,
                                  meeting_place="市政协机关四楼常委会议室",
                                  meeting_note="会议听取6个承办单位关于2023年度提案办理工作情况的汇报，常委、提案者代表"
                                               "与承办单位负责人面对面交流，现场进行无记名满意度测评。")
    services.appraisal_set_units(by=staff, appraisal=a, units=units)
    services.appraisal_set_participants(by=staff, appraisal=a, users=voters[:45])
    a = services.appraisal_act(by=staff, appraisal=a, action=Action.START_VOTE)
    items = list(a.vote.items.all())
    bias = [0.86, 0.8, 0.74, 0.66, 0.6, 0.5]
    for user, row in zip(voters[:41], _ballots(rng, len(items), 41, bias), strict=True):
        vote_services.vote_cast(by=user, vote=a.vote, choices={str(i.pk): c for i, c in zip(items, row, strict=True)})
    created["选票"] += 41 * len(items)
    a = services.appraisal_act(by=staff, appraisal=a, action=Action.CLOSE_VOTE)
    entries = sorted(a.units.select_related("unit"), key=lambda e: e.rank or 99)
    rect_due = day + dt.timedelta(days=90)
    kept_open = None
    for e in entries:
        tier = "good" if e.rank <= 2 else "mid" if e.rank <= 4 else "weak"
        services.appraisal_unit_update(by=staff, entry=e, opinion=OPINIONS[tier],
                                       report=f"{e.unit.name}负责同志汇报了2023年度承办提案的办理情况和主要成效。")
        for text in RECTIFY[tier]:
            r = services.rectification_add(by=staff, entry=e, text=text, due_date=rect_due)
            created["整改事项"] += 1
            if e.unit_id == getattr(unit_user_org(unit_user), "pk", None) and kept_open is None:
                kept_open = r
                continue
            r = services.rectification_act(by=_unit_login(e.unit, unit_user, staff), rectification=r,
                                           action=RectAction.FEEDBACK, text=FEEDBACK)
            services.rectification_act(by=staff, rectification=r, action=RectAction.ACCEPT, text="经回头看核实，已完成。")
    review_day = dt.date(PAST + 1, 4, 16)
    services.appraisal_act(by=staff, appraisal=a, action=Action.REVIEW, review_date=review_day,
                           review_findings="提案委组织部分常委分组走访6个被评议单位，查阅办理台账、回访提案者。"
                                           "各单位整改措施基本落实，个别事项仍需持续推进，已督促限期完成。")
    Rectification.objects.filter(entry__appraisal=a, state=RectState.DONE).update(
        feedback_at=_when(day + dt.timedelta(days=80)), done_at=_when(review_day))
    if kept_open is not None:
        Rectification.objects.filter(pk=kept_open.pk).update(due_date=dt.date(CURRENT, 12, 31),
                                                             staff_note="回头看发现尚未全部完成，请继续整改并反馈。")
    Vote.objects.filter(pk=a.vote_id).update(opened_at=_when(day, 15), closed_at=_when(day, 16), published_at=_when(day, 17))
    _backdate(Appraisal, [a.pk], {"appraisal.create": _when(day - dt.timedelta(days=20)),
                                  "appraisal.units": _when(day - dt.timedelta(days=20), 11),
                                  "appraisal.participants": _when(day - dt.timedelta(days=7)),
                                  "appraisal.start_vote": _when(day, 15), "appraisal.close_vote": _when(day, 16),
                                  "appraisal.rectification_add": _when(day + dt.timedelta(days=3)),
                                  "appraisal.review": _when(review_day, 16)})
    _backdate(Vote, [a.vote_id], {"vote.create": _when(day, 14), "vote.open": _when(day, 15), "vote.close": _when(day, 16),
                                  "vote.publish": _when(day, 17)})
    _backdate(Rectification, list(Rectification.objects.filter(entry__appraisal=a).values_list("pk", flat=True)),
              {"rectification.feedback": _when(day + dt.timedelta(days=80)), "rectification.accept": _when(review_day, 15)})
    Appraisal.objects.filter(pk=a.pk).update(results_at=_when(day, 17))
    created["民主评议"] += 1


def unit_user_org(unit_user):
    if unit_user is None:
        return None
    from zhengxie.accounts.selectors import organisations_for_role
    from zhengxie.core.roles import Role

    orgs = organisations_for_role(unit_user, Role.HANDLING_UNIT, on=timezone.localdate())
    return orgs[0] if orgs else None


def _unit_login(unit, unit_user, staff):
    """The unit's liaison login when it has one (市教育局 → handling_unit), else a liaison account for the unit."""
    org = unit_user_org(unit_user)
    if org is not None and org.pk == unit.pk:
        return unit_user
    from zhengxie.accounts.models import RoleAssignment
    from zhengxie.core.roles import Role

    ra = RoleAssignment.objects.filter(role=Role.HANDLING_UNIT, organisation=unit).select_related("user").first()
    if ra is not None:
        return ra.user
    username = f"unit{unit.pk}"
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, cppcc_id=unit.cppcc_id, display_name=f"{unit.name}提案办理联络员")
        user.set_unusable_password()
        user.save()
    RoleAssignment.objects.get_or_create(cppcc_id=unit.cppcc_id, user=user, role=Role.HANDLING_UNIT, organisation=unit,
                                         defaults={"valid_from": dt.date(2022, 1, 1), "note": "演示：承办单位联络员"})
    return user


def _awards(city, staff, created: Counter) -> None:
    r = services.award_round_create(by=staff, year=PAST)
    pool = list(Proposal.objects.filter(cppcc=city, decided_at__year=PAST, result_class="A",
                                        evaluation_result=Evaluation.Rating.SATISFIED, number__isnull=False)
                .order_by("-is_key", "number"))
    collective = [p for p in pool if p.proposer_org_id and p.is_collective]
    chosen = (pool[:6] + [p for p in collective if p not in pool[:6]][:3])
    chosen += [p for p in pool if p not in chosen][: 10 - len(chosen)]
    for p in chosen[:10]:
        services.nominate(by=staff, round=r, proposal=p, source=Nomination.Source.EVALUATION,
                          reason=("重点提案，" if p.is_key else "") + "建议转化为政策措施，办理结果为已解决或采纳，提案者满意")
    extra = [p for p in pool if p not in chosen][:2]
    for p in extra:
        services.nominate(by=staff, round=r, proposal=p, reason="专委会推荐", source=Nomination.Source.ORG)
    for s in _suggested_units(r)[:6]:
        services.nominate(by=staff, round=r, unit=s["unit"], source=s["source"], reason=s["reason"])
    r = services.award_act(by=staff, round=r, action=AwardAction.START_REVIEW)
    units_selected = 0
    for n in r.nominations.order_by("kind", "id"):
        keep = (n.kind == Nomination.Kind.PROPOSAL and n.proposal not in extra) or (
            n.kind == Nomination.Kind.UNIT and units_selected < 5)
        if n.kind == Nomination.Kind.UNIT and keep:
            units_selected += 1
        services.nomination_judge(by=staff, nomination=n, selected=keep, note="" if keep else "评审未入选")
    approved = dt.date(PAST + 1, 3, 12)
    services.award_act(by=staff, round=r, action=AwardAction.APPROVE, approved_on=approved,
                       doc_number=f"长政协发〔{PAST + 1}〕8号")
    _backdate(AwardRound, [r.pk], {"award.create": _when(approved - dt.timedelta(days=40)),
                                   "award.nominate": _when(approved - dt.timedelta(days=30)),
                                   "award.start_review": _when(approved - dt.timedelta(days=14)),
                                   "award.approve": _when(approved, 11)})
    ids = [n.proposal_id for n in r.nominations.filter(kind=Nomination.Kind.PROPOSAL)]
    _backdate(Proposal, ids, {"award.nominated": _when(approved - dt.timedelta(days=30)), "award.excellent": _when(approved, 11)})
    created["评优名单"] += 1


def _suggested_units(r):
    from .selectors import suggested_units

    return suggested_units(r, limit=10)


def _current_round(city, staff, voters, rng, created: Counter) -> None:
    logins = list(User.objects.filter(username__in=["member", "standing_member"], cppcc=city).order_by("username"))
    units = _top_units(city, CURRENT, 5)
    if len(units) < 5 or not logins:
        return
    meeting = Meeting.objects.filter(cppcc=city, kind=Meeting.Kind.STANDING, start_date__year=CURRENT).order_by("-start_date").first()
    a = services.appraisal_create(by=staff, year=CURRENT, meeting=meeting, meeting_date=timezone.localdate(),
                                  meeting_place="市政协机关四楼常委会议室",
                                  meeting_note="听取5个承办单位2026年度提案办理工作情况汇报并进行满意度测评。")
    services.appraisal_set_units(by=staff, appraisal=a, units=units)
    services.appraisal_set_participants(by=staff, appraisal=a, users=voters[:36] + logins)
    a = services.appraisal_act(by=staff, appraisal=a, action=Action.START_VOTE)
    items = list(a.vote.items.all())
    for user, row in zip(voters[:20], _ballots(rng, len(items), 20, [0.8, 0.75, 0.7, 0.65, 0.6]), strict=True):
        vote_services.vote_cast(by=user, vote=a.vote, choices={str(i.pk): c for i, c in zip(items, row, strict=True)})
    created["民主评议"] += 1


def seed(city, rng: random.Random | None = None) -> Counter:
    rng = rng or random.Random(0)
    created: Counter = Counter()
    staff = User.objects.filter(username="proposal_staff", cppcc=city).first()
    if staff is None:
        return created
    unit_user = User.objects.filter(username="handling_unit", cppcc=city).first()
    voters = standing_voters(city, created)
    if not Appraisal.objects.filter(cppcc=city, year=PAST).exists():
        _past_round(city, staff, unit_user, voters, rng, created)
    if not AwardRound.objects.filter(cppcc=city, year=PAST).exists():
        _awards(city, staff, created)
    if not Appraisal.objects.filter(cppcc=city, year=CURRENT).exists():
        _current_round(city, staff, voters, rng, created)
    return created
