"""Which models are searchable, with which texts, weights and facets. Apps register from ready().

    from zhengxie import textindex

    textindex.register(
        Proposal,
        fields={"title": "A", "proposers": "B", "body": "C"},
        document=lambda p: {"title": p.title, "proposers": p.proposer_names, "body": p.body},
        filters=lambda p: {"year": p.year, "status": p.status, "units": [u.pk for u in p.units.all()]},
        queryset=lambda qs: qs.prefetch_related("units"),
    )
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import models

WEIGHTS = ("A", "B", "C", "D")
_FLOAT_WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}  # PostgreSQL's default ts_rank weights
FACET_KEY = re.compile(r"^[a-z_][a-z0-9_]{0,39}$")
_INTEGER_PKS = (models.AutoField, models.BigAutoField, models.SmallAutoField, models.IntegerField)


def weight_letter(weight: str | float) -> str:
    """"A".."D" as is; a number maps to the nearest of A=1.0, B=0.4, C=0.2, D=0.1."""
    if isinstance(weight, str):
        letter = weight.strip().upper()
        if letter not in WEIGHTS:
            raise ImproperlyConfigured(f"全文检索权重必须是 A、B、C、D 之一：{weight!r}")
        return letter
    return min(WEIGHTS, key=lambda letter: abs(_FLOAT_WEIGHTS[letter] - float(weight)))


def facet_values(raw: dict[str, Any] | None) -> dict[str, str | list[str]]:
    """Facets as stored and queried: keys checked, values as strings (lists stay lists), None dropped."""
    out: dict[str, str | list[str]] = {}
    for key, value in (raw or {}).items():
        if not FACET_KEY.match(key):
            raise ValueError(f"全文检索筛选项名称不合法：{key!r}")
        if value is None:
            continue
        if isinstance(value, list | tuple | set | frozenset):
            out[key] = sorted({_facet_str(v) for v in value if v is not None})
        else:
            out[key] = _facet_str(value)
    return out


def _facet_str(value: Any) -> str:
    if isinstance(value, models.Model):
        value = value.pk
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


@dataclass(frozen=True)
class Registration:
    model: type[models.Model]
    fields: dict[str, str]  # field name → weight letter
    document: Callable[[Any], dict[str, str]]
    filters: Callable[[Any], dict[str, Any] | None] | None
    cppcc_field: str
    queryset: Callable[[models.QuerySet], models.QuerySet] | None

    @property
    def label(self) -> str:
        return self.model._meta.label

    def cppcc_id_of(self, obj) -> int:
        *path, last = self.cppcc_field.split("__")
        for name in path:
            obj = getattr(obj, name)
        return getattr(obj, f"{last}_id")

    def columns_of(self, obj) -> dict[str, list[str]]:
        """Texts of obj by weight letter (several fields may share a weight)."""
        texts = self.document(obj) or {}
        unknown = set(texts) - set(self.fields)
        if unknown:
            raise ImproperlyConfigured(f"{self.label} 的全文检索文档含有未登记的字段：{', '.join(sorted(unknown))}")
        columns: dict[str, list[str]] = {letter: [] for letter in WEIGHTS}
        for name, letter in self.fields.items():
            text = texts.get(name)
            if text:
                columns[letter].append(str(text))
        return columns

    def facets_of(self, obj) -> dict[str, str | list[str]]:
        return facet_values(self.filters(obj) if self.filters else None)


_registry: dict[str, Registration] = {}


def register(
    model: type[models.Model],
    *,
    fields: dict[str, str | float],
    document: Callable[[Any], dict[str, str]],
    filters: Callable[[Any], dict[str, Any] | None] | None = None,
    cppcc_field: str = "cppcc",
    queryset: Callable[[models.QuerySet], models.QuerySet] | None = None,
) -> Registration:
    """Declare model searchable. Raises ImproperlyConfigured when registered twice or misdeclared."""
    label = model._meta.label
    if label in _registry:
        raise ImproperlyConfigured(f"{label} 已登记全文检索。")
    if not fields:
        raise ImproperlyConfigured(f"{label} 登记全文检索时至少需要一个字段。")
    if not isinstance(model._meta.pk, _INTEGER_PKS):
        raise ImproperlyConfigured(f"{label} 的主键不是整数，不能登记全文检索。")
    reg = Registration(
        model=model,
        fields={name: weight_letter(w) for name, w in fields.items()},
        document=document,
        filters=filters,
        cppcc_field=cppcc_field,
        queryset=queryset,
    )
    _registry[label] = reg
    return reg


def unregister(model: type[models.Model]) -> None:
    _registry.pop(model._meta.label, None)


def is_registered(model: type[models.Model]) -> bool:
    return model._meta.concrete_model._meta.label in _registry


def registration_for(model: type[models.Model]) -> Registration:
    label = model._meta.concrete_model._meta.label
    try:
        return _registry[label]
    except KeyError:
        raise LookupError(f"{label} 未登记全文检索（textindex.register）。") from None


def registrations() -> list[Registration]:
    return list(_registry.values())
