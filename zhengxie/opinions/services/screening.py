"""初筛: 采用 into the system, 退回修改 with comments, or 不采用 with a reason."""
from __future__ import annotations

from django.utils import timezone

from zhengxie.core.exceptions import ApplicationError

from ..models import Opinion
from ..workflow import Action
from ._common import author_users, notify, transition


def _screen(o: Opinion, action: str, by, *, note: str, message: str) -> Opinion:
    o = transition(o, action, by, message=message, screened_at=timezone.now(), screened_by=by, screen_note=note)
    from ..search import reindex_opinion

    reindex_opinion(o)
    return o


def opinion_accept(*, opinion: Opinion, by, note: str = "") -> Opinion:
    note = (note or "").strip()
    o = _screen(opinion, Action.ACCEPT, by, note=note, message="初筛采用" + (f"：{note}" if note else ""))
    notify(author_users(o), f"信息已采用：{o.title}", "您报送的社情民意信息已采用，将进入编辑。", o.get_absolute_url(),
           by=by, cppcc=o.cppcc_id)
    return o


def opinion_return(*, opinion: Opinion, by, comments: str) -> Opinion:
    comments = (comments or "").strip()
    if not comments:
        raise ApplicationError("退回修改须写明修改意见。", field="comments")
    o = _screen(opinion, Action.RETURN, by, note=comments, message=f"退回修改：{comments}")
    notify(author_users(o), f"信息退回修改：{o.title}", f"修改意见：{comments}。请修改后重新报送。", o.get_absolute_url(),
           by=by, cppcc=o.cppcc_id)
    return o


def opinion_not_use(*, opinion: Opinion, by, reason: str) -> Opinion:
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("不采用须写明理由（如：非一事一报、照搬网络报刊、属于一般工作情况）。", field="reason")
    o = _screen(opinion, Action.NOT_USE, by, note=reason, message=f"不采用：{reason}")
    notify(author_users(o), f"信息未采用：{o.title}", f"理由：{reason}", o.get_absolute_url(), by=by, cppcc=o.cppcc_id)
    return o
