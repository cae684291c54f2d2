"""社情民意计分与排名 (domain.md §4.5, §4.7).

Points table: parameter `opinions.score_table` (json, valid-from dated). Each fact uses the table valid on
the fact's own date, so a table changed mid-year applies to later facts only.

Facts and rules (cumulative per item):
- 本级编发: an 编发稿 in a signed 期 → `local.single` (单篇) or `local.combined` (综合, each source item); date = 出刊日期.
- 上级采用: `adoption.<level>.<mode>`; date = 采用日期.
- 领导批示: `instruction.<leader level>`, one 件次 per leader per item (the earliest counts); date = 批示日期.
- 约稿完成并被采用: `commission.bonus` once per commissioned item, on the first 编发 or 采用 date.
- 抄袭/不实 (OpinionFlag in force): the item is disqualified — none of its facts score, in any year recomputed — and
  `penalty.<kind>` (table `penalty`, e.g. −5) is charged once, dated on the flag's 认定日期. Revoking the flag
  restores the points at the next recompute. A frozen year keeps its lines until a logged reopen.

Crediting: every author of the item (反映人 and each 共同作者; for 综合编发, the authors of every merged item) gets the
item's points in full — points are duplicated, not split. The item's 报送单位 gets them once (unit score = sum of
its items). Rankings by 专委会/界别 sum the first author's lines only, so an item counts once, toward the committee
and sector of the author's membership on the submit date (Opinion.committee / Opinion.sector).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Sum
from django.utils import timezone

from zhengxie.accounts.selectors import has_role
from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.models import ConfigValue, Cppcc
from zhengxie.core.roles import Role
from zhengxie.core.writes import recorded_write

from .models import (
    Adoption,
    Article,
    Commission,
    Instruction,
    Issue,
    Level,
    Opinion,
    OpinionFlag,
    ReportingUnit,
    ScoreEntry,
    UpwardReport,
    YearFreeze,
)

TABLE_KEY = "opinions.score_table"
DEFAULT_TABLE = {
    "local": {"single": 3, "combined": 1, "forwarded": 1},
    "adoption": {
        "provincial": {"single": 10, "combined": 5, "forwarded": 0},
        "provincial_party": {"single": 10, "combined": 5, "forwarded": 0},
        "national": {"single": 30, "combined": 15, "forwarded": 10},
        "ufwd": {"single": 30, "combined": 15, "forwarded": 10},
        "city_party": {"single": 10, "combined": 10, "forwarded": 10},
        "city_gov": {"single": 10, "combined": 10, "forwarded": 10},
    },
    "instruction": {"prefectural": 10, "department": 15, "provincial": 20, "national": 50},
    "commission_bonus": 2,
    "penalty": -5,
}
config.register(
    TABLE_KEY, "社情民意计分分值表", DEFAULT_TABLE, kind="json", section="社情民意",
    help="按项累计。local: 市政协单篇/综合编发/转送部门；adoption: 各层级采用(单篇/综合/转送)；instruction: 领导批示"
         "(市领导/省直厅局级/省领导/中央领导，每位领导每篇计1件次)；commission_bonus: 约稿完成并被采用；penalty: 抄袭/不实。"
         "每条事实按其发生日期适用当时有效的分值表。",
    source="domain.md §4.5 [P] default; 中央统战部同全国政协、省委办公厅同省政协、省直厅局级领导批示15分 [S8][S9]",
)

OFFICE = (Role.INFO_EDITOR, Role.INFO_APPROVER, Role.ADMIN)
VIEWERS = (Role.INFO_EDITOR, Role.INFO_APPROVER, Role.LEADER, Role.ADMIN)
SIGNERS = (Role.INFO_APPROVER, Role.ADMIN)
LOCAL_LABELS = {"single": "市政协单篇编发", "combined": "市政协综合编发", "forwarded": "转送部门"}
MODE_LABELS = {"single": "单篇", "combined": "综合", "forwarded": "转送"}


# Permissions ------------------------------------------------------------------------------------------
def _own(user, cppcc) -> bool:
    return getattr(user, "cppcc_id", None) is not None and user.cppcc_id == getattr(cppcc, "pk", cppcc)


def can_view_scores(user) -> bool:
    return getattr(user, "is_authenticated", False) and has_role(user, *VIEWERS)


def can_recompute(user, cppcc) -> bool:
    return _own(user, cppcc) and has_role(user, *OFFICE)


def can_freeze(user, cppcc) -> bool:
    return _own(user, cppcc) and has_role(user, *SIGNERS)


# The points table -------------------------------------------------------------------------------------
class _Tables:
    """config.get per fact date, cached; also remembers which dated row applied."""

    def __init__(self, cppcc):
        self.cppcc = cppcc
        self.rows = list(ConfigValue.objects.filter(cppcc=cppcc, key=TABLE_KEY).order_by("-valid_from")
                         .values_list("valid_from", "value"))

    def on(self, day: dt.date) -> tuple[dict, dt.date | None]:
        for valid_from, value in self.rows:
            if valid_from <= day:
                return value, valid_from
        return DEFAULT_TABLE, None


def _pts(table: dict, *path, default: int = 0) -> int:
    node = table
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return default
        node = node[key]
    try:
        return int(node)
    except (TypeError, ValueError):
        return default


@dataclass
class Fact:
    opinion: Opinion
    rule: str
    label: str
    path: tuple
    fact: object
    date: dt.date


#: What the facts need of an item (not its texts): a year of a national dataset holds tens of thousands of facts.
LIGHT = ("id", "cppcc_id", "title", "reporter_id", "reporting_unit_id", "is_commissioned", "commission_id")


def _light():
    return Opinion.objects.only(*LIGHT)


def _facts(cppcc, year: int) -> list[Fact]:
    """The scoring facts dated in `year`, in a fixed number of queries (not one per item)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    facts: list[Fact] = []
    articles = (Article.objects.filter(cppcc=cppcc, issue__state=Issue.State.SIGNED, issue__date__range=(start, end))
                .select_related("issue").prefetch_related(Prefetch("items", queryset=_light())))
    for a in articles:
        for o in a.items.all():
            facts.append(Fact(o, f"local.{a.kind}", LOCAL_LABELS[a.kind], ("local", a.kind), a, a.issue.date))
    adoptions = list(Adoption.objects.filter(cppcc=cppcc, adopted_at__range=(start, end)))
    items = _light().in_bulk({ad.opinion_id for ad in adoptions})
    for ad in adoptions:
        label = f"{Level(ad.level).label}{MODE_LABELS.get(ad.mode, '')}采用"
        facts.append(Fact(items[ad.opinion_id], f"adoption.{ad.level}.{ad.mode}", label,
                          ("adoption", ad.level, ad.mode), ad, ad.adopted_at))
    ct = ContentType.objects.get_for_model(Opinion)
    seen: set[tuple] = set()
    instructions = list(Instruction.objects.filter(cppcc=cppcc, content_type=ct, date__lte=end).order_by("date", "id"))
    wanted = {int(i.object_id) for i in instructions if str(i.object_id).isdigit() and i.date >= start}
    items = _light().in_bulk(wanted)
    for ins in instructions:  # max 1 件次 per leader per item, whatever the year: the earliest counts
        key = (ins.object_id, ins.leader_name.strip())
        if key in seen:
            continue
        seen.add(key)
        o = items.get(int(ins.object_id)) if str(ins.object_id).isdigit() else None
        if o is not None and start <= ins.date <= end:
            facts.append(Fact(o, f"instruction.{ins.leader_level}", f"{ins.get_leader_level_display()}批示",
                              ("instruction", ins.leader_level), ins, ins.date))
    # 约稿完成并被采用: the first 编发 or 采用 of a commissioned item (over all years) falls in this year
    commissioned = Opinion.objects.filter(cppcc=cppcc).filter(Q(is_commissioned=True) | Q(commission__isnull=False))
    first_use: dict[int, dt.date] = {}
    uses = list(Article.objects.filter(items__in=commissioned.values("pk"), issue__state=Issue.State.SIGNED)
                .values_list("items", "issue__date"))
    uses += list(Adoption.objects.filter(opinion__in=commissioned.values("pk")).values_list("opinion_id", "adopted_at"))
    for oid, day in uses:
        if oid not in first_use or day < first_use[oid]:
            first_use[oid] = day
    bonus = [oid for oid, day in first_use.items() if start <= day <= end]
    items = _light().in_bulk(bonus)
    commissions = Commission.objects.in_bulk({o.commission_id for o in items.values() if o.commission_id})
    for oid in sorted(bonus):
        o = items[oid]
        facts.append(Fact(o, "commission.bonus", "约稿完成并被采用", ("commission_bonus",),
                          commissions.get(o.commission_id) or o, first_use[oid]))
    # 抄袭/不实: a flagged item scores nothing; its penalty falls in the year of the flag
    flags = {f.opinion_id: f for f in OpinionFlag.objects.filter(cppcc=cppcc, revoked_at__isnull=True)}
    facts = [f for f in facts if f.opinion.pk not in flags]
    items = _light().in_bulk([f.opinion_id for f in flags.values() if start <= f.date <= end])
    for flag in flags.values():
        if flag.opinion_id in items:
            facts.append(Fact(items[flag.opinion_id], f"penalty.{flag.kind}", f"{flag.get_kind_display()}扣分",
                              ("penalty",), flag, flag.date))
    return facts


