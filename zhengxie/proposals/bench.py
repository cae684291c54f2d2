"""提案 in the national benchmark dataset (`make bench`, docs/benchmarks.md): 100,000 proposals and their scenarios.

Seeded in the bench 政协 over the five plenary meetings of its current term, with a realistic status mix (the
earlier meetings closed, the current one in every open state), gap-free 收件号/提案号 per meeting with matching
`Counter` rows, attribution (界别/专委会/党派 of the 领衔人's membership on the submit date, or the collective
organisation), 联名 co-signers, 交办 (one 主办 plus 0–2 会办 units), replies, 会签, evaluations, contacts, the timeline
events of the submission and of the last transition, and the full-text index entries (written in bulk with the
tokeniser of `zhengxie.textindex`; checked against `textindex` on a sample before the seed commits).

Texts are recombined from the sentence bank of `zhengxie.core.bench.texts` plus the proposal sentences below.
The scenarios measure the pages and API of issue 3: list/search p95 ≤ 100 ms, detail ≤ 50 ms, one workflow action
≤ 30 ms server time (a POST on a fresh, pre-seeded proposal per request).
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from zhengxie.core.bench import texts as bank
from zhengxie.core.bench.registry import dataset, scenario, seed_step
from zhengxie.core.roles import Role

from .workflow import Action, Status

S, A = Status, Action

dataset("proposals", "提案", 100_000, app="proposals", model="proposals.Proposal")
dataset("proposal_cosigners", "联名人", 77_000, app="proposals", model="proposals.CoSigner", main=False)
dataset("proposal_assignments", "交办（主办、会办、参考件）", 176_000, app="proposals", model="proposals.Assignment",
        main=False)
dataset("proposal_replies", "答复", 75_000, app="proposals", model="proposals.Reply", main=False)
dataset("proposal_evaluations", "评价", 110_000, app="proposals", model="proposals.Evaluation", main=False)
dataset("proposal_contacts", "办理协商（联系记录）", 83_000, app="proposals", model="proposals.Contact", main=False)
dataset("proposal_events", "流转记录", 200_000, app="proposals", model="core.Event", main=False)
dataset("proposal_index", "全文索引条目", 100_000, app="textindex", model="textindex.IndexEntry", main=False)

MEETINGS = 5
PER_MEMBER = 10  # 100,000 proposals for 10,000 members
PERSONA_LED_PER_MEETING = 8  # the member persona (bench-member) leads this many proposals in every meeting
PERSONA_UNIT_SHARE = 0.4  # share of the freshly assigned proposals whose 主办 is the unit persona's unit

CATEGORIES = [("economy", "经济建设"), ("politics", "政治建设"), ("culture", "文化建设"), ("society", "社会建设"),
              ("ecology", "生态文明建设"), ("other", "其他")]
# Topics of proposals, each with its category; the general bench topics are added as 社会建设.
TOPICS = [
    ("民营经济高质量发展", "economy"), ("制造业数字化转型", "economy"), ("县域经济", "economy"), ("夜间经济", "economy"),
    ("招商引资", "economy"), ("农村集体经济", "economy"), ("跨境电商", "economy"), ("现代物流体系", "economy"),
    ("基层民主协商", "politics"), ("政务服务一网通办", "politics"), ("法治政府建设", "politics"), ("社区矫正", "politics"),
    ("非物质文化遗产传承", "culture"), ("全民阅读", "culture"), ("红色文化资源保护", "culture"), ("公共文化服务", "culture"),
    ("学前教育普惠", "society"), ("职业教育产教融合", "society"), ("分级诊疗", "society"), ("居家养老服务", "society"),
    ("托育服务体系", "society"), ("灵活就业人员权益保障", "society"), ("住房保障", "society"), ("城市停车难", "society"),
    ("黑臭水体治理", "ecology"), ("垃圾分类", "ecology"), ("大气污染联防联控", "ecology"), ("矿山生态修复", "ecology"),
    ("碳达峰碳中和", "ecology"), ("湿地保护", "ecology"), ("营商环境优化", "economy"), ("养老服务体系", "society"),
]
TOPICS += [(t, "society") for t in bank.TOPICS if t not in {x for x, _ in TOPICS}]
TITLE_FORMS = bank.TITLE_FORMS + [
    "关于{place}{topic}的建议", "关于统筹推进{place}{topic}的提案", "关于破解{topic}难题的建议",
    "关于建立健全{topic}长效机制的建议", "关于{topic}的调研与建议", "关于提升{place}{topic}水平的建议",
]
REPLY_SENTENCES = [
    "感谢您对{topic}工作的关心和支持。", "您提出的关于{topic}的建议，我们高度重视，认真进行了研究。",
    "经认真研究，现将办理情况答复如下：", "一、关于建立协调机制的建议。我局已会同有关部门建立联席会议制度，定期研究解决重点问题。",
    "二、关于加大资金投入的建议。今年已安排专项资金，并积极争取上级支持。", "三、关于加强人才队伍建设的建议。我们将结合实际，分批次开展业务培训。",
    "下一步，我们将认真吸纳您的意见建议，进一步完善相关政策措施。", "再次感谢您对我们工作的理解和支持，欢迎继续提出宝贵意见。",
]
CONTACT_NOTES = ["办前与提案人电话沟通，了解提案意图。", "承办单位负责同志登门走访提案人，当面听取意见。",
                 "邀请提案人参加座谈会，通报办理进展。", "陪同提案人到现场察看，共同研究解决办法。", "答复前与提案人沟通办理结果。"]
COMMENTS = ["办理态度认真，答复具体。", "沟通及时，措施可行。", "希望进一步抓好落实。", "部分建议尚未落实，希望继续推进。", ""]
REJECT_TEXTS = {"empty": "内容空泛，没有提出具体建议。", "personal": "所提事项属个人诉求，建议通过信访渠道反映。",
                "petition": "属于信访事项，已转有关部门处理。", "beyond_power": "所提事项超越本级事权。"}

# Status mix. Earlier meetings are finished; the current one holds every open state. Weights are per cent.
NOT_FILED = {S.MERGED: 6, S.TO_SUGGESTION: 7, S.TO_SQMY: 2, S.REJECTED: 4, S.WITHDRAWN: 1}
PAST_MIX = {S.CLOSED: 78, S.CLOSED_UNSATISFIED: 2, **NOT_FILED}
CURRENT_MIX = {S.DRAFT: 1, S.SUBMITTED: 1, S.RECEIVED: 8, S.UNDER_REVIEW: 3, S.RETURNED: 1, **NOT_FILED,
               S.FILED: 2, S.ASSIGNED: 6, S.REASSIGNING: 1, S.IN_PROGRESS: 12, S.ANSWER_DRAFTED: 2,
               S.ANSWER_COSIGNED: 2, S.ANSWERED: 6, S.EVALUATED: 3, S.REHANDLING: 1, S.CLOSED: 30,
               S.CLOSED_UNSATISFIED: 1}
DECIDED = {S.MERGED: A.MERGE, S.TO_SUGGESTION: A.TO_SUGGESTION, S.TO_SQMY: A.TO_SQMY, S.REJECTED: A.REJECT,
           S.RETURNED: A.RETURN}
# The order of a proposal's life; a status is reached after the stages before it.
STAGES = [S.DRAFT, S.SUBMITTED, S.RECEIVED, S.UNDER_REVIEW, S.FILED, S.ASSIGNED, S.IN_PROGRESS, S.ANSWER_DRAFTED,
          S.ANSWER_COSIGNED, S.ANSWERED, S.EVALUATED, S.CLOSED]
STAGE_OF = {**{s: i for i, s in enumerate(STAGES)}, S.REASSIGNING: STAGES.index(S.ASSIGNED),
            S.REHANDLING: STAGES.index(S.EVALUATED), S.CLOSED_UNSATISFIED: STAGES.index(S.CLOSED),
            **{s: STAGES.index(S.UNDER_REVIEW) + 1 for s in DECIDED}, S.WITHDRAWN: STAGES.index(S.RECEIVED)}
# The last transition of each status (for its timeline event): action, message.
LAST_ACTION = {
    S.SUBMITTED: (A.SUBMIT, "提交提案"), S.RECEIVED: (A.RECEIVE, "收件"), S.UNDER_REVIEW: (A.PRE_REVIEW, "初审通过，提交审查会复审"),
    S.RETURNED: (A.RETURN, "审查结果：退回修改"), S.WITHDRAWN: (A.WITHDRAW, "撤案"), S.FILED: (A.FILE, "审查结果：立案"),
    S.MERGED: (A.MERGE, "审查结果：并案"), S.TO_SUGGESTION: (A.TO_SUGGESTION, "审查结果：转意见建议"),
    S.TO_SQMY: (A.TO_SQMY, "审查结果：转社情民意"), S.REJECTED: (A.REJECT, "审查结果：不予立案"),
    S.ASSIGNED: (A.ASSIGN, "交办"), S.REASSIGNING: (A.DISPUTE, "承办单位申请调整"),
    S.IN_PROGRESS: (A.ACCEPT, "各承办单位均已签收，进入办理"), S.ANSWER_DRAFTED: (A.SUBMIT_ANSWER, "答复已报送，进入会签"),
    S.ANSWER_COSIGNED: (A.COSIGN, "会办单位均已会签，送督办审核"), S.ANSWERED: (A.AUDIT, "督办审核通过，答复已送达提案者"),
    S.EVALUATED: (A.EVALUATE, "评价完成"), S.REHANDLING: (A.REHANDLE, "不满意，重新办理"), S.CLOSED: (A.CLOSE, "办结"),
    S.CLOSED_UNSATISFIED: (A.CLOSE_UNSATISFIED, "不满意办结"),
}
FILED_STAGE = STAGES.index(S.FILED)
ASSIGNED_STAGE = STAGES.index(S.ASSIGNED)
DAY = dt.timedelta(days=1)


def _weighted(rng, mix: dict) -> str:
    r = rng.random() * sum(mix.values())
    for key, weight in mix.items():
        r -= weight
        if r < 0:
            return key
    return key


@dataclass(slots=True)
class Plan:
    """One proposal to be written, with everything its child rows need."""

    pk: int
    meeting: int  # index into the meetings list
    status: str
    kind: str
    lead: int | None  # member index
    org: int | None  # organisation id (collective proposals)
    topic: str
    category: int
    submitted: dt.datetime | None
    times: dict = field(default_factory=dict)  # stage name → datetime
    cosigners: list = field(default_factory=list)  # member indexes
    receipt: int | None = None
    number: int | None = None
    units: list = field(default_factory=list)  # [(unit id, role, state)]
    merged_into: int | None = None
    sector: int | None = None
    committee: int | None = None
    party: int | None = None
    title: str = ""
    body: tuple = ()
    result_class: str = ""
    rating: str = ""
    reason: str = ""


# --- seed ---------------------------------------------------------------------------------------------


def _meetings(ctx) -> list:
    """The last five plenary meetings of the bench 政协's current term (created if the foundation has fewer)."""
    from zhengxie.members.models import Meeting, Term

    term = ctx.shared.get("term") or Term.objects.using(ctx.using).filter(cppcc=ctx.cppcc).order_by("-number").first()
    qs = Meeting.objects.using(ctx.using).filter(cppcc=ctx.cppcc, term=term, kind=Meeting.Kind.PLENARY)
    have = {m.number for m in qs}
    first = term.start_date
    new = [Meeting(cppcc=ctx.cppcc, term=term, kind=Meeting.Kind.PLENARY, number=n,
                   start_date=dt.date(first.year + n - 1, 1, 9 + n), end_date=dt.date(first.year + n - 1, 1, 13 + n),
                   name=f"政协{term.name}第{'一二三四五'[n - 1]}次会议", location="市会议中心")
           for n in range(1, MEETINGS + 1) if n not in have]
    Meeting.objects.using(ctx.using).bulk_create(new)
    return list(qs.select_related("term").order_by("start_date"))[-MEETINGS:]  # no lazy query inside a COPY


