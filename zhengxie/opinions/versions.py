"""Versioned texts (generic): every saved version of any record's text is kept; the author sees the
differences. Used here for 社情民意 items and 编发稿; other modules may reuse it for any text they edit.

    version_add(obj=item, title=..., body=..., by=editor, note="文字和逻辑整理")  # inside the caller's write
    versions_of(obj)                                                            # newest first
    diff_html(old_text, new_text)                                               # <ins>/<del>, escaped

`version_add` does no permission check of its own: it is called inside a service's recorded_write.
"""
from __future__ import annotations

import difflib

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Max
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from zhengxie.core.models import Cppcc


class Version(models.Model):
    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=40)
    target = GenericForeignKey("content_type", "object_id")
    number = models.PositiveIntegerField("版本号")
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="修改人", null=True, on_delete=models.SET_NULL,
                               related_name="+")
    note = models.CharField("修改说明", max_length=300, blank=True)
    created_at = models.DateTimeField("保存时间", auto_now_add=True)

    class Meta:
        app_label = "opinions"
        verbose_name = verbose_name_plural = "文本版本"
        ordering = ["-number"]
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id", "number"], name="uniq_text_version")]
        indexes = [models.Index(fields=["content_type", "object_id", "-number"])]

    def __str__(self) -> str:
        return f"第{self.number}版 {self.title}"

    @property
    def text(self) -> str:
        return f"{self.title}\n{self.body}"


def _ct(obj) -> ContentType:
    return ContentType.objects.get_for_model(obj._meta.model)


def versions_of(obj) -> list[Version]:
    return list(Version.objects.filter(content_type=_ct(obj), object_id=str(obj.pk)).select_related("author"))


def latest_version(obj) -> Version | None:
    return Version.objects.filter(content_type=_ct(obj), object_id=str(obj.pk)).order_by("-number").first()


def version_add(*, obj, title: str, body: str, by, note: str = "") -> Version | None:
    """Keep a new version unless the text equals the latest one; returns the new version (or None)."""
    ct = _ct(obj)
    last = Version.objects.filter(content_type=ct, object_id=str(obj.pk)).order_by("-number").first()
    if last is not None and last.title == title and last.body == body:
        return None
    number = (Version.objects.filter(content_type=ct, object_id=str(obj.pk)).aggregate(m=Max("number"))["m"] or 0) + 1
    return Version.objects.create(cppcc_id=obj.cppcc_id, content_type=ct, object_id=str(obj.pk), number=number,
                                  title=title[:200], body=body, author=by if getattr(by, "pk", None) else None,
                                  note=note[:300])


def diff_html(old: str, new: str) -> SafeString:
    """Character-level differences as escaped HTML: deleted text in <del>, inserted text in <ins>.

    Chinese has no spaces, so characters are the unit; lines are kept (a newline becomes <br>).
    """
    matcher = difflib.SequenceMatcher(None, old or "", new or "", autojunk=False)
    out: list[str] = []

    def esc(text: str) -> str:
        return escape(text).replace("\n", "<br>")

    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            out.append(esc(old[a0:a1]))
        if op in ("delete", "replace"):
            out.append(f"<del>{esc(old[a0:a1])}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{esc(new[b0:b1])}</ins>")
    return mark_safe("".join(out))


def diff_stats(old: str, new: str) -> dict:
    """How many characters were deleted and inserted (shown beside a version)."""
    matcher = difflib.SequenceMatcher(None, old or "", new or "", autojunk=False)
    deleted = inserted = 0
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            deleted += a1 - a0
        if op in ("insert", "replace"):
            inserted += b1 - b0
    return {"deleted": deleted, "inserted": inserted}


def version_diffs(obj) -> list[dict]:
    """Each version with its differences to the one before (newest first), for the 修改记录 panel."""
    versions = versions_of(obj)
    rows = []
    for i, v in enumerate(versions):
        prev = versions[i + 1] if i + 1 < len(versions) else None
        old = prev.text if prev else ""
        rows.append({"version": v, "previous": prev, "diff": diff_html(old, v.text), **diff_stats(old, v.text)})
    return rows
