"""Real partitions replayed through the figures registry (docs/figures.md, “Scenarios”).

Records are built directly as rows with the statuses, decisions and dates a finished review leaves
(bulk inserts: fast), then every number is read back through `zhengxie.reports.registry.compute`.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core.testing import make_member, make_org
from zhengxie.proposals.models import Proposal, ProposerType
from zhengxie.proposals.tests.builders import build_world
from zhengxie.proposals.workflow import Action, Status
from zhengxie.reports.registry import Context, Period, ScopeKind, compute

YEAR = Period.year(2023)


def at(y: int, m: int, d: int, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime(y, m, d, hour), timezone.get_fixed_timezone(8 * 60))


STATUS_OF = {Action.FILE: Status.FILED, Action.MERGE: Status.MERGED, Action.TO_SUGGESTION: Status.TO_SUGGESTION,
             Action.TO_SQMY: Status.TO_SQMY, Action.RETURN: Status.RETURNED, Action.WITHDRAW: Status.WITHDRAWN,
             Action.REJECT: Status.REJECTED}


def rows(w, n: int, decision: str = "", *, submitted=None, decided=None, status: str | None = None, lead=None,
         title: str = "关于加强农村人居环境整治的建议", **extra) -> list[Proposal]:
    """`n` proposals of the world's 会议 as a review leaves them (one bulk insert)."""
    submitted = submitted or at(2023, 1, 10)
    if decision and decided is None:
        decided = submitted + dt.timedelta(days=20)
    status = status or STATUS_OF.get(decision, Status.UNDER_REVIEW)
    lead = lead if lead is not None else w.users["member"].member
    fields = {"proposer_type": ProposerType.INDIVIDUAL, "lead_member": lead, "sector": w.sector, "meeting": w.meeting,
              "category": w.category, **extra}
    objs = [Proposal(cppcc=w.cppcc, title=f"{title}（{i + 1}）", status=status, decision=decision, submitted_at=submitted, received_at=submitted, decided_at=decided, **fields)
            for i in range(n)]
    return Proposal.objects.bulk_create(objs)


def merge_into(w, leads: list[Proposal], per_lead: list[int], **kw) -> list[Proposal]:
    """并案: per_lead[i] proposals merged into leads[i]."""
    out = []
    for lead, k in zip(leads, per_lead, strict=True):
        if k:
            out += rows(w, k, Action.MERGE, merged_into=lead, **kw)
    return out


def value(code: str, ctx: Context):
    return compute(f"proposals.{code}", ctx).value


@pytest.fixture
def world(city):
    return build_world(city)


@pytest.fixture
def ctx(world):
    return Context.build(world.cppcc, YEAR)


def test_honghu_118_received_are_64_filed_16_merged_21_suggestions_and_17_rejected(world, ctx):
    leads = rows(world, 64, Action.FILE)
    merge_into(world, leads[:16], [1] * 16)
    rows(world, 21, Action.TO_SUGGESTION)
    rows(world, 17, Action.REJECT, decision_reason="empty")

    assert value("received", ctx) == 118
    assert (value("filed", ctx), value("merged", ctx), value("to_suggestion", ctx), value("rejected", ctx)) == (64, 16, 21, 17)
    assert value("filed", ctx) + value("merged", ctx) + value("to_suggestion", ctx) + value("rejected", ctx) == 118
    parts = {p.key: p.value for p in compute("proposals.received", ctx).parts}
    assert parts == {"filed": 64, "merged": 16, "to_suggestion": 21, "to_sqmy": 0, "returned": 0, "withdrawn": 0,
                     "rejected": 17, "pending": 0}
    assert sum(parts.values()) == 118
    assert value("filing_rate", ctx) == Decimal("54.2")


def test_yicheng_174_filed_items_140_merged_items_and_72_case_files(world, ctx):
    """宜城: 34 proposals filed on their own, 38 lead cases that 102 others were merged into (26 leads × 3 and
    12 leads × 2), and 64 转意见建议. 立案174 = items filed or merged; 并案140 = items in merge groups
    (102 merged + 38 leads); 实际立案72 = case files (34 + 38)."""
    rows(world, 34, Action.FILE)
    leads = rows(world, 38, Action.FILE, title="关于推进城乡供水一体化的建议")
    merge_into(world, leads, [3] * 26 + [2] * 12)
    rows(world, 64, Action.TO_SUGGESTION)

    assert value("filed_items", ctx) == 174
    assert value("merge_involved", ctx) == 140
    assert value("case_count", ctx) == 72
    assert value("filed", ctx) == 72
    assert value("merged", ctx) == 102
    assert value("filed_items", ctx) == value("filed", ctx) + value("merged", ctx)
    assert value("to_suggestion", ctx) == 64
    assert value("received", ctx) == 238


