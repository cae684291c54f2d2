"""The 提案 figures: attribution, date bases, drill-downs that match the numbers, bounded queries."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from zhengxie.accounts.models import Organisation
from zhengxie.core.roles import Role
from zhengxie.core.testing import make_member, make_org, make_user
from zhengxie.members.models import Meeting, Membership
from zhengxie.proposals import services
from zhengxie.proposals.models import Assignment, Category, Contact, CoSigner, ProposerType
from zhengxie.proposals.tests.builders import build_world
from zhengxie.proposals.tests.test_scenarios import at, rows
from zhengxie.proposals.workflow import Action, Status
from zhengxie.reports import registry
from zhengxie.reports.registry import Context, Period, ScopeKind, compute, compute_many, figures_for

YEAR = Period.year(2023)
CODES = [f.code for f in figures_for("proposals")]


@pytest.fixture
def world(city):
    return build_world(city)


@pytest.fixture
def ctx(world):
    return Context.build(world.cppcc, YEAR)


def value(code, ctx):
    return compute(f"proposals.{code}", ctx).value


def full_year(world, scale: int = 1):
    """A year with every kind of record: outcomes, merges, proposer types, handling, answers, evaluations."""
    other_cat, _ = Category.objects.get_or_create(cppcc=world.cppcc, code="society", defaults={"name": "社会建设"})
    cosigner = world.users["cosigner"].member
    filed = rows(world, 4 * scale, Action.FILE, status=Status.CLOSED, assigned_at=at(2023, 2, 1), answered_at=at(2023, 4, 1),
                 due_date=dt.date(2023, 5, 1), result_class="A", evaluation_result="satisfied")
    late = rows(world, 2 * scale, Action.FILE, status=Status.ANSWERED, assigned_at=at(2023, 2, 1), answered_at=at(2023, 6, 1),
                due_date=dt.date(2023, 5, 1), result_class="B", category=other_cat)
    rows(world, 1 * scale, Action.FILE, status=Status.IN_PROGRESS, assigned_at=at(2023, 2, 1), due_date=dt.date(2023, 5, 1),
         proposer_type=ProposerType.JOINT)
    rows(world, 1 * scale, Action.MERGE, merged_into=filed[0])
    rows(world, 1 * scale, Action.TO_SQMY)
    rows(world, 1 * scale, Action.RETURN)
    party = Organisation.objects.get(cppcc=world.cppcc, kind=Organisation.Kind.PARTY, name="民盟")
    rows(world, 1 * scale, Action.REJECT, proposer_type=ProposerType.PARTY_ORG, proposer_org=party, lead_member=None)
    for p in filed + late:
        a = Assignment.objects.create(cppcc=world.cppcc, proposal=p, unit=world.gov_unit, role=Assignment.Role.LEAD,
                                      state=Assignment.State.REPLIED)
        Assignment.objects.create(cppcc=world.cppcc, proposal=p, unit=world.other_unit, role=Assignment.Role.CO,
                                  state=Assignment.State.OPINION_SENT)
        Contact.objects.create(assignment=a, date=dt.date(2023, 3, 1), stage="before",
                               way="face" if p in filed else "phone")
        CoSigner.objects.create(proposal=p, member=cosigner, state=CoSigner.State.CONFIRMED)
    return filed, late


def test_every_proposal_figure_of_domain_3_12_is_registered_with_a_chinese_definition():
    expected = {"received", "filed", "case_count", "filed_items", "merged", "to_suggestion", "to_sqmy", "withdrawn",
                "rejected", "returned", "key", "key_share", "individual", "joint", "collective", "collective_share",
                "participants", "participation_rate", "by_category", "units", "lead_units", "answer_rate",
                "on_time_rate", "result_class", "satisfaction_rate", "satisfied", "basic_satisfied", "face_rate",
                "filing_rate"}
    assert expected <= {c.split(".", 1)[1] for c in CODES}
    for f in figures_for("proposals"):
        assert f.definition.endswith("。") and any("\u4e00" <= ch <= "\u9fff" for ch in f.definition), f.code
        assert f.kind in ("count", "ratio", "breakdown") and f.unit and f.date_basis


def test_a_full_year_gives_the_expected_figures(world, ctx):
    full_year(world)
    assert value("received", ctx) == 11
    assert (value("filed", ctx), value("merged", ctx), value("to_sqmy", ctx), value("returned", ctx), value("rejected", ctx)) == (7, 1, 1, 1, 1)
    assert (value("individual", ctx), value("joint", ctx), value("collective", ctx)) == (9, 1, 1)
    assert value("collective_share", ctx) == Decimal("9.1")
    assert (value("assigned", ctx), value("answered", ctx), value("on_time", ctx)) == (7, 6, 4)
    assert value("answer_rate", ctx) == Decimal("85.7")
    assert value("on_time_rate", ctx) == Decimal("57.1")
    assert (value("units", ctx), value("lead_units", ctx)) == (2, 1)
    assert value("face_rate", ctx) == Decimal("57.1")
    classes = {p.key: (p.value, p.share) for p in compute("proposals.result_class", ctx).parts}
    assert classes == {"A": (4, Decimal("66.7")), "B": (2, Decimal("33.3")), "C": (0, Decimal("0.0"))}
    cats = {p.label: p.value for p in compute("proposals.by_category", ctx).parts}
    assert cats == {"经济建设": 9, "社会建设": 2}
    assert value("satisfaction_rate", ctx) == Decimal("100.0")
    assert value("participants", ctx) == 2  # the persona 委员 (lead) and the confirmed co-signer


def test_drill_down_returns_exactly_the_records_counted(world, ctx):
    full_year(world)
    for fig, res in compute_many(CODES, ctx):
        if fig.kind == "ratio":
            for part in (res.numerator, res.denominator):
                assert part.records.count() == part.value, (fig.code, part.key)
        else:
            assert res.records.count() == res.value, fig.code
        for part in res.parts:
            assert part.records.count() == part.value, (fig.code, part.key)
        if fig.kind == "breakdown" or fig.code == "proposals.received":
            assert sum(p.value for p in res.parts) == res.value, fig.code
    returned = compute("proposals.returned", ctx).records.get()
    assert returned.status == Status.RETURNED


def test_computing_all_proposal_figures_takes_a_bounded_number_of_queries_whatever_the_volume(world):
    def queries() -> int:
        ctx = Context.build(world.cppcc, YEAR)
        with CaptureQueriesContext(connection) as captured:
            compute_many(CODES, ctx)
        return len(captured)

    full_year(world)
    small = queries()
    full_year(world, scale=5)
    assert queries() == small
    assert small <= 15, small


def test_a_member_who_moved_committee_after_submitting_still_counts_toward_the_old_one(world, django_capture_on_commit_callbacks):
    agri = make_org(world.cppcc, "农业和农村委员会", Organisation.Kind.COMMITTEE)
    econ = make_org(world.cppcc, "经济委员会", Organisation.Kind.COMMITTEE)
    user = make_user(world.cppcc, "agri-member", roles=[Role.MEMBER], name="农业委委员")
    member = make_member(world.cppcc, "农业委委员", term=world.meeting.term, sector=world.sector, committee=agri, user=user)
    with django_capture_on_commit_callbacks(execute=True):
        p = services.proposal_create(by=user, proposer_type="individual", title="关于发展设施农业的建议", category=world.category,
                                     situation="设施农业用地紧张。", suggestions="建议统筹设施农业用地。")
        p = services.proposal_submit(proposal=p, by=user)
    assert p.committee_id == agri.pk
    # the member moves to the 经济委 after submitting
    today = timezone.localdate()
    Membership.objects.filter(member=member).update(end_date=today - dt.timedelta(days=1), end_reason="transferred")
    Membership.objects.create(cppcc=world.cppcc, member=member, term=world.meeting.term, sector=world.sector,
                              committee=econ, start_date=today)
    this_year = Period.year(today.year)
    assert value("received", Context.build(world.cppcc, this_year, ScopeKind.COMMITTEE, agri)) == 1
    assert value("received", Context.build(world.cppcc, this_year, ScopeKind.COMMITTEE, econ)) == 0
    assert value("received", Context.build(world.cppcc, this_year, ScopeKind.SECTOR, world.sector)) == 1


def test_a_collective_proposal_counts_toward_its_organisation_not_its_authors_seat(world):
    party = Organisation.objects.get(cppcc=world.cppcc, kind=Organisation.Kind.PARTY, name="民盟")
    other_party = make_org(world.cppcc, "九三学社", Organisation.Kind.PARTY)
    rows(world, 2, Action.FILE, proposer_type=ProposerType.PARTY_ORG, proposer_org=party, lead_member=None, party=other_party)
    rows(world, 3, Action.FILE, party=other_party)  # members of 九三学社 submitting as individuals
    assert value("received", Context.build(world.cppcc, YEAR, ScopeKind.PARTY, party)) == 2
    assert value("received", Context.build(world.cppcc, YEAR, ScopeKind.PARTY, other_party)) == 3
    # the 界别 of the collective proposal's row is ignored too: it counts toward 民盟 only
    assert value("received", Context.build(world.cppcc, YEAR, ScopeKind.SECTOR, world.sector)) == 3


def test_each_figure_counts_by_its_own_date_basis(world):
    # submitted on the last evening of 2023 (Beijing time), decided in January 2024
    rows(world, 1, Action.FILE, submitted=at(2023, 12, 31, 23), decided=at(2024, 1, 8))
    y2023, y2024 = Context.build(world.cppcc, YEAR), Context.build(world.cppcc, Period.year(2024))
    assert (value("received", y2023), value("filed", y2023)) == (1, 0)
    assert (value("received", y2024), value("filed", y2024)) == (0, 1)
    q1 = Context.build(world.cppcc, Period.range(dt.date(2024, 1, 1), dt.date(2024, 3, 31)))
    assert value("filed", q1) == 1


def test_returned_counts_what_is_still_returned_at_the_period_end(world):
    rows(world, 2, Action.RETURN, decided=at(2023, 11, 1))
    rows(world, 1, Action.RETURN, decided=at(2024, 2, 1))
    assert value("returned", Context.build(world.cppcc, YEAR)) == 2
    assert value("returned", Context.build(world.cppcc, Period.year(2024))) == 3


def test_a_meeting_period_counts_the_proposals_numbered_in_that_session(world):
    later = Meeting.objects.create(cppcc=world.cppcc, term=world.meeting.term, kind=Meeting.Kind.PLENARY, number=3,
                                   name="十四届三次会议", start_date=world.meeting.start_date + dt.timedelta(days=365),
                                   end_date=world.meeting.end_date + dt.timedelta(days=365))
    rows(world, 3, Action.FILE, submitted=at(2023, 1, 10))
    rows(world, 2, Action.FILE, submitted=at(2023, 9, 10))  # 平时提案 continuing the session's numbering
    rows(world, 4, Action.FILE, meeting=later)
    period = Period.meeting(world.meeting)
    assert period.end == later.start_date - dt.timedelta(days=1) and period.label == "十四届二次会议"
    ctx = Context.build(world.cppcc, period)
    assert (value("received", ctx), value("filed", ctx)) == (5, 5)
    assert value("filed", Context.build(world.cppcc, Period.meeting(later))) == 4


def test_participation_counts_members_whose_seat_is_valid_on_the_period_end(world, ctx):
    agri = make_org(world.cppcc, "农业和农村委员会", Organisation.Kind.COMMITTEE)
    gone = make_member(world.cppcc, "已辞去委员", term=world.meeting.term, sector=world.sector, committee=agri,
                       end=dt.date(2023, 6, 30))
    stay = make_member(world.cppcc, "在任委员", term=world.meeting.term, sector=world.sector, committee=agri)
    make_member(world.cppcc, "未提案委员", term=world.meeting.term, sector=world.sector, committee=agri)
    rows(world, 1, Action.FILE, lead=gone, committee=agri)
    rows(world, 1, Action.FILE, lead=stay, committee=agri)
    agri_ctx = Context.build(world.cppcc, YEAR, ScopeKind.COMMITTEE, agri)
    res = compute("proposals.participation_rate", agri_ctx)
    assert (res.numerator.value, res.denominator.value, res.value) == (1, 2, Decimal("50.0"))
    assert list(res.numerator.records) == [stay]


def test_ratios_without_a_denominator_have_no_value(ctx):
    res = compute("proposals.answer_rate", ctx)
    assert res.value is None and res.denominator.value == 0
    assert registry.format_value(registry.get("proposals.answer_rate"), res.value) == "—"


def test_an_answer_through_the_services_is_counted_with_its_class_and_face_contact(world, django_capture_on_commit_callbacks):
    member, staff = world.users[Role.MEMBER], world.users[Role.PROPOSAL_STAFF]
    unit, reviewer = world.users[Role.HANDLING_UNIT], world.users[Role.SUPERVISING_OFFICE]
    with django_capture_on_commit_callbacks(execute=True):
        p = services.proposal_create(by=member, proposer_type="individual", title="关于加快高标准农田建设的建议",
                                     category=world.category, situation="进度不均衡。", suggestions="分年度推进。")
        p = services.proposal_submit(proposal=p, by=member)
        p = services.proposal_pre_review(proposal=p, by=staff)
        p = services.proposal_decide(proposal=p, decision=Action.FILE, by=staff, review=world.review)
        p = services.proposal_assign(proposal=p, by=staff, plan=[(world.gov_unit.pk, "lead")])
        p = services.assignment_accept(proposal=p, by=unit)
        services.contact_add(proposal=p, by=unit, date=timezone.localdate(), stage="before", way="face", note="上门面商")
        services.reply_save(proposal=p, by=unit, body="经研究，已列入计划。", proposed_class="B", doc_number="教提〔2024〕3号",
                            signer="王局长", signer_level="deputy")
        services.reply_sign(proposal=p, by=unit)
        services.reply_submit(proposal=p, by=unit)
        services.reply_audit(proposal=p, by=reviewer)
    ctx = Context.build(world.cppcc, Period.year(timezone.localdate().year))
    assert (value("received", ctx), value("filed", ctx), value("assigned", ctx), value("answered", ctx)) == (1, 1, 1, 1)
    assert (value("answer_rate", ctx), value("on_time_rate", ctx), value("face_rate", ctx)) == (Decimal("100.0"),) * 3
    assert {p.key: p.value for p in compute("proposals.result_class", ctx).parts}["B"] == 1
