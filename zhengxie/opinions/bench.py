"""社情民意信息 in the national benchmark dataset (`make bench`, docs/benchmarks.md): 500,000 items and their scenarios.

Seeded in the bench 政协 over five years (the term's first year to today), 50 items per member on the national
dataset: a realistic status mix (about half not used, a third accepted and reported upward only, a tenth edited
and published — the review's proportions: 2773 received, 160 published, 780 reported), items by members, by
特邀信息员 and through 信息报送单位 (党派, 县区政协, 专委会), co-authors, attribution (界别/专委会/党派 of the author's
membership), signed issues of ten articles each (单篇 and 综合编发), reports upward, upper-level adoptions, leaders'
批示, 约稿 items, the submit event of every item, the full-text index entries (written in bulk with the tokeniser of
`zhengxie.textindex`, checked against `textindex` on a sample) and the derived score ledger of every year
(`scoring.compute_entries`, loaded with COPY; past years frozen, the current one open).

Texts are recombined from the sentence bank of `zhengxie.core.bench.texts` (`ctx.text`) plus the sentences below.
Scenarios (issue 5): list/search p95 ≤ 100 ms, detail, a year's rankings ≤ 2 s, a 10-article issue PDF ≤ 3 s.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache

from zhengxie.core.bench import texts as bank
from zhengxie.core.bench.registry import dataset, scenario, seed_step
from zhengxie.core.roles import Role

from .workflow import Status

S = Status

dataset("opinions", "社情民意信息", 500_000, app="opinions", model="opinions.Opinion")
dataset("opinion_coauthors", "社情民意共同作者", 40_000, app="opinions", model="opinions.Opinion_coauthors", main=False)
dataset("opinion_articles", "编发稿", 40_000, app="opinions", model="opinions.Article", main=False)
dataset("opinion_issues", "期刊（期）", 4_000, app="opinions", model="opinions.Issue", main=False)
dataset("opinion_reports", "信息报送（上报）", 150_000, app="opinions", model="opinions.UpwardReport", main=False)
dataset("opinion_adoptions", "上级采用", 22_000, app="opinions", model="opinions.Adoption", main=False)
dataset("opinion_instructions", "领导批示", 5_000, app="opinions", model="opinions.Instruction", main=False)
dataset("opinion_scores", "社情民意计分", 120_000, app="opinions", model="opinions.ScoreEntry", main=False)
dataset("opinion_index", "社情民意全文索引条目", 490_000, app="textindex", main=False)

PER_MEMBER = 50  # 500,000 items for 10,000 members
YEARS = 5
SERIES = "政协社情民意"
ARTICLES_PER_ISSUE = 10
PERSONA_ITEMS = 40  # the member persona (bench-member) reports this many items
INFORMANT_SHARE = 0.025  # share of members appointed 特邀信息员
COUNTIES = ["东城区", "西城区", "南湖区", "北山县", "新区", "高新区", "东山县", "西河县", "南岭县", "北湖县", "临江县", "青石县"]

# Status mix (per cent) of the items received in a closed year and in the current year.
PAST_MIX = {S.NOT_USED: 50, S.RETURNED: 3, S.ACCEPTED: 30, S.EDITED: 8, S.ISSUED: 9}
CURRENT_MIX = {S.DRAFT: 2, S.SUBMITTED: 8, S.RETURNED: 4, S.NOT_USED: 40, S.ACCEPTED: 28, S.EDITED: 8, S.IN_ISSUE: 1,
               S.ISSUED: 9}
USED = (S.ACCEPTED, S.EDITED, S.IN_ISSUE, S.ISSUED)

# The sentences of a 社情民意 item (情况 / 分析 / 建议), recombined around the bench topics.
SITUATIONS = [
    "近期有群众反映，{place}{topic}方面的问题较为突出，部分群众意见较大。",
    "据调查，{place}{topic}工作推进不平衡，基层反映的问题集中在落实环节。",
    "{topic}涉及面广，{place}不少群众通过多种渠道反映有关情况。",
    "今年以来，{place}{topic}出现一些新情况，值得引起重视。",
]
ANALYSES = [
    "究其原因，一是责任主体不够明确，二是配套政策不够完善。",
    "主要原因在于投入不足、标准不一，基层执行中缺少具体抓手。",
    "问题的根源在于部门之间信息不共享，监管存在空档。",
    "一些地方对此重视不够，相关工作仍停留在文件层面。",
]
SUGGESTION_LEADS = ["建议：", "为此建议：", "对此提出以下建议："]
TITLE_FORMS = ["关于{place}{topic}的情况反映", "关于{topic}存在问题的建议", "群众反映{place}{topic}亟待改进",
               "关于加强{topic}的建议", "{place}{topic}问题值得关注"]
TARGETS = ("provincial", "national")
LEADERS = {"prefectural": ["市长（基准）", "常务副市长（基准）", "分管副市长（基准）", "市委书记（基准）"],
           "provincial": ["省长（基准）", "副省长（基准）"], "department": ["省农业农村厅厅长（基准）", "省民政厅厅长（基准）"]}
VARIANTS = 240  # bodies per topic (cached): the index tokeniser is memoised per piece of text


def _weighted(rng, mix: dict) -> str:
    r = rng.random() * sum(mix.values())
    for key, weight in mix.items():
        r -= weight
        if r < 0:
            return key
    return key


@lru_cache(maxsize=65_536)
def body(topic: str, place: str, k: int) -> tuple[str, str, str]:
    """(情况, 分析, 建议) of variant k: deterministic, no RNG state (the same text in the row and in the index)."""
    situation = SITUATIONS[k % len(SITUATIONS)].format(topic=topic, place=place) + bank.PROBLEMS[k % len(bank.PROBLEMS)]
    analysis = ANALYSES[(k // 4) % len(ANALYSES)] + bank.PROBLEMS[(k // 3 + 1) % len(bank.PROBLEMS)]
    n = len(bank.SUGGESTIONS)
    suggestions = (SUGGESTION_LEADS[k % 3] + bank.SUGGESTIONS[k % n] + bank.SUGGESTIONS[(k // 5 + 2) % n]
                   + bank.CLOSINGS[k % len(bank.CLOSINGS)])
    return situation, analysis, suggestions


@dataclass(slots=True)
class Plan:
    pk: int
    status: str
    year: int
    received: dt.datetime | None
    created: dt.datetime
    reporter: int  # user id
    name: str
    topic: str
    place: str
    variant: int
    title: str
    member: int | None = None
    sector: int | None = None
    committee: int | None = None
    party: int | None = None
    unit: int | None = None
    informant: bool = False
    commissioned: bool = False
    coauthors: tuple = ()
    screened: dt.datetime | None = None
    issued: dt.date | None = None
    reports: list = field(default_factory=list)  # [(target, date)]


def _aware(day: dt.date, minutes: int) -> dt.datetime:
    from django.utils import timezone

    return timezone.make_aware(dt.datetime.combine(day, dt.time()) + dt.timedelta(minutes=minutes))


# --- people and units ---------------------------------------------------------------------------------

def _people(ctx):
    """[(member id, user id, name, sector, committee, party)] of the seated members, persona first."""
    from zhengxie.members.models import Member, Membership

    names = dict(Member.objects.using(ctx.using).filter(cppcc=ctx.cppcc).values_list("id", "name"))
    seats = {}
    for mid, uid, sector, committee, party in (Membership.objects.using(ctx.using).filter(cppcc=ctx.cppcc)
                                               .order_by("start_date").values_list("member_id", "member__user_id",
                                                                                   "sector_id", "committee_id", "party_id")):
        seats[mid] = (mid, uid, names.get(mid, ""), sector, committee, party)
    return [seats[mid] for mid in sorted(seats)]


@seed_step("社情民意：特邀信息员与报送单位", order=300, provides=())
def seed_reporters(ctx) -> None:
    from zhengxie.accounts.models import Organisation, RoleAssignment
    from zhengxie.core.bench.foundation import TERM_START

    from .models import Informant, ReportingUnit

    people = _people(ctx)
    ctx.shared["opinion_people"] = people
    rng = ctx.rng
    picked = [p for i, p in enumerate(people) if i > 0 and rng.random() < INFORMANT_SHARE]
    informant_users = [p[1] for p in picked]
    ctx.load(Informant, ({"cppcc_id": ctx.cppcc.pk, "user_id": p[1], "member_id": p[0], "employer": "",
                          "appointed_at": TERM_START, "term_end": dt.date(TERM_START.year + 5, 1, 9), "yearly_duty": 12,
                          "state": "active", "note": "", "created_at": ctx.now, "updated_at": ctx.now} for p in picked))
    ctx.load(RoleAssignment, ({"cppcc_id": ctx.cppcc.pk, "user_id": uid, "role": str(Role.INFORMANT),
                               "organisation_id": None, "valid_from": TERM_START, "valid_to": None, "note": "",
                               "created_at": ctx.now, "updated_at": ctx.now} for uid in informant_users))
    ctx.shared["opinion_informants"] = set(informant_users)
    orgs = dict(Organisation.objects.using(ctx.using).filter(cppcc=ctx.cppcc, kind__in=[
        Organisation.Kind.PARTY, Organisation.Kind.COMMITTEE]).values_list("id", "name"))
    K = ReportingUnit.Kind
    units = [(f"{orgs[o]}基准市委员会" if orgs[o] != "中国共产党" else "中共基准市委统战部", K.PARTY, o)
             for o in ctx.shared.get("parties", []) if o in orgs]
    units += [(f"{orgs[o]}（信息报送）", K.COMMITTEE, o) for o in ctx.shared.get("committees", []) if o in orgs]
    units += [(f"基准市{c}政协", K.COUNTY, None) for c in COUNTIES]
    ids = ctx.load(ReportingUnit, ({"cppcc_id": ctx.cppcc.pk, "name": name, "kind": kind, "organisation_id": org,
                                    "leader_name": "", "yearly_quota": 30, "is_active": True, "created_at": ctx.now,
                                    "updated_at": ctx.now} for name, kind, org in units))
    ctx.shared["opinion_units"] = {(kind, org or name): uid for (name, kind, org), uid in zip(units, ids, strict=True)}
    ctx.shared["opinion_county_units"] = [uid for (_n, kind, _o), uid in zip(units, ids, strict=True) if kind == K.COUNTY]


# --- items --------------------------------------------------------------------------------------------

def _plan(ctx, start_pk: int) -> list[Plan]:
    """Decide every item's life (no database access)."""
    from .models import ReportingUnit

    rng, text = ctx.rng, ctx.text
    people = ctx.shared["opinion_people"]
    informants = ctx.shared["opinion_informants"]
    units = ctx.shared["opinion_units"]
    counties = ctx.shared["opinion_county_units"]
    total = ctx.size("opinions")
    if "opinions" not in ctx.sizes:
        total = min(total, PER_MEMBER * max(1, len(people)))
    this_year = ctx.today.year
    years = list(range(this_year - YEARS + 1, this_year + 1))
    topics = bank.TOPICS
    plans: list[Plan] = []
    for i in range(total):
        year = years[i % len(years)] if i >= PERSONA_ITEMS else years[-1 - i % 2]
        current = year == this_year
        last = ctx.today - dt.timedelta(days=1) if current else dt.date(year, 12, 31)
        first = dt.date(year, 1, 2)
        day = first + dt.timedelta(days=rng.randrange(max(1, (last - first).days)))
        status = _weighted(rng, CURRENT_MIX if current else PAST_MIX)
        if current and status in (S.SUBMITTED, S.DRAFT, S.IN_ISSUE):
            day = max(first, ctx.today - dt.timedelta(days=rng.randint(1, 20)))
        person = people[0] if i < PERSONA_ITEMS else people[rng.randrange(len(people))]
        mid, uid, name, sector, committee, party = person
        topic, place = topics[rng.randrange(len(topics))], bank.PLACES[rng.randrange(len(bank.PLACES))]
        received = _aware(day, rng.randint(8 * 60, 20 * 60)) if status != S.DRAFT else None
        p = Plan(pk=start_pk + i, status=status, year=year, received=received,
                 created=(received or _aware(day, 9 * 60)) - dt.timedelta(hours=rng.randint(1, 72)), reporter=uid,
                 name=name, topic=topic, place=place, variant=rng.randrange(VARIANTS),
                 title=rng.choice(TITLE_FORMS).format(topic=topic, place=place) if rng.random() < 0.6
                 else text.title(topic), member=mid, sector=sector, committee=committee, party=party)
        p.informant = uid in informants
        roll = rng.random()
        if roll < 0.12 and party is not None and (ReportingUnit.Kind.PARTY, party) in units:
            p.unit = units[(ReportingUnit.Kind.PARTY, party)]
        elif roll < 0.2 and counties:
            p.unit = counties[rng.randrange(len(counties))]
        elif roll < 0.24 and committee is not None and (ReportingUnit.Kind.COMMITTEE, committee) in units:
            p.unit = units[(ReportingUnit.Kind.COMMITTEE, committee)]
        p.commissioned = rng.random() < 0.03
        if rng.random() < 0.08:
            p.coauthors = tuple({people[rng.randrange(len(people))][1] for _ in range(rng.choice((1, 1, 2)))} - {uid})
        if status not in (S.DRAFT, S.SUBMITTED):
            p.screened = received + dt.timedelta(days=rng.randint(1, 6), minutes=rng.randint(0, 300))
        if status in USED and rng.random() < 0.62:
            targets = ["provincial"] if rng.random() < 0.8 else ["national"]
            if rng.random() < 0.1:
                targets = list(TARGETS)
            for t in targets:
                rep = (p.screened + dt.timedelta(days=rng.randint(1, 15))).date()
                p.reports.append((t, min(rep, ctx.today)))
        plans.append(p)
    return plans