def test_case_count_counts_a_lead_filed_in_an_earlier_period_once(world):
    """平时提案 merged in 2024 into a case filed in 2023: 2024 has no 立案 but one case file (实际立案)."""
    lead = rows(world, 1, Action.FILE)[0]
    rows(world, 3, Action.MERGE, merged_into=lead, submitted=at(2024, 3, 1))
    ctx2024 = Context.build(world.cppcc, Period.year(2024))
    assert (value("filed", ctx2024), value("merged", ctx2024), value("case_count", ctx2024)) == (0, 3, 1)
    assert list(compute("proposals.case_count", ctx2024).records) == [lead]


def test_the_review_63_submitted_52_filed_6_key_count_toward_the_agriculture_committee(world):
    agri = make_org(world.cppcc, "农业和农村委员会", Organisation.Kind.COMMITTEE)
    econ = make_org(world.cppcc, "经济委员会", Organisation.Kind.COMMITTEE)
    filed = rows(world, 50, Action.FILE, committee=agri)
    rows(world, 2, Action.FILE, proposer_type=ProposerType.COMMITTEE, proposer_org=agri, lead_member=None, has_seal=True)
    rows(world, 7, Action.TO_SUGGESTION, committee=agri)
    rows(world, 3, Action.REJECT, committee=agri)
    rows(world, 1, status=Status.UNDER_REVIEW, committee=agri)
    Proposal.objects.filter(pk__in=[p.pk for p in filed[:6]]).update(is_key=True)
    # other committees' proposals, and an 农业委 member's collective proposal for a party, do not count
    rows(world, 30, Action.FILE, committee=econ)
    party = Organisation.objects.get(cppcc=world.cppcc, kind=Organisation.Kind.PARTY, name="民盟")
    rows(world, 4, Action.FILE, proposer_type=ProposerType.PARTY_ORG, proposer_org=party, committee=agri)

    ctx = Context.build(world.cppcc, YEAR, ScopeKind.COMMITTEE, agri)
    assert (value("received", ctx), value("filed", ctx), value("key", ctx)) == (63, 52, 6)
    assert value("key_share", ctx) == Decimal("11.5")
    assert value("collective", ctx) == 2
    whole = Context.build(world.cppcc, YEAR)
    assert (value("received", whole), value("filed", whole)) == (97, 86)


def test_satisfaction_144_satisfied_and_2_basically_satisfied_is_100_percent(world, ctx):
    cases = rows(world, 146, Action.FILE, status=Status.CLOSED, assigned_at=at(2023, 3, 1), answered_at=at(2023, 5, 20),
                 due_date=dt.date(2023, 6, 1), result_class="A", evaluation_result="satisfied")
    Proposal.objects.filter(pk__in=[p.pk for p in cases[:2]]).update(evaluation_result="basic")

    assert value("satisfaction_rate", ctx) == Decimal("100.0")
    assert (value("satisfied", ctx), value("basic_satisfied", ctx), value("unsatisfied", ctx)) == (144, 2, 0)
    assert value("satisfied_rate", ctx) == Decimal("98.6")
    assert value("answer_rate", ctx) == Decimal("100.0")
    res = compute("proposals.satisfaction_rate", ctx)
    assert (res.numerator.value, res.denominator.value) == (146, 146)


def test_chuzhou_filing_rate_is_378_of_464_received(world, ctx):
    rows(world, 378, Action.FILE)
    rows(world, 50, Action.TO_SUGGESTION)
    rows(world, 36, Action.REJECT, decision_reason="empty")

    res = compute("proposals.filing_rate", ctx)
    assert (res.numerator.value, res.denominator.value, res.value) == (378, 464, Decimal("81.5"))


def test_beijing_1122_partition_with_withdrawn_and_resubmission_parts(world, ctx):
    """北京 1122 = 立案1092 + 并案4 + 撤案12 + 修改后重提4 + 转参考10: the returned ones are pending again."""
    leads = rows(world, 1092, Action.FILE)
    merge_into(world, leads[:4], [1] * 4)
    rows(world, 12, Action.WITHDRAW)
    rows(world, 4, Action.RETURN)
    rows(world, 10, Action.TO_SUGGESTION)
    parts = {p.key: p.value for p in compute("proposals.received", ctx).parts}
    assert value("received", ctx) == 1122
    assert (parts["filed"], parts["merged"], parts["withdrawn"], parts["returned"], parts["to_suggestion"]) == (1092, 4, 12, 4, 10)
    assert value("returned", ctx) == 4


def test_a_members_participation_counts_leads_and_confirmed_cosigners_once(world, ctx):
    others = [make_member(world.cppcc, f"委员{i}", term=world.meeting.term, sector=world.sector) for i in range(7)]
    rows(world, 3, Action.FILE)  # the 委员 persona leads three: counted once
    rows(world, 1, Action.FILE, lead=others[0])
    assert value("participants", ctx) == 2
    assert value("members_total", ctx) == 10  # persona 委员, 常委, 联名委员 and the seven
    assert value("participation_rate", ctx) == Decimal("20.0")
