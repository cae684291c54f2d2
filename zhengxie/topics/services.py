"""Every write of 提案线索 and the 选题目录 (domain.md §3.3)."""
from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db.models import Max
from django.utils import timezone

from zhengxie.accounts.selectors import has_role, organisations_for_role
from zhengxie.core.roles import Role
from zhengxie.core.writes import recorded_write

from . import permissions
from .models import Clue, Topic, TopicCatalogue, TopicCitation

PUBLIC_MERGED = "您提供的线索已被采纳，编入《{catalogue}》选题“{topic}”，供政协委员和参加单位撰写提案时参考。感谢您的参与！"


def _text(value: str, label: str, *, max_len: int, min_len: int = 1) -> str:
    value = (value or "").strip()
    if len(value) < min_len:
        raise ValidationError(f"请填写{label}。" if min_len <= 1 else f"{label}至少{min_len}个字。")
    if len(value) > max_len:
        raise ValidationError(f"{label}不能超过{max_len}个字。")
    return value


def _check_category(category, cppcc_id) -> None:
    if category is not None and category.cppcc_id != cppcc_id:
        raise ValidationError("类别不属于本政协。")


# 线索 ----------------------------------------------------------------------------------------------

def clue_create(*, by, title: str, body: str, category=None) -> Clue:
    """A 线索 proposed by a department (承办单位), an expert, or entered by 提案委 (e.g. received by post).
    Departments' and experts' 线索 wait for screening; those entered by staff are accepted at once."""
    title = _text(title, "线索标题", max_len=80)
    body = _text(body, "线索内容（情况和建议）", max_len=3000, min_len=20)
    _check_category(category, by.cppcc_id)
    if has_role(by, Role.PROPOSAL_STAFF):
        source, org, status = Clue.Source.STAFF, None, Clue.Status.ACCEPTED
    elif has_role(by, Role.HANDLING_UNIT):
        units = organisations_for_role(by, Role.HANDLING_UNIT)
        source, org, status = Clue.Source.UNIT, (units[0] if units else None), Clue.Status.PENDING
    else:
        source, org, status = Clue.Source.EXPERT, None, Clue.Status.PENDING
    with recorded_write(by=by, action="topics.clue_create", allowed=permissions.can_submit_clue(by),
                        message="提出提案线索") as w:
        clue = Clue.objects.create(cppcc_id=by.cppcc_id, source=source, title=title, body=body, category=category,
                                   org=org, status=status, created_by=by,
                                   decided_by=by if status == Clue.Status.ACCEPTED else None,
                                   decided_at=timezone.now() if status == Clue.Status.ACCEPTED else None)
        w.obj = clue
    return clue


def clue_from_submission(*, submission, by) -> Clue:
    """The intake consumer "proposal_clue": an accepted public submission becomes an accepted 线索."""
    if not permissions.is_staff(by, submission):
        raise ValidationError("只有提案委工作人员可以采纳提案线索。")
    clue = Clue.objects.create(cppcc_id=submission.cppcc_id, source=Clue.Source.PUBLIC, submission=submission,
                               title=submission.title[:80], body=submission.body, status=Clue.Status.ACCEPTED,
                               decided_by=by, decided_at=timezone.now())
    return clue


def clue_accept(*, by, clue: Clue, category=None) -> Clue:
    with recorded_write(by=by, action="topics.clue_accept", obj=clue, allowed=permissions.can_screen_clue(by, clue),
                        message="采纳提案线索") as w:
        c = w.lock()
        if c.status != Clue.Status.PENDING:
            raise ValidationError(f"该线索{c.get_status_display()}，不能重复筛选。")
        if category is not None:
            _check_category(category, c.cppcc_id)
            c.category = category
        c.status, c.decided_by, c.decided_at = Clue.Status.ACCEPTED, by, timezone.now()
        c.save()
    return c


def clue_reject(*, by, clue: Clue, reason: str) -> Clue:
    reason = _text(reason, "不予采纳的理由", max_len=200, min_len=4)
    with recorded_write(by=by, action="topics.clue_reject", obj=clue, allowed=permissions.can_screen_clue(by, clue),
                        message="不予采纳提案线索") as w:
        c = w.lock()
        if c.status != Clue.Status.PENDING:
            raise ValidationError(f"该线索{c.get_status_display()}，不能重复筛选。")
        c.status, c.reject_reason, c.decided_by, c.decided_at = Clue.Status.REJECTED, reason, by, timezone.now()
        c.save()
    return c


def _merge(clue: Clue, topic: Topic, by) -> None:
    clue.status, clue.topic = Clue.Status.MERGED, topic
    clue.save(update_fields=["status", "topic", "updated_at"])
    if clue.submission_id:
        from zhengxie.intake.services import submission_set_public_reply

        submission_set_public_reply(submission=clue.submission, by=by,
                                    text=PUBLIC_MERGED.format(catalogue=topic.catalogue.title, topic=topic.title))