def _authors(ids) -> dict[int, list[int]]:
    """Co-authors of many items, in chunks (one query per 2,000 items)."""
    through = Opinion.coauthors.through
    out: dict[int, list[int]] = {}
    ids = sorted(ids)
    for i in range(0, len(ids), 2000):
        for oid, uid in through.objects.filter(opinion_id__in=ids[i:i + 2000]).order_by("id").values_list(
                "opinion_id", "user_id"):
            out.setdefault(oid, []).append(uid)
    return out


def compute_entries(cppcc, year: int) -> list[ScoreEntry]:
    """The ledger lines of a year, from the facts (not saved)."""
    tables, now, rows = _Tables(cppcc), timezone.now(), []
    facts = _facts(cppcc, year)
    coauthors = _authors({f.opinion.pk for f in facts})
    authors: dict[int, list[int]] = {}
    for f in facts:
        o = f.opinion
        if o.pk not in authors:
            authors[o.pk] = [o.reporter_id] + [u for u in coauthors.get(o.pk, []) if u != o.reporter_id]
    cts: dict[type, ContentType] = {}
    for f in facts:
        table, valid_from = tables.on(f.date)
        points = _pts(table, *f.path)
        if not points:
            continue
        ct = cts.setdefault(type(f.fact), ContentType.objects.get_for_model(type(f.fact)))
        common = dict(cppcc_id=cppcc.pk, year=year, opinion_id=f.opinion.pk, rule=f.rule, rule_label=f.label,
                      points=points, fact_type=ct, fact_id=f.fact.pk, fact_date=f.date, table_from=valid_from,
                      computed_at=now)
        for i, uid in enumerate(authors[f.opinion.pk]):
            rows.append(ScoreEntry(beneficiary=ScoreEntry.Beneficiary.AUTHOR, user_id=uid, is_primary=i == 0, **common))
        if f.opinion.reporting_unit_id:
            rows.append(ScoreEntry(beneficiary=ScoreEntry.Beneficiary.UNIT, unit_id=f.opinion.reporting_unit_id,
                                   **common))
    return rows


