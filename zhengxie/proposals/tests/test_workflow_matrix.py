"""Every (state, action, role) against the hand-written matrix docs/workflows/proposals.csv:
permissions.can() says exactly what the matrix says, an allowed action run through its service moves the
proposal to the matrix's next state, and a refused one is refused by the service with nothing changed."""
from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.roles import Role
from zhengxie.proposals import permissions, services
from zhengxie.proposals.models import Assignment, CoSigner, Evaluation, Proposal, Reply
from zhengxie.proposals.workflow import TRANSITIONS, Action, Status

from .builders import assign, build_world, make_proposal, reply

MATRIX_FILE = Path(__file__).resolve().parents[3] / "docs" / "workflows" / "proposals.csv"
PROPOSER_ROLES = (Role.MEMBER, Role.STANDING_MEMBER, Role.ORG_SUBMITTER)


def load_matrix() -> dict[tuple[str, str, str], str]:
    rows = {}
    with MATRIX_FILE.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            assert row["allowed"] == "yes"
            rows[(row["state"], row["action"], row["role"])] = row["next_state"]
    return rows


MATRIX = load_matrix()


def test_the_matrix_and_the_transition_table_agree():
    for (state, action, _role), nxt in MATRIX.items():
        assert TRANSITIONS.get((state, action)) == nxt, (state, action)
    covered = {(s, a) for (s, a, _r) in MATRIX}
    assert covered == set(TRANSITIONS), set(TRANSITIONS) ^ covered


def next_number(w) -> int:
    from django.db.models import Max

    return (Proposal.objects.filter(meeting=w.meeting).aggregate(m=Max("number"))["m"] or 0) + 1


def arrange(w, state: str, role: str, action: str | None = None) -> Proposal:
    """A proposal in `state`, set up so that `role`'s persona is the relevant party."""
    proposer = role if role in PROPOSER_ROLES else Role.MEMBER
    joint = proposer != Role.ORG_SUBMITTER and state in (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)
    p = make_proposal(w, proposer=proposer, status=state, joint=joint, receipt_no="142-S0001" if state != Status.DRAFT else "")
    now = timezone.now()
    if state == Status.SUBMITTED:
        p.cosigners.update(state=CoSigner.State.CONFIRMED)
        p.cosign_deadline = now - dt.timedelta(days=1)
    if state == Status.RECEIVED:
        p.is_urgent = True
    if state in (Status.FILED, Status.ASSIGNED, Status.REASSIGNING, Status.IN_PROGRESS, Status.ANSWER_DRAFTED,
                 Status.ANSWER_COSIGNED, Status.ANSWERED, Status.EVALUATED, Status.REHANDLING, Status.CLOSED):
        p.number = next_number(w)
    p.save()
    gov, party = w.gov_unit, w.party_unit
    if state == Status.ASSIGNED:
        assign(p, gov, state=Assignment.State.PENDING)
    elif state == Status.REASSIGNING:
        assign(p, gov, state=Assignment.State.DISPUTED)
    elif state == Status.IN_PROGRESS:
        reply(assign(p, gov), Reply.State.SIGNED)
    elif state == Status.REHANDLING:
        a = assign(p, gov)
        reply(a, Reply.State.PUBLISHED, round=1)
        reply(a, Reply.State.SIGNED, round=2)
        p.rehandle_rounds = 1
    elif state == Status.ANSWER_DRAFTED:
        reply(assign(p, w.other_unit, state=Assignment.State.REPLIED), Reply.State.COSIGNING)
        assign(p, gov, role=Assignment.Role.CO)
    elif state == Status.ANSWER_COSIGNED:
        reply(assign(p, party if role == Role.PROPOSAL_STAFF else gov, state=Assignment.State.REPLIED), Reply.State.AUDITING)
    elif state in (Status.ANSWERED, Status.EVALUATED, Status.CLOSED, Status.CLOSED_UNSATISFIED):
        reply(assign(p, gov, state=Assignment.State.REPLIED), Reply.State.PUBLISHED)
        p.answered_at = now - dt.timedelta(days=60) if action == Action.CLOSE else now
        if state == Status.EVALUATED or action == Action.CLOSE_UNSATISFIED:
            unsatisfied = action in (Action.REHANDLE, Action.CLOSE_UNSATISFIED)
            p.evaluation_result = Evaluation.Rating.UNSATISFIED if unsatisfied else Evaluation.Rating.SATISFIED
        if action == Action.CLOSE_UNSATISFIED:
            p.rehandle_rounds = 2
    elif state == Status.MERGED:
        p.merged_into = make_proposal(w, status=Status.FILED, title="主案", number=next_number(w))
    p.save()
    return p


