"""Persisted text vectors of proposals: the shared, cross-process representation of the similarity index.

One row per submitted proposal (drafts are not indexed): `Encoder().encode(body, title=案由)` as a small
`{bucket: tf}` JSON, the encoder signature and a hash of the text it was made from. Every server process
builds its in-memory `SimilarityIndex` from these rows (no re-tokenising) and rebuilds it when the version
stamp `(count, max(updated_at))` of the rows of its 政协 changes (docs/intelligence.md §3, §6).
"""
from django.db import models

from zhengxie.core.models import Cppcc


class ProposalVector(models.Model):
    proposal = models.OneToOneField("proposals.Proposal", primary_key=True, on_delete=models.CASCADE,
                                    related_name="text_vector", verbose_name="提案")
    cppcc = models.ForeignKey(Cppcc, on_delete=models.CASCADE, related_name="+")
    signature = models.CharField("编码版本", max_length=80)
    text_hash = models.CharField("文本摘要", max_length=40)
    vector = models.JSONField("向量", default=dict)
    nonce = models.PositiveIntegerField("版本随机数", default=0, help_text="每次写入随机更换；各进程据此判断索引是否需要刷新")
    updated_at = models.DateTimeField("更新时间")

    class Meta:
        verbose_name = verbose_name_plural = "提案文本向量"
        indexes = [models.Index(fields=["cppcc", "updated_at"], name="intel_vec_cppcc_upd")]

    def __str__(self) -> str:
        return f"提案{self.proposal_id}的文本向量"
