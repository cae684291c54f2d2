"""Typed links between records of any two modules, with a timeline row on both records."""
from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.db.models import Q

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import Event
from zhengxie.core.writes import recorded_write

from . import kinds, permissions
from .models import Link


def _ct(obj) -> ContentType:
    return ContentType.objects.get_for_model(obj._meta.model)


def _between(a, b) -> Q:
    ta, tb = _ct(a), _ct(b)
    return (Q(source_type=ta, source_id=str(a.pk), target_type=tb, target_id=str(b.pk))
            | Q(source_type=tb, source_id=str(b.pk), target_type=ta, target_id=str(a.pk)))


def _mirror_event(*, obj, by, verb: str, message: str, data: dict) -> None:
    """The second timeline row (the first is written by recorded_write on the other record)."""
    Event.objects.create(cppcc_id=obj.cppcc_id, content_type=_ct(obj), object_id=str(obj.pk), verb=verb,
                         message=message[:500], actor=by if getattr(by, "pk", None) else None, data=data)


def link_create(*, source, target, kind: str, by, note: str = "") -> Link:
    if kind not in Link.Kind.values:
        raise ApplicationError(f"未知的关联类型：{kind}。", field="kind")
    outgoing = kinds.sentence(kind, target, outgoing=True)
    with recorded_write(by=by, action="link.create", obj=source, allowed=permissions.can_link(by, source),
                        message=f"添加关联：{outgoing}") as w:
        if not getattr(target, "cppcc_id", None) or target.cppcc_id != source.cppcc_id:
            raise ApplicationError("只能关联同一政协的记录。")
        if _ct(source) == _ct(target) and str(source.pk) == str(target.pk):
            raise ApplicationError("不能把记录关联到它自己。")
        if not permissions.can_view(by, target):
            raise PermissionDenied("您无权查看要关联的记录。")
        label = kinds.label(kind, outgoing=True)
        if Link.objects.filter(_between(source, target), kind=kind).exists():
            raise ApplicationError(f"这两条记录之间已有「{label}」关联，无需重复添加。")
        try:
            link = Link.objects.create(cppcc_id=source.cppcc_id, kind=kind, source_type=_ct(source), source_id=str(source.pk),
                                       target_type=_ct(target), target_id=str(target.pk), note=note[:200], created_by=by)
        except IntegrityError:
            raise ApplicationError(f"这两条记录之间已有「{label}」关联，无需重复添加。")
        w.data = {"link_id": link.pk, "kind": kind, "other": f"{target._meta.label_lower}:{target.pk}"}
        _mirror_event(obj=target, by=by, verb="link.create", message=f"添加关联：{kinds.sentence(kind, source, outgoing=False)}",
                      data={"link_id": link.pk, "kind": kind, "other": f"{source._meta.label_lower}:{source.pk}"})
    return link


def link_delete(*, link: Link, by) -> None:
    source, target = link.source, link.target
    owner = source or target or link
    allowed = permissions.same_cppcc(by, link) and any(permissions.can_link(by, o) for o in (source, target) if o is not None)
    text = kinds.sentence(link.kind, target if target is not None else "已删除的记录", outgoing=True)
    with recorded_write(by=by, action="link.delete", obj=owner, allowed=allowed, message=f"取消关联：{text}") as w:
        w.data = {"link_id": link.pk, "kind": link.kind}
        Link.objects.filter(pk=link.pk).delete()
        if source is not None and target is not None:
            _mirror_event(obj=target, by=by, verb="link.delete",
                          message=f"取消关联：{kinds.sentence(link.kind, source, outgoing=False)}", data=w.data)
