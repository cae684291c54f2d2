"""The similarity index of proposals, per 政协 and server process, kept fresh across processes.

Design (docs/intelligence.md §3 and §6):

1. *Persisted vectors.* A `post_save` signal on `Proposal` stores `Encoder().encode(正文, title=案由)` in
   `ProposalVector` (only when the text changed: a hash of it is kept) with a random `nonce`; drafts are not
   indexed (their row is removed). Bulk writes that bypass signals (demo data, imports) are caught up by the
   version check below or by `manage.py intelligence_reindex`.
2. *Version stamp per request.* `ProposalIndex.get()` reads `(count, sum(nonce))` of the 政协's vector rows
   – one aggregate query – and compares it with the stamp of the index it holds. If it changed, it loads the
   `(pk, nonce)` pairs (two integers per row), re-reads only the vectors whose nonce differs and removes the
   rows that are gone – another process's save is seen on the next request, without re-tokenising anything.
3. *Scoping.* One index per 政协; visibility is applied by `selectors` to the returned ids.

Memory per server process: about 16 bytes per stored feature, i.e. ≈ 4.5 KB for a short text and up to
≈ 80 KB for a long proposal (only the first 3 000 characters are indexed): ≤ 0.8 GB for 10 000 proposals,
≈ 36 MB for the demo city (515 proposals), of which ≈ 33 MB is the fixed part per 政协 (2²¹-bucket df/IDF arrays).
"""
from __future__ import annotations

import hashlib
import random
import threading

from django.db.models import Count, Sum
from django.utils import timezone

from .models import ProposalVector
from .similarity import Encoder, SimilarityIndex

ENCODER = Encoder()
_NONCE_MAX = 2**31 - 1


def proposal_body(p) -> str:
    """The text of a proposal that is compared: 情况/问题, 分析, 建议."""
    return "\n".join(t for t in (p.situation, p.analysis, p.suggestions) if t)


def is_indexed(p) -> bool:
    from zhengxie.proposals.workflow import Status

    return p.status != Status.DRAFT


def text_hash(title: str, body: str) -> str:
    return hashlib.sha1(f"{title}\u0000{body}".encode()).hexdigest()


def _row(p, h: str) -> ProposalVector:
    return ProposalVector(proposal_id=p.pk, cppcc_id=p.cppcc_id, signature=ENCODER.signature(), text_hash=h,
                          vector=ENCODER.encode(proposal_body(p), title=p.title), nonce=random.randint(1, _NONCE_MAX),
                          updated_at=timezone.now())


def _upsert(rows: list[ProposalVector]) -> None:
    if rows:
        ProposalVector.objects.bulk_create(rows, update_conflicts=True, unique_fields=["proposal"],
                                           update_fields=["signature", "text_hash", "vector", "nonce", "updated_at"])


def sync_vector(p) -> bool:
    """Store (or drop) the vector of one proposal; True when the stored row changed."""
    if not is_indexed(p):
        return ProposalVector.objects.filter(proposal_id=p.pk).delete()[0] > 0
    h = text_hash(p.title, proposal_body(p))
    current = ProposalVector.objects.filter(proposal_id=p.pk).values_list("text_hash", "signature").first()
    if current == (h, ENCODER.signature()):
        return False
    _upsert([_row(p, h)])
    return True


def backfill(cppcc_id: int, *, force: bool = False) -> int:
    """Encode the proposals of a 政协 that have no (or an outdated) vector; drop rows of drafts. Returns changes."""
    from zhengxie.proposals.models import Proposal
    from zhengxie.proposals.workflow import Status

    dropped = ProposalVector.objects.filter(cppcc_id=cppcc_id, proposal__status=Status.DRAFT).delete()[0]
    qs = Proposal.objects.filter(cppcc_id=cppcc_id).exclude(status=Status.DRAFT)
    if not force:
        qs = qs.exclude(text_vector__signature=ENCODER.signature())
    changed = 0
    batch: list[ProposalVector] = []
    for p in qs.only("pk", "cppcc_id", "title", "situation", "analysis", "suggestions", "status").iterator(chunk_size=200):
        batch.append(_row(p, text_hash(p.title, proposal_body(p))))
        if len(batch) >= 200:
            _upsert(batch)
            changed += len(batch)
            batch = []
    _upsert(batch)
    return changed + len(batch) + dropped


