"""Generic anonymous votes (表决): a vote, its items, its electorate, who has voted, and the ballots.

Anonymity: a `Ballot` has NO voter and NO timestamp and a random UUID key; `Participation` records only that a
user has voted (to refuse a second ballot) and also carries a random UUID key and no timestamp. Both are written in
one transaction by `services.vote_cast`, so the number of participations always equals the ballots per item.
"""
from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models

from zhengxie.core.models import Cppcc, TimeStampedModel

from .workflow import Status

SATISFIED, BASIC, ABSTAIN = "satisfied", "basic", "abstain"


class Vote(TimeStampedModel):
    cppcc = models.ForeignKey(Cppcc, verbose_name="所属政协", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("表决名称", max_length=120)
    description = models.TextField("说明", blank=True)
    subject_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    subject_id = models.CharField(max_length=40, blank=True)
    subject = GenericForeignKey("subject_type", "subject_id")
    options = models.JSONField("选项", default=list, help_text="[[代码, 名称], …]")
    quorum_num = models.PositiveSmallIntegerField("法定比例分子", default=2)
    quorum_den = models.PositiveSmallIntegerField("法定比例分母", default=3)
    opens_at = models.DateTimeField("开始时间", null=True, blank=True)
    closes_at = models.DateTimeField("截止时间", null=True, blank=True)
    status = models.CharField("状态", max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True)
    opened_at = models.DateTimeField("实际开始", null=True, blank=True)
    closed_at = models.DateTimeField("实际结束", null=True, blank=True)
    published_at = models.DateTimeField("结果公布", null=True, blank=True)
    electorate_size = models.PositiveIntegerField("应投票人数", default=0, help_text="结束时记录")
    voted_count = models.PositiveIntegerField("实投票人数", default=0, help_text="结束时记录")
    quorum_met = models.BooleanField("达到法定人数", null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "表决"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["cppcc", "status"]), models.Index(fields=["subject_type", "subject_id"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("votes:detail", args=[self.pk])

    @property
    def option_labels(self) -> dict[str, str]:
        return {code: label for code, label in self.options}

    @property
    def quorum_label(self) -> str:
        return f"{self.quorum_num}/{self.quorum_den}"


class VoteItem(models.Model):
    """One thing voted on (e.g. one 承办单位 being evaluated); optionally points at the record it stands for."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="items")
    title = models.CharField("表决事项", max_length=120)
    note = models.CharField("说明", max_length=300, blank=True)
    ref_type = models.ForeignKey(ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    ref_id = models.CharField(max_length=40, blank=True)
    ref = GenericForeignKey("ref_type", "ref_id")
    sort = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "表决事项"
        ordering = ["sort", "id"]

    def __str__(self) -> str:
        return self.title


class Elector(models.Model):
    """A user entitled to vote (the electorate: attendees of a meeting, or a chosen list)."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="electors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="投票人", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "投票人"
        constraints = [models.UniqueConstraint(fields=["vote", "user"], name="uniq_vote_elector")]

    def __str__(self) -> str:
        return f"{self.vote} · 投票人"


class Participation(models.Model):
    """That `voter` has voted in `vote` — nothing about the choice, no time. Unique: a second ballot is refused."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="participations")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = verbose_name_plural = "已投票记录"
        constraints = [models.UniqueConstraint(fields=["vote", "voter"], name="uniq_vote_participation")]

    def __str__(self) -> str:
        return f"{self.vote} · 已投票"


class Ballot(models.Model):
    """One anonymous choice on one item: no voter, no timestamp, random key."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    item = models.ForeignKey(VoteItem, on_delete=models.CASCADE, related_name="ballots")
    option = models.CharField("选项", max_length=20)

    class Meta:
        verbose_name = verbose_name_plural = "选票"
        indexes = [models.Index(fields=["vote", "item", "option"])]

    def __str__(self) -> str:
        return "选票"