# Services ---------------------------------------------------------------------------------------------
def _year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ApplicationError("请填写正确的年度，如：2023。")
    if not 2000 <= year <= 2100:
        raise ApplicationError("请填写正确的年度，如：2023。")
    return year


def _year_row(cppcc, year: int) -> YearFreeze:
    row, _ = YearFreeze.objects.get_or_create(cppcc=cppcc, year=year)
    return row


def score_recompute(*, cppcc, year, by) -> int:
    """Rebuild the year's ledger from the facts (idempotent). Refused on a frozen year."""
    year = _year(year)
    row = _year_row(cppcc, year)
    with recorded_write(by=by, action="opinions.score_recompute", obj=row, allowed=can_recompute(by, cppcc),
                        message=f"重新计算{year}年度社情民意计分") as w:
        row = w.lock()
        if row.is_frozen:
            raise ApplicationError(f"{year}年度计分已冻结（{row.frozen_at:%Y-%m-%d} 签批），不能重新计算；如确需调整，请先重开该年度。")
        ScoreEntry.objects.filter(cppcc=cppcc, year=year).delete()
        rows = ScoreEntry.objects.bulk_create(compute_entries(cppcc, year), batch_size=1000)
        row.computed_at = timezone.now()
        row.save(update_fields=["computed_at"])
        w.data = {"entries": len(rows)}
    return len(rows)


