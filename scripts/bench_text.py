"""`make bench-text`: routing and similarity quality on the citizen-messages data, and similarity speed.

Prints exactly four lines first (three decimals in [0, 1]):
    routing top-1: 0.xxx / routing top-3: 0.xxx / similar recall@5: 0.xxx / similar precision@5: 0.xxx
then details. TRAIN=TEST (the default, labeled.csv) means 5-fold stratified cross-validation.
Definitions: zhengxie/intelligence/metrics.py and docs/intelligence.md.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import numpy as np  # noqa: E402

from zhengxie.intelligence.metrics import (  # noqa: E402
    CLUSTERS_FIXTURE,
    DATA_DIR,
    evaluate_similarity,
    read_clusters,
    read_csv,
    topk_accuracy,
)
from zhengxie.intelligence.routing import Router  # noqa: E402
from zhengxie.intelligence.similarity import SimilarityIndex  # noqa: E402
from zhengxie.intelligence.text import sentences  # noqa: E402


def _path(value: str | None, default: Path) -> Path:
    return Path(value).resolve() if value else default


def routing(train_path: Path, test_path: Path, folds: int = 5):
    train = read_csv(train_path)
    taxonomy = [(r["level1"], r["level2"], r["level3"]) for r in read_csv(DATA_DIR / "taxonomy.csv")]
    unlabeled_rows = read_csv(DATA_DIR / "messages.csv") + read_csv(DATA_DIR / "replies.csv")
    cv = train_path == test_path
    test = train if cv else read_csv(test_path)
    test_ids = {r["id"] for r in test}
    unlabeled = [(r["title"], r["detail"]) for r in unlabeled_rows if r["id"] not in test_ids]
    if not cv:
        router = Router().fit([(r["title"], r["detail"]) for r in train], [r["category"] for r in train],
                              taxonomy=taxonomy, unlabeled=unlabeled)
        s = router.scores([(r["title"], r["detail"]) for r in test])
        truth = [r["category"] for r in test]
        return topk_accuracy(s, router.classes_, truth, 1), topk_accuracy(s, router.classes_, truth, 3), None
    from sklearn.model_selection import StratifiedKFold

    y = np.array([r["category"] for r in train])
    docs = [(r["title"], r["detail"]) for r in train]
    t1, t3 = [], []
    for tr, te in StratifiedKFold(folds, shuffle=True, random_state=0).split(docs, y):
        router = Router().fit([docs[i] for i in tr], y[tr], taxonomy=taxonomy, unlabeled=unlabeled)
        s = router.scores([docs[i] for i in te])
        t1.append(topk_accuracy(s, router.classes_, y[te], 1))
        t3.append(topk_accuracy(s, router.classes_, y[te], 3))
    return float(np.mean(t1)), float(np.mean(t3)), (t1, t3)


def similarity(messages_path: Path, clusters_path: Path):
    rows = read_csv(messages_path)
    texts = {r["id"]: r for r in rows}
    index = SimilarityIndex()
    index.add_many(((r["id"], r["detail"]) for r in rows), titles={r["id"]: r["title"] for r in rows})

    def top(q, k):
        r = texts[q]
        return [key for key, _ in index.top_k(r["detail"], k, title=r["title"], exclude=[q])]

    return evaluate_similarity(top, list(texts), read_clusters(clusters_path)), rows


def speed(rows, n_docs: int, n_queries: int = 200):
    """Synthetic corpus: titles and 2–5 sentences recombined from the messages (benchmark only)."""
    rng = random.Random(0)
    pool = [s for r in rows for s in sentences(r["detail"]) if 8 <= len(s) <= 160]
    titles = [r["title"] for r in rows]
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    index = SimilarityIndex()
    t = time.perf_counter()
    docs = ((f"s{i}", "".join(rng.sample(pool, rng.randint(2, 5)))) for i in range(n_docs))
    index.add_many(docs, titles={f"s{i}": rng.choice(titles) for i in range(n_docs)})
    build = time.perf_counter() - t
    rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    lat = []
    for _ in range(n_queries):
        q = "".join(rng.sample(pool, rng.randint(2, 5)))
        t = time.perf_counter()
        index.top_k(q, 10, title=rng.choice(titles))
        lat.append((time.perf_counter() - t) * 1000)
    t = time.perf_counter()
    for i in range(200):
        index.update(f"s{i}", "".join(rng.sample(pool, 3)))
    upd = (time.perf_counter() - t) * 1000 / 200
    lat2 = []
    for _ in range(n_queries // 2):
        q = "".join(rng.sample(pool, 3))
        t = time.perf_counter()
        index.top_k(q, 10)
        lat2.append((time.perf_counter() - t) * 1000)
    return {
        "n": n_docs, "build_s": build, "p50": float(np.percentile(lat, 50)), "p95": float(np.percentile(lat, 95)),
        "p95_after_updates": float(np.percentile(lat2, 95)), "update_ms": upd,
        "index_mb": index.memory_bytes() / 2**20, "rss_growth_mb": (rss1 - rss0) / 1024,
    }


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--train", default=os.environ.get("TRAIN") or None)
    p.add_argument("--test", default=os.environ.get("TEST") or None)
    p.add_argument("--messages", default=os.environ.get("MESSAGES") or None)
    p.add_argument("--clusters", default=os.environ.get("CLUSTERS") or None)
    p.add_argument("--speed-docs", type=int, default=int(os.environ.get("SPEED_DOCS", "100000")),
                   help="size of the synthetic corpus for the latency test (0 = skip)")
    a = p.parse_args(argv)
    train = _path(a.train, DATA_DIR / "labeled.csv")
    test = _path(a.test, train)
    messages = _path(a.messages, DATA_DIR / "messages.csv")
    clusters = _path(a.clusters, CLUSTERS_FIXTURE)

    t0 = time.perf_counter()
    top1, top3, folds = routing(train, test)
    t_route = time.perf_counter() - t0
    rep, rows = similarity(messages, clusters)
    print(f"routing top-1: {top1:.3f}")
    print(f"routing top-3: {top3:.3f}")
    print(f"similar recall@5: {rep.recall_q:.3f}")
    print(f"similar precision@5: {rep.precision_q:.3f}", flush=True)
    print()
    if folds:
        t1, t3 = folds
        print(f"routing: TRAIN = TEST = {train.name}: 5-fold stratified cross-validation (shuffle, seed 0)")
        print(f"  top-1 per fold {' '.join(f'{x:.3f}' for x in t1)}  mean {np.mean(t1):.3f} ± {np.std(t1):.3f}")
        print(f"  top-3 per fold {' '.join(f'{x:.3f}' for x in t3)}  mean {np.mean(t3):.3f} ± {np.std(t3):.3f}")
    else:
        print(f"routing: trained on {train} , scored on {test}")
    print(f"  ({t_route:.0f} s)")
    print(f"similarity: {len(rows)} messages indexed, {rep.clusters} clusters, {rep.queries} queries ({clusters.name})")
    print(f"  over queries : recall@5 {rep.recall_q:.3f}  precision@5 {rep.precision_q:.3f}  "
          f"(precision ceiling {rep.ceiling_q:.3f})")
    print(f"  over clusters: recall@5 {rep.recall_c:.3f}  precision@5 {rep.precision_c:.3f}  "
          f"(precision ceiling {rep.ceiling_c:.3f})")
    print(f"  queries missing a reachable member: {len(rep.misses)}")
    for q, missing in rep.misses[:10]:
        print(f"    {q}: not in top 5: {', '.join(missing)}")
    if a.speed_docs:
        s = speed(rows, a.speed_docs)
        print(f"speed: synthetic corpus of {s['n']} texts (recombined sentences), built in {s['build_s']:.0f} s")
        print(f"  top-10 latency p50 {s['p50']:.1f} ms, p95 {s['p95']:.1f} ms; "
              f"after 200 updates p95 {s['p95_after_updates']:.1f} ms; update {s['update_ms']:.2f} ms each")
        print(f"  index structures {s['index_mb']:.0f} MB; process RSS growth while building {s['rss_growth_mb']:.0f} MB")


if __name__ == "__main__":
    main()
