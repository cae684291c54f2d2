"""The routing model of a 政协: trained by `manage.py intelligence_train`, pickled under var/, cached per process.

Training data (docs/intelligence.md §6): the 政协's own proposals that were assigned, labelled with the taxonomy
category of their 主办/独办/分办 unit (`unit_categories`), the 政协's unassigned proposals as unlabelled texts for
self-training, and optionally the category tree of a taxonomy file (level1,level2,level3 CSV; only its category
names are used, as short pseudo-documents). Never trained at request time and never from citizen messages.
"""
from __future__ import annotations

import csv
import datetime as dt
import pickle
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from .routing import Router
from .unit_categories import category_of

MODEL_VERSION = 1
_cache: dict[int, tuple[float, TrainedRouter | None]] = {}
_lock = threading.Lock()


@dataclass
class TrainedRouter:
    router: Router
    cppcc_id: int
    trained_at: dt.datetime
    n_docs: int
    n_unlabeled: int
    classes: list[str]
    counts: dict[str, int] = field(default_factory=dict)
    taxonomy_rows: int = 0
    version: int = MODEL_VERSION


def model_path(cppcc_id: int) -> Path:
    return Path(settings.VAR_DIR) / "intelligence" / f"router-{cppcc_id}.pkl"


def read_taxonomy(path) -> list[tuple[str, str, str]]:
    with open(path, encoding="utf-8") as fh:
        return [(r["level1"], r["level2"], r["level3"]) for r in csv.DictReader(fh)]


def training_data(cppcc_id: int):
    """([(title, body)], [label], [(title, body)] unlabelled) from the 政协's proposals."""
    from zhengxie.proposals.models import Assignment, Proposal
    from zhengxie.proposals.workflow import Status

    from .index import proposal_body

    answering = (Assignment.Role.LEAD, Assignment.Role.SOLE, Assignment.Role.SPLIT)
    unit_of: dict[int, str] = {}
    for pid, name in (Assignment.objects.filter(cppcc_id=cppcc_id, role__in=answering)
                      .exclude(state=Assignment.State.REMOVED).order_by("id").values_list("proposal_id", "unit__name")):
        unit_of.setdefault(pid, name)
    docs, labels, unlabeled = [], [], []
    qs = Proposal.objects.filter(cppcc_id=cppcc_id).exclude(status=Status.DRAFT).only(
        "pk", "title", "situation", "analysis", "suggestions")
    for p in qs.iterator(chunk_size=500):
        doc = (p.title, proposal_body(p))
        label = category_of(unit_of[p.pk]) if p.pk in unit_of else None
        if label:
            docs.append(doc)
            labels.append(label)
        elif p.pk not in unit_of:
            unlabeled.append(doc)
    return docs, labels, unlabeled


def train(cppcc_id: int, *, taxonomy=None) -> TrainedRouter:
    """Fit and save the router of a 政协; raises ValueError (Chinese) when there is too little to learn from."""
    docs, labels, unlabeled = training_data(cppcc_id)
    classes = sorted(set(labels))
    if len(classes) < 2:
        raise ValueError("已交办的提案不足（至少需要两类承办单位的交办记录），暂不能训练分类模型。")
    rows = read_taxonomy(taxonomy) if taxonomy else []
    router = Router(self_training_per_class=30 if unlabeled else 0).fit(docs, labels, taxonomy=rows, unlabeled=unlabeled)
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    model = TrainedRouter(router, cppcc_id, timezone.now(), len(docs), len(unlabeled), classes, counts, len(rows))
    path = model_path(cppcc_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(model, fh)
    tmp.replace(path)  # atomic: other processes see the old or the new file, never half of it
    return model


def load(cppcc_id: int) -> TrainedRouter | None:
    """The trained router of a 政协 (cached per process; reloaded when the file changes), or None."""
    path = model_path(cppcc_id)
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return None
    with _lock:
        cached = _cache.get(cppcc_id)
        if cached and cached[0] == mtime:
            return cached[1]
        try:
            with open(path, "rb") as fh:
                model = pickle.load(fh)
        except Exception:  # noqa: BLE001 - an unreadable or outdated file means "not trained"
            model = None
        if model is not None and getattr(model, "version", None) != MODEL_VERSION:
            model = None
        _cache[cppcc_id] = (mtime, model)
        return model
