"""Who may do what to a proposal: role-level rules plus the relationship to this proposal.

`can()` and `available_actions()` drive both the buttons and the check in every service.
The expected matrix (hand-written) is docs/workflows/proposals.csv.
"""
from __future__ import annotations

from zhengxie.accounts.selectors import has_role, organisations_for_role, roles_of
from zhengxie.core import config
from zhengxie.core.roles import READ_ALL_ROLES, Role

from .models import COLLECTIVE_TYPES, Assignment, Proposal
from .workflow import PUBLIC_STATES, TRANSITIONS, Action, Status

PROPOSER_ROLES = (Role.MEMBER, Role.STANDING_MEMBER, Role.ORG_SUBMITTER)


def _same_cppcc(user, p: Proposal) -> bool:
    return getattr(user, "cppcc_id", None) == p.cppcc_id


def is_proposer(user, p: Proposal) -> bool:
    """The 领衔人 (individual/joint) or the organisation account of a collective proposal."""
    if not _same_cppcc(user, p):
        return False
    if p.proposer_type in COLLECTIVE_TYPES:
        return p.proposer_org_id is not None and any(
            o.pk == p.proposer_org_id for o in organisations_for_role(user, Role.ORG_SUBMITTER)
        )
    member = getattr(user, "member", None) if user.is_authenticated else None
    return bool(member and p.lead_member_id == member.pk and has_role(user, Role.MEMBER, Role.STANDING_MEMBER))


def is_cosigner(user, p: Proposal) -> bool:
    member = getattr(user, "member", None) if user.is_authenticated else None
    return bool(member and _same_cppcc(user, p) and p.cosigners.filter(member=member).exists())


def _staff(user, p: Proposal) -> bool:
    return _same_cppcc(user, p) and has_role(user, Role.PROPOSAL_STAFF)


def unit_assignments(user, p: Proposal, roles=None) -> list[Assignment]:
    if not _same_cppcc(user, p):
        return []
    unit_ids = {o.pk for o in organisations_for_role(user, Role.HANDLING_UNIT)}
    if not unit_ids:
        return []
    out = []
    for a in p.assignments.all():
        if a.unit_id in unit_ids and a.state != Assignment.State.REMOVED and (roles is None or a.role in roles):
            out.append(a)
    return out


ANSWERING = (Assignment.Role.LEAD, Assignment.Role.SOLE, Assignment.Role.SPLIT)


def reviewer_role_for(p: Proposal) -> set[str]:
    """督办审核 role(s) for the answering units' 系统 (configurable)."""
    mapping = config.get("proposals.reviewer_by_system", cppcc=p.cppcc_id)
    roles = set()
    for a in p.assignments.all():
        if a.answers and a.state != Assignment.State.REMOVED:
            roles.add(mapping.get(a.unit.system or "other", Role.PROPOSAL_STAFF))
    return roles or {Role.PROPOSAL_STAFF}


def _reviewer(user, p: Proposal) -> bool:
    return _same_cppcc(user, p) and has_role(user, *reviewer_role_for(p))


def _proposer_or_staff(user, p):
    return is_proposer(user, p) or _staff(user, p)


def _withdraw(user, p: Proposal) -> bool:
    if is_proposer(user, p):
        return True
    return p.status == Status.UNDER_REVIEW and _staff(user, p)


def _file(user, p: Proposal) -> bool:
    if p.status == Status.RECEIVED:  # 快速通道 only for urgent proposals
        return p.is_urgent and _staff(user, p)
    return _staff(user, p)


def _has_evaluated(user, p: Proposal) -> bool:
    """Has this proposer already rated the current round's published replies?"""
    from .models import Evaluation, Reply

    evals = Evaluation.objects.filter(reply__assignment__proposal=p, reply__round=p.rehandle_rounds + 1,
                                      reply__state=Reply.State.PUBLISHED)
    if p.proposer_type in COLLECTIVE_TYPES:
        return evals.filter(org_id=p.proposer_org_id).exists()
    return evals.filter(member_id=p.lead_member_id).exists()


