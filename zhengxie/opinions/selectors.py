"""Scoped reads of the 社情民意 module: lists per role, one item, its history, versions and facts."""
from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import get_object_or_404

from zhengxie import textindex
from zhengxie.accounts.selectors import has_role, roles_of
from zhengxie.core.models import Event
from zhengxie.core.roles import READ_ALL_ROLES

from . import permissions
from .models import (
    Article,
    Commission,
    Instruction,
    Issue,
    Opinion,
    OpinionFlag,
    ReportingUnit,
    Topic,
    UpwardReport,
)
from .workflow import Status

LIST_DEFERRED = ("situation", "analysis", "suggestions", "screen_note")


def opinion_list_for(user, *, q: str = "", status: str = "", unit: str = "", year: str = "", mine: bool = False):
    """Items the user may see: the office and leaders all of their 政协; reporters their own and their units'."""
    # lists show the title, people, status and dates: the texts stay on disk (narrow rows sort in memory)
    qs = (Opinion.objects.filter(cppcc_id=user.cppcc_id).select_related("reporting_unit")
          .defer(*LIST_DEFERRED))
    if mine or not (roles_of(user) & READ_ALL_ROLES):
        units = permissions.unit_ids_of(user)
        # the few co-authored ids as a list: with a subquery the OR defeats the indexes (a scan of every item)
        coauthored = list(Opinion.coauthors.through.objects.filter(user_id=user.pk).values_list("opinion_id", flat=True))
        qs = qs.filter(Q(reporter=user) | Q(pk__in=coauthored) | Q(reporting_unit_id__in=list(units)))
    else:
        qs = qs.exclude(status=Status.DRAFT)
    if status:
        qs = qs.filter(status=status)
    if unit:
        qs = qs.filter(reporting_unit_id=unit)
    if year and str(year).strip().isdigit():
        qs = qs.filter(received_at__year=int(year))
    if q:
        qs = textindex.search_queryset(qs, q, cppcc=user.cppcc_id)
    return qs


def opinion_page(user, *, number=1, per_page: int = 20, q: str = "", **filters) -> Page:
    """One page of `opinion_list_for` (same rows, same order, same count), cheaply on a national dataset: pages by
    primary key first (the ORDER BY … OFFSET walks the index (cppcc, -created_at, -id), never the joined rows it
    skips; a text search pages textindex.search_page's ranked ids), then loads just this page's rows, annotated with
    `has_reports` so that the actions of each row cost no query."""
    qs = opinion_list_for(user, **filters)
    q = (q or "").strip()
    if q:
        page = textindex.search_page(qs.select_related(None), q, number=number, per_page=per_page, cppcc=user.cppcc_id)
    else:
        page = Paginator(qs.select_related(None).order_by("-created_at", "-id").values_list("pk", flat=True),
                         per_page).get_page(number)
    ids = list(page.object_list)
    rows = (Opinion.objects.filter(pk__in=ids).select_related("reporting_unit").defer(*LIST_DEFERRED)
            .annotate(has_reports=Exists(UpwardReport.objects.filter(opinion=OuterRef("pk"))))) if ids else []
    by_pk = {o.pk: o for o in rows}
    page.object_list = [by_pk[i] for i in ids if i in by_pk]
    return page


def opinion_get_for(user, pk) -> Opinion:
    o = get_object_or_404(Opinion.objects.select_related("reporting_unit", "reporter"), pk=pk, cppcc_id=user.cppcc_id)
    if not permissions.can_view(user, o):
        from django.http import Http404

        raise Http404
    return o


def screening_queue(user):
    return (Opinion.objects.filter(cppcc_id=user.cppcc_id, status=Status.SUBMITTED).select_related("reporting_unit")
            .defer(*LIST_DEFERRED).order_by("submitted_at", "id"))


def timeline_of(o: Opinion) -> list[Event]:
    from django.contrib.contenttypes.models import ContentType

    return list(Event.objects.filter(content_type=ContentType.objects.get_for_model(Opinion), object_id=str(o.pk))
                .select_related("actor").order_by("at", "id"))


def instructions_for(user, obj) -> list[dict]:
    """批示 on a record: level and date for every viewer; the text only to the office or where text_visible."""
    from django.contrib.contenttypes.models import ContentType

    office = bool(roles_of(user) & READ_ALL_ROLES)
    rows = Instruction.objects.filter(content_type=ContentType.objects.get_for_model(obj._meta.model),
                                      object_id=str(obj.pk)).select_related("transferred_to")
    return [{"instruction": i, "level": i.get_leader_level_display(), "date": i.date,
             "leader": i.leader_name if office or i.text_visible else "",
             "text": i.text if office or i.text_visible else "", "state": i.get_state_display(),
             "feedback": i.feedback if office else ""} for i in rows]


def issue_list_for(user, *, year: str = "", series: str = "", q: str = "", state: str = ""):
    """Issues the user may see; `q` finds an article title or a 期号 (a number)."""
    qs = Issue.objects.filter(cppcc_id=user.cppcc_id)
    if not has_role(user, *permissions.OFFICE_ROLES):
        qs = qs.filter(state=Issue.State.SIGNED, readers=user)
    if year and str(year).strip().isdigit():
        qs = qs.filter(year=int(year))
    if series:
        qs = qs.filter(series=series)
    if state in Issue.State.values:
        qs = qs.filter(state=state)
    q = (q or "").strip().strip("第期")
    if q:
        match = Q(articles__title__icontains=q)
        if q.isdigit():
            match |= Q(number=int(q)) | Q(total_number=int(q))
        qs = qs.filter(pk__in=Issue.objects.filter(match, cppcc_id=user.cppcc_id).values("pk"))
    return qs.prefetch_related("articles")


def issue_get_for(user, pk) -> Issue:
    issue = get_object_or_404(Issue, pk=pk, cppcc_id=user.cppcc_id)
    if not permissions.can_view_issue(user, issue):
        from django.http import Http404

        raise Http404
    return issue


def issue_articles(issue: Issue) -> list[Article]:
    return list(issue.articles.order_by("position", "id").prefetch_related("items"))


def unplaced_articles(user):
    return Article.objects.filter(cppcc_id=user.cppcc_id, issue__isnull=True).prefetch_related("items")


def commissions_of(user, *, state: str = Commission.State.OPEN):
    return Commission.objects.filter(cppcc_id=user.cppcc_id, assignee=user, state=state).select_related("topic")


def topics_for(user):
    return Topic.objects.filter(cppcc_id=user.cppcc_id)


def reporting_units_for(user):
    return ReportingUnit.objects.filter(cppcc_id=user.cppcc_id).select_related("liaison", "organisation")


def flags_of(o: Opinion) -> list[OpinionFlag]:
    """抄袭/不实认定 of an item, newest first (at most one in force)."""
    return list(OpinionFlag.objects.filter(opinion=o).select_related("flagged_by", "revoked_by"))


def flag_in_force(o: Opinion) -> OpinionFlag | None:
    return next((f for f in flags_of(o) if f.in_force), None)
