"""Similar texts: a TF-IDF cosine index over hashed character n-grams and jieba words.

Features of a text (see `Encoder`): character 2- and 3-grams of every CJK or Latin/digit run
(punctuation breaks runs); the title counts twice; jieba words can be added (`use_words=True`) but
did not help on the labelled clusters and cost 10× the encoding time, so they are off by default.
Queries are expanded once with their 3 best hits (pseudo-relevance feedback). Each feature is hashed
with CRC-32 into `n_features` buckets – stable across processes and Python versions, so an encoded
vector can be stored with a record (`Encoder.encode` → `{bucket: tf}`) and loaded by any process.

`SimilarityIndex` keeps the documents as an inverted index (a CSR matrix features × documents of
L2-normalised TF-IDF weights) plus a small *delta* of documents added or updated since the last
`compact()`; removals are masked. A query costs the sum of its features' posting lengths, not the
corpus size (top-10 among 100 000 texts: see docs/intelligence.md §3).

`similar_texts(query_text, candidates_provider, k)` is the one-shot form; `VersionedIndex` keeps one
index per model and process fresh by checking a version stamp per request.
"""
from __future__ import annotations

import difflib
import math
import re
import threading
import zlib
from collections import Counter
from collections.abc import Callable, Hashable, Iterable

import numpy as np
import scipy.sparse as sp

from .text import normalize, words

__all__ = ["Encoder", "SimilarityIndex", "VersionedIndex", "similar_texts", "overlapping_passages"]

_RUN = re.compile(r"[\u4e00-\u9fff]+|[0-9a-z]+")


class Encoder:
    """Text → sparse term frequencies over hashed features (deterministic, no fitting)."""

    def __init__(self, *, n_features: int = 1 << 21, ngrams=(2, 3), use_words: bool = False,
                 title_weight: int = 2, max_chars: int = 3000):
        self.n_features = n_features
        self.max_chars = max_chars
        self.ngrams = tuple(ngrams)
        self.use_words = use_words
        self.title_weight = title_weight

    def signature(self) -> str:
        """Changes whenever stored vectors would no longer be comparable (store it with them)."""
        return f"v1:{self.n_features}:{self.ngrams}:{int(self.use_words)}:{self.title_weight}:{self.max_chars}"

    def _features(self, text: str) -> list[str]:
        norm = normalize(text)
        out: list[str] = []
        for run in _RUN.findall(norm):
            for n in self.ngrams:
                if len(run) >= n:
                    out.extend(run[i : i + n] for i in range(len(run) - n + 1))
            if len(run) < self.ngrams[0]:
                out.append(run)
        if self.use_words:
            out.extend("w:" + w for w in words(norm))
        return out

    def encode(self, text: str | None, title: str | None = None) -> dict[int, float]:
        """`{bucket: term frequency}`; the title (if given) counts `title_weight` times.

        Only the first `max_chars` characters of the text are used (bounds the index size for long
        proposals: the matter is stated at the start).
        """
        counts: Counter = Counter()
        n = self.n_features
        for f in self._features((text or "")[: self.max_chars]):
            counts[zlib.crc32(f.encode()) % n] += 1
        if title:
            for f in self._features(title):
                counts[zlib.crc32(f.encode()) % n] += self.title_weight
        return dict(counts)


def _sublinear(tf: Iterable[float]) -> np.ndarray:
    arr = np.fromiter(tf, dtype=np.float64)
    return 1.0 + np.log(np.maximum(arr, 1.0))


