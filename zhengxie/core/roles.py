"""Platform role codes (domain.md §1.2, plus admin and expert). Authoritative for every app."""
from django.db import models


class Role(models.TextChoices):
    MEMBER = "member", "委员"
    STANDING_MEMBER = "standing_member", "常委"
    ORG_SUBMITTER = "org_submitter", "集体提案/报送单位账号"
    INFORMANT = "informant", "特邀信息员"
    PROPOSAL_STAFF = "proposal_staff", "提案委(办)工作人员"
    INFO_EDITOR = "info_editor", "信息编辑"
    INFO_APPROVER = "info_approver", "信息审核签发"
    COMMITTEE_STAFF = "committee_staff", "专委会工作人员"
    HANDLING_UNIT = "handling_unit", "承办单位"
    SUPERVISING_OFFICE = "supervising_office", "督办部门"
    LEADER = "leader", "领导"
    GRASSROOTS_HOST = "grassroots_host", "基层协商召集人"
    ADMIN = "admin", "系统管理员"
    EXPERT = "expert", "智库专家"


#: Roles that work inside the 政协机关 and see the whole directory of their 政协.
STAFF_ROLES = frozenset(
    {
        Role.PROPOSAL_STAFF,
        Role.INFO_EDITOR,
        Role.INFO_APPROVER,
        Role.COMMITTEE_STAFF,
        Role.ADMIN,
    }
)
#: Roles that may read (not change) everything in their 政协.
READ_ALL_ROLES = STAFF_ROLES | {Role.LEADER}