def score_freeze(*, cppcc, year, by) -> YearFreeze:
    year = _year(year)
    row = _year_row(cppcc, year)
    with recorded_write(by=by, action="opinions.score_freeze", obj=row, allowed=can_freeze(by, cppcc),
                        message=f"冻结{year}年度社情民意计分（签批）") as w:
        row = w.lock()
        if row.is_frozen:
            raise ApplicationError(f"{year}年度计分已于{row.frozen_at:%Y-%m-%d}冻结，不能重复冻结。")
        if row.computed_at is None:
            raise ApplicationError(f"{year}年度还没有计算得分，请先重新计算再冻结。")
        now = timezone.now()
        row.is_frozen, row.frozen_at, row.signed_by = True, now, by
        row.log = [*row.log, {"action": "freeze", "at": now.isoformat(), "by": by.pk, "by_name": _name(by),
                              "reason": ""}]
        row.save()
    return row


def score_reopen(*, cppcc, year, by, reason: str) -> YearFreeze:
    year = _year(year)
    reason = (reason or "").strip()
    row = _year_row(cppcc, year)
    with recorded_write(by=by, action="opinions.score_reopen", obj=row, allowed=can_freeze(by, cppcc),
                        message=f"重开{year}年度社情民意计分：{reason}") as w:
        row = w.lock()
        if not reason:
            raise ApplicationError("重开已冻结的年度须写明理由。")
        if not row.is_frozen:
            raise ApplicationError(f"{year}年度计分未冻结，无须重开。")
        now = timezone.now()
        row.is_frozen = False
        row.log = [*row.log, {"action": "reopen", "at": now.isoformat(), "by": by.pk, "by_name": _name(by),
                              "reason": reason}]
        row.save()
    return row


def _name(user) -> str:
    return getattr(user, "name", "") or getattr(user, "display_name", "") or user.get_username()


# Selectors --------------------------------------------------------------------------------------------
DIMENSIONS = {
    "party": "党派",
    "county": "县区政协",
    "committee": "专委会",
    "sector": "界别",
    "person": "个人",
    "informant": "特邀信息员",
}


def dimensions_for(cppcc) -> dict[str, str]:
    """县区政协 are ranked by the city only."""
    if cppcc.level != Cppcc.Level.CITY:
        return {k: v for k, v in DIMENSIONS.items() if k != "county"}
    return dict(DIMENSIONS)


def period(year=None, start=None, end=None) -> tuple[dt.date, dt.date]:
    """A period: explicit dates (YYYY-MM-DD) win, else the whole year."""
    try:
        if start or end:
            s = dt.date.fromisoformat(start) if start else dt.date(1900, 1, 1)
            e = dt.date.fromisoformat(end) if end else dt.date(2100, 12, 31)
        else:
            y = _year(year or timezone.localdate().year)
            s, e = dt.date(y, 1, 1), dt.date(y, 12, 31)
    except ValueError:
        raise ApplicationError("日期格式应为 年-月-日，如 2023-01-01。")
    if s > e:
        raise ApplicationError("开始日期不能晚于结束日期。")
    return s, e


def entries_for(user, *, start: dt.date, end: dt.date):
    return ScoreEntry.objects.filter(cppcc_id=user.cppcc_id, fact_date__range=(start, end))


def my_entries(user, *, start: dt.date, end: dt.date):
    """The ledger lines of the user: as an author, and of the 报送单位 the user reports for (信息联络员 or its account)."""
    from .permissions import unit_ids_of

    mine = Q(beneficiary=ScoreEntry.Beneficiary.AUTHOR, user_id=user.pk)
    units = unit_ids_of(user)
    if units:
        mine |= Q(beneficiary=ScoreEntry.Beneficiary.UNIT, unit_id__in=list(units))
    return (entries_for(user, start=start, end=end).filter(mine).select_related("opinion", "unit", "fact_type")
            .order_by("fact_date", "opinion_id", "rule", "id"))


