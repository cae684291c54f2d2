"""Facts of one 政协 and period, read in bulk (a fixed number of queries whatever the number of members).

Each fact is a dict: member_id, rule, source ("app_label.model", id), date, explanation (中文), plus `n` (a
multiplier, e.g. half days). Activities come from `zhengxie.activities.selectors`; 提案 and 社情民意 are read here
with read-only queries.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from zhengxie.activities import selectors as activity_selectors
from zhengxie.activities.models import HomeReception
from zhengxie.members.models import Member
from zhengxie.opinions.models import Adoption, Instruction, Opinion
from zhengxie.opinions.workflow import Status as OpinionStatus
from zhengxie.proposals.models import COLLECTIVE_TYPES, CoSigner, Proposal

from .rules import ACTIVITY_CATEGORIES, MEETING_KINDS, SPEECH_KINDS

FILED_DECISIONS = ("file", "merge")
KIND_LABEL = {"plenary": "全体会议", "standing": "常委会议"}


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _day(value) -> dt.date | None:
    return timezone.localtime(value).date() if value else None


def fact(member_id, rule, source, source_id, date, explanation, n=1) -> dict:
    return {"member_id": member_id, "rule": rule, "source": source, "source_id": str(source_id), "date": date,
            "explanation": explanation, "n": n}


def activity_facts(cppcc_id: int, start: dt.date, end: dt.date, member_ids=None) -> list[dict]:
    out = []
    src = "activities.participation"
    for r in activity_selectors.attendance_facts(cppcc_id, start, end, member_ids=member_ids):
        if not r["counts"]:  # the kind is set not to count for points (活动类型：计入履职积分)
            continue
        kind, cat, title, pid, mid, d = r["kind"], r["category"], r["title"], r["participation_id"], r["member_id"], r["date"]
        what = f"{d:%Y-%m-%d}「{title}」"
        if r["attended"]:
            how = "（代签）" if r["proxy"] else ""
            if kind == "plenary":
                n = max(r["sittings_attended"], 1)
                out.append(fact(mid, "plenary.half_day", src, pid, d, f"出席全体会议{what}{how}，共{n}个半天", n))
            elif kind in MEETING_KINDS:
                out.append(fact(mid, "meeting.attend", src, pid, d, f"出席{what}{how}"))
            elif cat in ACTIVITY_CATEGORIES:
                out.append(fact(mid, "activity.attend", src, pid, d, f"参加{what}{how}"))
            elif cat == "study":
                full = r["sittings_total"] == 0 or r["sittings_attended"] >= r["sittings_total"]
                out.append(fact(mid, "study.full" if full else "study.partial", src, pid, d,
                                f"参加学习培训{what}{'（全程）' if full else '（部分场次）'}{how}"))
            elif cat == "public":
                out.append(fact(mid, "public.attend", src, pid, d, f"参加公益/联系群众活动{what}"))
            if r["is_speaker"] and kind in SPEECH_KINDS:
                written = r["speech_kind"] == "written"
                out.append(fact(mid, "speech.written" if written else "speech.oral", src, pid, d,
                                f"在{KIND_LABEL[kind]}{what}作{'书面' if written else '口头'}发言"))
        elif r["attendance"] == "absent" and kind in KIND_LABEL:
            out.append(fact(mid, f"{kind}.absent", src, pid, d, f"无故缺席{KIND_LABEL[kind]}{what}"))
    return out


def home_facts(cppcc_id: int, start: dt.date, end: dt.date, member_ids=None) -> list[dict]:
    qs = HomeReception.objects.filter(cppcc_id=cppcc_id, date__gte=start, date__lte=end, duty_member__isnull=False)
    if member_ids is not None:
        qs = qs.filter(duty_member_id__in=list(member_ids))
    return [fact(r["duty_member_id"], "home.duty", "activities.homereception", r["id"], r["date"],
                 f"{r['date']:%Y-%m-%d}在{r['home__organisation__name']}值班接待群众")
            for r in qs.values("id", "duty_member_id", "date", "home__organisation__name")]


def proposal_facts(cppcc_id: int, start: dt.date, end: dt.date, member_ids=None) -> list[dict]:
    lo, hi = activity_selectors.day_bounds(start, end)
    qs = Proposal.objects.filter(cppcc_id=cppcc_id, decided_at__gte=lo, decided_at__lt=hi,
                                 decision__in=[*FILED_DECISIONS, "to_sqmy"])
    rows = list(qs.values("id", "title", "number", "lead_member_id", "proposer_type", "decision", "is_key", "decided_at"))
    cos = defaultdict(list)
    for c in CoSigner.objects.filter(proposal_id__in=[r["id"] for r in rows], state=CoSigner.State.CONFIRMED):
        cos[c.proposal_id].append(c.member_id)
    wanted = set(member_ids) if member_ids is not None else None
    out = []
    src = "proposals.proposal"
    for r in rows:
        d = _day(r["decided_at"])
        name = f"提案「{r['title']}」" + (f"（第{r['number']}号）" if r["number"] else "")
        filed = r["decision"] in FILED_DECISIONS
        verb = ("并案" if r["decision"] == "merge" else "立案") if filed else "转社情民意"
        people = []
        if r["lead_member_id"]:
            collective = r["proposer_type"] in COLLECTIVE_TYPES
            people.append((r["lead_member_id"], True, collective))
        people += [(m, False, False) for m in cos[r["id"]] if m != r["lead_member_id"]]
        for mid, lead, collective in people:
            if wanted is not None and mid not in wanted:
                continue
            role = "主笔" if collective else ("领衔" if lead else "联名参与")
            if filed:
                rule = "proposal.collective" if collective else ("proposal.lead" if lead else "proposal.cosign")
            else:
                rule = "proposal.sqmy_lead" if lead else "proposal.sqmy_cosign"
            out.append(fact(mid, rule, src, r["id"], d, f"{name}{d:%Y-%m-%d}{verb}（{role}）"))
            if filed and r["is_key"]:
                out.append(fact(mid, "proposal.key_lead" if lead else "proposal.key_cosign", src, r["id"], d,
                                f"{name}列为重点提案（{role}）"))
    return out


def _user_members(cppcc_id: int, member_ids=None) -> dict[int, int]:
    qs = Member.objects.filter(cppcc_id=cppcc_id, user__isnull=False)
    if member_ids is not None:
        qs = qs.filter(pk__in=list(member_ids))
    return dict(qs.values_list("user_id", "id"))


def _authors(cppcc_id: int, opinion_ids, member_ids=None) -> dict[int, set[int]]:
    umap = _user_members(cppcc_id, member_ids)
    authors: dict[int, set[int]] = defaultdict(set)
    for oid, member_id, reporter_id in Opinion.objects.filter(pk__in=opinion_ids).values_list("id", "member_id", "reporter_id"):
        mid = member_id or umap.get(reporter_id)
        if mid and (member_ids is None or mid in member_ids):
            authors[oid].add(mid)
    for oid, user_id in Opinion.coauthors.through.objects.filter(opinion_id__in=opinion_ids).values_list("opinion_id", "user_id"):
        if user_id in umap:
            authors[oid].add(umap[user_id])
    return authors


def opinion_facts(cppcc_id: int, start: dt.date, end: dt.date, member_ids=None) -> list[dict]:
    lo, hi = activity_selectors.day_bounds(start, end)
    issued = list(Opinion.objects.filter(cppcc_id=cppcc_id, status=OpinionStatus.ISSUED, issued_at__gte=lo, issued_at__lt=hi)
                  .values("id", "title", "issued_at"))
    adoptions = list(Adoption.objects.filter(cppcc_id=cppcc_id, adopted_at__gte=start, adopted_at__lte=end,
                                             level__in=["provincial", "national"])
                     .values("id", "opinion_id", "opinion__title", "level", "adopted_at"))
    ct = ContentType.objects.get_for_model(Opinion)
    instructions = list(Instruction.objects.filter(cppcc_id=cppcc_id, content_type=ct, date__gte=start, date__lte=end)
                        .values("id", "object_id", "leader_name", "date"))
    titles = dict(Opinion.objects.filter(pk__in=[int(i["object_id"]) for i in instructions if i["object_id"].isdigit()])
                  .values_list("id", "title"))
    ids = {o["id"] for o in issued} | {a["opinion_id"] for a in adoptions} | set(titles)
    authors = _authors(cppcc_id, ids)
    wanted = set(member_ids) if member_ids is not None else None
    out = []

    def add(oid, *args):
        for mid in sorted(authors.get(oid, ())):
            if wanted is None or mid in wanted:
                out.append(fact(mid, *args))

    for o in issued:
        d = _day(o["issued_at"])
        add(o["id"], "opinion.issued", "opinions.opinion", o["id"], d, f"社情民意「{o['title']}」{d:%Y-%m-%d}由市政协编发")
    for a in adoptions:
        lvl = "全国政协" if a["level"] == "national" else "省政协"
        add(a["opinion_id"], f"opinion.{a['level']}", "opinions.adoption", a["id"], a["adopted_at"],
            f"社情民意「{a['opinion__title']}」{a['adopted_at']:%Y-%m-%d}被{lvl}采用")
    for i in instructions:
        oid = int(i["object_id"]) if i["object_id"].isdigit() else None
        if oid in titles:
            add(oid, "opinion.instruction", "opinions.instruction", i["id"], i["date"],
                f"社情民意「{titles[oid]}」{i['date']:%Y-%m-%d}获{i['leader_name']}批示")
    return out


def excellent_proposal_facts(cppcc_id: int, year: int, member_ids=None) -> list[dict]:
    """优秀提案 of the year (the approved 年度好提案 list of zhengxie.appraisals): 领衔/主笔 and confirmed 联名."""
    from zhengxie.appraisals.selectors import excellent_proposal_ids

    ids = excellent_proposal_ids(cppcc_id, year)
    rows = list(Proposal.objects.filter(cppcc_id=cppcc_id, pk__in=ids).values("id", "title", "number", "lead_member_id"))
    cos = defaultdict(list)
    for pid, mid in CoSigner.objects.filter(proposal_id__in=[r["id"] for r in rows], state=CoSigner.State.CONFIRMED
                                            ).values_list("proposal_id", "member_id"):
        cos[pid].append(mid)
    wanted = set(member_ids) if member_ids is not None else None
    day = dt.date(year, 12, 31)
    out = []
    for r in rows:
        name = f"提案「{r['title']}」" + (f"（第{r['number']}号）" if r["number"] else "")
        people = ([(r["lead_member_id"], True)] if r["lead_member_id"] else []) + [
            (m, False) for m in cos[r["id"]] if m != r["lead_member_id"]]
        for mid, lead in people:
            if wanted is None or mid in wanted:
                out.append(fact(mid, "proposal.excellent_lead" if lead else "proposal.excellent_cosign", "proposals.proposal",
                                r["id"], day, f"{name}评为{year}年度优秀提案（{'领衔' if lead else '联名参与'}）"))
    return out


def award_facts(cppcc_id: int, start: dt.date, end: dt.date, member_ids=None) -> list[dict]:
    from .models import Award

    qs = Award.objects.filter(cppcc_id=cppcc_id, awarded_on__gte=start, awarded_on__lte=end)
    if member_ids is not None:
        qs = qs.filter(member_id__in=list(member_ids))
    levels = dict(Award.Level.choices)
    return [fact(a["member_id"], f"award.{a['level']}", "performance.award", a["id"], a["awarded_on"],
                 f"{a['awarded_on']:%Y-%m-%d}获{levels[a['level']]}表彰「{a['title']}」（{a['source_document']}）")
            for a in qs.values("id", "member_id", "level", "title", "awarded_on", "source_document")]


def culture_facts(cppcc_id: int, start: dt.date, end: dt.date, member_ids=None) -> list[dict]:
    from .models import CultureContribution

    qs = CultureContribution.objects.filter(cppcc_id=cppcc_id, adopted=True, adopted_on__gte=start, adopted_on__lte=end)
    if member_ids is not None:
        qs = qs.filter(member_id__in=list(member_ids))
    return [fact(c["member_id"], "culture.adopted", "performance.culturecontribution", c["id"], c["adopted_on"],
                 f"文史资料稿件《{c['title']}》{c['adopted_on']:%Y-%m-%d}录用" + (f"，收入{c['publication']}" if c["publication"] else ""))
            for c in qs.values("id", "member_id", "title", "publication", "adopted_on")]


def all_facts(cppcc_id: int, year: int, member_ids=None) -> list[dict]:
    start, end = year_bounds(year)
    return (activity_facts(cppcc_id, start, end, member_ids) + home_facts(cppcc_id, start, end, member_ids)
            + proposal_facts(cppcc_id, start, end, member_ids) + opinion_facts(cppcc_id, start, end, member_ids)
            + excellent_proposal_facts(cppcc_id, year, member_ids) + award_facts(cppcc_id, start, end, member_ids)
            + culture_facts(cppcc_id, start, end, member_ids))


def duty_facts(cppcc_id: int, year: int, member_ids=None) -> dict[int, dict]:
    """"三个一": per member, whether the year has ≥1 全体会议 attended, ≥1 提案 (领衔/联名, submitted) or 社情民意
    (submitted), ≥1 视察/调研 attended."""
    start, end = year_bounds(year)
    lo, hi = activity_selectors.day_bounds(start, end)
    out: dict[int, dict] = defaultdict(lambda: {"plenary": False, "proposal_or_opinion": False, "research": False})
    for r in activity_selectors.attendance_facts(cppcc_id, start, end, member_ids=member_ids):
        if r["attended"] and r["kind"] == "plenary":
            out[r["member_id"]]["plenary"] = True
        if r["attended"] and r["category"] in ("research", "inspection"):
            out[r["member_id"]]["research"] = True
    if member_ids is not None:
        writers = _writers_among(cppcc_id, lo, hi, set(member_ids))
    else:
        props = Proposal.objects.filter(cppcc_id=cppcc_id, submitted_at__gte=lo, submitted_at__lt=hi)
        writers = set(props.exclude(lead_member=None).values_list("lead_member_id", flat=True))
        writers |= set(CoSigner.objects.filter(proposal__in=props, state=CoSigner.State.CONFIRMED)
                       .values_list("member_id", flat=True))
        ops = Opinion.objects.filter(Q(received_at__gte=lo, received_at__lt=hi) | Q(submitted_at__gte=lo, submitted_at__lt=hi),
                                     cppcc_id=cppcc_id)
        for mids in _authors(cppcc_id, set(ops.values_list("id", flat=True))).values():
            writers |= mids
    for mid in writers:
        if member_ids is None or mid in member_ids:
            out[mid]["proposal_or_opinion"] = True
    return out


def _writers_among(cppcc_id: int, lo, hi, ids: set[int]) -> set[int]:
    """Which of these members wrote a 提案 (领衔 or confirmed 联名) or a 社情民意 (author, reporter or coauthor) in
    [lo, hi): a few index lookups by member, never a scan of the 政协's proposals or opinions (the member's to-do list
    and 档案 read this on every page)."""
    writers = set(Proposal.objects.filter(cppcc_id=cppcc_id, submitted_at__gte=lo, submitted_at__lt=hi, lead_member_id__in=ids)
                  .values_list("lead_member_id", flat=True))
    writers |= set(CoSigner.objects.filter(member_id__in=ids, state=CoSigner.State.CONFIRMED, proposal__cppcc_id=cppcc_id,
                                           proposal__submitted_at__gte=lo, proposal__submitted_at__lt=hi)
                   .values_list("member_id", flat=True))
    ops = Opinion.objects.filter(Q(received_at__gte=lo, received_at__lt=hi) | Q(submitted_at__gte=lo, submitted_at__lt=hi),
                                 cppcc_id=cppcc_id)
    writers |= set(ops.filter(member_id__in=ids).values_list("member_id", flat=True))
    umap = _user_members(cppcc_id, ids)
    if umap:
        for uid in ops.filter(member__isnull=True, reporter_id__in=list(umap)).values_list("reporter_id", flat=True):
            writers.add(umap[uid])
        for uid in Opinion.coauthors.through.objects.filter(user_id__in=list(umap), opinion__in=ops).values_list("user_id", flat=True):
            writers.add(umap[uid])
    return writers
