"""To-dos of the 提案 module per role, with their deadlines, as shown on the home page."""
from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from zhengxie.core import todos
from zhengxie.core.roles import Role
from zhengxie.proposals.models import Assignment, CoSigner, ExtensionRequest, Reply
from zhengxie.proposals.workflow import Status

from .builders import assign, build_world, make_proposal, reply

S = Status


@pytest.fixture
def w(city):
    return build_world(city)


def mine(user, prefix="proposal."):
    return [t for t in todos.todos_for(user) if t.kind.startswith(prefix)]


def test_a_member_is_asked_to_confirm_a_cosigning_before_its_deadline(w):
    p = make_proposal(w, proposer=Role.STANDING_MEMBER, status=S.SUBMITTED, cosign_deadline=timezone.now() + dt.timedelta(days=2))
    CoSigner.objects.create(proposal=p, member=w.users[Role.MEMBER].member)
    [item] = mine(w.users[Role.MEMBER])
    assert item.kind == "proposal.cosign" and item.title.startswith("确认联名")
    assert item.deadline == timezone.localdate() + dt.timedelta(days=2) and item.status() == "soon"


def test_a_member_is_asked_to_evaluate_within_the_window_and_to_revise_a_returned_proposal(w):
    p = make_proposal(w, status=S.ANSWERED, answered_at=timezone.now(), title="待评价")
    reply(assign(p, w.gov_unit, Assignment.Role.SOLE, state=Assignment.State.REPLIED), Reply.State.PUBLISHED)
    make_proposal(w, status=S.RETURNED, title="退回的", decision_text="请补充数据")
    items = {t.kind: t for t in mine(w.users[Role.MEMBER])}
    assert items["proposal.evaluate"].deadline > timezone.localdate()
    assert items["proposal.returned"].detail == "请补充数据" and "/edit/" in items["proposal.returned"].url


def test_staff_see_their_queues_as_counted_items(w):
    make_proposal(w, status=S.RECEIVED)
    make_proposal(w, status=S.RECEIVED, title="另一件")
    make_proposal(w, status=S.FILED, number=1)
    p = make_proposal(w, status=S.IN_PROGRESS, number=2)
    ExtensionRequest.objects.create(assignment=assign(p, w.gov_unit), days=10, reason="调研")
    titles = {t.title for t in mine(w.users[Role.PROPOSAL_STAFF], "proposal.queue")}
    assert titles == {"待初审 2 件", "待交办 1 件", "延期申请 1 件"}


def test_a_unit_sees_what_to_sign_for_handle_and_cosign_with_deadlines_and_overdue_flags(w):
    pending = make_proposal(w, status=S.ASSIGNED, title="待签收")
    a = assign(pending, w.gov_unit, Assignment.Role.SOLE, state=Assignment.State.PENDING)
    late = make_proposal(w, status=S.IN_PROGRESS, title="办理中")
    assign(late, w.gov_unit, Assignment.Role.SOLE, due_date=timezone.localdate() - dt.timedelta(days=1))
    drafted = make_proposal(w, status=S.ANSWER_DRAFTED, title="待会签")
    reply(assign(drafted, w.party_unit, Assignment.Role.LEAD, state=Assignment.State.REPLIED), Reply.State.COSIGNING)
    assign(drafted, w.gov_unit, Assignment.Role.CO)
    items = {t.kind: t for t in mine(w.users[Role.HANDLING_UNIT])}
    assert items["proposal.unit.accept"].deadline == a.dispute_until
    assert items["proposal.unit.handle"].status() == "overdue" and items["proposal.unit.handle"].status_label == "已逾期"
    assert items["proposal.unit.cosign"].title == "会签答复：待会签"
    assert mine(w.users["party_unit_user"]) == []


def test_the_reviewer_sees_answers_waiting_for_audit(w):
    p = make_proposal(w, status=S.ANSWER_COSIGNED, title="待审核")
    assign(p, w.gov_unit, Assignment.Role.SOLE, state=Assignment.State.REPLIED)
    assert [t.title for t in mine(w.users[Role.SUPERVISING_OFFICE])] == ["审核答复：待审核"]
    assert mine(w.users[Role.LEADER]) == []


def test_the_home_page_lists_the_proposal_todos(w, client, password):
    make_proposal(w, status=S.RECEIVED)
    client.login(username=w.users[Role.PROPOSAL_STAFF].username, password=password)
    assert "待初审 1 件" in client.get("/").content.decode()