@seed_step("社情民意信息", order=310, provides=("opinions", "opinion_coauthors"))
def seed_opinions(ctx) -> None:
    from .models import Opinion

    plans = _plan(ctx, ctx.next_id(Opinion))
    ctx.shared["opinion_plans"] = plans
    staff = _user_id(ctx, f"bench-{Role.INFO_EDITOR}")
    ctx.shared["opinion_editor"] = staff
    unit_names = _unit_names(ctx)
    ctx.shared["opinion_issue_rows"] = _plan_issues(ctx, plans, unit_names)  # sets each issued item's 编发 date

    def rows():
        for p in plans:
            situation, analysis, suggestions = body(p.topic, p.place, p.variant)
            screened_note = {S.NOT_USED: "属于一般性工作情况，不作为社情民意信息编报。",
                             S.RETURNED: "请补充具体数据和典型事例后重新报送。"}.get(p.status, "")
            yield {
                "id": p.pk, "cppcc_id": ctx.cppcc.pk, "title": p.title, "situation": situation, "analysis": analysis,
                "suggestions": suggestions, "reporter_id": p.reporter,
                "reporter_name": f"{unit_names[p.unit]}　{p.name}" if p.unit else p.name,
                "reporting_unit_id": p.unit, "status": p.status, "source": "commission" if p.commissioned else "direct",
                "is_commissioned": p.commissioned, "commission_id": None, "topic_id": None, "is_urgent": False,
                "member_id": p.member, "sector_id": p.sector, "committee_id": p.committee, "party_id": p.party,
                "is_informant": p.informant, "submitted_at": p.received, "received_at": p.received,
                "screened_at": p.screened, "screened_by_id": staff if p.screened else None, "screen_note": screened_note,
                "issued_at": _aware(p.issued, 10 * 60) if p.issued else None, "created_by_id": p.reporter, "created_at": p.created,
                "updated_at": p.screened or p.received or p.created,
            }

    ctx.load(Opinion, rows())
    ctx.load(Opinion.coauthors.through, ({"opinion_id": p.pk, "user_id": u} for p in plans for u in p.coauthors))