class SimilarityIndex:
    """Cosine top-k over TF-IDF vectors, with add/update/remove between compactions.

    Keys are any hashable ids (e.g. primary keys). Storage is two float32 CSR matrices over the base
    documents – `X` (documents × features, sublinear tf) and `XT` (features × documents, the
    L2-normalised TF-IDF weights used by queries) – about 16 bytes per stored feature, plus a small
    delta of documents changed since the last `compact()` (run automatically when the delta grows
    past `delta_limit` or 10 % of the base). IDF comes from the document frequencies at the last
    compaction. Thread-safe within a process.
    """

    def __init__(self, encoder: Encoder | None = None, *, delta_limit: int = 2000, feedback: int = 3,
                 feedback_weight: float = 1.0):
        self.encoder = encoder or Encoder()
        self.feedback = feedback
        self.feedback_weight = feedback_weight
        self.delta_limit = delta_limit
        self._lock = threading.RLock()
        n = self.encoder.n_features
        self._df = np.zeros(n, dtype=np.int32)
        self._idf = np.full(n, math.log(2.0) + 1.0)
        self._keys: list[Hashable] = []
        self._pos: dict[Hashable, int] = {}
        self._alive = np.zeros(0, dtype=bool)
        self._X = sp.csr_matrix((0, n), dtype=np.float32)
        self._XT = sp.csr_matrix((n, 0), dtype=np.float32)
        self._delta: dict[Hashable, tuple[np.ndarray, np.ndarray]] = {}  # key -> (features, sublinear tf)

    # --- writes ----------------------------------------------------------------------------------
    @staticmethod
    def _raw(tf: dict) -> tuple[np.ndarray, np.ndarray]:
        if not tf:
            return np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32)
        idx = np.fromiter((int(k) for k in tf.keys()), dtype=np.int64)
        val = _sublinear(float(v) for v in tf.values())
        order = np.argsort(idx)
        return idx[order].astype(np.int32), val[order].astype(np.float32)

    def add(self, key: Hashable, text: str | None = None, *, title: str | None = None,
            vector: dict[int, float] | None = None) -> None:
        """Add or replace one document (text, or a vector stored earlier by `Encoder.encode`)."""
        tf = vector if vector is not None else self.encoder.encode(text, title)
        with self._lock:
            self._drop(key)
            idx, val = self._raw(tf)
            self._df[idx] += 1
            self._delta[key] = (idx, val)
            if len(self._delta) > max(self.delta_limit, len(self._keys) // 10):
                self.compact()

    update = add

    def add_many(self, items: Iterable[tuple[Hashable, str]], *, titles: dict | None = None) -> None:
        """Bulk load `[(key, text)]` (titles optional, by key), then one compaction."""
        with self._lock:
            for key, text in items:
                self._drop(key)
                idx, val = self._raw(self.encoder.encode(text, (titles or {}).get(key)))
                self._df[idx] += 1
                self._delta[key] = (idx, val)
            self.compact()

    def remove(self, key: Hashable) -> bool:
        with self._lock:
            return self._drop(key)

    def _drop(self, key: Hashable) -> bool:
        if key in self._delta:
            idx, _ = self._delta.pop(key)
            self._df[idx] -= 1
            return True
        pos = self._pos.get(key)
        if pos is not None and self._alive[pos]:
            self._alive[pos] = False
            self._df[self._X.indices[self._X.indptr[pos] : self._X.indptr[pos + 1]]] -= 1
            return True
        return False

    def compact(self) -> None:
        """Rebuild both matrices from all live documents with fresh IDF."""
        with self._lock:
            alive = np.flatnonzero(self._alive)
            keys = [self._keys[j] for j in alive] + list(self._delta)
            n = self.encoder.n_features
            parts = [self._X[alive]] if len(alive) else []
            if self._delta:
                indptr = np.zeros(len(self._delta) + 1, dtype=np.int64)
                indptr[1:] = np.cumsum([len(i) for i, _ in self._delta.values()])
                ind = np.concatenate([i for i, _ in self._delta.values()]) if indptr[-1] else np.zeros(0, np.int32)
                val = np.concatenate([v for _, v in self._delta.values()]) if indptr[-1] else np.zeros(0, np.float32)
                parts.append(sp.csr_matrix((val, ind, indptr), shape=(len(self._delta), n), dtype=np.float32))
            X = sp.vstack(parts, format="csr", dtype=np.float32) if parts else sp.csr_matrix((0, n), dtype=np.float32)
            self._idf = np.log((len(keys) + 1.0) / (self._df.astype(np.float64) + 1.0)) + 1.0
            W = X.multiply(self._idf.astype(np.float32)[np.newaxis, :]).tocsr()
            norms = np.sqrt(np.asarray(W.multiply(W).sum(axis=1)).ravel())
            norms[norms == 0] = 1.0
            W = sp.diags((1.0 / norms).astype(np.float32)) @ W
            self._X = X
            self._XT = W.T.tocsr().astype(np.float32)
            self._keys = keys
            self._pos = {k: j for j, k in enumerate(keys)}
            self._alive = np.ones(len(keys), dtype=bool)
            self._delta = {}

    def _weights_raw(self, idx: np.ndarray, val: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        w = val.astype(np.float64) * self._idf[idx]
        norm = float(np.sqrt((w * w).sum())) or 1.0
        return idx.astype(np.int64), w / norm

    def _weights(self, tf: dict) -> tuple[np.ndarray, np.ndarray]:
        return self._weights_raw(*self._raw(tf))

    def _doc_weights(self, key: Hashable) -> tuple[np.ndarray, np.ndarray]:
        if key in self._delta:
            return self._weights_raw(*self._delta[key])
        j = self._pos[key]
        a, b = self._X.indptr[j], self._X.indptr[j + 1]
        return self._weights_raw(self._X.indices[a:b], self._X.data[a:b])

    # --- reads -----------------------------------------------------------------------------------
    def __len__(self) -> int:
        return int(self._alive.sum()) + len(self._delta)

    def __contains__(self, key: Hashable) -> bool:
        pos = self._pos.get(key)
        return key in self._delta or (pos is not None and bool(self._alive[pos]))

    def memory_bytes(self) -> int:
        """Bytes held by the numpy/scipy structures (keys and the delta not counted)."""
        total = self._df.nbytes + self._idf.nbytes + self._alive.nbytes
        for M in (self._X, self._XT):
            total += M.data.nbytes + M.indices.nbytes + M.indptr.nbytes
        return int(total)

    def top_k(self, text: str | None = None, k: int = 10, *, title: str | None = None,
              exclude: Iterable[Hashable] = (), vector: dict[int, float] | None = None,
              min_score: float = 0.0, feedback: int | None = None) -> list[tuple[Hashable, float]]:
        """The k most similar documents as `[(key, cosine)]`, best first (ties by key).

        With `feedback` (default `self.feedback`) > 0 the query is expanded once with the mean
        vector of its best `feedback` hits (pseudo-relevance feedback, weight `self.feedback_weight`).
        """
        tf = vector if vector is not None else self.encoder.encode(text, title)
        if not tf or k <= 0:
            return []
        exclude = set(exclude)
        feedback = self.feedback if feedback is None else feedback
        with self._lock:
            q_idx, q_w = self._weights(tf)
            if feedback > 0:
                first = self._search(q_idx, q_w, feedback, exclude, min_score)
                if first:
                    acc: dict[int, float] = dict(zip(q_idx.tolist(), q_w.tolist(), strict=True))
                    share = self.feedback_weight / len(first)
                    for key, _ in first:
                        d_idx, d_w = self._doc_weights(key)
                        for i, x in zip(d_idx.tolist(), d_w.tolist(), strict=True):
                            acc[i] = acc.get(i, 0.0) + share * x
                    q_idx = np.fromiter(acc.keys(), dtype=np.int64)
                    q_w = np.fromiter(acc.values(), dtype=np.float64)
                    q_w = q_w / (float(np.sqrt((q_w * q_w).sum())) or 1.0)
            return self._search(q_idx, q_w, k, exclude, min_score)

    def _search(self, q_idx, q_w, k, exclude, min_score) -> list[tuple[Hashable, float]]:
        results: list[tuple[Hashable, float]] = []
        if self._keys:
            sub = self._XT[q_idx]
            scores = np.asarray(sub.T @ q_w.astype(np.float32)).ravel()
            scores[~self._alive] = -1.0
            for key in exclude:
                pos = self._pos.get(key)
                if pos is not None:
                    scores[pos] = -1.0
            want = min(k, len(scores))
            top = np.argpartition(-scores, want - 1)[:want] if want < len(scores) else np.arange(len(scores))
            results.extend((self._keys[j], float(scores[j])) for j in top if scores[j] > min_score)
        if self._delta:
            q = dict(zip(q_idx.tolist(), q_w.tolist(), strict=True))
            for key in self._delta:
                if key in exclude:
                    continue
                d_idx, d_w = self._doc_weights(key)
                s = sum(q.get(i, 0.0) * x for i, x in zip(d_idx.tolist(), d_w.tolist(), strict=True))
                if s > min_score:
                    results.append((key, float(s)))
        results.sort(key=lambda r: (-r[1], str(r[0])))
        return results[:k]


def similar_texts(query_text: str, candidates_provider: Callable[[], Iterable[tuple[Hashable, str]]],
                  k: int = 10, *, exclude: Iterable[Hashable] = (), encoder: Encoder | None = None
                  ) -> list[tuple[Hashable, float]]:
    """One-shot: index the candidates `[(id, text)]` and return the k most similar to the query."""
    index = SimilarityIndex(encoder)
    index.add_many(candidates_provider())
    return index.top_k(query_text, k, exclude=exclude)


class VersionedIndex:
    """One `SimilarityIndex` per process, rebuilt when the data's version stamp changes.

    `version()` must be cheap (e.g. `(count, max(updated_at))` of the model's rows, or a counter bumped
    on every save); `loader()` yields `(key, text)` or `(key, vector)` for every document. Each
    `get()` compares the stamp: equal → the cached index; different → reload. Writes in this process
    can call `index.update(...)` directly and `touch(new_version)` to avoid a reload.
    """

    def __init__(self, version: Callable[[], Hashable], loader: Callable[[], Iterable[tuple]],
                 encoder: Encoder | None = None):
        self._version = version
        self._loader = loader
        self._encoder = encoder or Encoder()
        self._lock = threading.Lock()
        self._stamp: Hashable = object()
        self._index: SimilarityIndex | None = None

    def get(self) -> SimilarityIndex:
        stamp = self._version()
        with self._lock:
            if self._index is None or stamp != self._stamp:
                index = SimilarityIndex(self._encoder)
                texts = []
                for key, payload in self._loader():
                    if isinstance(payload, dict):
                        index.add(key, vector=payload)
                    else:
                        texts.append((key, payload))
                index.add_many(texts)
                self._index, self._stamp = index, stamp
            return self._index

    def touch(self, stamp: Hashable) -> None:
        with self._lock:
            self._stamp = stamp


def overlapping_passages(a: str, b: str, *, min_chars: int = 6) -> list[str]:
    """Passages (≥ min_chars characters) that occur in both texts, longest first – for highlighting."""
    matcher = difflib.SequenceMatcher(None, a or "", b or "", autojunk=False)
    seen, out = set(), []
    for block in sorted(matcher.get_matching_blocks(), key=lambda m: -m.size):
        piece = (a or "")[block.a : block.a + block.size].strip()
        if len(piece) >= min_chars and piece not in seen:
            seen.add(piece)
            out.append(piece)
    return out
