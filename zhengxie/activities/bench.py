"""出席与履职记录 in the national benchmark dataset (`make bench`, docs/benchmarks.md): 2,000,000 participations.

Seeded in the bench 政协 over the years of its current term (2022 → today): every year one 全体会议 (6 half-day
sittings, tied to the foundation's plenary meeting, every seated member invited, attendance per sitting), six
常委会议 (the standing members), then 协商会、调研、视察、学习培训、读书、委员之家、有事来商量、民主评议、公益
activities of the 专委会 with 15–80 invited members each (学习培训 with two sittings), until the year holds its share
of the 2,000,000 rows. Attendance mix: 出席 / 代签 (with a reason) / 请假 (with an approved 请假 record) / 缺席;
speakers at meetings, 协商会 and 座谈会; outcome figures (走访农户、调查问卷、捐款、捐助学生 …) on field activities;
activities of the coming weeks published, not yet held. The member persona (bench-member) takes part in about
twice the average. The points ledger of every year is then built from these facts (and the 提案/社情民意 seeded
before) with `performance.services.ledger_rows` and loaded in bulk.

Rows are generated lazily from a per-activity seed (no ORM query inside a generator: the connection is busy
during COPY).
"""
from __future__ import annotations

import datetime as dt
import random
from array import array
from dataclasses import dataclass

from zhengxie.core.bench.registry import dataset, scenario, seed_step
from zhengxie.core.roles import Role

dataset("attendance", "出席与履职记录", 2_000_000, app="activities", model="activities.Participation")
dataset("activities", "履职活动（会议、协商、调研、视察、学习…）", 58_000, app="activities", model="activities.Activity",
        main=False)
dataset("activity_sittings", "活动场次", 11_500, app="activities", model="activities.ActivitySitting", main=False)
dataset("activity_leaves", "请假记录", 140_000, app="activities", model="activities.LeaveRequest", main=False)
dataset("activity_outcomes", "活动成果数据", 62_000, app="activities", model="activities.OutcomeFigure", main=False)
dataset("score_entries", "履职积分明细", 1_950_000, app="performance", model="performance.ScoreEntry", main=False)

FIRST_YEAR = 2022
PER_MEMBER = 200  # 2,000,000 attendance rows for 10,000 members (over the term's five years)
PLENARY_SITTINGS = 6
STANDING_PER_YEAR = 6
#: kind code → (weight, min invited, max invited, sittings, has speakers, has outcome figures)
OTHER_KINDS = {
    "consultation": (8, 20, 60, 0, True, False), "biweekly": (8, 15, 40, 0, True, False),
    "symposium": (10, 20, 60, 0, True, False), "research": (15, 10, 40, 0, False, True),
    "inspection": (12, 15, 50, 0, False, True), "study": (10, 40, 120, 2, False, False),
    "reading": (6, 15, 40, 0, True, False), "home": (12, 10, 30, 0, False, True),
    "community": (10, 10, 30, 0, False, True), "evaluation": (4, 15, 40, 0, False, False),
    "public": (5, 10, 40, 0, False, True),
}
TITLES = {
    "consultation": "关于{t}的专题协商会", "biweekly": "“{t}”双周协商座谈会", "symposium": "{t}学习座谈会",
    "research": "{t}专题调研", "inspection": "{t}专项视察", "study": "委员履职能力培训班（{t}）",
    "reading": "委员读书活动：{t}", "home": "委员之家活动：{t}", "community": "有事来商量：{t}",
    "evaluation": "民主评议：{t}", "public": "{t}公益服务活动",
}
OUTCOMES = [("走访农户", "户", 20, 120), ("发放调查问卷", "份", 50, 300), ("召开座谈会", "场", 1, 6),
            ("捐款", "元", 5_000, 200_000), ("捐助大学生", "人", 2, 30), ("收集意见建议", "件", 5, 40)]
LEAVE_REASONS = ["因公出差", "参加单位重要会议", "身体不适住院治疗", "家中有事", "在外地学习培训"]
PROXY_REASONS = ["手机签到故障，现场核实后代签", "未带手机，现场核实后代签", "会议开始前已到场，补签"]
# attendance of a held activity: (value, cumulative probability)
MIX = [("present", 0.86), ("proxy", 0.88), ("leave", 0.95), ("absent", 1.0)]
PERSONA_SHARE = 0.005  # the member persona also joins this share of the other activities (about twice the average)


@dataclass(slots=True)
class Plan:
    pk: int
    code: str
    start: dt.datetime
    held: bool
    seed: int
    invited: int  # number of invitees (all seated for the plenary)
    pool: str  # "all" | "standing"
    month: tuple[int, int]
    sittings: list  # sitting ids