def _user_id(ctx, username: str) -> int | None:
    from zhengxie.accounts.models import User

    return User.objects.using(ctx.using).filter(cppcc=ctx.cppcc, username=username).values_list("id", flat=True).first()


def _unit_names(ctx) -> dict:
    from .models import ReportingUnit

    return dict(ReportingUnit.objects.using(ctx.using).filter(cppcc=ctx.cppcc).values_list("id", "name"))


# --- periodicals, reports upward, adoptions, 批示 -----------------------------------------------------

def _plan_issues(ctx, plans: list[Plan], names: dict) -> tuple[list, list, list, dict]:
    """Issued items in order of screening → articles (85 % 单篇, else 综合 of 2–3 items) → issues of ten articles.
    Returns (issue rows, article rows, article-item rows, {year: last 期号}); no database access but the next ids."""
    from .models import Article, Issue

    rng = ctx.rng
    editor, approver = ctx.shared["opinion_editor"], _user_id(ctx, f"bench-{Role.INFO_APPROVER}")
    issues, articles, links, counters = [], [], [], {}
    total_no = 0
    by_year: dict[int, list[Plan]] = {}
    for p in plans:
        if p.status in (S.ISSUED, S.IN_ISSUE):
            by_year.setdefault(p.year, []).append(p)
    issue_pk, article_pk = ctx.next_id(Issue), ctx.next_id(Article)
    for year in sorted(by_year):
        items = sorted(by_year[year], key=lambda p: (p.status == S.IN_ISSUE, p.screened, p.pk))
        groups, k = [], 0
        while k < len(items):
            group = items[k:k + (1 if rng.random() < 0.85 else rng.choice((2, 3)))]
            if any(x.status != group[0].status for x in group):
                group = group[:1]
            groups.append(group)
            k += len(group)
        number = 0
        for g0 in range(0, len(groups), ARTICLES_PER_ISSUE):
            chunk = groups[g0:g0 + ARTICLES_PER_ISSUE]
            signed = chunk[0][0].status == S.ISSUED
            latest = max(x.screened for g in chunk for x in g).date()
            date = min(latest + dt.timedelta(days=rng.randint(3, 12)), ctx.today, dt.date(year, 12, 31))
            if signed:
                number += 1
                total_no += 1
            created = _aware(date, 9 * 60) - dt.timedelta(days=5)
            issues.append({"id": issue_pk, "cppcc_id": ctx.cppcc.pk, "series": SERIES, "year": year,
                           "number": number if signed else None, "total_number": total_no if signed else None,
                           "date": date, "distribution": "报送：市委、市人大常委会、市政府、市政协领导，省政协办公厅。",
                           "state": "signed" if signed else "draft", "signed_by_id": approver if signed else None,
                           "signed_at": _aware(date, 10 * 60) if signed else None, "created_by_id": editor,
                           "created_at": created, "updated_at": _aware(date, 10 * 60)})
            for pos, group in enumerate(chunk, 1):
                kind = "single" if len(group) == 1 else "combined"
                title = group[0].title if kind == "single" else f"关于{group[0].topic}等问题的综合反映"
                author = "　".join(f"{names[x.unit]}　{x.name}" if x.unit else x.name for x in group)
                articles.append({"id": article_pk, "cppcc_id": ctx.cppcc.pk, "kind": kind, "title": title[:120],
                                 "body": "\n".join("\n".join(body(x.topic, x.place, x.variant)) for x in group),
                                 "author_line": author[:200], "issue_id": issue_pk, "position": pos,
                                 "created_by_id": editor, "created_at": created, "updated_at": created})
                for x in group:
                    links.append({"article_id": article_pk, "opinion_id": x.pk})
                    if signed:
                        x.issued = date
                article_pk += 1
            issue_pk += 1
        if number:
            counters[year] = number
    if total_no:
        counters[0] = total_no
    return issues, articles, links, counters


