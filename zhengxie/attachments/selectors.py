from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404

from zhengxie.core import config

from . import permissions
from .models import Attachment


def content_type_label(obj) -> str:
    return f"{obj._meta.app_label}.{obj._meta.model_name}"


def attachments_for(obj, user=None) -> list[Attachment]:
    """The attachments of a record, oldest first; with `user`, only those the user may see."""
    ct = ContentType.objects.get_for_model(obj._meta.model)
    rows = list(Attachment.objects.filter(content_type=ct, object_id=str(obj.pk)).select_related("uploaded_by"))
    if user is None:
        return rows
    return [a for a in rows if permissions.can_view(user, a, target=obj)]


def attachment_get_for(user, pk) -> Attachment:
    """An attachment the user may download: another 政协's (or a missing one) → 404; not allowed → 403."""
    att = Attachment.objects.filter(pk=pk, cppcc_id=getattr(user, "cppcc_id", None)).first()
    if att is None:
        raise Http404
    if not permissions.can_view(user, att):
        raise PermissionDenied("您没有权限下载此附件。")
    return att


def target_for(user, content_type: str, object_id: str):
    """The record to attach to, named 'app_label.model' + pk; unknown or of another 政协 → 404."""
    try:
        model = apps.get_model(content_type)
        obj = model._default_manager.get(pk=object_id)
    except (LookupError, ValueError, TypeError, ObjectDoesNotExist, ValidationError) as exc:  # bad label/pk, no row
        raise Http404 from exc
    if not permissions.same_cppcc(user, obj):
        raise Http404
    return obj


def panel_context(user, obj, *, next_url: str = "") -> dict:
    items = attachments_for(obj, user)
    for att in items:
        att.deletable = permissions.can_delete(user, att)
    cppcc = getattr(obj, "cppcc_id", None)
    return {
        "obj": obj,
        "attachments": items,
        "can_upload": permissions.can_upload(user, obj),
        "content_type": content_type_label(obj),
        "object_id": obj.pk,
        "next": next_url,
        "max_mb": config.get("attachments.max_mb", cppcc=cppcc),
        "max_files": config.get("attachments.max_files", cppcc=cppcc),
        "allowed_types": config.get("attachments.allowed_types", cppcc=cppcc),
        "panel_id": f"attachments-{obj._meta.model_name}-{obj.pk}",
    }
