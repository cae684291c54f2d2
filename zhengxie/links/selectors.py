from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404

from . import kinds, permissions
from .models import Link


@dataclass
class LinkedRecord:
    """One row of a record's 关联记录 panel, seen from that record."""

    link: Link
    other: models.Model
    label: str  # str(other)
    url: str  # other.get_absolute_url(), or ""
    kind_label: str  # "转化为" on the source, "由…转化而来" on the target
    type_label: str  # the other record's model name, e.g. "委员"
    outgoing: bool


def links_for(user, obj) -> list[LinkedRecord]:
    """Links in both directions, newest first, leaving out records the user may not see."""
    if not permissions.same_cppcc(user, obj):
        return []
    ct, pk = ContentType.objects.get_for_model(obj._meta.model), str(obj.pk)
    rows = list(Link.objects.filter(cppcc_id=obj.cppcc_id).filter(
        Q(source_type=ct, source_id=pk) | Q(target_type=ct, target_id=pk)).order_by("-created_at", "-id"))
    wanted: dict[int, set[str]] = {}
    for link in rows:
        outgoing = link.source_type_id == ct.pk and link.source_id == pk
        type_id, other_id = (link.target_type_id, link.target_id) if outgoing else (link.source_type_id, link.source_id)
        wanted.setdefault(type_id, set()).add(other_id)
    found: dict[tuple[int, str], models.Model] = {}
    for type_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            continue
        for other in model._default_manager.filter(pk__in=ids):
            found[(type_id, str(other.pk))] = other
    out = []
    for link in rows:
        outgoing = link.source_type_id == ct.pk and link.source_id == pk
        key = (link.target_type_id, link.target_id) if outgoing else (link.source_type_id, link.source_id)
        other = found.get(key)
        if other is None or not permissions.can_view(user, other):
            continue
        url = other.get_absolute_url() if hasattr(other, "get_absolute_url") else ""
        out.append(LinkedRecord(link=link, other=other, label=str(other), url=url, outgoing=outgoing,
                                kind_label=kinds.label(link.kind, outgoing=outgoing),
                                type_label=str(other._meta.verbose_name)))
    return out


def link_get_for(user, pk) -> Link:
    link = Link.objects.filter(pk=pk, cppcc_id=getattr(user, "cppcc_id", None)).first()
    if link is None:
        raise Http404
    return link


def record_for(user, label: str, pk: str):
    """A record named 'app_label.model' + pk, of the user's 政协; anything else → 404."""
    try:
        obj = apps.get_model(label)._default_manager.get(pk=pk)
    except (LookupError, ValueError, TypeError, ObjectDoesNotExist, ValidationError) as exc:
        raise Http404 from exc
    if not permissions.can_view(user, obj):
        raise Http404
    return obj


def panel_context(user, obj, *, next_url: str = "") -> dict:
    items = links_for(user, obj)
    may_link = permissions.can_link(user, obj)
    return {"obj": obj, "links": items, "can_link": may_link, "next": next_url,
            "kinds": Link.Kind.choices, "panel_id": f"links-{obj._meta.model_name}-{obj.pk}",
            "content_type": f"{obj._meta.app_label}.{obj._meta.model_name}"}