@seed_step("社情民意：期刊与编发稿", order=320, provides=("opinion_articles", "opinion_issues"))
def seed_issues(ctx) -> None:
    from .models import Article, Issue, IssueCounter

    issues, articles, links, counters = ctx.shared["opinion_issue_rows"]
    ctx.load(Issue, issues)
    ctx.load(Article, articles)
    ctx.load(Article.items.through, links)
    for year, value in counters.items():
        IssueCounter.objects.using(ctx.using).update_or_create(cppcc=ctx.cppcc, series=SERIES, year=year,
                                                               defaults={"value": value})


@seed_step("社情民意：上报、采用与批示", order=330,
           provides=("opinion_reports", "opinion_adoptions", "opinion_instructions"))
def seed_upward(ctx) -> None:
    from django.contrib.contenttypes.models import ContentType

    from .models import Adoption, Instruction, Opinion, UpwardReport

    rng, plans = ctx.rng, ctx.shared["opinion_plans"]
    editor = ctx.shared["opinion_editor"]
    ct = ContentType.objects.db_manager(ctx.using).get_for_model(Opinion).pk
    reports, adoptions, instructions = [], [], []
    for p in plans:
        for target, day in p.reports:
            reports.append({"cppcc_id": ctx.cppcc.pk, "opinion_id": p.pk, "target": target, "reported_at": day,
                            "batch": f"{day:%Y%m%d}", "reported_by_id": editor, "created_at": _aware(day, 16 * 60)})
            if rng.random() < 0.15:
                adopted = day + dt.timedelta(days=rng.randint(10, 60))
                if adopted >= ctx.today:
                    continue
                mode = _weighted(rng, {"single": 50, "combined": 40, "forwarded": 10})
                body_name = "省政协办公厅" if target == "provincial" else "全国政协办公厅"
                adoptions.append({"cppcc_id": ctx.cppcc.pk, "opinion_id": p.pk, "level": target, "mode": mode,
                                  "adopted_at": adopted, "by_org": body_name,
                                  "issue_ref": f"《政协信息》{adopted.year}年第{rng.randint(1, 120)}期",
                                  "source_document": f"{body_name}{adopted.year}年信息采用情况通报",
                                  "recorded_by_id": editor, "created_at": _aware(adopted, 15 * 60)})
                if rng.random() < 0.1:
                    level = rng.choice(("provincial", "department"))
                    instructions.append(_instruction(ctx, rng, ct, p.pk, level, adopted + dt.timedelta(days=7), editor))
        if p.issued and rng.random() < 0.08:
            instructions.append(_instruction(ctx, rng, ct, p.pk, "prefectural",
                                             p.issued + dt.timedelta(days=rng.randint(2, 20)), editor))
    ctx.load(UpwardReport, reports)
    ctx.load(Adoption, adoptions)
    ctx.load(Instruction, [x for x in instructions if x["date"] < ctx.today])