def run(action: str, p: Proposal, user, w):
    """Invoke the service for `action` with valid input."""
    if action == Action.SUBMIT:
        return services.proposal_submit(proposal=p, by=user)
    if action == Action.RESUBMIT:
        return services.proposal_resubmit(proposal=p, by=user)
    if action == Action.RECEIVE:
        return services.proposal_receive(proposal=p, by=user)
    if action == Action.WITHDRAW:
        return services.proposal_withdraw(proposal=p, by=user, reason="提案者要求撤回")
    if action == Action.PRE_REVIEW:
        return services.proposal_pre_review(proposal=p, by=user)
    if action in (Action.FILE, Action.TO_SQMY):
        return services.proposal_decide(proposal=p, decision=action, by=user, review=w.review)
    if action == Action.MERGE:
        lead = make_proposal(w, status=Status.FILED, title="同类主案", number=next_number(w))
        return services.proposal_decide(proposal=p, decision=action, by=user, review=w.review, merged_into=lead)
    if action == Action.TO_SUGGESTION:
        return services.proposal_decide(proposal=p, decision=action, by=user, review=w.review, units=[w.gov_unit])
    if action == Action.RETURN:
        return services.proposal_decide(proposal=p, decision=action, by=user, review=w.review, text="请补充具体建议")
    if action == Action.REJECT:
        return services.proposal_decide(proposal=p, decision=action, by=user, review=w.review, reason="personal",
                                        text="属于个人问题")
    if action == Action.ASSIGN:
        return services.proposal_assign(proposal=p, by=user, plan=[(w.gov_unit.pk, Assignment.Role.LEAD)])
    if action == Action.ACCEPT:
        return services.assignment_accept(proposal=p, by=user)
    if action == Action.DISPUTE:
        return services.assignment_dispute(proposal=p, by=user, reason="不属于本单位职责")
    if action == Action.REASSIGN:
        disputed = [a.pk for a in p.assignments.all()]
        return services.proposal_reassign(proposal=p, by=user, remove_ids=disputed,
                                          add=[(w.other_unit.pk, Assignment.Role.LEAD)])
    if action == Action.SUBMIT_ANSWER:
        return services.reply_submit(proposal=p, by=user)
    if action == Action.COSIGN:
        return services.reply_cosign(proposal=p, by=user)
    if action == Action.RETURN_ANSWER:
        return services.reply_return(proposal=p, by=user, note="请逐条答复建议")
    if action == Action.AUDIT:
        return services.reply_audit(proposal=p, by=user)
    if action == Action.EVALUATE:
        return services.evaluation_submit(proposal=p, by=user, rating=Evaluation.Rating.SATISFIED)
    if action == Action.REHANDLE:
        if user.username.startswith(Role.PROPOSAL_STAFF):
            return services.proposal_rehandle(proposal=p, by=user, note="请重新办理")
        return services.evaluation_submit(proposal=p, by=user, rating=Evaluation.Rating.UNSATISFIED, comment="未解决问题")
    if action == Action.CLOSE:
        return services.proposal_close(proposal=p, by=user)
    if action == Action.CLOSE_UNSATISFIED:
        return services.proposal_close_unsatisfied(proposal=p, by=user, note="两轮重新办理后仍不满意")
    raise AssertionError(action)


@pytest.fixture
def world(city):
    return build_world(city)


ACTION_DEPENDENT = {Status.ANSWERED, Status.EVALUATED, Status.CLOSED, Status.CLOSED_UNSATISFIED}


class Arranged(dict):
    """One arranged proposal per (state, role) — per action too where the arrangement depends on it."""

    def get_for(self, w, state, role, action):
        key = (state, role, action if state in ACTION_DEPENDENT else None)
        if key not in self:
            self[key] = arrange(w, state, role, action)
        return self[key]


@pytest.mark.parametrize("state", Status.values)
def test_permissions_follow_the_matrix_for_every_action_and_role(world, state):
    cache = Arranged()
    for role in Role.values:
        user = world.users[role]
        for action in Action.values:
            p = cache.get_for(world, state, role, action)
            expected = (state, action, role) in MATRIX
            assert permissions.can(user, action, p) is expected, (state, action, role)
            assert (action in permissions.available_actions(user, p)) is expected, (state, action, role)


@pytest.mark.parametrize("key", sorted(MATRIX), ids=lambda k: "-".join(k))
def test_an_allowed_action_moves_the_proposal_to_the_next_state(world, key, django_capture_on_commit_callbacks):
    state, action, role = key
    user = world.users[role]
    p = arrange(world, state, role, action)
    with django_capture_on_commit_callbacks(execute=True):
        run(action, p, user, world)
    event = Event.objects.filter(object_id=str(p.pk), verb=f"proposal.{action}").latest("id")
    assert event.data["from"] == state and event.data["to"] == MATRIX[key]


@pytest.mark.parametrize("state", Status.values)
def test_a_refused_action_is_refused_by_its_service_and_changes_nothing(world, state):
    cache = Arranged()
    for role in Role.values:
        user = world.users[role]
        for action in Action.values:
            if (state, action, role) in MATRIX:
                continue
            p = cache.get_for(world, state, role, action)
            before = Event.objects.count()
            with pytest.raises((PermissionDenied, ApplicationError)):
                run(action, p, user, world)
            p.refresh_from_db()
            assert p.status == state, (state, action, role)
            assert Event.objects.count() == before, (state, action, role)
