"""All writes of the 提案 module (style.md: services; split by stage)."""
from .evaluation import (  # noqa: F401
    evaluation_deadline,
    evaluation_submit,
    proposal_close,
    proposal_close_unsatisfied,
    proposal_rehandle,
)
from .handling import (  # noqa: F401
    assignment_accept,
    assignment_dispute,
    co_opinion_submit,
    contact_add,
    extension_decide,
    extension_request,
    follow_up_report,
    proposal_assign,
    proposal_reassign,
    reply_audit,
    reply_cosign,
    reply_return,
    reply_save,
    reply_sign,
    reply_submit,
)
from .review import proposal_decide, proposal_pre_review, review_decide_batch, review_meeting_create  # noqa: F401
from .submission import (  # noqa: F401
    body_length,
    cosigner_respond,
    length_warning,
    plenary_for,
    proposal_create,
    proposal_receive,
    proposal_resubmit,
    proposal_submit,
    proposal_update,
    proposal_withdraw,
)