def my_totals(entries) -> list[dict]:
    """[{"label", "points", "items"}]: the user's own total first, then one per 报送单位, from my_entries' lines."""
    rows: dict[tuple, dict] = {}
    for e in entries:
        key = ("author", 0) if e.beneficiary == ScoreEntry.Beneficiary.AUTHOR else ("unit", e.unit_id)
        label = "本人（作者）" if key[0] == "author" else f"{e.unit.name}（报送单位）"
        row = rows.setdefault(key, {"label": label, "points": 0, "items": set()})
        row["points"] += e.points
        row["items"].add(e.opinion_id)
    return [{"label": r["label"], "points": r["points"], "items": len(r["items"])}
            for _k, r in sorted(rows.items(), key=lambda kv: (kv[0][0] != "author", kv[0][1]))]


def ranking(user, dimension: str, *, start: dt.date, end: dt.date) -> list[dict]:
    """[{rank, key, name, points, items}] best first; ties share a rank."""
    cppcc = user.cppcc
    if dimension not in dimensions_for(cppcc):
        raise ApplicationError("不支持的排名类别。")
    qs = entries_for(user, start=start, end=end)
    if dimension in ("party", "county"):
        kind = ReportingUnit.Kind.PARTY if dimension == "party" else ReportingUnit.Kind.COUNTY
        qs = qs.filter(beneficiary=ScoreEntry.Beneficiary.UNIT, unit__kind=kind)
        key, name = "unit_id", "unit__name"
    elif dimension in ("committee", "sector"):
        qs = qs.filter(beneficiary=ScoreEntry.Beneficiary.AUTHOR, is_primary=True,
                       **{f"opinion__{dimension}__isnull": False})
        key, name = f"opinion__{dimension}_id", f"opinion__{dimension}__name"
    else:
        qs = qs.filter(beneficiary=ScoreEntry.Beneficiary.AUTHOR)
        if dimension == "informant":
            from .models import Informant

            qs = qs.filter(Exists(Informant.objects.filter(cppcc_id=user.cppcc_id, user_id=OuterRef("user_id"))))
        key, name = "user_id", "user__display_name"
    rows = list(qs.values(key, name, *(["user__username"] if key == "user_id" else [])).annotate(points=Sum("points"), items=Count("opinion", distinct=True))
                .order_by("-points", name))
    out, rank, last = [], 0, None
    for i, r in enumerate(rows, start=1):
        if r["points"] != last:
            rank, last = i, r["points"]
        out.append({"rank": rank, "key": r[key], "name": r[name] or r.get("user__username") or "（未命名）", "points": r["points"],
                    "items": r["items"]})
    return out


RULE_GROUPS = {"local": "本级编发", "adoption": "上级采用", "instruction": "领导批示", "commission": "约稿采用",
               "penalty": "抄袭/不实扣分"}


def ledger(user, *, start: dt.date, end: dt.date, dimension: str = "", key: str = "", q: str = "", rule: str = ""):
    """Drill-down: the ledger lines behind one ranking row (or all lines of the period); `q` matches the item's
    title or the person's / unit's name, `rule` is one of RULE_GROUPS."""
    qs = entries_for(user, start=start, end=end).select_related("opinion", "user", "unit", "fact_type")
    q = (q or "").strip()
    if q:
        qs = qs.filter(Q(opinion__title__icontains=q) | Q(user__display_name__icontains=q) | Q(unit__name__icontains=q))
    if rule in RULE_GROUPS:
        qs = qs.filter(rule__startswith=f"{rule}.")
    if key and not str(key).isdigit():
        raise ApplicationError("计分对象不正确，请从排名表点击“计分明细”。")
    if dimension in ("party", "county") and key:
        qs = qs.filter(beneficiary=ScoreEntry.Beneficiary.UNIT, unit_id=key)
    elif dimension in ("committee", "sector") and key:
        qs = qs.filter(beneficiary=ScoreEntry.Beneficiary.AUTHOR, is_primary=True, **{f"opinion__{dimension}_id": key})
    elif dimension in ("person", "informant") and key:
        qs = qs.filter(beneficiary=ScoreEntry.Beneficiary.AUTHOR, user_id=key)
    return qs.order_by("fact_date", "opinion_id", "rule", "id")