def stamp(cppcc_id: int) -> tuple[int, int]:
    agg = ProposalVector.objects.filter(cppcc_id=cppcc_id).aggregate(n=Count("pk"), s=Sum("nonce"))
    return agg["n"] or 0, agg["s"] or 0


def _pending(cppcc_id: int, n_vectors: int) -> bool:
    """True when proposals were written without the signal (bulk) – their vectors are missing."""
    from zhengxie.proposals.models import Proposal
    from zhengxie.proposals.workflow import Status

    return Proposal.objects.filter(cppcc_id=cppcc_id).exclude(status=Status.DRAFT).count() != n_vectors


class ProposalIndex:
    """The in-memory `SimilarityIndex` of one 政协's proposals, refreshed from `ProposalVector` per request."""

    def __init__(self, cppcc_id: int):
        self.cppcc_id = cppcc_id
        self._index = SimilarityIndex(ENCODER)
        self._nonces: dict[int, int] = {}
        self._stamp: tuple[int, int] | None = None
        self._lock = threading.Lock()
        self.reloads = 0  # how many times rows were re-read (for tests and the status line)

    def version(self) -> tuple[int, int]:
        current = stamp(self.cppcc_id)
        if _pending(self.cppcc_id, current[0]):
            backfill(self.cppcc_id)
            current = stamp(self.cppcc_id)
        return current

    def get(self) -> SimilarityIndex:
        current = self.version()
        with self._lock:
            if current != self._stamp:
                self._refresh()
                self._stamp = current
            return self._index

    def _refresh(self) -> None:
        rows = dict(ProposalVector.objects.filter(cppcc_id=self.cppcc_id).values_list("proposal_id", "nonce"))
        for pk in [pk for pk in self._nonces if pk not in rows]:
            self._index.remove(pk)
            del self._nonces[pk]
        changed = [pk for pk, nonce in rows.items() if self._nonces.get(pk) != nonce]
        for start in range(0, len(changed), 500):
            chunk = changed[start : start + 500]
            for pk, vector, nonce in ProposalVector.objects.filter(proposal_id__in=chunk).values_list(
                    "proposal_id", "vector", "nonce"):
                self._index.update(pk, vector={int(k): v for k, v in vector.items()})
                self._nonces[pk] = nonce
        if len(changed) > 50 or (changed and len(changed) == len(rows)):
            self._index.compact()  # a few changes stay in the delta (scored exactly, IDF of the last compaction)
        self.reloads += 1

    def __len__(self) -> int:
        return len(self._index)

    def memory_bytes(self) -> int:
        return self._index.memory_bytes()


_indexes: dict[int, ProposalIndex] = {}
_registry_lock = threading.Lock()


def index_for(cppcc_id: int) -> ProposalIndex:
    """The process-wide index of a 政协 (created on first use)."""
    with _registry_lock:
        if cppcc_id not in _indexes:
            _indexes[cppcc_id] = ProposalIndex(cppcc_id)
        return _indexes[cppcc_id]


def stored_vector(pk: int) -> dict[int, float] | None:
    v = ProposalVector.objects.filter(proposal_id=pk).values_list("vector", flat=True).first()
    return {int(k): x for k, x in v.items()} if v is not None else None


# --- signals (connected in apps.ready) ------------------------------------------------------------------------

def on_proposal_saved(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw:
        return
    if update_fields is not None and not set(update_fields) & {"title", "situation", "analysis", "suggestions", "status"}:
        return
    sync_vector(instance)


def on_proposal_deleted(sender, instance, **kwargs) -> None:
    ProposalVector.objects.filter(proposal_id=instance.pk).delete()
