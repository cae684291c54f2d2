"""Periodicals (generic): compose an issue (期) of a series, order its articles, sign it off.

期号 is given at 签发, per (政协, 刊物, 年度), gap-free: the counter row is locked until commit, so two
issues signed at once get consecutive numbers and a rolled-back sign-off leaves no gap. An issue signed
twice at once: the second sign-off finds it signed and is refused.
"""
from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from zhengxie.accounts.models import User
from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role
from zhengxie.core.writes import DENIED, recorded_write

from .. import permissions
from ..models import Article, Issue, IssueCounter, Opinion
from ..workflow import Action
from ._common import author_users, notify, role_users, transition


def next_number(cppcc_id: int, series: str, year: int) -> int:
    """Increment and return the counter; must run inside the caller's transaction (rolled back with it)."""
    assert transaction.get_connection().in_atomic_block, "numbering must run inside a transaction"
    try:
        with transaction.atomic():
            IssueCounter.objects.get_or_create(cppcc_id=cppcc_id, series=series, year=year)
    except IntegrityError:  # another transaction created it first
        pass
    counter = IssueCounter.objects.select_for_update().get(cppcc_id=cppcc_id, series=series, year=year)
    counter.value += 1
    counter.save(update_fields=["value"])
    return counter.value


def issue_create(*, by, series: str, date: dt.date, distribution: str = "", reader_ids=()) -> Issue:
    allowed_series = config.get("opinions.series", cppcc=by.cppcc_id, on=date)
    if series not in allowed_series:
        raise ApplicationError("请选择刊物：" + "、".join(f"《{s}》" for s in allowed_series) + "。", field="series")
    if date is None:
        raise ApplicationError("请填写出刊日期。", field="date")
    readers = list(User.objects.filter(pk__in=list(reader_ids), cppcc_id=by.cppcc_id, is_active=True))
    if len(readers) != len(set(reader_ids)):
        raise ApplicationError("报送对象须是本政协的用户。", field="readers")
    distribution = (distribution or "").strip() or config.get("opinions.default_distribution", cppcc=by.cppcc_id, on=date)
    with recorded_write(by=by, action="opinion.issue_create", allowed=permissions.can_manage(by),
                        message=f"新建一期《{series}》") as w:
        issue = Issue.objects.create(cppcc_id=by.cppcc_id, series=series, year=date.year, date=date,
                                     distribution=distribution, created_by=by)
        issue.readers.set(readers)
        w.obj = issue
    return issue


def _draft_issue(issue: Issue, by) -> Issue:
    issue = Issue.objects.select_for_update().get(pk=issue.pk)
    if not permissions.is_editor(by, issue):
        raise PermissionDenied(DENIED)
    if issue.state != Issue.State.DRAFT:
        raise ApplicationError(f"{issue}已签发，不能再调整稿件。")
    return issue


@transaction.atomic
def issue_add_article(*, issue: Issue, article: Article, by) -> Issue:
    issue = _draft_issue(issue, by)
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.cppcc_id != issue.cppcc_id:
        raise PermissionDenied(DENIED)
    if article.issue_id is not None:
        raise ApplicationError(f"编发稿「{article.title}」已编入{article.issue}。")
    position = issue.articles.count() + 1
    with recorded_write(by=by, action="opinion.issue_add", obj=issue, message=f"编入稿件：{article.title}") as w:
        article.issue, article.position = issue, position
        article.save(update_fields=["issue", "position", "updated_at"])
        w.data = {"article": article.pk}
    for o in article.items.all():
        transition(o, Action.ASSIGN, by, message=f"编入{issue}", data={"issue": issue.pk})
    return issue


@transaction.atomic
def issue_remove_article(*, issue: Issue, article: Article, by) -> Issue:
    issue = _draft_issue(issue, by)
    if article.issue_id != issue.pk:
        raise ApplicationError(f"编发稿「{article.title}」不在本期中。")
    with recorded_write(by=by, action="opinion.issue_remove", obj=issue, message=f"撤出稿件：{article.title}") as w:
        Article.objects.filter(pk=article.pk).update(issue=None, position=0)
        for n, a in enumerate(issue.articles.order_by("position", "id"), start=1):
            Article.objects.filter(pk=a.pk).update(position=n)
        w.data = {"article": article.pk}
    for o in article.items.all():
        transition(o, Action.UNASSIGN, by, message=f"撤出{issue}", data={"issue": issue.pk})
    return issue


@transaction.atomic
def issue_reorder(*, issue: Issue, article_ids: list[int], by) -> Issue:
    issue = _draft_issue(issue, by)
    current = list(issue.articles.values_list("pk", flat=True))
    ids = [int(i) for i in article_ids]
    if sorted(ids) != sorted(current):
        raise ApplicationError("排序须包含本期全部稿件，且每篇只出现一次。", field="order")
    with recorded_write(by=by, action="opinion.issue_reorder", obj=issue, message="调整稿件顺序") as w:
        for n, pk in enumerate(ids, start=1):
            Article.objects.filter(pk=pk).update(position=n)
        w.data = {"order": ids}
    return issue


@transaction.atomic
def issue_sign(*, issue: Issue, by) -> Issue:
    """签发 by the approver: 期号 and 总期号 given, every item of every article 已编发, authors and readers told."""
    locked = Issue.objects.select_for_update().get(pk=issue.pk)
    if not permissions.can_sign_issue(by, locked):
        raise PermissionDenied(DENIED)
    if locked.state == Issue.State.SIGNED:
        raise ApplicationError(f"{locked}已由{locked.signed_by}签发，不能重复签发。")
    articles = list(locked.articles.order_by("position", "id"))
    if not articles:
        raise ApplicationError("本期没有稿件，不能签发。")
    now = timezone.now()
    with recorded_write(by=by, action="opinion.issue_sign", obj=locked, message="签发期刊") as w:
        locked.number = next_number(locked.cppcc_id, locked.series, locked.year)
        locked.total_number = next_number(locked.cppcc_id, locked.series, 0)
        locked.state, locked.signed_by, locked.signed_at = Issue.State.SIGNED, by, now
        locked.save()
        w.message = f"签发{locked}（总第{locked.total_number}期）"
        w.data = {"number": locked.number, "total_number": locked.total_number}
    items = Opinion.objects.filter(articles__issue=locked).distinct()
    for o in items:
        o = transition(o, Action.SIGN, by, message=f"编发于{locked}", issued_at=now, data={"issue": locked.pk})
        notify(author_users(o), f"信息已编发：{locked}", o.title, o.get_absolute_url(), by=by, cppcc=o.cppcc_id)
    notify(list(locked.readers.all()) + role_users(locked.cppcc_id, Role.INFO_EDITOR), f"{locked}已签发",
           "、".join(a.title for a in articles)[:200], locked.get_absolute_url(), by=by, cppcc=locked.cppcc_id)
    return locked

