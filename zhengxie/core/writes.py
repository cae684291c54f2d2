"""The one helper every service uses for a write.

    with recorded_write(by=user, action="member.update", obj=member, allowed=can_edit(user, member),
                        message="修改了委员信息") as w:
        w.lock()                       # optional: re-read the row FOR UPDATE
        ... change w.obj ...

It checks the permission, opens a transaction, and on success writes the object's timeline row
(Event) and an AuditLog row with before/after, together with the change. Anything raised inside
rolls everything back: nothing is half-written.
"""
from __future__ import annotations

import datetime as dt
import decimal
import uuid
from contextlib import contextmanager
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from .middleware import client_ip
from .models import AuditLog, Event

DENIED = "您没有执行此操作的权限。"


def _jsonable(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, FieldFile):  # an empty file field has no url: keep only its name
        return value.name or ""
    return value


def snapshot(obj: models.Model | None) -> dict | None:
    if obj is None or obj.pk is None:
        return None
    data = {}
    for field in obj._meta.concrete_fields:
        if field.name in {"password"}:
            continue
        data[field.attname] = _jsonable(field.value_from_object(obj))
    return data


class Write:
    def __init__(self, obj: models.Model | None, message: str):
        self.obj = obj
        self.message = message
        self.data: dict = {}
        self.before = snapshot(obj)

    def lock(self) -> models.Model:
        """Re-read the object FOR UPDATE (PostgreSQL row lock) and take 'before' from the locked row."""
        model = self.obj._meta.model
        self.obj = model._default_manager.select_for_update().get(pk=self.obj.pk)
        self.before = snapshot(self.obj)
        return self.obj


def _cppcc_id(obj, by) -> int | None:
    for candidate in (obj, by):
        cid = getattr(candidate, "cppcc_id", None)
        if cid:
            return cid
    return None


@contextmanager
def recorded_write(
    *,
    by,
    action: str,
    obj: models.Model | None = None,
    allowed: bool = True,
    message: str = "",
    timeline: bool = True,
):
    if not allowed:
        raise PermissionDenied(DENIED)
    with transaction.atomic():
        w = Write(obj, message)
        w.timeline = timeline
        yield w
        target = w.obj
        after = snapshot(target)
        before = w.before
        changes = {}
        if before is not None and after is not None:
            changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v and k not in {"updated_at", "created_at"}}
        actor = by if getattr(by, "pk", None) else None
        ct = ContentType.objects.get_for_model(target._meta.model) if target is not None else None
        cppcc_id = _cppcc_id(target, by)
        if w.timeline and target is not None and cppcc_id:
            Event.objects.create(
                cppcc_id=cppcc_id,
                content_type=ct,
                object_id=str(target.pk),
                verb=action,
                message=w.message or action,
                actor=actor,
                data=_jsonable(w.data),
            )
        AuditLog.objects.create(
            cppcc_id=cppcc_id,
            actor=actor,
            actor_name=(getattr(by, "display_name", "") or getattr(by, "username", "") or "系统") if by else "系统",
            action=action,
            content_type=ct,
            object_id=str(target.pk) if target is not None else "",
            object_repr=str(target)[:200] if target is not None else "",
            before=before,
            after=after,
            changes=changes,
            ip=client_ip(),
        )


def model_update(*, instance: models.Model, data: dict, fields: list[str]) -> list[str]:
    """Set the given fields from data; return the names that changed (Styleguide's helper)."""
    changed = []
    for name in fields:
        if name in data and getattr(instance, name) != data[name]:
            setattr(instance, name, data[name])
            changed.append(name)
    if changed:
        instance.full_clean()
        instance.save()
    return changed
