"""Tokenisation shared by indexing and querying. Pure: no database, no models.

Text is normalised (NFKC, lower case), then split into runs of CJK characters and runs of Latin
letters/digits; everything else (punctuation, spaces, symbols) separates runs.

Index side, per field:
  * each CJK run gives its character bigrams in order, followed by its last character alone
    ("老旧小区" → 老旧 旧小 小区 区); a one-character run gives that character;
  * each Latin/digit run gives itself, its letter and digit parts when mixed ("a0123" → a0123 a 0123)
    and a digit run with leading zeros also without them ("0123" → 0123 123);
  * after all runs, the words of jieba's search mode (`cut_for_search`, domain dictionary
    `dict/zhengxie.txt`) of two or more CJK characters.

Query side: each CJK run becomes one or more *units*. Short runs (≤ 4 characters) are one unit; longer
runs are cut by jieba into words (single characters glued to their neighbour, a few function words
dropped). A unit of 2+ characters is the phrase of its bigrams (adjacent tokens, i.e. an exact
substring match) or the unit as a single jieba word (same matches, higher score); a single character
is a prefix match over bigrams (every character starts a bigram or ends its run). Latin/digit runs
are prefix matches. All units must match (AND); `similar()` uses the OR of a text's keywords.

Tokens consist only of [0-9a-z] and CJK characters, so no token can carry FTS or tsquery syntax.
"""
from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

DICT_PATH = Path(__file__).resolve().parent / "dict" / "zhengxie.txt"
MAX_FIELD_CHARS = 8000  # keeps PostgreSQL tsvector positions (max 16383) meaningful for phrases
MAX_ALNUM = 40

_CJK = "\u3007\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
RUN = re.compile(rf"([{_CJK}]+)|([0-9a-z]+)")
CJK_WORD = re.compile(rf"^[{_CJK}]{{2,}}$")
_MIXED = re.compile(r"[a-z]+|[0-9]+")
_NUMBERED = re.compile(r"第\s*([0-9]+)\s*号")
STOP_CHARS = frozenset("的了和与及或在对把被是等之其")
# Words too common in 政协 texts to say what an item is about (ignored by keywords_query).
GENERIC_WORDS = frozenset(
    "建议 提案 关于 加快 推进 进一步 加强 完善 支持 工作 问题 有关 相关 部门 我市 全市 情况 措施 对策 方面 实施 "
    "开展 提升 提高 推动 促进 希望 目前 存在 负责 单位 我们 进行 以及 没有 已经".split()
)
SHORT_RUN = 4

_lock = threading.Lock()
_tokenizer = None
_extractor = None


def jieba_tokenizer():
    """The process-wide jieba tokenizer with the domain dictionary (loaded on first use, ~1 s)."""
    global _tokenizer
    if _tokenizer is None:
        with _lock:
            if _tokenizer is None:
                import jieba

                jieba.setLogLevel(logging.WARNING)
                tk = jieba.Tokenizer()
                tk.load_userdict(str(DICT_PATH))
                _tokenizer = tk
    return _tokenizer


def _keyword_extractor():
    global _extractor
    if _extractor is None:
        tk = jieba_tokenizer()
        with _lock:
            if _extractor is None:
                import jieba.analyse

                extractor = jieba.analyse.TFIDF()
                extractor.tokenizer = tk
                _extractor = extractor
    return _extractor


def normalize(text: str | None) -> str:
    return unicodedata.normalize("NFKC", text or "").lower()


def _bigrams(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)] + [run[-1]]


def _alnum_tokens(run: str) -> list[str]:
    run = run[:MAX_ALNUM]
    out = [run]
    parts = _MIXED.findall(run)
    if len(parts) > 1:
        out.extend(parts)
    for part in parts:
        if part.isdigit() and len(part) > 1 and part.startswith("0") and part.lstrip("0"):
            out.append(part.lstrip("0"))
    return out


def index_tokens(text: str | None) -> list[str]:
    """The tokens stored for one field's text (see the module docstring)."""
    norm = normalize(text)[:MAX_FIELD_CHARS]
    if not norm.strip():
        return []
    tokens: list[str] = []
    has_cjk = False
    for m in RUN.finditer(norm):
        cjk, alnum = m.groups()
        if cjk:
            has_cjk = True
            tokens.extend(_bigrams(cjk))
        else:
            tokens.extend(_alnum_tokens(alnum))
    if has_cjk:
        tokens.extend(w for w in jieba_tokenizer().cut_for_search(norm) if CJK_WORD.match(w))
    return tokens


# --- queries -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Phrase:
    """Adjacent tokens (a single token when of length one)."""

    tokens: tuple[str, ...]


@dataclass(frozen=True)
class Prefix:
    token: str


@dataclass(frozen=True)
class AnyOf:
    options: tuple


@dataclass
class Query:
    units: list = field(default_factory=list)  # each Phrase | Prefix | AnyOf
    words: list[str] = field(default_factory=list)  # normalised query words, for highlighting
    match_any: bool = False

    def __bool__(self) -> bool:
        return bool(self.units)


def cjk_unit(chunk: str):
    if len(chunk) == 1:
        return Prefix(chunk)
    if len(chunk) == 2:
        return Phrase((chunk,))
    return AnyOf((Phrase(tuple(chunk[i : i + 2] for i in range(len(chunk) - 1))), Phrase((chunk,))))


def _chunks(run: str) -> list[str]:
    if len(run) <= SHORT_RUN:
        return [run]
    out: list[str] = []
    pending = ""
    for word in jieba_tokenizer().cut(run):
        if len(word) == 1 and word in STOP_CHARS:
            if pending:
                out.append(pending)
                pending = ""
            continue
        if len(word) == 1 and out and not pending:
            out[-1] += word
        elif len(word) == 1:
            pending += word
        else:
            out.append(pending + word)
            pending = ""
    if pending:
        out.append(pending)
    return out


def parse_query(text: str | None) -> Query:
    """A user's search box input → Query (empty when nothing searchable is left)."""
    norm = _NUMBERED.sub(r" \1 ", normalize(text))
    query = Query()
    for m in RUN.finditer(norm):
        cjk, alnum = m.groups()
        if cjk:
            for chunk in _chunks(cjk):
                query.units.append(cjk_unit(chunk))
                query.words.append(chunk)
        else:
            alnum = alnum[:MAX_ALNUM]
            query.units.append(Prefix(alnum))
            query.words.append(alnum)
    return query


def keywords_query(text: str | None, top: int = 10) -> Query:
    """The OR of a text's main keywords (jieba TF-IDF): for "similar items"."""
    norm = normalize(text)[:MAX_FIELD_CHARS]
    query = Query(match_any=True)
    for word in _keyword_extractor().extract_tags(norm, topK=top * 2):
        if len(query.units) >= top:
            break
        if word in GENERIC_WORDS:
            continue
        if CJK_WORD.match(word):
            query.units.append(cjk_unit(word))
        elif re.fullmatch(r"[0-9a-z]{2,}", word):
            query.units.append(Phrase((word[:MAX_ALNUM],)))
        else:
            continue
        query.words.append(word)
    return query