def _lock_clues(topic_cppcc_id: int, clue_ids, topic: Topic | None) -> list[Clue]:
    ids = sorted({int(i) for i in clue_ids or []})
    clues = list(Clue.objects.select_for_update().filter(pk__in=ids, cppcc_id=topic_cppcc_id).order_by("pk"))
    if len(clues) != len(ids):
        raise ValidationError("所选线索不存在或不属于本政协。")
    for c in clues:
        if c.status == Clue.Status.MERGED and topic is not None and c.topic_id == topic.pk:
            continue
        if c.status != Clue.Status.ACCEPTED:
            raise ValidationError(f"线索“{c.title}”{c.get_status_display()}，只有已采纳、尚未编入选题的线索可以归并。")
    return clues


# 目录与选题 -------------------------------------------------------------------------------------------

def catalogue_create(*, by, meeting, title: str = "", intro: str = "") -> TopicCatalogue:
    if meeting.cppcc_id != getattr(by, "cppcc_id", None):
        raise ValidationError("会议不属于本政协。")
    if TopicCatalogue.objects.filter(meeting=meeting).exists():
        raise ValidationError(f"{meeting.name}已有选题参考目录，请在原目录中编辑。")
    title = (title or "").strip() or f"{meeting.name}提案选题参考目录"
    allowed = permissions.is_staff(by, meeting)
    with recorded_write(by=by, action="topics.catalogue_create", allowed=allowed, message="新建选题参考目录") as w:
        cat = TopicCatalogue.objects.create(cppcc_id=meeting.cppcc_id, meeting=meeting, title=title[:120],
                                            intro=(intro or "").strip())
        w.obj = cat
    return cat


def catalogue_update(*, by, catalogue: TopicCatalogue, title: str, intro: str = "") -> TopicCatalogue:
    title = _text(title, "目录标题", max_len=120)
    with recorded_write(by=by, action="topics.catalogue_update", obj=catalogue,
                        allowed=permissions.can_edit_catalogue(by, catalogue), message="修改选题参考目录") as w:
        cat = w.lock()
        cat.title, cat.intro = title, (intro or "").strip()
        cat.save()
    return cat


def catalogue_publish(*, by, catalogue: TopicCatalogue) -> TopicCatalogue:
    with recorded_write(by=by, action="topics.catalogue_publish", obj=catalogue,
                        allowed=permissions.can_edit_catalogue(by, catalogue), message="发布选题参考目录") as w:
        cat = w.lock()
        if cat.is_published:
            raise ValidationError("该目录已经发布。")
        if not cat.topics.exists():
            raise ValidationError("目录中还没有选题，不能发布。")
        cat.status, cat.published_at, cat.published_by = TopicCatalogue.Status.PUBLISHED, timezone.now(), by
        cat.save()
        _notify_published(cat, by)
    return cat


def _notify_published(cat: TopicCatalogue, by) -> None:
    from zhengxie.accounts.models import RoleAssignment
    from zhengxie.notifications.services import notify

    users = (RoleAssignment.objects.filter(RoleAssignment.valid_on(timezone.localdate()), cppcc_id=cat.cppcc_id,
                                           role__in=[Role.MEMBER, Role.STANDING_MEMBER, Role.ORG_SUBMITTER])
             .values_list("user_id", flat=True).distinct())
    notify(recipients=list(users), kind="topics", title=f"《{cat.title}》已发布",
           body=f"共{cat.topics.count()}个参考选题，撰写提案时可在提案页面引用选题。", url=cat.get_absolute_url(), by=by,
           cppcc=cat.cppcc_id)


def catalogue_withdraw(*, by, catalogue: TopicCatalogue, reason: str) -> TopicCatalogue:
    """撤回发布 to correct it (citations already made are kept)."""
    reason = _text(reason, "撤回原因", max_len=200, min_len=2)
    with recorded_write(by=by, action="topics.catalogue_withdraw", obj=catalogue,
                        allowed=permissions.can_edit_catalogue(by, catalogue), message=f"撤回发布：{reason}") as w:
        cat = w.lock()
        if not cat.is_published:
            raise ValidationError("该目录尚未发布。")
        cat.status, cat.published_at = TopicCatalogue.Status.DRAFT, None
        cat.save()
    return cat