def _weighted_code(rng) -> str:
    total = sum(v[0] for v in OTHER_KINDS.values())
    r = rng.random() * total
    for code, spec in OTHER_KINDS.items():
        r -= spec[0]
        if r < 0:
            return code
    return code


def _seated_by_month(ctx, years) -> dict[tuple[int, int], tuple[list[int], list[int]]]:
    """(year, month) → (indexes of members seated on the 15th, of those the standing ones)."""
    spans = ctx.shared["spans"]
    out = {}
    for y in years:
        for m in range(1, 13):
            day = dt.date(y, m, 15)
            seated = [i for i, (_u, s, e, _st) in enumerate(spans) if s <= day and (e is None or e >= day)]
            out[(y, m)] = (seated, [i for i in seated if spans[i][3]])
    return out


def _aware(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


@seed_step("履职活动与出席记录", order=300, provides=("attendance", "activities", "activity_sittings",
                                                      "activity_leaves", "activity_outcomes"))
def seed_attendance(ctx) -> None:
    from zhengxie.accounts.models import User
    from zhengxie.members.models import Meeting

    from .models import Activity, ActivitySitting, LeaveRequest, OutcomeFigure, Participation
    from .services import activity_kinds_ensure
    from .workflow import Status

    rng, text = ctx.rng, ctx.text
    admin = User.objects.using(ctx.using).get(cppcc=ctx.cppcc, username=f"bench-{Role.ADMIN}")
    kinds = {k.code: k.pk for k in activity_kinds_ensure(ctx.cppcc, by=admin)}
    committees = ctx.shared["committees"]
    general_office = committees[0]  # the bench 政协 has no 办公室: its 提案委员会 stands in for the meetings' organiser
    plenaries = {m.start_date.year: m for m in Meeting.objects.using(ctx.using).filter(
        cppcc=ctx.cppcc, kind=Meeting.Kind.PLENARY, term=ctx.shared["term"])}
    members = ctx.shared["members"]
    staff_user = ctx.shared.get("activity_staff_user") or _staff_user(ctx)
    today = ctx.today
    years = list(range(FIRST_YEAR, today.year + 1))
    seated = _seated_by_month(ctx, years)
    target = ctx.size("attendance")
    if "attendance" not in ctx.sizes:  # the national dataset has 200 per member; a smaller member set gets fewer
        target = min(target, PER_MEMBER * len(members))
    # the share of each year: the current year only up to today (plus the coming weeks' notices)
    weights = [min(1.0, ((today - dt.date(y, 1, 1)).days + 30) / 365) for y in years]
    quota = [round(target * w / sum(weights)) for w in weights]

    plans: list[Plan] = []
    activity_rows = []
    next_pk = ctx.next_id(Activity)

    def add(code, start: dt.datetime, hours: int, invited: int, pool: str, title: str, organiser: int, meeting=None):
        nonlocal next_pk
        held = start.date() < today
        status = (Status.ARCHIVED if start.year < today.year else Status.CLOSED) if held else Status.PUBLISHED
        plan = Plan(next_pk, code, start, held, rng.randrange(2**31), invited, pool, (start.year, start.month), [])
        end = start + dt.timedelta(hours=hours)
        activity_rows.append({
            "id": next_pk, "cppcc_id": ctx.cppcc.pk, "kind_id": kinds[code], "title": title[:120], "organiser_id": organiser,
            "meeting_id": meeting, "start_at": start, "end_at": end, "location": rng.choice(LOCATIONS),
            "description": text.paragraph(None, 2), "summary": text.paragraph(None, 2) if held else "",
            "status": status, "published_at": start - dt.timedelta(days=7),
            "closed_at": end + dt.timedelta(days=1) if held else None, "created_by_id": staff_user,
            "created_at": start - dt.timedelta(days=10), "updated_at": end if held else start - dt.timedelta(days=7),
        })
        plans.append(plan)
        next_pk += 1
        return plan

    for y, q in zip(years, quota, strict=True):
        used = 0
        meeting = plenaries.get(y)
        pday = meeting.start_date if meeting else dt.date(y, 1, 10)
        pool, standing = seated[(y, pday.month)]
        if pday <= today:
            add("plenary", _aware(pday), 60, len(pool), "all", meeting.name if meeting else f"政协{y}年全体会议",
                general_office, meeting.pk if meeting else None)
            used += len(pool)
        for n in range(STANDING_PER_YEAR):
            day = dt.date(y, 2 + 2 * n, rng.randint(3, 25))
            if day <= today + dt.timedelta(days=30):
                add("standing", _aware(day, 9), 4, len(seated[(y, day.month)][1]), "standing",
                    f"政协常委会第{n + 1 + (y - FIRST_YEAR) * STANDING_PER_YEAR}次会议", general_office)
                used += len(standing)
        last = min(dt.date(y, 12, 20), today + dt.timedelta(days=30))
        span = (last - dt.date(y, 1, 20)).days
        while used < q and span > 0:
            code = _weighted_code(rng)
            _w, lo, hi, _s, _sp, _o = OTHER_KINDS[code]
            day = dt.date(y, 1, 20) + dt.timedelta(days=rng.randint(0, span))
            n = min(rng.randint(lo, hi), q - used, len(seated[(y, day.month)][0]))
            if n <= 0:
                break
            add(code, _aware(day, rng.choice([9, 14]), rng.choice([0, 30])), 3, n, "all",
                TITLES[code].format(t=text.topic()), rng.choice(committees))
            used += n
    ctx.load(Activity, activity_rows)
    activity_rows.clear()

    sitting_rows = []
    sid = ctx.next_id(ActivitySitting)
    for p in plans:
        count = PLENARY_SITTINGS if p.code == "plenary" else OTHER_KINDS.get(p.code, (0, 0, 0, 0))[3]
        for seq in range(1, count + 1):
            day = p.start.date() + dt.timedelta(days=(seq - 1) // 2)
            sitting_rows.append({"id": sid, "activity_id": p.pk, "seq": seq, "date": day, "period": "am" if seq % 2 else "pm",
                                 "title": "大会发言" if p.code == "plenary" and seq == 3 else ""})
            p.sittings.append(sid)
            sid += 1
    ctx.load(ActivitySitting, sitting_rows)

    member_ids = [m for m, _u in members]
    through = array("q")  # participation id, sitting id (pairs)
    leaves = []  # (participation id, activity id, member id, start)
    pid0 = ctx.next_id(Participation)
    counter = [pid0]

    def participations():
        for p in plans:
            prng = random.Random(p.seed)
            all_pool, standing_pool = seated[p.month]
            pool = standing_pool if p.pool == "standing" else all_pool
            chosen = pool if p.code == "plenary" or p.pool == "standing" else prng.sample(pool, min(p.invited, len(pool)))
            if p.code not in ("plenary", "standing") and 0 not in chosen and prng.random() < PERSONA_SHARE:
                chosen = [0, *chosen[1:]] if chosen else [0]
            speaker_share = 0.03 if p.code == "plenary" else (0.12 if p.code == "standing" or OTHER_KINDS.get(p.code, (0,) * 5)[4]
                                                               else 0)
            invited_at = p.start - dt.timedelta(days=7)
            for idx in chosen:
                pid = counter[0]
                counter[0] += 1
                attendance, signed, reason = "pending", None, ""
                if p.held:
                    r = prng.random()
                    attendance = next(v for v, c in MIX if r < c)
                    if attendance == "present":
                        signed = p.start - dt.timedelta(minutes=prng.randint(0, 25))
                    elif attendance == "proxy":
                        signed, reason = p.start + dt.timedelta(minutes=prng.randint(5, 40)), prng.choice(PROXY_REASONS)
                    elif attendance == "leave":
                        leaves.append((pid, p.pk, member_ids[idx], p.start))
                speaker = attendance in ("present", "proxy") and prng.random() < speaker_share
                if p.sittings and attendance in ("present", "proxy"):
                    attended = p.sittings if prng.random() < 0.85 else p.sittings[:prng.randint(1, len(p.sittings))]
                    for s in attended:
                        through.append(pid)
                        through.append(s)
                yield {
                    "id": pid, "cppcc_id": ctx.cppcc.pk, "activity_id": p.pk, "member_id": member_ids[idx],
                    "role": "lead" if idx == chosen[0] and p.code in ("research", "inspection") else "participant",
                    "invited": True, "invited_at": invited_at, "registered_at": invited_at + dt.timedelta(days=1),
                    "attendance": attendance, "signed_in_at": signed, "signed_by_id": staff_user if attendance == "proxy" else None,
                    "proxy_reason": reason, "is_speaker": speaker,
                    "speech_kind": ("written" if prng.random() < 0.3 else "oral") if speaker else "",
                    "speech_title": "关于" + prng.choice(SPEECH_TOPICS) + "的发言" if speaker else "",
                    "created_at": invited_at, "updated_at": p.start,
                }

    ctx.load(Participation, participations())
    ctx.load(Participation.sittings.through,
             ({"participation_id": through[i], "activitysitting_id": through[i + 1]} for i in range(0, len(through), 2)))

    ctx.load(LeaveRequest, ({
        "cppcc_id": ctx.cppcc.pk, "activity_id": aid, "member_id": mid, "reason": LEAVE_REASONS[pid % len(LEAVE_REASONS)],
        "state": "approved", "requested_by_id": None, "decided_by_id": staff_user,
        "decided_at": start - dt.timedelta(days=2), "decision_note": "同意", "created_at": start - dt.timedelta(days=3),
        "updated_at": start - dt.timedelta(days=2)} for pid, aid, mid, start in leaves))

    outcome_rows = []
    for p in plans:
        if p.held and OTHER_KINDS.get(p.code, (0,) * 6)[5]:
            for name, unit, lo, hi in rng.sample(OUTCOMES, rng.randint(1, 3)):
                outcome_rows.append({"cppcc_id": ctx.cppcc.pk, "activity_id": p.pk, "name": name, "unit": unit,
                                     "value": rng.randint(lo, hi), "approximate": rng.random() < 0.3,
                                     "created_at": p.start, "updated_at": p.start})
    ctx.load(OutcomeFigure, outcome_rows)
    ctx.shared["activity_plans"] = len(plans)


def _staff_user(ctx) -> int:
    from zhengxie.accounts.models import User

    return User.objects.using(ctx.using).get(cppcc=ctx.cppcc, username=f"bench-{Role.COMMITTEE_STAFF}").pk


LOCATIONS = ["市政协机关会议室", "市会议中心", "委员之家", "市民服务中心", "高新区管委会", "北山县", "南湖区社区服务中心"]
SPEECH_TOPICS = ["推动县域经济高质量发展", "加强基层医疗服务", "优化营商环境", "促进乡村振兴", "完善养老服务体系",
                 "推进生态文明建设", "加强非遗保护传承", "发展职业教育"]


@seed_step("履职积分台账", order=950, provides=("score_entries",))
def seed_ledger(ctx) -> None:
    """Each year's ledger from the seeded facts, exactly as a recompute would build it, loaded in bulk."""
    from django.utils import timezone

    from zhengxie.performance.models import ScoreEntry, YearFreeze
    from zhengxie.performance.services import ledger_rows

    for year in range(FIRST_YEAR, ctx.today.year + 1):
        ctx.load(ScoreEntry, ledger_rows(ctx.cppcc.pk, year))
        YearFreeze.objects.using(ctx.using).update_or_create(
            cppcc=ctx.cppcc, year=year, defaults={"recomputed_at": timezone.now()})


# --- scenarios ----------------------------------------------------------------------------------------

LIST_P95_MS = 100
DETAIL_P95_MS = 100


def _activity(ctx, code: str) -> int:
    from .models import Activity

    pk = (Activity.objects.filter(cppcc=ctx.cppcc, kind__code=code, status="archived").order_by("-start_at")
          .values_list("id", flat=True).first())
    if pk is None:
        raise LookupError(f"没有类型为 {code} 的已举行活动")
    return pk


def _figures_url(ctx) -> str:
    year = ctx_year(ctx) - 1
    return f"/api/v1/activities/figures?start={year}-01-01&end={year}-12-31"


def ctx_year(ctx) -> int:
    from django.utils import timezone

    return timezone.localdate().year


scenario("活动管理 第1页", "/activities/", as_role=Role.COMMITTEE_STAFF, target_p95_ms=LIST_P95_MS, order=500)
scenario("活动管理：按类型“调研”与年份", lambda ctx: f"/activities/?kind={_kind_id(ctx, 'research')}&year={ctx_year(ctx) - 1}",
         as_role=Role.COMMITTEE_STAFF, target_p95_ms=LIST_P95_MS, order=501)
scenario("我的活动（委员）", "/activities/mine/", as_role=Role.MEMBER, target_p95_ms=LIST_P95_MS, order=502)
scenario("活动详情（调研，约40人）", lambda ctx: f"/activities/{_activity(ctx, 'research')}/", as_role=Role.COMMITTEE_STAFF,
         target_p95_ms=DETAIL_P95_MS, order=510)
scenario("API 活动统计（一年）", _figures_url, as_role=Role.COMMITTEE_STAFF, order=520)


def _kind_id(ctx, code: str) -> int:
    from .models import ActivityKind

    return ActivityKind.objects.get(cppcc=ctx.cppcc, code=code).pk
