"""Attachments of any record: checked (size, count, real type), stored via Django's storage API."""
from __future__ import annotations

import hashlib
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import recorded_write

from . import detect, permissions
from .models import Attachment

KIND_LABELS = {"jpg": "jpg/jpeg"}


def _count_for(obj) -> int:
    ct = ContentType.objects.get_for_model(obj._meta.model)
    return Attachment.objects.filter(content_type=ct, object_id=str(obj.pk)).count()


def _sha256(uploaded_file) -> str:
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks():
        digest.update(chunk)
    uploaded_file.seek(0)
    return digest.hexdigest()


def _check(obj, uploaded_file, name: str, on) -> str:
    """The detected type of an acceptable file; else ApplicationError with what to do."""
    cppcc = obj.cppcc_id
    size = uploaded_file.size or 0
    if size <= 0:
        raise ApplicationError(f"文件「{name}」是空文件，请选择有内容的文件。", field="file")
    max_mb = config.get("attachments.max_mb", cppcc=cppcc, on=on)
    if size > int(max_mb) * 1024 * 1024:
        raise ApplicationError(f"文件超过{max_mb}MB上限：「{name}」有 {size / 1048576:.1f}MB，请压缩或拆分后再上传。", field="file")
    max_files = config.get("attachments.max_files", cppcc=cppcc, on=on)
    if _count_for(obj) >= int(max_files):
        raise ApplicationError(f"每条记录最多上传{max_files}个附件，请先删除不需要的附件。", field="file")
    allowed = [str(a).lower() for a in config.get("attachments.allowed_types", cppcc=cppcc, on=on)]
    claimed = detect.extension_kind(name)
    if claimed not in allowed:
        shown = "、".join(KIND_LABELS.get(a, a) for a in allowed)
        raise ApplicationError(f"不允许上传此类型的文件（{claimed or '无扩展名'}）。允许的类型：{shown}。", field="file")
    real = detect.detect(uploaded_file)
    if real != claimed:
        raise ApplicationError(f"文件内容与扩展名不符：「{name}」不是真正的 {claimed} 文件，请检查后重新上传。", field="file")
    return real


def attachment_add(*, obj, uploaded_file, by, purpose: str = "") -> Attachment:
    name = (getattr(uploaded_file, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or "未命名"
    today = timezone.localdate()
    stored = None
    try:
        with recorded_write(by=by, action="attachment.add", obj=obj, allowed=permissions.can_upload(by, obj),
                            message=f"上传附件：{name}") as w:
            kind = _check(obj, uploaded_file, name, today)
            sha = _sha256(uploaded_file)
            stored = default_storage.save(f"attachments/{obj.cppcc_id}/{today:%Y/%m}/{uuid.uuid4().hex}.{kind}", uploaded_file)
            att = Attachment.objects.create(
                cppcc_id=obj.cppcc_id, content_type=ContentType.objects.get_for_model(obj._meta.model), object_id=str(obj.pk),
                file=stored, original_name=name, kind=kind, mime=detect.MIME[kind], size=uploaded_file.size,
                sha256=sha, purpose=purpose[:40], uploaded_by=by,
            )
            w.data = {"attachment_id": att.pk, "file": name, "size": att.size, "sha256": sha}
    except Exception:
        if stored:  # the row was not written: leave no file behind
            default_storage.delete(stored)
        raise
    return att


def attachment_delete(*, attachment: Attachment, by) -> None:
    owner = attachment.target or attachment
    stored = attachment.file.name
    with recorded_write(by=by, action="attachment.delete", obj=owner, allowed=permissions.can_delete(by, attachment),
                        message=f"删除附件：{attachment.original_name}") as w:
        w.data = {"attachment_id": attachment.pk, "file": attachment.original_name, "sha256": attachment.sha256}
        Attachment.objects.filter(pk=attachment.pk).delete()
        transaction.on_commit(lambda: default_storage.delete(stored))
