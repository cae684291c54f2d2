"""{{ text|highlight:passages }}: the passages shared with another proposal, marked (escaped first)."""
from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def highlight(text: str, passages) -> str:
    text = escape(text or "")
    pieces = sorted({escape(p) for p in (passages or []) if p}, key=len, reverse=True)
    if not pieces:
        return mark_safe(text)
    pattern = re.compile("|".join(re.escape(p) for p in pieces))
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", text))
