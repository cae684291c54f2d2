"""Text helpers shared by the models: normalisation, jieba words, sentences.

jieba is the project's process-wide tokenizer (`zhengxie.textindex.tokenize.jieba_tokenizer`, with the
domain dictionary) so that every app cuts words the same way.
"""
from __future__ import annotations

import re
from functools import lru_cache

from zhengxie.textindex.tokenize import jieba_tokenizer, normalize

__all__ = ["normalize", "words", "sentences", "content_chars", "WORD_RE"]

WORD_RE = re.compile(r"[\u4e00-\u9fff]{2,}|[0-9a-z]{2,}")
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;\n])")
_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=20000)
def _cut(text: str) -> tuple[str, ...]:
    return tuple(w for w in jieba_tokenizer().cut(text) if WORD_RE.fullmatch(w))


def words(text: str | None) -> list[str]:
    """jieba words of two or more CJK characters (or Latin/digit runs) of the normalised text."""
    norm = normalize(text)
    if not norm.strip():
        return []
    return list(_cut(norm[:20000]))


def sentences(text: str | None) -> list[str]:
    """Sentences (split after 。！？；and line breaks), stripped, without empty ones."""
    norm = _SPACES.sub(" ", text or "")
    return [s.strip() for s in _SENTENCE_END.split(norm) if s.strip()]


def content_chars(text: str | None) -> str:
    """Only CJK characters, letters and digits of the normalised text (for n-gram overlap)."""
    return "".join(re.findall(r"[\u4e00-\u9fff0-9a-z]", normalize(text)))
