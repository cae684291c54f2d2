from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from zhengxie.core.models import Cppcc


class Link(models.Model):
    """A typed link between records of any two modules; shown on both detail pages."""

    class Kind(models.TextChoices):
        RELATED = "related", "相关"
        DERIVED = "derived", "由此产生"
        CONVERTED = "converted", "转化为"
        MERGED = "merged", "并入"
        CITES = "cites", "引用"
        SUPERVISES = "supervises", "督办"
        OUTPUT = "output", "成果"

    cppcc = models.ForeignKey(Cppcc, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField("关系", max_length=20, choices=Kind.choices, default=Kind.RELATED)
    source_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    source_id = models.CharField(max_length=40)
    source = GenericForeignKey("source_type", "source_id")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    target_id = models.CharField(max_length=40)
    target = GenericForeignKey("target_type", "target_id")
    note = models.CharField("说明", max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField("关联时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "记录关联"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id", "target_type", "target_id"], name="uniq_link"
            )
        ]
        indexes = [models.Index(fields=["source_type", "source_id"]), models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.source_type_id}:{self.source_id} {self.get_kind_display()} {self.target_type_id}:{self.target_id}"
