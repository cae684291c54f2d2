"""Evaluation shared by the tests and `scripts/bench_text.py` (see docs/intelligence.md §2).

Similarity, per query q (every clustered message present in MESSAGES):
  relevant R(q) = the other members of q's cluster; candidates = every other message;
  top5 = the 5 best candidates;  hits = |R(q) ∩ top5|
  recall@5(q)    = hits / min(|R(q)|, 5)          (R-capped recall: 1.0 is reachable for every q)
  precision@5(q) = hits / 5
  ceiling(q)     = min(|R(q)|, 5) / 5             (best precision@5 the cluster sizes allow)
"over queries" = mean over all queries; "over clusters" = mean over clusters of the per-cluster mean.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = REPO_ROOT.parent / "shared" / "data" / "citizen-messages"
FIXTURES = Path(__file__).resolve().parent / "tests" / "fixtures"
CLUSTERS_FIXTURE = FIXTURES / "similar_clusters.csv"


def read_csv(path) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def read_clusters(path) -> dict[str, str]:
    return {r["id"].strip(): r["cluster"].strip() for r in read_csv(path)}


@dataclass
class SimilarityReport:
    queries: int
    clusters: int
    recall_q: float
    precision_q: float
    recall_c: float
    precision_c: float
    ceiling_q: float
    ceiling_c: float
    misses: list  # (query id, missing relevant ids)


def evaluate_similarity(top_k: Callable[[Hashable, int], list[Hashable]], ids: list[Hashable],
                        clusters: dict[Hashable, str], k: int = 5) -> SimilarityReport:
    """`top_k(query_id, k)` returns the k best other ids (the query itself excluded)."""
    present = set(ids)
    members: dict[str, list] = defaultdict(list)
    for key, c in clusters.items():
        if key in present:
            members[c].append(key)
    per_cluster: dict[str, list] = defaultdict(list)
    rec, prec, ceil, misses = [], [], [], []
    for c, ms in members.items():
        if len(ms) < 2:
            continue
        for q in ms:
            relevant = set(ms) - {q}
            got = top_k(q, k)[:k]
            hits = len(relevant & set(got))
            cap = min(len(relevant), k)
            r, p, ce = hits / cap, hits / k, cap / k
            rec.append(r)
            prec.append(p)
            ceil.append(ce)
            per_cluster[c].append((r, p, ce))
            if hits < cap:
                misses.append((q, sorted(relevant - set(got))[:5]))
    pc = list(per_cluster.values())
    return SimilarityReport(
        queries=len(rec), clusters=len(pc),
        recall_q=float(np.mean(rec)) if rec else 0.0, precision_q=float(np.mean(prec)) if prec else 0.0,
        recall_c=float(np.mean([np.mean([x[0] for x in v]) for v in pc])) if pc else 0.0,
        precision_c=float(np.mean([np.mean([x[1] for x in v]) for v in pc])) if pc else 0.0,
        ceiling_q=float(np.mean(ceil)) if ceil else 0.0,
        ceiling_c=float(np.mean([np.mean([x[2] for x in v]) for v in pc])) if pc else 0.0,
        misses=misses,
    )


def topk_accuracy(scores: np.ndarray, classes, truth, k: int) -> float:
    classes = np.asarray(classes)
    order = np.argsort(-scores, axis=1)[:, :k]
    return float(np.mean([t in classes[o] for t, o in zip(truth, order, strict=True)]))
