"""承办单位 suggestion at 交办: a ranked list of units with the words that led to each.

Each unit is described by its duty text (职责说明) and by the texts already assigned to it
(`history`). Texts are compared as TF-IDF vectors of jieba words and character bigrams, with IDF
fitted on all duty and history texts plus the query. A unit's score is

    cos(query, duty) + w(n) · (½ cos(query, centroid of its history) + ½ max cos(query, one history text))

with w(n) = n / (n + 2) for n assigned texts: the more assignments accumulate, the more they count.
`boost` adds a prior per unit (e.g. +0.1 for the units of the routed category). Staff always decide:
this only orders the list and says why.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from .text import normalize, words


@dataclass
class UnitSuggestion:
    unit_id: Hashable
    score: float
    because: list[str] = field(default_factory=list)
    duty_score: float = 0.0
    history_score: float = 0.0
    history_count: int = 0


def _features(text: str) -> list[str]:
    norm = normalize(text)
    feats = ["w:" + w for w in words(norm)]
    for run in re.findall(r"[\u4e00-\u9fff]+", norm):
        feats.extend(run[i : i + 2] for i in range(len(run) - 1))
    return feats


def suggest_units(text: str, units: Sequence[tuple[Hashable, str]],
                  history: Iterable[tuple[str, Hashable]] = (), k: int = 5, *,
                  boost: dict[Hashable, float] | None = None, because: int = 5) -> list[UnitSuggestion]:
    """Rank `units` `[(unit_id, duty_text)]` for `text`, learning from `history` `[(text, unit_id)]`."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    units = list(units)
    if not units:
        return []
    unit_ids = [u for u, _ in units]
    known = set(unit_ids)
    hist = [(t, u) for t, u in history if u in known and (t or "").strip()]
    corpus = [text or ""] + [d or "" for _, d in units] + [t for t, _ in hist]
    vec = TfidfVectorizer(analyzer=_features, sublinear_tf=True)
    X = vec.fit_transform(corpus)
    names = vec.get_feature_names_out()
    q = X[0]
    query_words = set(words(text or ""))
    D = X[1 : 1 + len(units)]
    H = X[1 + len(units) :]
    duty = np.asarray((D @ q.T).todense()).ravel()
    by_unit: dict[Hashable, list[int]] = defaultdict(list)
    for i, (_, u) in enumerate(hist):
        by_unit[u].append(i)
    hist_sims = np.asarray((H @ q.T).todense()).ravel() if hist else np.zeros(0)
    out = []
    for j, uid in enumerate(unit_ids):
        rows = by_unit.get(uid, [])
        h_score, weight, profile = 0.0, 0.0, D[j]
        if rows:
            centroid = H[rows].sum(axis=0)
            centroid = np.asarray(centroid).ravel()
            norm = float(np.linalg.norm(centroid)) or 1.0
            qd = q.toarray().ravel()
            h_score = 0.5 * float(qd @ centroid) / norm + 0.5 * float(hist_sims[rows].max())
            weight = len(rows) / (len(rows) + 2.0)
            profile = D[j] + H[rows].sum(axis=0) / len(rows)
        score = float(duty[j]) + weight * h_score + (boost or {}).get(uid, 0.0)
        contrib = np.asarray(q.multiply(profile).todense()).ravel() if hasattr(profile, "multiply") else \
            q.toarray().ravel() * np.asarray(profile).ravel()
        reasons = []
        order = [f for f in np.argsort(-contrib) if contrib[f] > 0]
        # whole words first; a character bigram only when it is itself a word of the text (no "于推", "合利")
        for f in [f for f in order if str(names[f]).startswith("w:")] + \
                 [f for f in order if not str(names[f]).startswith("w:") and str(names[f]) in query_words]:
            if len(reasons) >= because:
                break
            name = str(names[f])
            word = name[2:] if name.startswith("w:") else name
            if any(word in r or r in word for r in reasons):
                continue
            reasons.append(word)
        out.append(UnitSuggestion(uid, score, reasons, float(duty[j]), h_score, len(rows)))
    out.sort(key=lambda s: (-s.score, str(s.unit_id)))
    return out[:k]