def subject_name(user, dimension: str, key: str) -> str:
    """The name of the ranking row a ledger drill-down is for ("" for all lines)."""
    from zhengxie.accounts.models import Organisation, User

    if not key or not str(key).isdigit():
        return ""
    if dimension in ("party", "county"):
        unit = ReportingUnit.objects.filter(cppcc_id=user.cppcc_id, pk=key).first()
        return unit.name if unit else ""
    if dimension in ("committee", "sector"):
        org = Organisation.objects.filter(cppcc_id=user.cppcc_id, pk=key).first()
        return org.name if org else ""
    person = User.objects.filter(cppcc_id=user.cppcc_id, pk=key).first()
    return (person.display_name or person.username) if person else ""


def table_rows(cppcc, day: dt.date) -> list[tuple[str, int]]:
    """The points table in force on `day`, as (event, points) lines a clerk can read."""
    table, _ = _Tables(cppcc).on(day)
    rows = [(LOCAL_LABELS[k], _pts(table, "local", k)) for k in LOCAL_LABELS]
    for level in Level:
        for mode, label in MODE_LABELS.items():
            pts = _pts(table, "adoption", level.value, mode)
            if pts:
                rows.append((f"{level.label}{label}采用", pts))
    rows += [(f"{label}批示（每位领导每篇计1件次）", _pts(table, "instruction", code))
             for code, label in Instruction.LeaderLevel.choices]
    rows += [("约稿完成并被采用（加分）", _pts(table, "commission_bonus")), ("抄袭/不实（不再计分并扣分）", _pts(table, "penalty"))]
    return rows


def year_state(user, year: int) -> YearFreeze | None:
    return YearFreeze.objects.filter(cppcc_id=user.cppcc_id, year=year).select_related("signed_by").first()


def summary(user, *, start: dt.date, end: dt.date) -> dict:
    """Figures of the 通报 (domain.md §4.7) over the period."""
    cid = user.cppcc_id
    issues = Issue.objects.filter(cppcc_id=cid, state=Issue.State.SIGNED, date__range=(start, end))
    return {
        "received": Opinion.objects.filter(cppcc_id=cid, received_at__date__range=(start, end)).count(),
        "issues": issues.count(),
        "published": Opinion.objects.filter(articles__issue__in=issues).distinct().count(),
        "reported": UpwardReport.objects.filter(cppcc_id=cid, reported_at__range=(start, end))
        .values("opinion").distinct().count(),
        "adopted": Adoption.objects.filter(cppcc_id=cid, adopted_at__range=(start, end))
        .values("opinion").distinct().count(),
        "instructions": Instruction.objects.filter(cppcc_id=cid, content_type=ContentType.objects.get_for_model(Opinion),
                                                   date__range=(start, end)).count(),
        "points": entries_for(user, start=start, end=end).filter(
            Q(beneficiary=ScoreEntry.Beneficiary.AUTHOR, is_primary=True)).aggregate(s=Sum("points"))["s"] or 0,
    }


def _label(fact) -> str:
    if isinstance(fact, Article):
        return f"编发稿《{fact.title}》，{fact.issue}" if fact.issue_id else f"编发稿《{fact.title}》"
    if isinstance(fact, Adoption):
        return f"{fact.get_level_display()}{fact.get_mode_display()}，依据：{fact.source_document}"
    if isinstance(fact, Instruction):
        return f"{fact.get_leader_level_display()}批示，依据：{fact.source_document or '—'}"
    if isinstance(fact, Commission):
        return f"约稿单《{fact.title}》"
    if isinstance(fact, OpinionFlag):
        return f"{fact.get_kind_display()}认定：{fact.reason}"
    return str(fact or "—")