def _aware(d: dt.datetime) -> dt.datetime:
    from django.utils import timezone

    return d if timezone.is_aware(d) else timezone.make_aware(d)


def _timeline(ctx, rng, meeting, status: str, current: bool) -> tuple[bool, dict]:
    """(is_plenary, {stage: time}) for a proposal of `meeting` that has reached `status`, never after now."""
    stage = STAGE_OF[status]
    start = _aware(dt.datetime.combine(meeting.start_date, dt.time(9)))
    plenary = rng.random() < (0.5 if current and stage < ASSIGNED_STAGE else 0.8)
    if plenary:
        # the first meeting opens the term: its members are seated on the first days of the meeting
        before = -rng.randint(1, 4) if meeting.number == 1 else rng.randint(0, 20)
        submitted = start - dt.timedelta(days=before, minutes=rng.randint(0, 600))
    else:
        submitted = start + dt.timedelta(days=rng.randint(5, 300), minutes=rng.randint(0, 600))
    t = {"created": submitted - dt.timedelta(days=rng.randint(0, 10), minutes=rng.randint(1, 600))}
    steps = [("submitted", 0), ("received", rng.randint(3, 6)), ("reviewing", rng.randint(2, 10)),
             ("decided", rng.randint(5, 25)), ("assigned", rng.randint(3, 12)), ("accepted", rng.randint(1, 5)),
             ("drafted", rng.randint(20, 80)), ("cosigned", rng.randint(2, 10)), ("answered", rng.randint(2, 10)),
             ("evaluated", rng.randint(3, 25)), ("closed", rng.randint(1, 20))]
    now = submitted
    for i, (name, days) in enumerate(steps, start=1):
        if i > stage:
            break
        now += dt.timedelta(days=days, minutes=rng.randint(0, 480))
        t[name] = now
    late = max(t.values()) - (ctx.now - dt.timedelta(hours=rng.randint(2, 24 * 60)))
    if late > dt.timedelta(0):  # an open proposal of the current meeting: its story ends recently
        t = {k: v - late for k, v in t.items()}
        plenary = t.get("submitted", t["created"]) <= start + dt.timedelta(days=3)
    return plenary, t