def topic_save(*, by, catalogue: TopicCatalogue, title: str, description: str = "", category=None, units=(),
               clue_ids=(), topic: Topic | None = None) -> Topic:
    """Create or edit a 选题 and merge the given (accepted) 线索 into it."""
    title = _text(title, "选题名称", max_len=100)
    _check_category(category, catalogue.cppcc_id)
    units = list(units or [])
    if any(u.cppcc_id != catalogue.cppcc_id for u in units):
        raise ValidationError("建议承办单位不属于本政协。")
    with recorded_write(by=by, action="topics.topic_save", obj=topic, allowed=permissions.can_edit_catalogue(by, catalogue),
                        message="修改选题" if topic else "新增选题") as w:
        TopicCatalogue.objects.select_for_update().get(pk=catalogue.pk)  # one writer of the catalogue's order
        obj = w.lock() if topic else Topic(cppcc_id=catalogue.cppcc_id, catalogue=catalogue, created_by=by)
        if obj.catalogue_id != catalogue.pk:
            raise ValidationError("选题不属于该目录。")
        clues = _lock_clues(catalogue.cppcc_id, clue_ids, topic)
        if not topic:
            obj.seq = (catalogue.topics.aggregate(m=Max("seq"))["m"] or 0) + 1
        obj.title, obj.description, obj.category = title, (description or "").strip(), category
        obj.save()
        obj.suggested_units.set(units)
        for c in clues:
            if c.topic_id != obj.pk:
                _merge(c, obj, by)
        w.obj = obj
        w.data = {"clues": [c.pk for c in clues]}
    return obj


def topic_merge_clues(*, by, topic: Topic, clue_ids) -> Topic:
    """归并: add accepted 线索 to an existing 选题."""
    if not clue_ids:
        raise ValidationError("请选择要归并的线索。")
    with recorded_write(by=by, action="topics.topic_merge", obj=topic,
                        allowed=permissions.can_edit_catalogue(by, topic.catalogue), message="归并线索") as w:
        t = w.lock()
        clues = _lock_clues(t.cppcc_id, clue_ids, t)
        for c in clues:
            if c.topic_id != t.pk:
                _merge(c, t, by)
        w.data = {"clues": [c.pk for c in clues]}
    return t


def clue_unmerge(*, by, clue: Clue) -> Clue:
    """Take a 线索 out of its 选题 (back to 已采纳)."""
    with recorded_write(by=by, action="topics.clue_unmerge", obj=clue, allowed=permissions.can_screen_clue(by, clue),
                        message="移出选题") as w:
        c = w.lock()
        if c.status != Clue.Status.MERGED:
            raise ValidationError("该线索没有编入选题。")
        c.status, c.topic = Clue.Status.ACCEPTED, None
        c.save()
    return c


def topic_move(*, by, topic: Topic, direction: int) -> Topic:
    """Move a 选题 one place up (-1) or down (+1) in its catalogue; numbers stay 1..n."""
    with recorded_write(by=by, action="topics.topic_move", obj=topic,
                        allowed=permissions.can_edit_catalogue(by, topic.catalogue), message="调整选题顺序",
                        timeline=False) as w:
        TopicCatalogue.objects.select_for_update().get(pk=topic.catalogue_id)
        items = list(Topic.objects.filter(catalogue_id=topic.catalogue_id).order_by("seq", "id"))
        i = next(k for k, t in enumerate(items) if t.pk == topic.pk)
        j = i + (1 if direction > 0 else -1)
        if 0 <= j < len(items):
            items[i], items[j] = items[j], items[i]
        for n, t in enumerate(items, start=1):
            if t.seq != n:
                Topic.objects.filter(pk=t.pk).update(seq=n)
        w.obj = Topic.objects.get(pk=topic.pk)
    return w.obj


def topic_delete(*, by, topic: Topic) -> None:
    with recorded_write(by=by, action="topics.topic_delete", obj=topic,
                        allowed=permissions.can_edit_catalogue(by, topic.catalogue), message="删除选题",
                        timeline=False) as w:
        t = w.lock()
        if t.citations.exists():
            raise ValidationError("已有提案引用该选题，不能删除（可修改选题内容）。")
        t.clues.update(status=Clue.Status.ACCEPTED, topic=None)
        w.obj = None
        t.delete()


# 提案引用选题 ----------------------------------------------------------------------------------------

def citation_set(*, by, proposal, topic: Topic | None) -> TopicCitation | None:
    """Set (or clear with topic=None) the 选题 a proposal cites; recorded in the proposal's timeline."""
    published = topic is not None and TopicCatalogue.objects.filter(
        pk=topic.catalogue_id, status=TopicCatalogue.Status.PUBLISHED).exists()
    if topic is not None and (topic.cppcc_id != proposal.cppcc_id or not published):
        raise ValidationError("只能引用本政协已发布的选题参考目录中的选题。")
    current = TopicCitation.objects.filter(proposal=proposal).select_related("topic").first()
    message = f"引用选题“{topic.title}”" if topic else "取消引用选题"
    with recorded_write(by=by, action="topics.cite", obj=proposal, allowed=permissions.can_cite(by, proposal),
                        message=message) as w:
        w.lock()
        w.data = {"topic": topic.pk if topic else None, "previous": current.topic_id if current else None}
        if topic is None:
            TopicCitation.objects.filter(proposal=proposal).delete()
            return None
        cit, _ = TopicCitation.objects.update_or_create(
            proposal=proposal, defaults={"topic": topic, "cppcc_id": proposal.cppcc_id, "created_by": by})
    return cit
