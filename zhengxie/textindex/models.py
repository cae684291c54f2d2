from django.contrib.contenttypes.models import ContentType
from django.db import models

from zhengxie.core.models import Cppcc


class IndexEntry(models.Model):
    """The searchable tokens of one indexed object, one row per object.

    tokens_a..tokens_d hold the space-separated tokens of the fields registered with weight A..D.
    The database-specific search structure sits next to this table and is created by migration 0002:
    PostgreSQL a generated `ti_vector tsvector` column with a GIN index, and a generated `ti_head`
    (weights A and B only) for ranking large result sets (migration 0003); SQLite an FTS5 table
    `textindex_fts` whose rowid is this row's id (kept in step by the backend, not by triggers).
    """

    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField("对象ID")
    tokens_a = models.TextField(blank=True)
    tokens_b = models.TextField(blank=True)
    tokens_c = models.TextField(blank=True)
    tokens_d = models.TextField(blank=True)
    facets = models.JSONField("筛选项", default=dict, blank=True)
    updated_at = models.DateTimeField("索引时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "全文索引"
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="uniq_textindex_object")]
        indexes = [models.Index(fields=["cppcc", "content_type"], name="textindex_cppcc_ct")]

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id}"