def _eligible(memberships, day: dt.date) -> list[int]:
    return [i for i, (start, end, *_rest) in enumerate(memberships) if start <= day and (end is None or end >= day)]


def _plan(ctx, meetings, members, units, orgs, categories, start_pk: int) -> list[Plan]:
    """Decide every proposal's life (no database access): status, people, dates, numbers, units."""
    rng = ctx.rng
    total = ctx.size("proposals")
    if "proposals" not in ctx.sizes:  # the national dataset has ten per member; a smaller member set gets fewer
        total = min(total, PER_MEMBER * len(members))
    per = [total // len(meetings) + (1 if i < total % len(meetings) else 0) for i in range(len(meetings))]
    unit_weights = [1.0 / (1 + i) ** 0.6 for i in range(len(units))]  # big units (发改委, 教育局 …) get more
    cum = []
    acc = 0.0
    for w in unit_weights:
        acc += w
        cum.append(acc)

    def pick_unit(exclude=()):
        while True:
            u = units[bisect.bisect_left(cum, rng.random() * acc)]
            if u not in exclude:
                return u

    plans: list[Plan] = []
    pk = start_pk
    topic_names = [t for t, _ in TOPICS]
    topic_cat = dict(TOPICS)
    for mi, meeting in enumerate(meetings):
        current = mi == len(meetings) - 1
        mix = CURRENT_MIX if current else PAST_MIX
        seated = _eligible(members, meeting.start_date + 5 * DAY) or list(range(len(members)))
        batch = []
        for j in range(per[mi]):
            status = _weighted(rng, mix)
            persona = j < PERSONA_LED_PER_MEETING and 0 in seated
            roll = rng.random()
            kind = "individual" if persona or roll < 0.6 else ("joint" if roll < 0.9 else "collective")
            topic = rng.choice(topic_names)
            plenary, times = _timeline(ctx, rng, meeting, status, current)
            p = Plan(pk=pk, meeting=mi, status=status, kind=kind, lead=None, org=None, topic=topic,
                     category=categories[topic_cat[topic]], submitted=times.get("submitted"), times=times)
            p.times["plenary"] = plenary
            day = (p.submitted or times["created"]).date()
            if kind == "collective":
                org_kind = rng.choice(("sector", "party", "committee"))
                p.org = rng.choice(orgs[org_kind])
                p.kind = {"sector": "sector", "party": "party_org", "committee": "committee"}[org_kind]
                setattr(p, org_kind, p.org)
            else:
                lead = 0 if persona else rng.choice(seated)
                for _ in range(20):  # a 平时 proposal's day may fall outside the drawn member's seat: draw again
                    start, end, sector, committee, party = members[lead]
                    if start <= day and (end is None or end >= day):
                        break
                    lead = rng.choice(seated)
                p.lead, p.sector, p.committee, p.party = lead, sector, committee, party
                if kind == "joint":
                    n = min(len(seated) - 1, rng.choice((1, 1, 2, 2, 3, 4, 5)))
                    others = set()
                    while len(others) < n:
                        c = rng.choice(seated)
                        if c != lead:
                            others.add(c)
                    p.cosigners = sorted(others)
            p.title = rng.choice(TITLE_FORMS).format(topic=topic, place=rng.choice(bank.PLACES))
            p.body = _body(rng, topic)
            batch.append(p)
            pk += 1
        _number(rng, batch, units, pick_unit, current)
        plans.extend(batch)
    return plans


def _body(rng, topic: str) -> tuple[str, str, str]:
    situation = rng.choice(bank.OPENERS).format(topic=topic) + "".join(rng.sample(bank.PROBLEMS, k=rng.randint(1, 2)))
    analysis = "".join(rng.sample(bank.PROBLEMS, k=rng.randint(2, 3)))
    suggestions = "".join(rng.sample(bank.SUGGESTIONS, k=rng.randint(2, 4))) + rng.choice(bank.CLOSINGS)
    return situation, analysis, suggestions


def _number(rng, batch: list[Plan], units, pick_unit, current: bool) -> None:
    """收件号 in order of submission, 提案号 in order of 立案 (gap-free), merges into filed cases, units."""
    received = sorted((p for p in batch if p.submitted is not None), key=lambda p: (p.submitted, p.pk))
    for n, p in enumerate(received, start=1):
        p.receipt = n
    filed = sorted((p for p in batch if STAGE_OF[p.status] >= FILED_STAGE and p.status not in DECIDED
                    and p.status != S.WITHDRAWN), key=lambda p: (p.times["decided"], p.receipt))
    for n, p in enumerate(filed, start=1):
        p.number = n
    for p in batch:
        if p.status == S.MERGED and filed:
            p.merged_into = rng.choice(filed).pk
        elif p.status == S.MERGED:
            p.status = S.REJECTED
        if p.status == S.REJECTED:
            p.reason = rng.choice(list(REJECT_TEXTS))
        if p.status == S.TO_SUGGESTION:
            p.units = [(pick_unit(), "sole", "reference")]
        if p.number is None or STAGE_OF[p.status] < ASSIGNED_STAGE:
            continue
        lead = units[0] if current and p.status == S.ASSIGNED and rng.random() < PERSONA_UNIT_SHARE else pick_unit()
        cos = []
        for _ in range(rng.choice((0, 1, 1, 2, 2))):
            cos.append(pick_unit(exclude=(lead, *cos)))
        lead_state, co_state = {
            S.ASSIGNED: ("pending", "pending"), S.REASSIGNING: ("disputed", "pending"),
            S.IN_PROGRESS: ("accepted", "accepted"), S.REHANDLING: ("accepted", "accepted"),
        }.get(p.status, ("replied", "accepted"))
        role = "lead" if cos else "sole"
        p.units = [(lead, role, lead_state)] + [(u, "co", co_state) for u in cos]
        if STAGE_OF[p.status] >= STAGES.index(S.ANSWER_DRAFTED):
            p.result_class = rng.choices("ABC", weights=(55, 35, 10))[0]
        if p.status in (S.EVALUATED, S.CLOSED):
            p.rating = rng.choices(("satisfied", "basic"), weights=(80, 20))[0]
        elif p.status in (S.REHANDLING, S.CLOSED_UNSATISFIED):
            p.rating = "unsatisfied"


def _member_rows(ctx):
    """[(start, end, sector, committee, party)] by member index, and the (member id, user id) list."""
    from zhengxie.members.models import Member, Membership

    pairs = ctx.shared.get("members")
    if pairs is None:
        pairs = list(Member.objects.using(ctx.using).filter(cppcc=ctx.cppcc).order_by("id").values_list("id", "user_id"))
        ctx.shared["members"] = pairs
    seats = Membership.objects.using(ctx.using).filter(cppcc=ctx.cppcc)
    if ctx.shared.get("term") is not None:
        seats = seats.filter(term=ctx.shared["term"])
    by_member = {row[0]: row[1:] for row in seats.order_by("start_date").values_list(
        "member_id", "start_date", "end_date", "sector_id", "committee_id", "party_id")}
    never = (dt.date(9999, 1, 1), dt.date(1900, 1, 1), None, None, None)
    return [by_member.get(mid, never) for mid, _ in pairs], pairs


def _org_lists(ctx) -> tuple[list[int], dict]:
    from zhengxie.accounts.models import Organisation

    def ids(kind, key):
        if ctx.shared.get(key):
            return list(ctx.shared[key])
        return list(Organisation.objects.using(ctx.using).filter(cppcc=ctx.cppcc, kind=kind).order_by("sort", "id")
                    .values_list("id", flat=True))

    K = Organisation.Kind
    units = ids(K.HANDLING_UNIT, "handling_units")
    return units, {"sector": ids(K.SECTOR, "sectors"), "committee": ids(K.COMMITTEE, "committees"),
                   "party": ids(K.PARTY, "parties")}


def _categories(ctx) -> dict[str, int]:
    from .models import Category

    have = dict(Category.objects.using(ctx.using).filter(cppcc=ctx.cppcc).values_list("code", "id"))
    missing = [{"cppcc_id": ctx.cppcc.pk, "code": code, "name": name, "sort": i, "is_active": True}
               for i, (code, name) in enumerate(CATEGORIES, 1) if code not in have]
    if missing:
        have.update(zip([r["code"] for r in missing], ctx.load(Category, missing), strict=True))
    return have


@seed_step("提案、联名人与编号", order=200, provides=("proposals", "proposal_cosigners"))
def seed_proposals(ctx) -> None:
    from zhengxie.core import config

    from .models import CoSigner, Counter, Proposal

    meetings = _meetings(ctx)
    members, pairs = _member_rows(ctx)
    units, orgs = _org_lists(ctx)
    categories = _categories(ctx)
    plans = _plan(ctx, meetings, members, units, orgs, categories, ctx.next_id(Proposal))
    receipt_pattern = config.get("proposals.receipt_pattern", cppcc=ctx.cppcc)
    staff = _staff_user(ctx)
    ctx.shared["proposal_plans"] = plans
    ctx.shared["proposal_meetings"] = meetings
    ctx.shared["proposal_staff_user"] = staff

    def rows():
        for p in plans:
            m = meetings[p.meeting]
            t = p.times
            situation, analysis, suggestions = p.body
            yield {
                "id": p.pk, "cppcc_id": ctx.cppcc.pk, "meeting_id": m.pk, "is_plenary": t["plenary"],
                "receipt_no": receipt_pattern.format(term=m.term.number, session=m.number, n=p.receipt) if p.receipt else "",
                "number": p.number, "title": p.title, "category_id": p.category, "proposer_type": p.kind,
                "lead_member_id": pairs[p.lead][0] if p.lead is not None else None, "proposer_org_id": p.org,
                "has_seal": p.org is not None, "situation": situation, "analysis": analysis, "suggestions": suggestions,
                "consent_to_sqmy": p.pk % 3 == 0, "is_public": True, "is_urgent": False, "is_key": p.pk % 97 == 0,
                "status": p.status, "sector_id": p.sector, "committee_id": p.committee, "party_id": p.party,
                "submitted_at": p.submitted, "cosign_deadline": p.submitted + 3 * DAY if p.cosigners and p.submitted else None,
                "received_at": t.get("received"), "decided_at": t.get("decided"),
                "decision": DECIDED.get(p.status, A.FILE if p.number else ""), "decision_reason": p.reason,
                "decision_text": REJECT_TEXTS.get(p.reason, "") if p.reason else ("请补充具体建议后重新提交。" if p.status == S.RETURNED else ""),
                "merged_into_id": p.merged_into, "assigned_at": t.get("assigned"),
                "due_date": (t["assigned"] + 91 * DAY).date() if "assigned" in t else None,
                "answered_at": t.get("answered"), "result_class": p.result_class,
                "evaluation_result": p.rating if STAGE_OF[p.status] >= STAGES.index(S.EVALUATED) else "",
                "rehandle_rounds": 1 if p.status in (S.REHANDLING, S.CLOSED_UNSATISFIED) else 0,
                "closed_at": t.get("closed"), "created_by_id": pairs[p.lead][1] if p.lead is not None else staff,
                "created_at": t["created"], "updated_at": max(v for v in t.values() if isinstance(v, dt.datetime)),
            }

    ctx.load(Proposal, rows())

    def cosigner_rows():
        for p in plans:
            state = CoSigner.State.INVITED if p.status in (S.DRAFT, S.SUBMITTED) else CoSigner.State.CONFIRMED
            for order, c in enumerate(p.cosigners, 1):
                answered = p.submitted + dt.timedelta(hours=order * 5) if state == CoSigner.State.CONFIRMED else None
                yield {"proposal_id": p.pk, "member_id": pairs[c][0], "order": order, "state": state, "answered_at": answered}

    ctx.load(CoSigner, cosigner_rows())
    counters = []
    for mi, m in enumerate(meetings):
        mine = [p for p in plans if p.meeting == mi]
        for kind, values in (("receipt", [p.receipt for p in mine if p.receipt]), ("number", [p.number for p in mine if p.number])):
            if values:
                counters.append({"meeting_id": m.pk, "kind": kind, "value": max(values)})
    Counter.objects.using(ctx.using).filter(meeting__in=meetings).delete()
    ctx.load(Counter, counters)


def _staff_user(ctx) -> int | None:
    from zhengxie.accounts.models import User

    return (User.objects.using(ctx.using).filter(cppcc=ctx.cppcc, username=f"bench-{Role.PROPOSAL_STAFF}")
            .values_list("id", flat=True).first())


def _unit_users(ctx) -> dict[int, int]:
    from zhengxie.accounts.models import RoleAssignment

    rows = RoleAssignment.objects.using(ctx.using).filter(cppcc=ctx.cppcc, role=Role.HANDLING_UNIT).order_by("user_id")
    out: dict[int, int] = {}
    for org, user in rows.values_list("organisation_id", "user_id"):
        out.setdefault(org, user)
    return out


@seed_step("提案交办、答复、评价与办理协商", order=210,
           provides=("proposal_assignments", "proposal_replies", "proposal_evaluations", "proposal_contacts"))
def seed_handling(ctx) -> None:
    from .models import Assignment, Contact, CoSign, Evaluation, Reply

    plans, rng = ctx.shared["proposal_plans"], ctx.rng
    _, pairs = _member_rows(ctx)
    unit_users = _unit_users(ctx)
    unit_names = _unit_names(ctx)
    # assignments, ids in order
    flat = []  # (plan, unit, role, state)
    for p in plans:
        for unit, role, state in p.units:
            flat.append((p, unit, role, state))

    def assignment_rows():
        for p, unit, role, state in flat:
            t = p.times
            assigned = t.get("assigned") or t.get("decided")
            yield {"cppcc_id": ctx.cppcc.pk, "proposal_id": p.pk, "unit_id": unit, "role": role, "state": state,
                   "due_date": (assigned + 91 * DAY).date() if state != "reference" else None,
                   "dispute_until": (assigned + 7 * DAY).date() if state != "reference" else None,
                   "accepted_at": t.get("accepted") if state in ("accepted", "replied") else None,
                   "dispute_reason": "本单位不具体承担该项职责，建议改由相关职能部门主办。" if state == "disputed" else "",
                   "co_opinion": "", "co_opinion_at": None, "extended_days": 0,
                   "created_at": assigned, "updated_at": t.get("accepted") or assigned}

    ids = ctx.load(Assignment, assignment_rows())
    lead_of: dict[int, int] = {}
    cos_of: dict[int, list[int]] = {}
    for (p, _unit, role, _state), aid in zip(flat, ids, strict=True):
        if role in ("lead", "sole") and p.number is not None:
            lead_of[p.pk] = aid
        elif role == "co":
            cos_of.setdefault(p.pk, []).append(aid)
    unit_of = {aid: unit for (_p, unit, _r, _s), aid in zip(flat, ids, strict=True)}
    reply_stage = STAGES.index(S.ANSWER_DRAFTED)
    replies = []  # (plan, assignment id, round, state)
    for p in plans:
        if p.pk not in lead_of or STAGE_OF[p.status] < reply_stage:
            continue
        if p.status == S.ANSWER_DRAFTED:
            replies.append((p, 1, Reply.State.COSIGNING))
        elif p.status == S.ANSWER_COSIGNED:
            replies.append((p, 1, Reply.State.AUDITING))
        else:
            replies.append((p, 1, Reply.State.PUBLISHED))
            if p.status == S.CLOSED_UNSATISFIED:
                replies.append((p, 2, Reply.State.PUBLISHED))

    def reply_rows():
        for p, rnd, state in replies:
            t = p.times
            aid = lead_of[p.pk]
            unit = unit_of[aid]
            published = t.get("answered") if state == Reply.State.PUBLISHED else None
            if published and rnd == 2:
                published = t.get("closed", published) - DAY
            sentences = [s.format(topic=p.topic) for s in REPLY_SENTENCES[:3]] + rng.sample(REPLY_SENTENCES[3:6], k=2)
            yield {"assignment_id": aid, "round": rnd, "doc_number": f"{unit_names[unit][:6]}函〔{t['drafted'].year}〕{p.number}号",
                   "result_class": p.result_class, "proposed_class": p.result_class,
                   "salutation": "", "body": "".join(sentences + REPLY_SENTENCES[6:]), "signer": "分管副局长",
                   "signer_level": "deputy", "contact_person": "办公室联络员", "contact_phone": "0351-0000000",
                   "cc": "市政协提案委员会", "state": state, "return_note": "", "drafted_by_id": unit_users.get(unit),
                   "signed_at": t["drafted"] - DAY, "audited_by_id": None, "published_at": published,
                   "follow_up_open": bool(published) and p.result_class == "B" and p.status != S.CLOSED,
                   "follow_up_report": "", "created_at": t["drafted"] - 3 * DAY, "updated_at": published or t["drafted"]}

    reply_ids = ctx.load(Reply, reply_rows())

    def cosign_rows():
        for (p, _rnd, state), rid in zip(replies, reply_ids, strict=True):
            if state == Reply.State.COSIGNING:
                continue
            for aid in cos_of.get(p.pk, []):
                yield {"reply_id": rid, "assignment_id": aid, "signed_at": p.times.get("cosigned"), "note": ""}

    ctx.load(CoSign, cosign_rows())

    def evaluation_rows():
        for (p, rnd, state), rid in zip(replies, reply_ids, strict=True):
            if state != Reply.State.PUBLISHED or not p.rating or "evaluated" not in p.times:
                continue
            at = p.times["evaluated"] if rnd == 1 else p.times.get("closed", p.times["evaluated"])
            who = {"member_id": pairs[p.lead][0], "org_id": None} if p.lead is not None else {"member_id": None, "org_id": p.org}
            yield {"reply_id": rid, **who, "is_lead": True, "rating": p.rating, "comment": rng.choice(COMMENTS), "at": at}
            for c in p.cosigners[:2]:
                yield {"reply_id": rid, "member_id": pairs[c][0], "org_id": None, "is_lead": False,
                       "rating": rng.choice(("satisfied", "basic", p.rating)), "comment": "", "at": at + DAY}

    ctx.load(Evaluation, evaluation_rows())
    accepted_stage = STAGES.index(S.IN_PROGRESS)

    def contact_rows():
        for p in plans:
            aid = lead_of.get(p.pk)
            if aid is None or STAGE_OF[p.status] < accepted_stage or p.status == S.REASSIGNING or rng.random() < 0.25:
                continue
            start = p.times["accepted"]
            yield {"assignment_id": aid, "date": (start + 3 * DAY).date(), "stage": "before",
                   "way": rng.choice(("face", "phone", "phone", "forum", "site")), "note": rng.choice(CONTACT_NOTES[:3]),
                   "created_by_id": unit_users.get(unit_of[aid])}
            if "answered" in p.times and rng.random() < 0.5:
                yield {"assignment_id": aid, "date": (p.times["answered"] - 2 * DAY).date(), "stage": "after",
                       "way": rng.choice(("face", "phone")), "note": CONTACT_NOTES[4], "created_by_id": unit_users.get(unit_of[aid])}

    ctx.load(Contact, contact_rows())


def _unit_names(ctx) -> dict[int, str]:
    from zhengxie.accounts.models import Organisation

    return dict(Organisation.objects.using(ctx.using).filter(cppcc=ctx.cppcc, kind=Organisation.Kind.HANDLING_UNIT)
                .values_list("id", "name"))


@seed_step("提案流转记录", order=220, provides=("proposal_events",))
def seed_events(ctx) -> None:
    """The timeline of each proposal, kept light: its submission and its last transition."""
    from django.contrib.contenttypes.models import ContentType

    from zhengxie.core.models import Event

    from .models import Proposal

    plans = ctx.shared["proposal_plans"]
    _, pairs = _member_rows(ctx)
    ct = ContentType.objects.db_manager(ctx.using).get_for_model(Proposal).pk
    staff = ctx.shared.get("proposal_staff_user")
    unit_users = _unit_users(ctx)
    last_time = {S.SUBMITTED: "submitted", S.RECEIVED: "received", S.UNDER_REVIEW: "reviewing", S.WITHDRAWN: "received",
                 S.ASSIGNED: "assigned", S.REASSIGNING: "assigned", S.IN_PROGRESS: "accepted",
                 S.ANSWER_DRAFTED: "drafted", S.ANSWER_COSIGNED: "cosigned", S.ANSWERED: "answered",
                 S.EVALUATED: "evaluated", S.REHANDLING: "evaluated", S.CLOSED: "closed", S.CLOSED_UNSATISFIED: "closed"}

    def rows():
        for p in plans:
            if p.submitted is None:
                continue
            proposer = pairs[p.lead][1] if p.lead is not None else staff
            base = {"cppcc_id": ctx.cppcc.pk, "content_type_id": ct, "object_id": str(p.pk)}
            yield {**base, "verb": f"proposal.{A.SUBMIT}", "message": "提交提案", "actor_id": proposer, "at": p.submitted,
                   "data": {"from": S.DRAFT, "to": S.SUBMITTED}}
            if p.status == S.SUBMITTED:
                continue
            action, message = LAST_ACTION[p.status]
            at = p.times.get(last_time.get(p.status, "decided"))
            actor = staff
            if p.status in (S.IN_PROGRESS, S.ANSWER_DRAFTED, S.REASSIGNING) and p.units:
                actor = unit_users.get(p.units[0][0], staff)
            elif p.status in (S.EVALUATED, S.WITHDRAWN):
                actor = proposer
            yield {**base, "verb": f"proposal.{action}", "message": message, "actor_id": actor, "at": at,
                   "data": {"to": p.status}}

    ctx.load(Event, rows())


# --- full-text index ----------------------------------------------------------------------------------

# Characters outside both the tokeniser's runs (CJK, [0-9a-z]) and jieba's blocks: neither a run nor a jieba
# word crosses them, so a text's tokens are the concatenation of its pieces' tokens (see _tokens).
_SPLIT = re.compile(r"([^\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff0-9a-zA-Z+#&._%\-]+)")


@lru_cache(maxsize=200_000)
def _piece_tokens(piece: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(run tokens, jieba words) of one piece of normalised text, as `index_tokens` computes them."""
    from zhengxie.textindex import tokenize as tk

    runs: list[str] = []
    has_cjk = False
    for m in tk.RUN.finditer(piece):
        cjk, alnum = m.groups()
        if cjk:
            has_cjk = True
            runs.extend(tk._bigrams(cjk))
        else:
            runs.extend(tk._alnum_tokens(alnum))
    words = tuple(w for w in tk.jieba_tokenizer().cut_for_search(piece) if tk.CJK_WORD.match(w)) if has_cjk else ()
    return tuple(runs), words


def index_tokens(text: str | None) -> list[str]:
    """`zhengxie.textindex.tokenize.index_tokens`, memoised per piece of text (bench texts repeat their sentences)."""
    from zhengxie.textindex import tokenize as tk

    norm = tk.normalize(text)
    if len(norm) > tk.MAX_FIELD_CHARS:
        return tk.index_tokens(text)
    if not norm.strip():
        return []
    runs: list[str] = []
    words: list[str] = []
    for piece in _SPLIT.split(norm)[::2]:
        if piece:
            r, w = _piece_tokens(piece)
            runs.extend(r)
            words.extend(w)
    return runs + words


def index_document(p: Plan, *, number_text: str, receipt: str, lead_name: str, org_name: str, cosigner_names: list[str],
                   sector: str, category: str, unit_names: list[str]) -> dict[str, str]:
    """What `zhengxie.proposals.search.document` gives for this proposal (same fields, same order)."""
    proposers = [lead_name, org_name, *cosigner_names]
    number = " ".join(x for x in [receipt, *([number_text, f"{p.number:04d}"] if p.number is not None else [])] if x)
    return {"number": number, "title": p.title, "proposers": " ".join(x for x in proposers if x), "sector": sector,
            "category": category, "units": " ".join(unit_names), "body": "\n".join(x for x in p.body if x)}


@seed_step("提案全文索引", order=230, provides=("proposal_index",))
def seed_index(ctx) -> None:
    """IndexEntry rows in bulk, tokenised exactly as `textindex.index` does (checked on a sample at the end).

    On PostgreSQL the GIN index of the tsvector column is dropped for the load and rebuilt afterwards (one
    sorted build instead of 100,000 inserts into it), inside the seed's transaction.
    """
    from django.contrib.contenttypes.models import ContentType

    from zhengxie import textindex
    from zhengxie.accounts.models import Organisation
    from zhengxie.core import config
    from zhengxie.members.models import Member
    from zhengxie.textindex.models import IndexEntry
    from zhengxie.textindex.registry import facet_values

    from .models import Category, Proposal

    reg = textindex.registration_for(Proposal)
    plans, meetings = ctx.shared["proposal_plans"], ctx.shared["proposal_meetings"]
    _, pairs = _member_rows(ctx)
    names = dict(Member.objects.using(ctx.using).filter(cppcc=ctx.cppcc).values_list("id", "name"))
    orgs = dict(Organisation.objects.using(ctx.using).filter(cppcc=ctx.cppcc).values_list("id", "name"))
    cats = dict(Category.objects.using(ctx.using).filter(cppcc=ctx.cppcc).values_list("id", "name"))
    ct = ContentType.objects.db_manager(ctx.using).get_for_model(Proposal).pk
    number_pattern = config.get("proposals.number_pattern", cppcc=ctx.cppcc)
    receipt_pattern = config.get("proposals.receipt_pattern", cppcc=ctx.cppcc)
    role_order = {"co": 0, "lead": 1, "sole": 2, "split": 3}

    def rows():
        for p in plans:
            m = meetings[p.meeting]
            units = sorted(p.units, key=lambda u: role_order[u[1]])  # the Assignment ordering: role, then id
            doc = index_document(
                p, number_text=number_pattern.format(n=p.number) if p.number is not None else "",
                receipt=receipt_pattern.format(term=m.term.number, session=m.number, n=p.receipt) if p.receipt else "",
                lead_name=names[pairs[p.lead][0]] if p.lead is not None else "", org_name=orgs.get(p.org, ""),
                cosigner_names=[names[pairs[c][0]] for c in p.cosigners], sector=orgs.get(p.sector, ""),
                category=cats.get(p.category, ""), unit_names=[orgs[u] for u, _r, _s in units])
            columns = {letter: [] for letter in "ABCD"}
            for name, letter in reg.fields.items():
                if doc.get(name):
                    columns[letter].append(doc[name])
            row = {f"tokens_{letter.lower()}": " ".join(t for text in texts for t in index_tokens(text))
                   for letter, texts in columns.items()}
            row.update(cppcc_id=ctx.cppcc.pk, content_type_id=ct, object_id=p.pk, updated_at=ctx.now,
                       facets=facet_values({"status": p.status, "year": m.start_date.year, "category": p.category,
                                            "meeting": m.pk}))
            yield row

    gins = drop_gin_indexes(ctx)
    ctx.load(IndexEntry, rows())
    rebuild_gin_indexes(ctx, gins)
    if ctx.connection.vendor == "sqlite":
        from zhengxie.textindex.backends import get_backend

        get_backend().written(IndexEntry.objects.using(ctx.using).filter(content_type_id=ct, cppcc=ctx.cppcc))
    check_index_sample(ctx, [p.pk for p in ctx.rng.sample(plans, k=min(60, len(plans)))])


def drop_gin_indexes(ctx) -> list[tuple[str, str]]:
    if ctx.connection.vendor != "postgresql":
        return []
    with ctx.cursor() as c:
        c.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'textindex_indexentry' "
                  "AND indexdef ILIKE '%% USING gin %%'")
        gins = c.fetchall()
        for name, _definition in gins:
            c.execute(f'DROP INDEX "{name}"')
    return gins


def rebuild_gin_indexes(ctx, gins) -> None:
    if not gins:
        return
    with ctx.cursor() as c:
        # the foreign-key checks of the rows just loaded are deferred: run them now, or PostgreSQL refuses the index
        c.execute("SET CONSTRAINTS ALL IMMEDIATE")
        c.execute("SET CONSTRAINTS ALL DEFERRED")
        c.execute("SET LOCAL maintenance_work_mem = '512MB'")
        for _name, definition in gins:
            c.execute(definition)


def check_index_sample(ctx, pks) -> None:
    """The bulk entries must equal what `textindex.index` would write: compared on a sample, the seed fails if not."""
    from django.contrib.contenttypes.models import ContentType

    from zhengxie import textindex
    from zhengxie.textindex.models import IndexEntry
    from zhengxie.textindex.services import _entry_values

    from .models import Proposal

    reg = textindex.registration_for(Proposal)
    ct = ContentType.objects.db_manager(ctx.using).get_for_model(Proposal)
    stored = {e.object_id: e for e in IndexEntry.objects.using(ctx.using).filter(content_type=ct, object_id__in=pks)}
    for p in reg.queryset(Proposal.objects.using(ctx.using).filter(pk__in=pks)):
        want = _entry_values(reg, p)
        got = stored.get(p.pk)
        have = None if got is None else {k: getattr(got, k) for k in want}
        if have != want:
            raise RuntimeError(f"提案 {p.pk} 的批量索引与 textindex.index 的结果不一致：{have} ≠ {want}")


# --- scenarios ----------------------------------------------------------------------------------------

LIST_P95_MS = 100
DETAIL_P95_MS = 50
ACTION_P95_MS = 30
STAFF = Role.PROPOSAL_STAFF
DEEP_PAGE = 1000


def _current_meeting(ctx):
    from zhengxie.members.models import Meeting

    return Meeting.objects.filter(cppcc=ctx.cppcc, kind=Meeting.Kind.PLENARY, proposals__isnull=False).order_by(
        "-start_date").first()


def _proposal(ctx, status: str, *, joint: bool = False) -> int:
    """A proposal of the current meeting in `status` with (when possible) several units, replies and evaluations."""
    from django.db.models import Count

    from .models import Proposal

    qs = Proposal.objects.filter(cppcc=ctx.cppcc, status=status, meeting=_current_meeting(ctx))
    if joint:
        qs = qs.filter(proposer_type="joint")
    rich = qs.annotate(n=Count("assignments")).filter(n__gte=3).order_by("id").values_list("id", flat=True).first()
    pk = rich or qs.order_by("id").values_list("id", flat=True).first()
    if pk is None:
        raise LookupError(f"没有状态为 {status} 的提案")
    return pk


def _numbered(ctx) -> int:
    from .models import Proposal

    numbers = Proposal.objects.filter(cppcc=ctx.cppcc, meeting=_current_meeting(ctx), number__isnull=False).order_by(
        "number").values_list("number", flat=True)[:123]
    return list(numbers)[-1]  # 第0123号 on the national dataset


def _unit_url(ctx) -> str:
    from zhengxie.accounts.models import Organisation

    return f"/proposals/?unit={ctx.org_id(Organisation.Kind.HANDLING_UNIT, '市教育局')}"


def _category_url(ctx) -> str:
    from .models import Category

    return f"/proposals/?category={Category.objects.get(cppcc=ctx.cppcc, code='ecology').pk}"


def next_received(ctx) -> int:
    """The next proposal waiting for 初审 (each request moves one on, so the next call finds another)."""
    from .models import Proposal

    pk = Proposal.objects.filter(cppcc=ctx.cppcc, status=S.RECEIVED).order_by("id").values_list("id", flat=True).first()
    if pk is None:
        raise LookupError("待初审的提案已用完")
    return pk


def next_to_accept(ctx) -> int:
    """The next proposal handed to the acting unit and not yet signed for by it."""
    from zhengxie.accounts.selectors import organisations_for_role

    from .models import Assignment

    units = [o.pk for o in organisations_for_role(ctx.user, Role.HANDLING_UNIT)]
    pk = (Assignment.objects.filter(unit_id__in=units, state=Assignment.State.PENDING, proposal__status=S.ASSIGNED)
          .order_by("proposal_id").values_list("proposal_id", flat=True).first())
    if pk is None:
        raise LookupError("待签收的提案已用完")
    return pk


scenario("提案查询 第1页", "/proposals/", as_role=STAFF, target_p95_ms=LIST_P95_MS, group="提案查询：第1页与深页", order=200)
scenario(f"提案查询 第{DEEP_PAGE}页", f"/proposals/?page={DEEP_PAGE}", as_role=STAFF, target_p95_ms=LIST_P95_MS,
         group="提案查询：第1页与深页", order=201)
scenario("提案搜索：提案号", lambda ctx: f"/proposals/?number={_numbered(ctx):04d}", as_role=STAFF,
         target_p95_ms=LIST_P95_MS, order=202)
scenario("提案搜索：二字词“养老”", "/proposals/?q=养老", as_role=STAFF, target_p95_ms=LIST_P95_MS, order=203)
scenario("提案搜索：四字词“营商环境”", "/proposals/?q=营商环境", as_role=STAFF, target_p95_ms=LIST_P95_MS, order=204)
scenario("提案筛选：状态“办理中”", "/proposals/?status=in_progress", as_role=STAFF, target_p95_ms=LIST_P95_MS, order=205)
scenario("提案筛选：承办单位“市教育局”", _unit_url, as_role=STAFF, target_p95_ms=LIST_P95_MS, order=206)
scenario("提案筛选：类别“生态文明建设”", _category_url, as_role=STAFF, target_p95_ms=LIST_P95_MS, order=207)
scenario("提案详情（已办结，含答复与评价）", lambda ctx: f"/proposals/{_proposal(ctx, S.CLOSED, joint=True)}/", as_role=STAFF,
         target_p95_ms=DETAIL_P95_MS, order=210)
scenario("提案详情（办理中）", lambda ctx: f"/proposals/{_proposal(ctx, S.IN_PROGRESS)}/", as_role=STAFF,
         target_p95_ms=DETAIL_P95_MS, order=211)
scenario("API 提案列表 第1页", "/api/v1/proposals/", as_role=STAFF, target_p95_ms=LIST_P95_MS,
         group="API 提案列表：第1页与深页", order=220)
scenario(f"API 提案列表 第{DEEP_PAGE}页", f"/api/v1/proposals/?page={DEEP_PAGE}", as_role=STAFF,
         target_p95_ms=LIST_P95_MS, group="API 提案列表：第1页与深页", order=221)
scenario("API 提案搜索“营商环境”", "/api/v1/proposals/?q=营商环境", as_role=STAFF, target_p95_ms=LIST_P95_MS, order=222)
scenario("API 提案详情", lambda ctx: f"/api/v1/proposals/{_proposal(ctx, S.CLOSED, joint=True)}", as_role=STAFF,
         target_p95_ms=DETAIL_P95_MS, order=223)
scenario("我的提案（委员）", "/proposals/mine/", as_role=Role.MEMBER, target_p95_ms=LIST_P95_MS, order=230)
scenario("提案查询（委员）", "/proposals/", as_role=Role.MEMBER, target_p95_ms=LIST_P95_MS, order=231)
scenario("承办提案：待签收（承办单位）", "/proposals/inbox/", as_role=Role.HANDLING_UNIT, target_p95_ms=LIST_P95_MS, order=232)
scenario("承办提案：全部（承办单位）", "/proposals/inbox/?tab=all", as_role=Role.HANDLING_UNIT, target_p95_ms=LIST_P95_MS,
         order=233)
scenario("提案审查与交办：待初审", "/proposals/queue/?tab=to_pre_review", as_role=STAFF, target_p95_ms=LIST_P95_MS, order=234)
scenario("办理：初审通过（POST，每次一件新提案）", lambda ctx: f"/proposals/{next_received(ctx)}/act/pre_review/", as_role=STAFF,
         target_p95_ms=ACTION_P95_MS, method="POST", data={"note": ""}, fresh=True, order=240)
scenario("办理：承办单位签收（POST，每次一件新提案）", lambda ctx: f"/proposals/{next_to_accept(ctx)}/act/accept/",
         as_role=Role.HANDLING_UNIT, target_p95_ms=ACTION_P95_MS, method="POST", fresh=True, order=241)