def _instruction(ctx, rng, ct, pk, level, day, editor) -> dict:
    return {"cppcc_id": ctx.cppcc.pk, "content_type_id": ct, "object_id": str(pk),
            "leader_name": rng.choice(LEADERS[level]), "leader_level": level, "date": day,
            "text": "请有关部门认真研究，提出具体措施。", "text_visible": False, "source_document": "领导批示件",
            "state": "recorded", "transferred_to_id": None, "feedback": "", "recorded_by_id": editor,
            "created_at": _aware(min(day, ctx.today), 11 * 60)}


@seed_step("社情民意：流转记录", order=340, provides=())
def seed_events(ctx) -> None:
    """The submit event of every received item (the detail page's 流转记录)."""
    from django.contrib.contenttypes.models import ContentType

    from zhengxie.core.models import Event

    from .models import Opinion

    ct = ContentType.objects.db_manager(ctx.using).get_for_model(Opinion).pk
    ctx.load(Event, ({"cppcc_id": ctx.cppcc.pk, "content_type_id": ct, "object_id": str(p.pk), "verb": "opinion.submit",
                      "message": "报送", "actor_id": p.reporter, "at": p.received,
                      "data": {"from": S.DRAFT, "to": S.SUBMITTED}}
                     for p in ctx.shared["opinion_plans"] if p.received is not None))


