"""The 活动 pages (split by subject; re-exported for urls.py)."""
from .activities import (  # noqa: F401
    act,
    activity_list,
    calendar_view,
    create,
    detail,
    edit,
    invite,
    mine,
    register,
    sitting_add,
    uninvite,
)
from .kinds import kind_create, kind_edit, kinds  # noqa: F401
from .leave import leave_act, leave_request, leaves  # noqa: F401
from .records import attendance, outcome_add, outcome_delete, proxy_sign_in, sittings, speaker  # noqa: F401
from .registry import (  # noqa: F401
    appointment_end,
    appointments,
    compliance,
    home_detail,
    home_edit,
    homes,
    homes_ensure,
    reception_add,
)
from .signin import screen, sign_in  # noqa: F401
