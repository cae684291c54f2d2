"""All writes of the 活动 module (style.md: services; split by subject)."""
from .activities import (  # noqa: F401
    activity_archive,
    activity_cancel,
    activity_close,
    activity_create,
    activity_invite,
    activity_publish,
    activity_reopen,
    activity_start,
    activity_update,
    participation_register,
    participation_remove,
    sitting_add,
)
from .attendance import (  # noqa: F401
    activity_proxy_sign_in,
    activity_sign_in,
    attendance_set,
    attendance_sittings_set,
    outcome_add,
    outcome_delete,
    speaker_set,
)
from .kinds import (  # noqa: F401
    DEFAULT_KINDS,
    activity_kind_create,
    activity_kind_update,
    activity_kinds_ensure,
    can_manage_kinds,
    parse_outcome_templates,
)
from .leave import approvers_of, leave_approve, leave_refuse, leave_request, leave_withdraw  # noqa: F401
from .registry import (  # noqa: F401
    appointment_create,
    appointment_end,
    home_reception_add,
    member_home_ensure,
    member_home_update,
)
