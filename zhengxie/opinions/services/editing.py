"""修改 and 编辑 (versioned texts): every version kept; 单篇编发 / 综合编发 articles crediting every author."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import DENIED, recorded_write

from .. import permissions
from ..models import Article, Opinion
from ..versions import latest_version, version_add
from ..workflow import Action, Status
from ._common import author_users, notify, transition


def _original_version(o: Opinion, by) -> None:
    """The reporter's text as 第1版 before the first edit, so the author sees what the editor changed."""
    if latest_version(o) is None:
        version_add(obj=o, title=o.title, body=o.body, by=o.reporter, note="原稿")


@transaction.atomic
def opinion_edit(*, opinion: Opinion, by, title: str, situation: str, analysis: str, suggestions: str,
                 note: str = "") -> Opinion:
    """The editor's 文字和逻辑整理 ("原汁原味"): a new version; the authors are told and see the differences."""
    title = (title or "").strip()
    if not title:
        raise ApplicationError("请填写标题。", field="title")
    if not any((x or "").strip() for x in (situation, analysis, suggestions)):
        raise ApplicationError("正文不能为空。", field="situation")
    o = Opinion.objects.select_for_update().get(pk=opinion.pk)
    if not permissions.can(by, Action.EDIT, o):
        raise PermissionDenied(DENIED)
    _original_version(o, by)
    o = transition(o, Action.EDIT, by, message="编辑修改" + (f"：{note}" if note else ""), check=False, title=title,
                   situation=situation.strip(), analysis=analysis.strip(), suggestions=suggestions.strip())
    version = version_add(obj=o, title=o.title, body=o.body, by=by, note=note or "编辑修改")
    if version is not None:
        notify(author_users(o), f"信息已编辑修改：{o.title}", f"第{version.number}版，可查看与原稿的差异。",
               o.get_absolute_url(), by=by, cppcc=o.cppcc_id)
    return o


@transaction.atomic
def article_create(*, items: list[Opinion], by, kind: str, title: str, body: str, author_line: str = "") -> Article:
    """单篇编发 (one item) or 综合编发 (several merged): every source item becomes 已编辑 and its authors credited."""
    if kind not in Article.Kind.values:
        raise ApplicationError("请选择编发方式（单篇编发或综合编发）。", field="kind")
    ids = list(dict.fromkeys(o.pk for o in items))
    if not ids:
        raise ApplicationError("请至少选择一篇信息。", field="items")
    if kind == Article.Kind.SINGLE and len(ids) != 1:
        raise ApplicationError("单篇编发只能选择一篇信息；多篇合并请选择综合编发。", field="items")
    if kind == Article.Kind.COMBINED and len(ids) < 2:
        raise ApplicationError("综合编发须选择两篇以上信息。", field="items")
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise ApplicationError("请填写编发稿的标题和正文。", field="title")
    locked = list(Opinion.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if len(locked) != len(ids):
        raise ApplicationError("所选信息不存在。", field="items")
    for o in locked:
        if o.status not in (Status.ACCEPTED, Status.EDITED) or not permissions.is_editor(by, o):
            if not permissions.is_editor(by, o):
                raise PermissionDenied(DENIED)
            raise ApplicationError(f"「{o.title}」当前状态为{o.get_status_display()}，不能编发。", field="items")
        if o.articles.exists():
            raise ApplicationError(f"「{o.title}」已编入编发稿「{o.articles.first().title}」，不能重复编发。", field="items")
    names = []
    for o in locked:
        for u in author_users(o):
            if u.name not in names:
                names.append(u.name)
    line = author_line.strip() or (locked[0].reporter_name if len(locked) == 1 else "　".join(names))
    with recorded_write(by=by, action="opinion.article_create", message=f"{Article.Kind(kind).label}：{title}") as w:
        article = Article.objects.create(cppcc_id=by.cppcc_id, kind=kind, title=title, body=body, author_line=line[:200],
                                         created_by=by)
        article.items.set(locked)
        version_add(obj=article, title=title, body=body, by=by, note=Article.Kind(kind).label)
        w.obj = article
        w.data = {"items": ids}
    for o in locked:
        if o.status == Status.ACCEPTED:
            _original_version(o, by)
        transition(o, Action.EDIT, by, message=f"{Article.Kind(kind).label}为「{title}」", check=False,
                   data={"article": article.pk})
        notify(author_users(o), f"信息已{Article.Kind(kind).label}：{title}", "您的信息已编入编发稿，署名：" + line,
               o.get_absolute_url(), by=by, cppcc=o.cppcc_id)
    return article


def article_update(*, article: Article, by, title: str, body: str, note: str = "") -> Article:
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise ApplicationError("请填写编发稿的标题和正文。", field="title")
    allowed = permissions.is_editor(by, article) and (article.issue_id is None or article.issue.state == "draft")
    with recorded_write(by=by, action="opinion.article_update", obj=article, allowed=allowed,
                        message="修改编发稿" + (f"：{note}" if note else "")) as w:
        a = w.lock()
        a.title, a.body = title, body
        a.save()
        version_add(obj=a, title=title, body=body, by=by, note=note or "修改编发稿")
    return a
