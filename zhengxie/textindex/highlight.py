"""Marking the query words in a result's text: highlight(text, query) → safe HTML with <mark>."""
from __future__ import annotations

import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .tokenize import parse_query

ELLIPSIS = "…"


def _normalised_with_offsets(text: str) -> tuple[str, list[int]]:
    """NFKC + lower-cased text and, for each of its characters, the index of the source character."""
    chars: list[str] = []
    owner: list[int] = []
    for i, ch in enumerate(text):
        norm = unicodedata.normalize("NFKC", ch).lower()
        chars.append(norm)
        owner.extend([i] * len(norm))
    return "".join(chars), owner


def _spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    norm, owner = _normalised_with_offsets(text)
    spans = []
    for word in words:
        start = norm.find(word)
        while start != -1:
            end = start + len(word)
            spans.append((owner[start], owner[end - 1] + 1))
            start = norm.find(word, end)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def highlight(text: str | None, query: str | None, *, max_chars: int | None = None) -> SafeString:
    """text, HTML-escaped, with each occurrence of the query's words in <mark>…</mark>.

    With max_chars, only an excerpt of about that length around the first match is returned
    (with "…" where cut): handy for long bodies in result lists.
    """
    text = text or ""
    spans = _spans(text, parse_query(query).words) if query else []
    lo, hi = 0, len(text)
    if max_chars and len(text) > max_chars:
        first = spans[0][0] if spans else 0
        lo = max(0, min(first - max_chars // 5, len(text) - max_chars))
        hi = lo + max_chars
    out = [ELLIPSIS] if lo > 0 else []
    pos = lo
    for s, e in spans:
        if e <= lo or s >= hi:
            continue
        s, e = max(s, lo), min(e, hi)
        out.append(escape(text[pos:s]))
        out.append(f"<mark>{escape(text[s:e])}</mark>")
        pos = e
    out.append(escape(text[pos:hi]))
    if hi < len(text):
        out.append(ELLIPSIS)
    return mark_safe("".join(out))
