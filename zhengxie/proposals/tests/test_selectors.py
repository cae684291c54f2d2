"""Scoped reads: the list QuerySet agrees with permissions.can_view for every persona and state, counties are
isolated, and each work list holds exactly what its role has to do."""
from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from zhengxie.core.roles import Role
from zhengxie.proposals import permissions, selectors
from zhengxie.proposals.models import Assignment, CoSigner, Evaluation, Proposal, Reply
from zhengxie.proposals.workflow import Status

from .builders import assign, build_world, make_proposal, reply

S = Status
R = Assignment.Role


@pytest.fixture
def w(city):
    return build_world(city)


def _spread(w) -> list[Proposal]:
    """Proposals in many states, from different proposers, some assigned, one not public."""
    out = []
    for i, state in enumerate([S.DRAFT, S.SUBMITTED, S.RECEIVED, S.UNDER_REVIEW, S.FILED, S.REJECTED, S.TO_SUGGESTION,
                               S.IN_PROGRESS, S.ANSWERED, S.CLOSED]):
        proposer = [Role.MEMBER, Role.STANDING_MEMBER, Role.ORG_SUBMITTER][i % 3]
        p = make_proposal(w, proposer=proposer, status=state, joint=proposer != Role.ORG_SUBMITTER and i % 2 == 0,
                          title=f"关于第{i}件事的建议", is_public=i != 7)
        if state in (S.IN_PROGRESS, S.ANSWERED, S.CLOSED):
            assign(p, w.gov_unit, R.LEAD)
            assign(p, w.party_unit, R.CO)
        if state == S.TO_SUGGESTION:
            assign(p, w.gov_unit, R.SOLE, state=Assignment.State.REFERENCE)
        if state == S.UNDER_REVIEW:
            assign(p, w.other_unit, R.SOLE, state=Assignment.State.REMOVED)
        out.append(p)
    return out


def test_the_list_scope_is_exactly_what_can_view_allows_for_every_persona(w):
    proposals = _spread(w)
    for key, user in w.users.items():
        expected = {p.pk for p in proposals if permissions.can_view(user, p)}
        assert set(selectors.scoped(user).values_list("pk", flat=True)) == expected, key


def test_a_member_sees_others_only_once_filed_and_public(w):
    proposals = _spread(w)
    member = w.users[Role.MEMBER]
    seen = set(selectors.proposal_list_for(member).values_list("pk", flat=True))
    others = [p for p in proposals if p.lead_member_id != member.member.pk and not p.cosigners.filter(
        member=member.member).exists()]
    for p in others:
        assert (p.pk in seen) == (p.status in {S.FILED, S.IN_PROGRESS, S.ANSWERED, S.CLOSED} and p.is_public), p.status


def test_a_handling_unit_sees_only_proposals_assigned_to_it(w):
    proposals = _spread(w)
    unit = w.users[Role.HANDLING_UNIT]
    seen = set(selectors.proposal_list_for(unit).values_list("status", flat=True))
    assert seen == {S.IN_PROGRESS, S.ANSWERED, S.CLOSED, S.TO_SUGGESTION}
    removed = next(p for p in proposals if p.status == S.UNDER_REVIEW)
    assert not selectors.scoped(w.users[Role.HANDLING_UNIT]).filter(pk=removed.pk).exists()


def test_staff_leaders_and_the_supervising_office_see_all_but_others_drafts(w):
    proposals = _spread(w)
    for role in (Role.PROPOSAL_STAFF, Role.LEADER, Role.SUPERVISING_OFFICE, Role.ADMIN):
        listed = selectors.proposal_list_for(w.users[role])
        assert listed.count() == len(proposals) - 1, role
        assert not listed.filter(status=S.DRAFT).exists()


def test_another_county_never_sees_a_city_proposal(w, county):
    _spread(w)
    other = build_world(county)
    for user in other.users.values():
        assert not selectors.proposal_list_for(user).exists()
    with pytest.raises(Http404):
        selectors.proposal_get_for(other.users[Role.PROPOSAL_STAFF], Proposal.objects.first().pk)