def fact_labels(entries) -> list[tuple[ScoreEntry, str]]:
    """(line, what it rests on in words) for many lines: one query per kind of fact, not one per line."""
    entries = list(entries)
    wanted: dict[int, set[int]] = {}
    for e in entries:
        wanted.setdefault(e.fact_type_id, set()).add(e.fact_id)
    found: dict[tuple[int, int], object] = {}
    for ct_id, ids in wanted.items():
        model = ContentType.objects.get_for_id(ct_id).model_class()
        qs = model._default_manager.filter(pk__in=ids)
        if model is Article:
            qs = qs.select_related("issue")
        found.update({(ct_id, obj.pk): obj for obj in qs})
    return [(e, _label(found.get((e.fact_type_id, e.fact_id)))) for e in entries]


def fact_label(entry: ScoreEntry) -> str:
    """What one ledger line rests on, in words."""
    return fact_labels([entry])[0][1]


# 年度通报 (.docx) and its Excel annex ----------------------------------------------------------------------
def _rankings(user, start, end) -> list[tuple[str, str, list[dict]]]:
    return [(code, label, ranking(user, code, start=start, end=end)) for code, label in dimensions_for(user.cppcc).items()]


def annual_report_docx(user, *, start: dt.date, end: dt.date) -> bytes:
    from zhengxie.documents.docx import GongwenDocument, format_cn_date

    cppcc, figures = user.cppcc, summary(user, start=start, end=end)
    span = f"{start.year}年度" if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and \
        start.year == end.year else f"{format_cn_date(start)}至{format_cn_date(end)}"
    doc = GongwenDocument()
    doc.add_title(f"关于{span}社情民意信息工作情况的通报")
    doc.add_paragraph(
        f"{span}，共收到社情民意信息{figures['received']}篇，经整理编报《政协社情民意》{figures['issues']}期"
        f"{figures['published']}篇，向上级报送{figures['reported']}篇，被上级采用{figures['adopted']}篇，"
        f"获领导批示{figures['instructions']}件次，合计得分{figures['points']}分。现将各单位和个人得分排名情况通报如下。",
        detect_headings=False)
    chinese = "一二三四五六七八九十"
    for i, (_code, label, rows) in enumerate(_rankings(user, start, end)):
        doc.add_heading(1, f"{chinese[i]}、{label}得分排名")
        if rows:
            doc.add_table(["名次", "名称", "计分信息(篇)", "得分"],
                          [[r["rank"], r["name"], r["items"], r["points"]] for r in rows[:30]],
                          widths_mm=[20, 86, 26, 24])
        else:
            doc.add_paragraph("本期间无得分。", detect_headings=False)
    doc.add_paragraph("计分明细见附件（Excel）。", detect_headings=False)
    doc.add_signature(cppcc.name + "办公室", timezone.localdate())
    return doc.to_bytes()


def ledger_xlsx(lines) -> bytes:
    from zhengxie.documents.xlsx import write_xlsx

    columns = [("日期", 12), ("信息标题", 40), ("计分对象", 22), ("规则", 22), ("依据", 40), ("得分", 8)]
    rows = ([e.fact_date, e.opinion.title, e.user.name if e.user_id else f"{e.unit}（单位）", e.rule_label, label,
             e.points] for e, label in fact_labels(lines))
    return write_xlsx("计分明细", columns, rows)


def annual_report_xlsx(user, *, start: dt.date, end: dt.date) -> bytes:
    from zhengxie.documents.xlsx import write_xlsx

    columns = [("日期", 12), ("信息标题", 40), ("计分对象", 22), ("规则", 22), ("得分", 8), ("分值表生效日期", 14)]
    lines = ledger(user, start=start, end=end)
    rows = ([e.fact_date, e.opinion.title, e.user.name if e.user_id else f"{e.unit}（单位）", e.rule_label, e.points,
             e.table_from or "默认分值表"] for e in lines)
    extra = {label: [["名次", "名称", "计分信息(篇)", "得分"]] + [[r["rank"], r["name"], r["items"], r["points"]] for r in rs]
             for _code, label, rs in _rankings(user, start, end)}
    return write_xlsx("计分明细", columns, rows, extra_sheets=extra)
