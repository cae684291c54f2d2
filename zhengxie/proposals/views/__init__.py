"""Pages of the 提案 module, split by screen (style.md §4.5: thin function views)."""
from .detail import act, detail  # noqa: F401
from .lists import audit, inbox, mine, overdue, proposal_list, queue  # noqa: F401
from .review import review_create, review_decide, review_detail, reviews  # noqa: F401
from .submit import autosave, create, edit, member_search  # noqa: F401
