"""Mark the passages two texts share with <mark> (HTML-escaped), whole texts and short snippets."""
from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .similarity import overlapping_passages

MAX_COMPARE_CHARS = 4000
_ENUM = re.compile(r"^([一二三四五六七八九十]+是|[0-9０-９]+[、.．]|[（(][一二三四五六七八九十0-9]+[）)])")
_SENTENCE = re.compile(r"(?<=[。！？；;!?])|\n")  # difflib is quadratic in the worst case; the matter is stated at the start


def passages(a: str, b: str, *, min_chars: int = 6, limit: int = 30) -> list[str]:
    """Shared passages, longest first, cut at line breaks (so each piece lies within one field of a proposal)."""
    out: list[str] = []
    for passage in overlapping_passages((a or "")[:MAX_COMPARE_CHARS], (b or "")[:MAX_COMPARE_CHARS], min_chars=min_chars):
        for piece in passage.split("\n"):
            piece = piece.strip()
            if len(piece) >= min_chars and piece not in out:
                out.append(piece)
    # difflib only finds blocks in the same order; sentences moved around are shared passages too
    a_cut, b_cut = (a or "")[:MAX_COMPARE_CHARS], (b or "")[:MAX_COMPARE_CHARS]
    for sentence in _SENTENCE.split(a_cut):
        sentence = _ENUM.sub("", sentence.strip())
        if len(sentence) >= min_chars and sentence in b_cut and not any(sentence in o for o in out):
            out.append(sentence)
    return sorted(out, key=len, reverse=True)[:limit]


def _spans(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    taken: list[tuple[int, int]] = []
    for piece in sorted(pieces, key=len, reverse=True):
        start = text.find(piece)
        while start >= 0:
            end = start + len(piece)
            if all(end <= a or start >= b for a, b in taken):
                taken.append((start, end))
            start = text.find(piece, end)
    return sorted(taken)


def marked(text: str, pieces: list[str]) -> SafeString:
    """The whole text, escaped, with every occurrence of the pieces wrapped in <mark>."""
    text = text or ""
    out, pos = [], 0
    for a, b in _spans(text, pieces):
        out.append(escape(text[pos:a]))
        out.append(f"<mark>{escape(text[a:b])}</mark>")
        pos = b
    out.append(escape(text[pos:]))
    return mark_safe("".join(out))


def snippets(text: str, pieces: list[str], *, count: int = 2, context: int = 18, max_piece: int = 60) -> list[SafeString]:
    """Up to `count` short extracts of `text` around its longest shared passages, the shared part marked."""
    text = text or ""
    out = []
    for piece in pieces[:count]:
        start = text.find(piece)
        if start < 0:
            continue
        shown = piece if len(piece) <= max_piece else piece[:max_piece] + "…"
        before = text[max(0, start - context) : start]
        after = text[start + len(piece) : start + len(piece) + context]
        out.append(mark_safe(("…" if start > context else "") + escape(before) + f"<mark>{escape(shown)}</mark>"
                             + escape(after) + ("…" if start + len(piece) + context < len(text) else "")))
    return out
