"""Keeping the index in step with the indexed objects. Called by the owning app's services.

The index is derived data: these functions record no timeline Event or AuditLog and check no
permission; the write they follow has done that.
"""
from __future__ import annotations

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, models, transaction
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from .backends import get_backend
from .models import IndexEntry
from .registry import Registration, registration_for
from .tokenize import index_tokens

log = logging.getLogger(__name__)


def _entry_values(reg: Registration, obj) -> dict:
    columns = reg.columns_of(obj)
    values = {f"tokens_{letter.lower()}": " ".join(t for text in texts for t in index_tokens(text))
              for letter, texts in columns.items()}
    values["cppcc_id"] = reg.cppcc_id_of(obj)
    values["facets"] = reg.facets_of(obj)
    return values


TOKENS = ("tokens_a", "tokens_b", "tokens_c", "tokens_d")


def _current(ct, object_id, same_text) -> dict | None:
    """The object's entry, locked: its id, facets, 政协 and whether its tokens equal the new ones."""
    return (IndexEntry.objects.select_for_update().filter(content_type=ct, object_id=object_id)
            .annotate(same_text=same_text).values("id", "same_text", "facets", "cppcc_id").first())


def index(obj: models.Model) -> IndexEntry | None:
    """Create or refresh obj's entry (in the current transaction). Returns the entry when its text was written.

    Most writes change an object's state, not its text: when the tokens are the same the entry's facets
    alone are updated, which leaves the stored vectors, their GIN entries and (SQLite) the FTS row alone.
    """
    reg = registration_for(type(obj))
    ct = ContentType.objects.get_for_model(reg.model)
    values = _entry_values(reg, obj)
    same_text = ExpressionWrapper(Q(**{name: values[name] for name in TOKENS}), output_field=BooleanField())
    with transaction.atomic():
        current = _current(ct, obj.pk, same_text)
        if current is None:
            try:
                with transaction.atomic():
                    entry = IndexEntry.objects.create(content_type=ct, object_id=obj.pk, **values)
                get_backend().written([entry])
                return entry
            except IntegrityError:  # another process created it since the lookup: refresh that one
                current = _current(ct, obj.pk, same_text)
        if current["same_text"]:
            if current["facets"] != values["facets"] or current["cppcc_id"] != values["cppcc_id"]:
                IndexEntry.objects.filter(pk=current["id"]).update(
                    facets=values["facets"], cppcc_id=values["cppcc_id"], updated_at=timezone.now())
            return None
        entry = IndexEntry(pk=current["id"], content_type=ct, object_id=obj.pk, **values)
        entry.save(force_update=True)
        get_backend().written([entry])
    return entry


def remove(obj_or_model, pk: int | None = None) -> int:
    """Remove an object's entry: remove(obj) or remove(Model, pk). Returns how many were removed."""
    model = obj_or_model if isinstance(obj_or_model, type) else type(obj_or_model)
    pk = pk if pk is not None else obj_or_model.pk
    reg = registration_for(model)
    ct = ContentType.objects.get_for_model(reg.model)
    with transaction.atomic():
        ids = list(IndexEntry.objects.filter(content_type=ct, object_id=pk).values_list("id", flat=True))
        get_backend().deleted(ids)
        IndexEntry.objects.filter(id__in=ids).delete()
    return len(ids)


def _refresh(model: type[models.Model], pk: int) -> None:
    reg = registration_for(model)
    qs = model._default_manager.filter(pk=pk)
    if reg.queryset:
        qs = reg.queryset(qs)
    obj = qs.first()
    if obj is None:
        remove(model, pk)
    else:
        index(obj)


def index_on_commit(obj: models.Model) -> None:
    """Index obj once the current transaction commits (nothing happens when it rolls back).

    The object is re-read from the database at that moment, so the index holds what was committed;
    a failure is logged and does not reach the user whose write already succeeded.
    """
    model, pk = registration_for(type(obj)).model, obj.pk
    transaction.on_commit(lambda: _refresh(model, pk), robust=True)


def remove_on_commit(obj: models.Model) -> None:
    """Remove obj's entry once the current transaction commits (call before deleting obj)."""
    model, pk = registration_for(type(obj)).model, obj.pk
    transaction.on_commit(lambda: remove(model, pk), robust=True)


def reindex(model: type[models.Model], *, cppcc=None, batch_size: int = 500) -> int:
    """Rebuild the entries of model (of one 政协 when given). Returns the number indexed."""
    reg = registration_for(model)
    ct = ContentType.objects.get_for_model(reg.model)
    backend = get_backend()
    qs = reg.model._default_manager.all()
    old = IndexEntry.objects.filter(content_type=ct)
    if cppcc is not None:
        qs = qs.filter(**{reg.cppcc_field: cppcc})
        old = old.filter(cppcc=cppcc)
    if reg.queryset:
        qs = reg.queryset(qs)
    count = 0
    with transaction.atomic():
        old_ids = list(old.values_list("id", flat=True))
        backend.deleted(old_ids)
        for start in range(0, len(old_ids), 900):
            IndexEntry.objects.filter(id__in=old_ids[start : start + 900]).delete()
        batch: list[IndexEntry] = []
        for obj in qs.order_by("pk").iterator(chunk_size=batch_size):
            batch.append(IndexEntry(content_type=ct, object_id=obj.pk, **_entry_values(reg, obj)))
            if len(batch) >= batch_size:
                count += _flush(batch, backend)
        count += _flush(batch, backend)
        backend.vacuum()
    log.info("textindex: reindexed %s %s", count, reg.label)
    return count


def _flush(batch: list[IndexEntry], backend) -> int:
    if not batch:
        return 0
    created = IndexEntry.objects.bulk_create(batch)
    backend.written(created)
    n = len(batch)
    batch.clear()
    return n