def test_get_for_refuses_a_proposal_the_user_may_not_see(w):
    p = make_proposal(w, proposer=Role.STANDING_MEMBER, status=S.UNDER_REVIEW)
    with pytest.raises(Http404):
        selectors.proposal_get_for(w.users[Role.MEMBER], p.pk)
    assert selectors.proposal_get_for(w.users[Role.STANDING_MEMBER], p.pk) == p


def test_filters_narrow_by_category_sector_meeting_kind_and_key(w):
    _spread(w)
    staff = w.users[Role.PROPOSAL_STAFF]
    assert selectors.proposal_list_for(staff, filters={"kind": "collective"}).count() == 3
    assert selectors.proposal_list_for(staff, filters={"kind": "joint"}).count() >= 1
    assert selectors.proposal_list_for(staff, filters={"category": w.category.pk}).count() == 9
    assert selectors.proposal_list_for(staff, filters={"meeting": w.meeting.pk, "year": w.meeting.start_date.year}).count() == 9
    Proposal.objects.filter(title="关于第4件事的建议").update(is_key=True, is_plenary=True)
    assert [p.title for p in selectors.proposal_list_for(staff, filters={"key": True})] == ["关于第4件事的建议"]
    assert selectors.proposal_list_for(staff, filters={"plenary": "plenary"}).count() == 1
    assert selectors.proposal_list_for(staff, filters={"status": "not_filed"}).count() == 2
    assert selectors.proposal_list_for(staff, filters={"unit": w.gov_unit.pk}).count() == 4


# Work lists --------------------------------------------------------------------------------------------------

def test_the_receiving_queue_holds_only_proposals_past_their_cosigning_deadline(w):
    due = make_proposal(w, status=S.SUBMITTED, joint=True, cosign_deadline=timezone.now() - dt.timedelta(hours=1))
    make_proposal(w, status=S.SUBMITTED, joint=True, cosign_deadline=timezone.now() + dt.timedelta(days=2))
    assert list(selectors.staff_queue(w.users[Role.PROPOSAL_STAFF], "to_receive")) == [due]
    assert not selectors.staff_queue(w.users[Role.MEMBER], "to_receive").exists()


def test_the_staff_queues_count_each_stage(w):
    _spread(w)
    counts = selectors.queue_counts(w.users[Role.PROPOSAL_STAFF])
    assert counts["to_pre_review"] == 1 and counts["under_review"] == 1 and counts["to_assign"] == 1
    assert counts["to_close"] == 1


def test_the_audit_queue_follows_the_reviewer_of_the_units_system(w):
    gov = make_proposal(w, status=S.ANSWER_COSIGNED, title="政府系统")
    assign(gov, w.gov_unit, R.SOLE, state=Assignment.State.REPLIED)
    party = make_proposal(w, status=S.ANSWER_COSIGNED, title="党委系统")
    assign(party, w.party_unit, R.SOLE, state=Assignment.State.REPLIED)
    assert list(selectors.audit_queue(w.users[Role.SUPERVISING_OFFICE])) == [gov]
    assert list(selectors.audit_queue(w.users[Role.PROPOSAL_STAFF])) == [party]
    assert not selectors.audit_queue(w.users[Role.LEADER]).exists()
    for user in (w.users[Role.SUPERVISING_OFFICE], w.users[Role.PROPOSAL_STAFF]):
        for p in selectors.audit_queue(user):
            assert permissions.can(user, "audit", p)


def test_the_unit_inbox_splits_the_work_by_what_is_to_be_done(w):
    pending = make_proposal(w, status=S.ASSIGNED, title="待签收")
    assign(pending, w.gov_unit, R.SOLE, state=Assignment.State.PENDING)
    working = make_proposal(w, status=S.IN_PROGRESS, title="办理中")
    a = assign(working, w.gov_unit, R.SOLE)
    cosign = make_proposal(w, status=S.ANSWER_DRAFTED, title="待会签")
    lead = assign(cosign, w.party_unit, R.LEAD, state=Assignment.State.REPLIED)
    assign(cosign, w.gov_unit, R.CO)
    reply(lead, Reply.State.COSIGNING)
    reply(a, Reply.State.RETURNED)
    unit = w.users[Role.HANDLING_UNIT]
    assert [p.title for p in selectors.unit_inbox(unit, "to_accept")] == ["待签收"]
    assert [p.title for p in selectors.unit_inbox(unit, "in_progress")] == ["办理中"]
    assert [p.title for p in selectors.unit_inbox(unit, "to_cosign")] == ["待会签"]
    assert [p.title for p in selectors.unit_inbox(unit, "returned")] == ["办理中"]
    assert not selectors.unit_inbox(w.users["party_unit_user"], "to_cosign").exists()


