"""Scoped reads of 表决 and the results (counts, rates, quorum)."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from zhengxie.accounts.selectors import roles_of
from zhengxie.core.roles import READ_ALL_ROLES
from zhengxie.reports.registry import percent

from . import permissions
from .models import ABSTAIN, BASIC, SATISFIED, Ballot, Elector, Participation, Vote
from .workflow import Status


def _count(model, field: str = "vote"):
    rows = model.objects.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def _annotated(qs: QuerySet, user) -> QuerySet:
    """Counts by subquery: the list may itself be filtered through the electorate join."""
    return qs.annotate(
        n_electors=_count(Elector),
        n_voted=_count(Participation),
        i_voted=Exists(Participation.objects.filter(vote=OuterRef("pk"), voter_id=user.pk)),
        i_elector=Exists(Elector.objects.filter(vote=OuterRef("pk"), user_id=user.pk)),
    )


def vote_list_for(user, *, q: str = "", status: str = "", mine: bool = False) -> QuerySet:
    """Managers and leaders: every vote of the 政协; others: the votes they may vote in (not drafts)."""
    if not getattr(user, "is_authenticated", False) or not user.cppcc_id:
        return Vote.objects.none()
    qs = Vote.objects.filter(cppcc_id=user.cppcc_id)
    sees_all = bool(roles_of(user) & (READ_ALL_ROLES | set(permissions.MANAGER_ROLES)))
    if mine or not sees_all:
        qs = qs.filter(electors__user=user).exclude(status=Status.DRAFT)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(items__title__icontains=q)).distinct()
    if status in Status.values:
        qs = qs.filter(status=status)
    return _annotated(qs, user).order_by("-created_at", "-id")


def vote_get_for(user, pk) -> Vote:
    v = Vote.objects.filter(pk=pk).first()
    if v is None or not permissions.can_view(user, v):
        raise Http404
    return v


def my_open_votes(user) -> QuerySet:
    """Open votes the user may still vote in."""
    if not getattr(user, "is_authenticated", False):
        return Vote.objects.none()
    from django.utils import timezone

    return (Vote.objects.filter(cppcc_id=user.cppcc_id, status=Status.OPEN, electors__user=user)
            .exclude(participations__voter=user).exclude(closes_at__lt=timezone.now()).order_by("closes_at", "id"))


def electors_of(v: Vote) -> list:
    return [e.user for e in Elector.objects.filter(vote=v).select_related("user").order_by("user__display_name", "user_id")]


def turnout(v: Vote) -> tuple[int, int]:
    """(voted, electorate): live while open, the numbers recorded at closing afterwards."""
    if v.status in (Status.CLOSED, Status.PUBLISHED):
        return v.voted_count, v.electorate_size
    return v.participations.count(), v.electors.count()


def quorum_met(voted: int, electorate: int, num: int, den: int) -> bool:
    """voted / electorate ≥ num / den, in integers (no rounding)."""
    return electorate > 0 and voted * den >= num * electorate


@dataclass
class OptionCount:
    code: str
    label: str
    count: int
    rate: Decimal | None  # percent of all ballots on the item


@dataclass
class ItemResult:
    item: object
    options: list[OptionCount] = field(default_factory=list)
    total: int = 0  # ballots on the item
    valid: int = 0  # ballots other than 弃权
    satisfied: int = 0
    basic: int = 0
    satisfaction_rate: Decimal | None = None  # (满意+基本满意)/有效票
    rank: int | None = None

    def count(self, code: str) -> int:
        return next((o.count for o in self.options if o.code == code), 0)


@dataclass
class Results:
    vote: Vote
    electorate: int
    voted: int
    turnout_rate: Decimal | None
    quorum_met: bool
    items: list[ItemResult]

    @property
    def ranked(self) -> list[ItemResult]:
        """Items by rank (items without valid ballots last, in their order)."""
        return sorted(self.items, key=lambda r: (r.rank is None, r.rank or 0, r.item.sort, r.item.pk))

    @property
    def verdict(self) -> str:
        return "有效" if self.quorum_met else "无效（投票人数未达到法定比例）"


def results(v: Vote) -> Results:
    """Per item: counts and rates per option, 有效票 (all but 弃权), 满意率 = (满意+基本满意)/有效票, rank by 满意率."""
    voted, electorate = turnout(v)
    counts: dict[tuple[int, str], int] = {
        (row["item_id"], row["option"]): row["n"]
        for row in Ballot.objects.filter(vote=v).values("item_id", "option").annotate(n=Count("id")).order_by()
    }
    out = []
    for item in v.items.all():
        r = ItemResult(item=item)
        r.total = sum(n for (iid, _), n in counts.items() if iid == item.pk)
        for code, label in v.options:
            n = counts.get((item.pk, code), 0)
            r.options.append(OptionCount(code, label, n, percent(n, r.total)))
        r.valid = r.total - r.count(ABSTAIN)
        r.satisfied, r.basic = r.count(SATISFIED), r.count(BASIC)
        r.satisfaction_rate = percent(r.satisfied + r.basic, r.valid)
        out.append(r)
    ranked = sorted([r for r in out if r.satisfaction_rate is not None],
                    key=lambda r: (-r.satisfaction_rate, -r.satisfied, r.item.sort, r.item.pk))
    previous, rank = None, 0
    for i, r in enumerate(ranked, start=1):
        key = (r.satisfaction_rate, r.satisfied)
        rank = rank if key == previous else i
        r.rank, previous = rank, key
    return Results(v, electorate, voted, percent(voted, electorate),
                   quorum_met(voted, electorate, v.quorum_num, v.quorum_den), out)


RESULT_HEADERS = ["表决事项", "名次", "满意", "基本满意", "不满意", "弃权", "其他", "有效票", "总票数", "满意率(%)"]


def result_rows(res: Results) -> list[list]:
    rows = []
    known = {SATISFIED, BASIC, "unsatisfied", ABSTAIN}
    for r in res.ranked:
        other = sum(o.count for o in r.options if o.code not in known)
        rows.append([r.item.title, r.rank or "", r.satisfied, r.basic, r.count("unsatisfied"), r.count(ABSTAIN), other,
                     r.valid, r.total, r.satisfaction_rate if r.satisfaction_rate is not None else ""])
    return rows


ELECTOR_ROLES = ("member", "standing_member", "leader", "expert")


def elector_candidates(user) -> QuerySet:
    """Active users of the 政协 who may be chosen as voters."""
    from django.utils import timezone

    from zhengxie.accounts.models import RoleAssignment, User

    if not getattr(user, "is_authenticated", False):
        return User.objects.none()
    day = timezone.localdate()
    ids = RoleAssignment.objects.filter(RoleAssignment.valid_on(day), cppcc_id=user.cppcc_id).values("user_id")
    return User.objects.filter(cppcc_id=user.cppcc_id, is_active=True, pk__in=ids).order_by("display_name", "id")


def users_with_roles(user, roles) -> list:
    from django.utils import timezone

    from zhengxie.accounts.models import RoleAssignment, User

    day = timezone.localdate()
    ids = RoleAssignment.objects.filter(RoleAssignment.valid_on(day), cppcc_id=user.cppcc_id, role__in=list(roles)).values("user_id")
    return list(User.objects.filter(cppcc_id=user.cppcc_id, is_active=True, pk__in=ids))


def users_of_activity(user, activity_id: int, *, attended_only: bool = False) -> list:
    """The accounts of the members invited to (or, with `attended_only`, present at) an activity or meeting the user
    may see — e.g. the participants of a 评议会 as the electorate. Members without an account are left out."""
    from zhengxie.accounts.models import User
    from zhengxie.activities import selectors as activity_selectors
    from zhengxie.core.exceptions import ApplicationError

    try:
        a = activity_selectors.activity_get_for(user, activity_id)
    except Http404:
        raise ApplicationError("没有找到该活动，或您无权查看。", field="activity") from None
    parts = a.participations.all()
    if attended_only:
        parts = parts.filter(attendance__in=activity_selectors.ATTENDED)
    return list(User.objects.filter(cppcc_id=user.cppcc_id, is_active=True,
                                    member__in=parts.values("member_id")).order_by("display_name", "id"))
