"""Who may do what to a 社情民意 item: role-level rules plus the relationship to this item.

`can()` and `available_actions()` drive both the buttons and the check in every service.
The expected matrix (hand-written) is docs/workflows/opinions.csv.
"""
from __future__ import annotations

from zhengxie.accounts.selectors import has_role, organisations_for_role, roles_of
from zhengxie.core.roles import READ_ALL_ROLES, Role

from .models import Issue, Opinion, ReportingUnit
from .workflow import EDITABLE_STATES, FACTS, TRANSITIONS, Action, Status, pairs

REPORTER_ROLES = (Role.MEMBER, Role.STANDING_MEMBER, Role.INFORMANT, Role.ORG_SUBMITTER)
OFFICE_ROLES = (Role.INFO_EDITOR, Role.INFO_APPROVER, Role.ADMIN)


def _same_cppcc(user, obj) -> bool:
    return getattr(user, "cppcc_id", None) is not None and getattr(user, "cppcc_id", None) == obj.cppcc_id


def is_author(user, o: Opinion) -> bool:
    """The reporter (反映人) or a co-author, holding a reporter role."""
    if not _same_cppcc(user, o) or not has_role(user, *REPORTER_ROLES):
        return False
    return o.reporter_id == user.pk or o.coauthors.filter(pk=user.pk).exists()


def is_reporter(user, o: Opinion) -> bool:
    return _same_cppcc(user, o) and o.reporter_id == user.pk and has_role(user, *REPORTER_ROLES)


def unit_ids_of(user) -> set[int]:
    """信息报送单位 the user reports for: as its 信息联络员, or as the account of its organisation."""
    if not getattr(user, "is_authenticated", False):
        return set()
    org_ids = [o.pk for o in organisations_for_role(user, Role.ORG_SUBMITTER)]
    qs = ReportingUnit.objects.filter(cppcc_id=user.cppcc_id, is_active=True)
    return set(qs.filter(liaison=user).values_list("pk", flat=True)) | set(
        qs.filter(organisation_id__in=org_ids).values_list("pk", flat=True) if org_ids else [])


def is_editor(user, obj) -> bool:
    return _same_cppcc(user, obj) and has_role(user, Role.INFO_EDITOR)


def is_approver(user, obj) -> bool:
    return _same_cppcc(user, obj) and has_role(user, Role.INFO_APPROVER)


def is_reported(o: Opinion) -> bool:
    """Reported upward at least once (lists annotate `has_reports` so that this costs no query per row)."""
    known = getattr(o, "has_reports", None)
    return known if known is not None else o.reports.exists()


def _adopt(user, o: Opinion) -> bool:
    return is_editor(user, o) and is_reported(o)


def _instruct(user, o: Opinion) -> bool:
    """A 批示 is recorded on an item the leader could have read: issued locally or reported upward."""
    office = is_editor(user, o) or (_same_cppcc(user, o) and has_role(user, Role.LEADER))
    return office and (o.status == Status.ISSUED or is_reported(o))


RULES = {
    Action.SUBMIT: is_reporter,
    Action.RESUBMIT: is_reporter,
    Action.ACCEPT: is_editor,
    Action.RETURN: is_editor,
    Action.NOT_USE: is_editor,
    Action.EDIT: is_editor,
    Action.ASSIGN: is_editor,
    Action.UNASSIGN: is_editor,
    Action.SIGN: is_approver,
    Action.REPORT_UP: is_editor,
    Action.ADOPT: _adopt,
    Action.INSTRUCT: _instruct,
}


def can(user, action: str, o: Opinion) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if (o.status, action) not in pairs():
        return False
    return RULES[action](user, o)


def available_actions(user, o: Opinion) -> list[str]:
    return [a for a in Action.values if can(user, a, o)]


def transitions_available(user, o: Opinion) -> list[str]:
    return [a for (s, a) in TRANSITIONS if s == o.status and RULES[a](user, o)]


def facts_available(user, o: Opinion) -> list[str]:
    return [a for a, states in FACTS.items() if o.status in states and RULES[a](user, o)]


# Non-transition permissions ------------------------------------------------------------------------
def can_view(user, o: Opinion) -> bool:
    if not _same_cppcc(user, o):
        return False
    if roles_of(user) & READ_ALL_ROLES:
        return True
    if o.reporter_id == user.pk or o.coauthors.filter(pk=user.pk).exists():
        return True
    return o.reporting_unit_id is not None and o.reporting_unit_id in unit_ids_of(user)


def can_create(user) -> bool:
    return has_role(user, *REPORTER_ROLES)


def can_edit(user, o: Opinion) -> bool:
    return o.status in EDITABLE_STATES and is_reporter(user, o)


def can_manage(user) -> bool:
    """信息编辑: 选题, 约稿, 初筛, 编辑, 组期, 报送, 登记采用和批示, 报送单位和信息员管理."""
    return has_role(user, Role.INFO_EDITOR)


def can_sign_issue(user, issue: Issue) -> bool:
    return is_approver(user, issue)


def can_view_issue(user, issue: Issue) -> bool:
    """An issue is 内部资料: the office, and once signed its 报送范围 (readers)."""
    if not _same_cppcc(user, issue):
        return False
    if has_role(user, *OFFICE_ROLES):
        return True
    return issue.state == Issue.State.SIGNED and issue.readers.filter(pk=user.pk).exists()


FLAG_ROLES = (Role.INFO_EDITOR, Role.INFO_APPROVER)


def can_flag(user, o: Opinion) -> bool:
    """抄袭/不实认定 and its revocation: 信息编辑 or 审核签发, on an item that reached the office (not a draft)."""
    return (getattr(user, "is_authenticated", False) and _same_cppcc(user, o) and has_role(user, *FLAG_ROLES)
            and o.status != Status.DRAFT)


def can_upload(user, o: Opinion) -> bool:
    return can_edit(user, o) or is_editor(user, o)


def can_feedback_instruction(user, instruction) -> bool:
    """The 转办 unit's account gives the feedback."""
    if instruction.cppcc_id != getattr(user, "cppcc_id", None) or instruction.transferred_to_id is None:
        return False
    return any(o.pk == instruction.transferred_to_id for o in organisations_for_role(user, Role.HANDLING_UNIT))


def register_shared_rules() -> None:
    """Rules of the shared services (attachments, links, instructions) for items; from OpinionsConfig.ready()."""
    from zhengxie.attachments.permissions import register_uploader, register_viewer
    from zhengxie.links.permissions import register_viewer as register_link_viewer

    from .services.instructions import register_rule

    register_viewer(Opinion, can_view)
    register_uploader(Opinion, can_upload)
    register_link_viewer(Opinion, can_view)
    register_rule(Opinion, lambda user, o: can(user, Action.INSTRUCT, o),
                  lambda user, o: can_view(user, o))
