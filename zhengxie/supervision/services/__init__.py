"""Every write of 重点提案与督办, each with an explicit acting user `by=` (recorded_write: permission, transaction,
timeline Event on the proposal, AuditLog)."""
from .cases import (
    case_add_member,
    case_close,
    case_create,
    case_remove_member,
    case_reopen,
    case_update,
    member_set_outcome,
    milestone_add,
    milestone_done,
)
from .records import followup_act, followup_add, is_overdue, record_create, record_update
from .selection import (
    item_select,
    item_set_leader,
    item_shortlist,
    key_unset,
    recommend,
    recommendation_withdraw,
    selection_act,
    selection_create,
    staff_add_candidate,
)

__all__ = ["case_add_member", "case_close", "case_create", "case_remove_member", "case_reopen", "case_update",
           "member_set_outcome", "milestone_add", "milestone_done", "followup_act", "followup_add", "is_overdue",
           "record_create", "record_update", "item_select", "item_set_leader", "item_shortlist", "key_unset", "recommend",
           "recommendation_withdraw", "selection_act", "selection_create", "staff_add_candidate"]