def test_my_proposals_lists_what_waits_for_the_member(w):
    led = make_proposal(w, status=S.RECEIVED, title="我领衔的")
    invited = make_proposal(w, proposer=Role.STANDING_MEMBER, status=S.SUBMITTED, title="请我联名")
    CoSigner.objects.create(proposal=invited, member=w.users[Role.MEMBER].member)
    answered = make_proposal(w, status=S.ANSWERED, title="待我评价")
    r = reply(assign(answered, w.gov_unit, R.SOLE, state=Assignment.State.REPLIED), Reply.State.PUBLISHED)
    member = w.users[Role.MEMBER]
    assert {p.title for p in selectors.my_proposals(member, "lead")} == {"我领衔的", "待我评价"}
    assert [p.title for p in selectors.my_proposals(member, "to_confirm")] == ["请我联名"]
    assert [p.title for p in selectors.my_proposals(member, "cosigned")] == ["请我联名"]
    assert [p.title for p in selectors.my_proposals(member, "to_evaluate")] == ["待我评价"]
    Evaluation.objects.create(reply=r, member=member.member, is_lead=True, rating="satisfied")
    assert not selectors.my_proposals(member, "to_evaluate").exists()
    assert led in selectors.my_proposals(member, "lead")


def test_the_overdue_view_lists_late_units_in_scope(w):
    late = make_proposal(w, status=S.IN_PROGRESS, title="逾期")
    assign(late, w.gov_unit, R.LEAD, due_date=timezone.localdate() - dt.timedelta(days=2))
    assign(late, w.party_unit, R.CO, due_date=timezone.localdate() + dt.timedelta(days=20))
    on_time = make_proposal(w, status=S.IN_PROGRESS, title="按期")
    assign(on_time, w.gov_unit, R.SOLE)
    assert [a.unit for a in selectors.overdue_assignments(w.users[Role.PROPOSAL_STAFF])] == [w.gov_unit]
    assert list(selectors.overdue_proposals(w.users[Role.LEADER])) == [late]
    assert list(selectors.overdue_proposals(w.users[Role.HANDLING_UNIT])) == [late]
    assert not selectors.overdue_proposals(w.users["party_unit_user"]).exists()


def test_decorating_a_page_of_rows_costs_no_query_per_row(w, django_assert_num_queries):
    for i in range(12):
        p = make_proposal(w, status=S.IN_PROGRESS, number=i + 1, title=f"第{i}件")
        assign(p, w.gov_unit, R.LEAD)
        assign(p, w.party_unit, R.CO)
    staff = w.users[Role.PROPOSAL_STAFF]
    selectors.scoped(staff).exists()  # roles cached on the user
    with django_assert_num_queries(4):  # proposals + live assignments + the 提案号 pattern + member lookup
        rows = selectors.decorate(selectors.proposal_list_for(staff)[:10], staff)
        assert [r.num for r in rows][-1].startswith("第") and all(r.units_text for r in rows)


def test_the_meeting_rate_counts_face_to_face_contacts(w):
    from zhengxie.proposals.models import Contact

    for i, way in enumerate(["face", "phone", None]):
        p = make_proposal(w, status=S.IN_PROGRESS, title=f"第{i}件")
        a = assign(p, w.gov_unit, R.SOLE)
        if way:
            Contact.objects.create(assignment=a, date=timezone.localdate(), stage="before", way=way)
    assert selectors.meeting_rate(w.users[Role.HANDLING_UNIT], [w.gov_unit.pk]) == {w.gov_unit.pk: (1, 3)}


def test_the_member_picker_finds_seated_members_by_name_or_initials_but_not_oneself(w):
    member = w.users[Role.MEMBER]
    names = [m.name for m in selectors.member_search(member, "lmw")]
    assert names == ["联名委员"]
    assert "委员委员" not in [m.name for m in selectors.member_search(member, "委员")]
    assert selectors.member_search(member, "") == []
