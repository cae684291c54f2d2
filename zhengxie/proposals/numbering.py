"""收件号 and 提案号: gap-free per 会议, safe under concurrent 立案 (a locked counter row)."""
from django.db import IntegrityError, transaction

from zhengxie.core import config

from .models import Counter

CN_DIGITS = "零一二三四五六七八九十"


def _cn(n: int) -> str:
    if n <= 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n - 10] if n > 10 else "")
    tens, ones = divmod(n, 10)
    return CN_DIGITS[tens] + "十" + (CN_DIGITS[ones] if ones else "")


def next_value(meeting, kind: str) -> int:
    """Increment and return the counter; must run inside the caller's transaction (rolled back with it)."""
    assert transaction.get_connection().in_atomic_block, "numbering must run inside a transaction"
    try:
        with transaction.atomic():
            Counter.objects.get_or_create(meeting=meeting, kind=kind)
    except IntegrityError:  # another transaction created it first
        pass
    counter = Counter.objects.select_for_update().get(meeting=meeting, kind=kind)
    counter.value += 1
    counter.save(update_fields=["value"])
    return counter.value


def format_receipt(meeting, n: int) -> str:
    pattern = config.get("proposals.receipt_pattern", cppcc=meeting.cppcc_id)
    return pattern.format(term=meeting.term.number, session=meeting.number, n=n)


def format_number(proposal) -> str:
    pattern = config.get("proposals.number_pattern", cppcc=proposal.cppcc_id)
    return pattern.format(n=proposal.number)


def meeting_prefix(meeting) -> str:
    """e.g. 市政协十四届二次会议 → used in 答复函 titles."""
    return f"{meeting.term.name}{_cn(meeting.number)}次会议"
