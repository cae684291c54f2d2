"""Who may do what in 重点提案与督办.

- 提案委 (proposal_staff) runs the rounds, records 督办, manages cases and follow-ups of its 政协;
- 党派/团体 accounts (org_submitter), 专委会 (committee_staff) and 承办单位 recommend during 征集推荐;
- a 领导 (leader) sees every key proposal; he records 督办 on the key proposals assigned to him;
  专委会 records 对口督办 on key proposals; 督办部门 records on any filed proposal;
- 承办单位 sees the follow-ups it owns and the cases involving its units, and reports follow-ups done.
`can()` / `available_actions()` drive both the buttons and the checks in the services.
Expected matrix: docs/workflows/supervision.csv (tested in tests/test_workflow_matrix.py).
"""
from __future__ import annotations

from zhengxie.accounts.selectors import has_role, organisations_for_role, roles_of
from zhengxie.core.roles import READ_ALL_ROLES, Role
from zhengxie.proposals import permissions as proposal_permissions
from zhengxie.proposals.workflow import FILED_STATES

from .models import FollowUp, KeyItem, KeyRecommendation, KeySelection, SupervisionCase, SupervisionRecord
from .workflow import FOLLOWUP_TRANSITIONS, RECOMMEND_STATES, TRANSITIONS, FollowUpAction

RECOMMENDER_ROLES = {Role.ORG_SUBMITTER: KeyRecommendation.Source.PARTY,
                     Role.COMMITTEE_STAFF: KeyRecommendation.Source.COMMITTEE,
                     Role.HANDLING_UNIT: KeyRecommendation.Source.UNIT,
                     Role.PROPOSAL_STAFF: KeyRecommendation.Source.STAFF}
RECORDER_ROLES = (Role.PROPOSAL_STAFF, Role.COMMITTEE_STAFF, Role.LEADER, Role.SUPERVISING_OFFICE)


def _auth(user) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def same_cppcc(user, obj) -> bool:
    return _auth(user) and getattr(user, "cppcc_id", None) == obj.cppcc_id


def is_staff(user, obj=None) -> bool:
    if not _auth(user) or not has_role(user, Role.PROPOSAL_STAFF):
        return False
    return obj is None or same_cppcc(user, obj)


def sees_all(user) -> bool:
    return bool(roles_of(user) & (READ_ALL_ROLES | {Role.SUPERVISING_OFFICE}))


def unit_ids(user) -> set[int]:
    return {o.pk for o in organisations_for_role(user, Role.HANDLING_UNIT)} if _auth(user) else set()


# 重点提案遴选 ------------------------------------------------------------------------------------

def can(user, action: str, s: KeySelection) -> bool:
    if (s.status, action) not in TRANSITIONS:
        return False
    return is_staff(user, s)


def available_actions(user, s: KeySelection) -> list[str]:
    return [a for (st, a) in TRANSITIONS if st == s.status and is_staff(user, s)]


def can_create_selection(user) -> bool:
    return is_staff(user)


def can_view_selection(user, s: KeySelection) -> bool:
    if not same_cppcc(user, s):
        return False
    return sees_all(user) or bool(recommender_sources(user))


def recommender_sources(user) -> list[tuple[str, object]]:
    """[(source, organisation or None)] the user may recommend as (one per organisation of the role)."""
    if not _auth(user):
        return []
    out: list[tuple[str, object]] = []
    for role, source in RECOMMENDER_ROLES.items():
        if not has_role(user, role):
            continue
        if role == Role.PROPOSAL_STAFF:
            out.append((source, None))
            continue
        for org in organisations_for_role(user, role):
            out.append((source, org))
    return out


def can_recommend(user, s: KeySelection) -> bool:
    return s.status in RECOMMEND_STATES and same_cppcc(user, s) and bool(recommender_sources(user))


# 督办 records and follow-ups ----------------------------------------------------------------------

def is_leader_of(user, proposal) -> bool:
    return _auth(user) and KeyItem.objects.filter(leader=user, proposal=proposal, selected=True,
                                                  selection__status="approved").exists()


def can_record(user, proposal) -> bool:
    """Add a 督办 record to a filed proposal."""
    if not same_cppcc(user, proposal) or proposal.status not in FILED_STATES:
        return False
    if has_role(user, Role.PROPOSAL_STAFF, Role.SUPERVISING_OFFICE):
        return True
    if has_role(user, Role.COMMITTEE_STAFF) and proposal.is_key:
        return True
    return has_role(user, Role.LEADER) and is_leader_of(user, proposal)


def can_record_any(user) -> bool:
    return _auth(user) and has_role(user, *RECORDER_ROLES)


def can_view_record(user, r: SupervisionRecord) -> bool:
    if not same_cppcc(user, r):
        return False
    if sees_all(user):
        return True
    p = r.proposal
    if proposal_permissions.is_proposer(user, p) or proposal_permissions.is_cosigner(user, p):
        return True
    units = unit_ids(user)
    if units and (p.assignments.filter(unit_id__in=units).exclude(state="removed").exists()
                  or r.followups.filter(owner_unit_id__in=units).exists()):
        return True
    return False


def can_edit_record(user, r: SupervisionRecord) -> bool:
    return same_cppcc(user, r) and (is_staff(user) or (r.created_by_id == user.pk and can_record(user, r.proposal)))


def is_owner_unit(user, f: FollowUp) -> bool:
    return same_cppcc(user, f) and f.owner_unit_id in unit_ids(user)


FOLLOWUP_RULES = {
    FollowUpAction.REPORT: lambda u, f: is_owner_unit(u, f) or is_staff(u, f),
    FollowUpAction.CLOSE: lambda u, f: is_staff(u, f),
    FollowUpAction.REOPEN: lambda u, f: is_staff(u, f),
}


def can_followup(user, action: str, f: FollowUp) -> bool:
    if (f.state, action) not in FOLLOWUP_TRANSITIONS:
        return False
    return bool(FOLLOWUP_RULES[action](user, f))


def followup_actions(user, f: FollowUp) -> list[str]:
    return [a for (s, a) in FOLLOWUP_TRANSITIONS if s == f.state and FOLLOWUP_RULES[a](user, f)]


# 并案集中督办 ------------------------------------------------------------------------------------

def can_manage_cases(user) -> bool:
    return is_staff(user)


def can_view_case(user, c: SupervisionCase) -> bool:
    if not same_cppcc(user, c):
        return False
    if sees_all(user):
        return True
    units = unit_ids(user)
    if not units:
        return False
    if c.lead_units.filter(pk__in=units).exists():
        return True
    from zhengxie.proposals.models import Assignment

    ids = [c.lead_id, *c.members.values_list("proposal_id", flat=True)]
    return Assignment.objects.filter(proposal_id__in=ids, unit_id__in=units).exclude(state="removed").exists()


def can_see_panel(user, proposal) -> bool:
    """The 督办 panel on the proposal page: staff, leaders, 督办部门, the proposer, co-signers, its units."""
    if not proposal_permissions.can_view(user, proposal):
        return False
    if sees_all(user) or proposal_permissions.is_proposer(user, proposal) or proposal_permissions.is_cosigner(user, proposal):
        return True
    return bool(proposal_permissions.unit_assignments(user, proposal))


def register_shared_rules() -> None:
    """Attachments of 督办 records follow the record's rules."""
    from zhengxie.attachments.permissions import register_uploader, register_viewer

    register_viewer(SupervisionRecord, can_view_record)
    register_uploader(SupervisionRecord, can_edit_record)