# --- full-text index ----------------------------------------------------------------------------------

@seed_step("社情民意全文索引", order=350, provides=("opinion_index",))
def seed_index(ctx) -> None:
    """IndexEntry rows in bulk for every received item, tokenised exactly as `textindex.index` does."""
    from django.contrib.contenttypes.models import ContentType

    from zhengxie import textindex
    from zhengxie.proposals.bench import drop_gin_indexes, index_tokens, rebuild_gin_indexes
    from zhengxie.textindex.models import IndexEntry
    from zhengxie.textindex.registry import facet_values

    from .models import Opinion

    reg = textindex.registration_for(Opinion)
    ct = ContentType.objects.db_manager(ctx.using).get_for_model(Opinion).pk
    names = _unit_names(ctx)
    plans = [p for p in ctx.shared["opinion_plans"] if p.status != S.DRAFT]

    @lru_cache(maxsize=400_000)
    def tokens(text: str) -> str:  # titles, names and bodies repeat: tokenise each distinct text once
        return " ".join(index_tokens(text))

    def rows():
        for p in plans:
            doc = {"title": p.title, "reporter": f"{names[p.unit]}　{p.name}" if p.unit else p.name,
                   "unit": names[p.unit] if p.unit else "", "body": "\n".join(body(p.topic, p.place, p.variant))}
            columns = {letter: [] for letter in "ABCD"}
            for name, letter in reg.fields.items():
                if doc.get(name):
                    columns[letter].append(doc[name])
            row = {f"tokens_{letter.lower()}": " ".join(x for x in (tokens(text) for text in texts) if x)
                   for letter, texts in columns.items()}
            row.update(cppcc_id=ctx.cppcc.pk, content_type_id=ct, object_id=p.pk, updated_at=ctx.now,
                       facets=facet_values({"status": p.status, "year": p.received.year, "unit": p.unit}))
            yield row

    gins = drop_gin_indexes(ctx)
    ctx.load(IndexEntry, rows())
    rebuild_gin_indexes(ctx, gins)
    if ctx.connection.vendor == "sqlite":
        from zhengxie.textindex.backends import get_backend

        get_backend().written(IndexEntry.objects.using(ctx.using).filter(content_type_id=ct, cppcc=ctx.cppcc))
    check_index_sample(ctx, [p.pk for p in ctx.rng.sample(plans, k=min(60, len(plans)))])


