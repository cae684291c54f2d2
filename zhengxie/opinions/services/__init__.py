"""All writes of the 社情民意 module (style.md: services; split by stage)."""
from .editing import article_create, article_update, opinion_edit  # noqa: F401
from .flags import opinion_flag, opinion_unflag  # noqa: F401
from .instructions import instruction_feedback, instruction_record, instruction_transfer  # noqa: F401
from .periodicals import (  # noqa: F401
    issue_add_article,
    issue_create,
    issue_remove_article,
    issue_reorder,
    issue_sign,
)
from .planning import commission_cancel, commission_create, topic_create  # noqa: F401
from .reporters import informant_appoint, informant_set_state, reporting_unit_save  # noqa: F401
from .screening import opinion_accept, opinion_not_use, opinion_return  # noqa: F401
from .submission import (  # noqa: F401
    body_length,
    length_warning,
    opinion_create,
    opinion_create_from_proposal,
    opinion_resubmit,
    opinion_submit,
    opinion_update,
)
from .upward import adoption_import, adoption_record, opinion_report_up  # noqa: F401