def _evaluate(user, p: Proposal) -> bool:
    return is_proposer(user, p) and not _has_evaluated(user, p)


def _rehandle(user, p: Proposal) -> bool:
    if p.status == Status.ANSWERED and _evaluate(user, p):
        return True
    return _staff(user, p)


RULES = {
    Action.SUBMIT: is_proposer,
    Action.RESUBMIT: is_proposer,
    Action.WITHDRAW: _withdraw,
    Action.EVALUATE: _evaluate,
    Action.RECEIVE: _staff,
    Action.PRE_REVIEW: _staff,
    Action.FILE: _file,
    Action.MERGE: _staff,
    Action.TO_SUGGESTION: _staff,
    Action.TO_SQMY: _staff,
    Action.RETURN: _staff,
    Action.REJECT: _staff,
    Action.ASSIGN: _staff,
    Action.REASSIGN: _staff,
    Action.CLOSE: _staff,
    Action.CLOSE_UNSATISFIED: _staff,
    Action.REHANDLE: _rehandle,
    Action.ACCEPT: lambda u, p: bool(unit_assignments(u, p)),
    Action.DISPUTE: lambda u, p: bool(unit_assignments(u, p)),
    Action.SUBMIT_ANSWER: lambda u, p: bool(unit_assignments(u, p, ANSWERING)),
    Action.COSIGN: lambda u, p: bool(unit_assignments(u, p, (Assignment.Role.CO,))),
    Action.RETURN_ANSWER: lambda u, p: (
        bool(unit_assignments(u, p, (Assignment.Role.CO,))) if p.status == Status.ANSWER_DRAFTED else _reviewer(u, p)
    ),
    Action.AUDIT: _reviewer,
}


def can(user, action: str, p: Proposal) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if (p.status, action) not in TRANSITIONS:
        return False
    return RULES[action](user, p)


def available_actions(user, p: Proposal) -> list[str]:
    return [a for (s, a) in TRANSITIONS if s == p.status and RULES[a](user, p)]


# Non-transition permissions ------------------------------------------------------------------------
def can_view(user, p: Proposal) -> bool:
    if not _same_cppcc(user, p):
        return False
    roles = roles_of(user)
    if roles & (READ_ALL_ROLES | {Role.SUPERVISING_OFFICE}):
        return True
    if is_proposer(user, p) or is_cosigner(user, p):
        return True
    if unit_assignments(user, p):
        return p.status in PUBLIC_STATES or p.status == Status.TO_SUGGESTION
    if roles & {Role.MEMBER, Role.STANDING_MEMBER, Role.EXPERT}:
        return p.status in PUBLIC_STATES and p.is_public
    return False


def can_create(user) -> bool:
    return has_role(user, *PROPOSER_ROLES)


def can_edit(user, p: Proposal) -> bool:
    from .workflow import EDITABLE_STATES

    return p.status in EDITABLE_STATES and is_proposer(user, p)


def can_see_contacts(user, p: Proposal) -> bool:
    """承办单位 sees the proposer's contact details (not the directory)."""
    return bool(unit_assignments(user, p)) or _staff(user, p) or has_role(user, Role.ADMIN, Role.SUPERVISING_OFFICE)


def can_manage(user) -> bool:
    return has_role(user, Role.PROPOSAL_STAFF)


def can_upload(user, p: Proposal) -> bool:
    """Attachments of a proposal: its proposer while it is editable; 提案委 at any time."""
    return can_edit(user, p) or _staff(user, p)


def register_shared_rules() -> None:
    """Rules of the shared services (attachments, links) for proposals; called from ProposalsConfig.ready()."""
    from zhengxie.attachments.permissions import register_uploader, register_viewer

    register_viewer(Proposal, can_view)
    register_uploader(Proposal, can_upload)
    try:
        from zhengxie.links.permissions import register_viewer as register_link_viewer
    except ImportError:  # pragma: no cover - links registry optional
        return
    register_link_viewer(Proposal, can_view)
