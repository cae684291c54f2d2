"""All writes of 表决. Every write names its acting user (`by=`) and goes through `recorded_write`.

A ballot is written by `vote_cast`: the vote row is locked, the `Participation` (unique per voter) and one
`Ballot` per item are inserted in the same transaction; the audit row says only "投票" — never the choice.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from zhengxie.accounts.models import User
from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.writes import recorded_write

from . import permissions
from .models import Ballot, Elector, Participation, Vote, VoteItem
from .selectors import quorum_met
from .workflow import Action, Status, next_status


def parse_quorum(raw) -> tuple[int, int]:
    """'2/3' → (2, 3); a bad value is refused in Chinese."""
    text = str(raw or "").strip().replace("／", "/")
    try:
        num, den = (int(p) for p in text.split("/"))
    except ValueError:
        raise ApplicationError("法定比例应写作分数，如 2/3 或 1/2。", field="quorum") from None
    if den <= 0 or num <= 0 or num > den:
        raise ApplicationError("法定比例应在 0 与 1 之间，如 2/3 或 1/2。", field="quorum")
    return num, den


def default_options(cppcc) -> list[list[str]]:
    return [list(o) for o in config.get("votes.options", cppcc=cppcc)]


def _clean_options(options) -> list[list[str]]:
    out, seen = [], set()
    for pair in options or []:
        try:
            code, label = str(pair[0]).strip(), str(pair[1]).strip()
        except (IndexError, TypeError):
            raise ApplicationError("表决选项应为 [代码, 名称] 的列表。", field="options") from None
        if not code or not label or code in seen:
            raise ApplicationError("表决选项的代码和名称不能为空，代码不能重复。", field="options")
        seen.add(code)
        out.append([code, label])
    if len(out) < 2:
        raise ApplicationError("表决至少需要两个选项。", field="options")
    return out


def _clean_items(items) -> list[dict]:
    out = []
    for raw in items or []:
        item = raw if isinstance(raw, dict) else {"title": raw}
        title = str(item.get("title") or "").strip()
        if not title:
            continue
        if len(title) > 120:
            raise ApplicationError(f"表决事项「{title[:20]}…」过长（不超过120字）。", field="items")
        out.append({**item, "title": title})
    if not out:
        raise ApplicationError("请至少填写一个表决事项（如每个被评议单位一项）。", field="items")
    titles = [i["title"] for i in out]
    if len(set(titles)) != len(titles):
        raise ApplicationError("表决事项不能重复。", field="items")
    return out


def _clean_electors(by, users: Iterable) -> list:
    users = list({getattr(u, "pk", u): u for u in users if u is not None}.keys())
    found = list(User.objects.filter(pk__in=users, cppcc_id=by.cppcc_id, is_active=True))
    if len(found) != len(users):
        raise ApplicationError("投票人须是本政协的有效账号。", field="electors")
    return found


def _check_window(opens_at, closes_at) -> None:
    if opens_at and closes_at and closes_at <= opens_at:
        raise ApplicationError("截止时间须晚于开始时间。", field="closes_at")


def _write_items(v: Vote, items: list[dict]) -> None:
    v.items.all().delete()
    for i, item in enumerate(items, start=1):
        ref = item.get("ref")
        VoteItem.objects.create(
            vote=v, title=item["title"], note=str(item.get("note") or "")[:300], sort=i,
            ref_type=ContentType.objects.get_for_model(ref) if ref is not None else None,
            ref_id=str(ref.pk) if ref is not None else "")


def _write_electors(v: Vote, users: list) -> None:
    v.electors.all().delete()
    Elector.objects.bulk_create([Elector(vote=v, user=u) for u in users])


def vote_create(*, by, title: str, items: list, electors: Iterable = (), description: str = "", options=None,
                quorum: str | None = None, opens_at: dt.datetime | None = None, closes_at: dt.datetime | None = None,
                subject=None) -> Vote:
    """A draft vote: items (titles or {"title", "note", "ref"}), electorate (users of the 政协), options and quorum
    (defaults from the configuration, recorded on the vote)."""
    title = (title or "").strip()
    if not title:
        raise ApplicationError("请填写表决名称。", field="title")
    if not permissions.can_create(by):
        raise ApplicationError("只有提案委、专委会工作人员和管理员可以发起表决。")
    clean_items = _clean_items(items)
    options = _clean_options(options if options else default_options(by.cppcc_id))
    num, den = parse_quorum(quorum or config.get("votes.quorum", cppcc=by.cppcc_id))
    _check_window(opens_at, closes_at)
    users = _clean_electors(by, electors)
    with recorded_write(by=by, action="vote.create", allowed=True, message=f"发起表决「{title}」") as w:
        v = Vote.objects.create(
            cppcc_id=by.cppcc_id, title=title[:120], description=description or "", options=options,
            quorum_num=num, quorum_den=den, opens_at=opens_at, closes_at=closes_at, created_by=by,
            subject_type=ContentType.objects.get_for_model(subject) if subject is not None else None,
            subject_id=str(subject.pk) if subject is not None else "")
        _write_items(v, clean_items)
        _write_electors(v, users)
        w.obj = v
    return v


def vote_update(*, by, vote: Vote, title: str | None = None, description: str | None = None, items: list | None = None,
                electors: Iterable | None = None, quorum: str | None = None, opens_at=None, closes_at=None) -> Vote:
    """Change a draft: title, items, electorate, quorum, window."""
    with recorded_write(by=by, action="vote.update", obj=vote, allowed=permissions.can_manage(by, vote),
                        message="修改表决") as w:
        v = w.lock()
        if v.status != Status.DRAFT:
            raise ApplicationError("表决开始后不能再修改事项和投票人。")
        if title is not None:
            if not title.strip():
                raise ApplicationError("请填写表决名称。", field="title")
            v.title = title.strip()[:120]
        if description is not None:
            v.description = description
        if quorum:
            v.quorum_num, v.quorum_den = parse_quorum(quorum)
        if opens_at is not None or closes_at is not None:
            _check_window(opens_at, closes_at)
            v.opens_at, v.closes_at = opens_at, closes_at
        v.save()
        if items is not None:
            _write_items(v, _clean_items(items))
        if electors is not None:
            _write_electors(v, _clean_electors(by, electors))
    return v


def _transition(*, by, vote: Vote, action: str, message: str) -> tuple[Vote, str]:
    vote.refresh_from_db(fields=["status"])
    # a manager asking for an action the state does not allow gets the state's Chinese refusal (next_status)
    with recorded_write(by=by, action=f"vote.{action}", obj=vote, allowed=permissions.can_manage(by, vote),
                        message=message) as w:
        v = w.lock()
        before = v.status
        v.status = next_status(v.status, action)
        now = timezone.now()
        if action == Action.OPEN:
            if not v.items.exists():
                raise ApplicationError("请先填写表决事项。")
            if not v.electors.exists():
                raise ApplicationError("请先选定投票人。")
            if v.closes_at and v.closes_at <= now:
                raise ApplicationError("截止时间已过，请先修改截止时间。")
            v.opened_at = now
        elif action == Action.CLOSE:
            v.closed_at = now
            v.electorate_size = v.electors.count()
            v.voted_count = v.participations.count()
            v.quorum_met = quorum_met(v.voted_count, v.electorate_size, v.quorum_num, v.quorum_den)
            w.data = {"electorate": v.electorate_size, "voted": v.voted_count, "quorum_met": v.quorum_met}
        elif action == Action.PUBLISH:
            v.published_at = now
        v.save()
    return v, before


def vote_open(*, by, vote: Vote) -> Vote:
    v, _ = _transition(by=by, vote=vote, action=Action.OPEN, message="开始投票")
    from zhengxie.notifications.services import notify

    notify(recipients=[e.user_id for e in v.electors.all()], kind="vote", title=f"请参加表决：{v.title}",
           body="请在截止前完成投票。投票为无记名，每人只能投一次。", url=reverse("votes:ballot", args=[v.pk]), by=by,
           cppcc=v.cppcc_id)
    return v


def vote_close(*, by, vote: Vote) -> Vote:
    return _transition(by=by, vote=vote, action=Action.CLOSE, message="结束投票")[0]


def vote_publish(*, by, vote: Vote) -> Vote:
    v, _ = _transition(by=by, vote=vote, action=Action.PUBLISH, message="公布表决结果")
    from zhengxie.notifications.services import notify

    notify(recipients=[e.user_id for e in v.electors.all()], kind="vote", title=f"表决结果已公布：{v.title}",
           url=reverse("votes:results", args=[v.pk]), by=by, cppcc=v.cppcc_id)
    return v


def vote_cancel(*, by, vote: Vote) -> Vote:
    return _transition(by=by, vote=vote, action=Action.CANCEL, message="取消表决")[0]


TRANSITION_SERVICES = {Action.OPEN: vote_open, Action.CLOSE: vote_close, Action.PUBLISH: vote_publish,
                       Action.CANCEL: vote_cancel}


def vote_act(*, by, vote: Vote, action: str) -> Vote:
    if action not in TRANSITION_SERVICES:
        raise ApplicationError("没有这个操作。")
    return TRANSITION_SERVICES[action](by=by, vote=vote)


def vote_cast(*, by, vote: Vote, choices: dict) -> None:
    """Cast one anonymous ballot covering every item ({item_id: option code}); refused when not an elector,
    outside the voting window, with an item missing or an unknown option, or when the voter has voted already."""
    if not getattr(by, "is_authenticated", False):
        raise ApplicationError("请先登录。")
    choices = {str(k): str(v) for k, v in (choices or {}).items() if v not in (None, "")}
    try:
        with recorded_write(by=by, action="vote.cast", obj=vote, allowed=True, message="投票", timeline=False) as w:
            v = w.lock()  # serialises ballots with closing: no ballot lands after the count
            problem = permissions.window_problem(v)
            if problem:
                raise ApplicationError(problem)
            if not Elector.objects.filter(vote=v, user=by).exists():
                raise ApplicationError("您不在本次表决的投票人名单中。")
            if Participation.objects.filter(vote=v, voter=by).exists():
                raise ApplicationError("您已经投过票，每人只能投一次。")
            codes = {code for code, _ in v.options}
            items = list(v.items.all())
            missing = [i.title for i in items if str(i.pk) not in choices]
            if missing:
                raise ApplicationError(f"请对每一项作出选择（可选“弃权”）：{'、'.join(missing[:5])}尚未选择。")
            extra = set(choices) - {str(i.pk) for i in items}
            if extra:
                raise ApplicationError("选票中有不属于本次表决的事项。")
            bad = [c for c in choices.values() if c not in codes]
            if bad:
                raise ApplicationError("选票中有无效的选项。")
            Participation.objects.create(vote=v, voter=by)
            Ballot.objects.bulk_create([Ballot(vote=v, item=i, option=choices[str(i.pk)]) for i in items])
    except IntegrityError:
        raise ApplicationError("您已经投过票，每人只能投一次。") from None