def check_index_sample(ctx, pks) -> None:
    """The bulk entries must equal what `textindex.index` would write: compared on a sample, the seed fails if not."""
    from django.contrib.contenttypes.models import ContentType

    from zhengxie import textindex
    from zhengxie.textindex.models import IndexEntry
    from zhengxie.textindex.services import _entry_values

    from .models import Opinion

    reg = textindex.registration_for(Opinion)
    ct = ContentType.objects.db_manager(ctx.using).get_for_model(Opinion)
    stored = {e.object_id: e for e in IndexEntry.objects.using(ctx.using).filter(content_type=ct, object_id__in=pks)}
    for o in reg.queryset(Opinion.objects.using(ctx.using).filter(pk__in=pks)):
        want = _entry_values(reg, o)
        got = stored.get(o.pk)
        have = None if got is None else {k: getattr(got, k) for k in want}
        if have != want:
            raise RuntimeError(f"社情民意 {o.pk} 的批量索引与 textindex.index 的结果不一致：{have} ≠ {want}")


# --- scores -------------------------------------------------------------------------------------------

@seed_step("社情民意计分", order=360, provides=("opinion_scores",))
def seed_scores(ctx) -> None:
    """The score ledger of every year, derived by `scoring.compute_entries` (the recompute's own code) and loaded with
    COPY; the closed years frozen with sign-off, the current year open."""
    from django.utils import timezone

    from . import scoring
    from .models import ScoreEntry, YearFreeze

    approver = _user_id(ctx, f"bench-{Role.INFO_APPROVER}")
    years = sorted({p.year for p in ctx.shared["opinion_plans"]})
    fields = [f.attname for f in ScoreEntry._meta.concrete_fields if f.attname != "id"]
    for year in years:
        lines = scoring.compute_entries(ctx.cppcc, year)  # queries first: the generator below touches no database
        ctx.load(ScoreEntry, ({name: getattr(e, name) for name in fields} for e in lines))
        frozen = year < ctx.today.year
        at = timezone.make_aware(dt.datetime(year + 1, 1, 20, 10)) if frozen else ctx.now
        YearFreeze.objects.using(ctx.using).update_or_create(cppcc=ctx.cppcc, year=year, defaults={
            "computed_at": at, "is_frozen": frozen, "frozen_at": at if frozen else None,
            "signed_by_id": approver if frozen else None,
            "log": [{"action": "freeze", "at": at.isoformat(), "by": approver, "by_name": "信息审核签发（基准）",
                     "reason": ""}] if frozen else []})


# --- scenarios ----------------------------------------------------------------------------------------

LIST_P95_MS = 100
DETAIL_P95_MS = 100
RANKING_P95_MS = 2000
PDF_P95_MS = 3000
EDITOR = Role.INFO_EDITOR


def _rich_item(ctx) -> int:
    """An issued item reported upward and adopted (the detail page with every section filled)."""
    from .models import Adoption

    pk = (Adoption.objects.filter(cppcc=ctx.cppcc, opinion__status=S.ISSUED).order_by("opinion_id")
          .values_list("opinion_id", flat=True).first())
    if pk is None:
        pk = Adoption.objects.filter(cppcc=ctx.cppcc).order_by("opinion_id").values_list("opinion_id", flat=True).first()
    if pk is None:
        raise LookupError("没有已采用的社情民意信息")
    return pk


