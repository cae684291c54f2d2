"""Similar proposals and 并案 groups in the product: scoped to what the user may see."""
from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.core.roles import Role
from zhengxie.intelligence import selectors
from zhengxie.proposals.tests.builders import build_world
from zhengxie.proposals.workflow import Status

from .product import EDUCATION, GAS, PARKING, PARKING_2, make


@pytest.fixture
def w(city):
    return build_world(city)


def test_a_proposer_never_sees_a_proposal_not_visible_to_them(w):
    member = w.users[Role.MEMBER]
    # near copies the member may NOT see: another member's proposal under review, a filed one not public, a draft
    hidden = [make(w, PARKING, status=Status.UNDER_REVIEW) for _ in range(12)]
    hidden.append(make(w, PARKING, status=Status.FILED, is_public=False, number=7))
    hidden.append(make(w, PARKING, status=Status.DRAFT))
    # visible: a public filed proposal with a rephrased text (less similar than the hidden copies)
    visible = make(w, PARKING_2, status=Status.FILED, number=8)
    own = make(w, PARKING, status=Status.SUBMITTED, proposer=Role.MEMBER)
    make(w, EDUCATION, status=Status.FILED, number=9)

    hits = selectors.similar_for_text(member, title=PARKING["title"], body=PARKING["situation"] + PARKING["suggestions"], k=3)
    ids = [h.proposal.pk for h in hits]
    assert visible.pk in ids and own.pk in ids
    assert not set(ids) & {p.pk for p in hidden}
    assert hits[0].passages and "<mark>" in hits[0].snippets[0]

    # on the proposer's own proposal too (and the proposal itself is left out)
    ids = [h.proposal.pk for h in selectors.similar_for_proposal(member, own, k=5)]
    assert visible.pk in ids and own.pk not in ids and not set(ids) & {p.pk for p in hidden}

    # staff see them all
    staff_ids = {h.proposal.pk for h in selectors.similar_for_proposal(w.users[Role.PROPOSAL_STAFF], own, k=20)}
    assert {p.pk for p in hidden if p.status != Status.DRAFT} <= staff_ids


def test_past_meetings_are_searched_and_shown_with_their_meeting(w):
    from zhengxie.members.models import Meeting

    start = w.meeting.start_date.replace(year=w.meeting.start_date.year - 1)
    old = Meeting.objects.create(cppcc=w.cppcc, term=w.meeting.term, kind=Meeting.Kind.PLENARY, number=1,
                                 name="十四届一次会议", start_date=start, end_date=start)
    past = make(w, GAS, status=Status.CLOSED, meeting=old, number=3)
    hits = selectors.similar_for_text(w.users[Role.PROPOSAL_STAFF], title="关于推进燃气管网改造的建议", body=GAS["situation"])
    assert hits[0].proposal == past and hits[0].proposal.meeting.name == "十四届一次会议"


def test_handling_units_get_nothing(w):
    make(w, PARKING, status=Status.FILED, number=1)
    with pytest.raises(PermissionDenied):
        selectors.similar_for_text(w.users[Role.HANDLING_UNIT], title=PARKING["title"], body=PARKING["situation"])
    with pytest.raises(PermissionDenied):
        selectors.group_suggestions(w.users[Role.MEMBER], w.meeting)


def test_compare_marks_the_shared_passages_on_both_sides(w):
    a, b = make(w, PARKING), make(w, PARKING_2)
    c = selectors.compare(w.users[Role.PROPOSAL_STAFF], a.pk, b.pk)
    assert 0.2 < c.score < 1
    assert "<mark>" in c.a_marked["situation"] and "<mark>" in c.b_marked["situation"]
    assert "挤占消防通道" in "".join(c.passages)


def test_groups_are_connected_components_above_the_threshold(w):
    staff = w.users[Role.PROPOSAL_STAFF]
    a, b = make(w, PARKING), make(w, PARKING_2)
    c = make(w, PARKING, status=Status.UNDER_REVIEW)
    make(w, EDUCATION)
    make(w, GAS)
    make(w, PARKING, status=Status.WITHDRAWN)  # not offered
    groups = selectors.group_suggestions(staff, w.meeting, threshold=0.3)
    assert len(groups) == 1
    assert {p.pk for p in groups[0].members} == {a.pk, b.pk, c.pk}
    assert all(x.score >= 0.3 for x in groups[0].pairs) and groups[0].pairs[0].snippets
    strict = selectors.group_suggestions(staff, w.meeting, threshold=0.99)  # only the identical copies stay linked
    assert [{p.pk for p in g.members} for g in strict] == [{a.pk, c.pk}]