def _last_closed_year(ctx) -> int:
    from .models import YearFreeze

    year = YearFreeze.objects.filter(cppcc=ctx.cppcc, is_frozen=True).order_by("-year").values_list("year", flat=True).first()
    if year is None:
        raise LookupError("没有已冻结的计分年度")
    return year


def _ten_article_issue(ctx) -> int:
    from django.db.models import Count

    from .models import Issue

    pk = (Issue.objects.filter(cppcc=ctx.cppcc, state=Issue.State.SIGNED).annotate(n=Count("articles"))
          .filter(n=ARTICLES_PER_ISSUE).order_by("-date", "-id").values_list("id", flat=True).first())
    if pk is None:
        raise LookupError("没有十篇稿件的期刊")
    return pk


scenario("社情民意查询 第1页", "/opinions/", as_role=EDITOR, target_p95_ms=LIST_P95_MS, group="社情民意查询：第1页与深页",
         order=500)
scenario("社情民意查询 第500页", "/opinions/?page=500", as_role=EDITOR, target_p95_ms=LIST_P95_MS,
         group="社情民意查询：第1页与深页", order=501)
scenario("社情民意搜索：二字词“养老”", "/opinions/?q=养老", as_role=EDITOR, target_p95_ms=LIST_P95_MS, order=502)
scenario("社情民意搜索：四字词“营商环境”", "/opinions/?q=营商环境", as_role=EDITOR, target_p95_ms=LIST_P95_MS, order=503)
scenario("社情民意筛选：状态“已编发”", "/opinions/?status=issued", as_role=EDITOR, target_p95_ms=LIST_P95_MS, order=504)
scenario("社情民意待初筛", "/opinions/queue/", as_role=EDITOR, target_p95_ms=LIST_P95_MS, order=505)
scenario("我的社情民意（委员）", "/opinions/mine/", as_role=Role.MEMBER, target_p95_ms=LIST_P95_MS, order=506)
scenario("社情民意期刊列表", "/opinions/issues/", as_role=EDITOR, target_p95_ms=LIST_P95_MS, order=507)
scenario("社情民意详情（已编发、已采用）", lambda ctx: f"/opinions/{_rich_item(ctx)}/", as_role=EDITOR,
         target_p95_ms=DETAIL_P95_MS, order=510)
scenario("API 社情民意列表", "/api/v1/opinions/", as_role=EDITOR, target_p95_ms=LIST_P95_MS, order=520)
scenario("API 社情民意搜索“营商环境”", "/api/v1/opinions/?q=营商环境", as_role=EDITOR, target_p95_ms=LIST_P95_MS, order=521)
scenario("API 社情民意详情", lambda ctx: f"/api/v1/opinions/{_rich_item(ctx)}", as_role=EDITOR,
         target_p95_ms=DETAIL_P95_MS, order=522)
scenario("社情民意年度排名（个人）", lambda ctx: f"/opinions/scoring/?year={_last_closed_year(ctx)}&dim=person",
         as_role=Role.LEADER, target_p95_ms=RANKING_P95_MS, order=530)
scenario("社情民意年度排名（党派）", lambda ctx: f"/opinions/scoring/?year={_last_closed_year(ctx)}&dim=party",
         as_role=Role.LEADER, target_p95_ms=RANKING_P95_MS, order=531)
scenario("API 社情民意年度排名（县区政协）",
         lambda ctx: f"/api/v1/opinions/scoring/rankings?year={_last_closed_year(ctx)}&dim=county",
         as_role=Role.LEADER, target_p95_ms=RANKING_P95_MS, order=532)
scenario("社情民意计分明细", lambda ctx: f"/opinions/scoring/ledger/?year={_last_closed_year(ctx)}", as_role=EDITOR,
         target_p95_ms=LIST_P95_MS, order=533)
scenario("社情民意期刊PDF（10篇）", lambda ctx: f"/opinions/issues/{_ten_article_issue(ctx)}/download/pdf/", as_role=EDITOR,
         target_p95_ms=PDF_P95_MS, order=540)
