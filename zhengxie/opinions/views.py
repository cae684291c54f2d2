"""Pages of the 社情民意 module: thin function views calling selectors and services only."""
from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.shortcuts import render
from django.utils import timezone

from zhengxie.accounts.selectors import has_role
from zhengxie.core.roles import Role

from . import permissions, selectors
from .models import Issue, Opinion, OpinionFlag
from .search import similar_items
from .versions import version_diffs
from .views_lookups import handling_units, issue_series
from .views_write import choices
from .workflow import Status


def _page(request, qs, template: str, **context):
    """qs: a queryset, or an already built Page (selectors.opinion_page)."""
    page = qs if isinstance(qs, Page) else Paginator(qs, 20).get_page(request.GET.get("page"))
    q = request.GET.copy()
    q.pop("page", None)
    return render(request, template, {"page": page, "rows": page.object_list, "querystring": q.urlencode(),
                                      "page_range": page.paginator.get_elided_page_range(page.number),
                                      "statuses": Status.choices, "params": request.GET, **context})


@login_required
def opinion_list(request):
    if not has_role(request.user, Role.INFO_EDITOR, Role.INFO_APPROVER, Role.LEADER, Role.ADMIN):
        raise PermissionDenied("只有信息编辑、审核签发人员和领导可以查询全部社情民意信息。")
    g = request.GET
    qs = selectors.opinion_page(request.user, number=g.get("page"), q=g.get("q", ""), status=g.get("status", ""),
                                year=g.get("year", ""), unit=g.get("unit", "") if g.get("unit", "").isdigit() else "")
    return _page(request, qs, "opinions/list.html", title="社情民意查询", export=True,
                 units=selectors.reporting_units_for(request.user),
                 empty="没有符合条件的信息。可以换个关键词（标题、反映人、报送单位），或清除筛选。")


@login_required
def opinion_mine(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied("只有委员、特邀信息员和信息报送单位有“我的社情民意”。")
    g = request.GET
    qs = selectors.opinion_page(request.user, number=g.get("page"), q=g.get("q", ""), status=g.get("status", ""),
                                mine=True)
    return _page(request, qs, "opinions/list.html", title="我的社情民意", mine=True,
                 empty="您还没有报送社情民意信息。一事一报，有情况、有分析、有建议，不超过1500字。")


@login_required
def opinion_queue(request):
    if not permissions.can_manage(request.user):
        raise PermissionDenied("只有信息编辑可以进入初筛工作台。")
    return _page(request, selectors.screening_queue(request.user), "opinions/list.html", title="待初筛的信息", queue=True,
                 empty="目前没有待初筛的信息。")


@login_required
def issue_list(request):
    g = request.GET
    qs = selectors.issue_list_for(request.user, year=g.get("year", ""), series=g.get("series", ""), q=g.get("q", ""),
                                  state=g.get("state", ""))
    return _page(request, qs, "opinions/issues.html", title="期刊", empty="没有符合条件的期刊。可以换个期号或稿件标题，或清除筛选。",
                 editor=permissions.can_manage(request.user), series_choices=issue_series(request.user),
                 issue_states=Issue.State.choices)


@login_required
def opinion_detail(request, pk: int):
    o: Opinion = selectors.opinion_get_for(request.user, pk)
    office = permissions.can_manage(request.user)
    return render(request, "opinions/detail.html", {
        "o": o, "actions": permissions.available_actions(request.user, o), "versions": version_diffs(o),
        "timeline": selectors.timeline_of(o), "instructions": selectors.instructions_for(request.user, o),
        "similar": similar_items(o) if office and o.status == Status.SUBMITTED else [],
        "reports": list(o.reports.all()), "adoptions": list(o.adoptions.all()), "can_edit": permissions.can_edit(request.user, o),
        "office": office, "units": handling_units(request.user) if office else [], "today": timezone.localdate().isoformat(),
        "flags": selectors.flags_of(o),  # whoever may read the item sees a 抄袭/不实 finding on it (authors, unit, office)
        "can_flag": permissions.can_flag(request.user, o), "score_lines": _score_lines(request.user, o), "flag_kinds": OpinionFlag.Kind.choices, **choices()})


def _score_lines(user, o: Opinion) -> list:
    """The item's points (each fact once: the first author's lines), for the viewers of 计分与排名."""
    from . import scoring

    if not scoring.can_view_scores(user):
        return []
    lines = o.score_entries.filter(beneficiary="author", is_primary=True).select_related("fact_type").order_by(
        "fact_date", "rule", "id")
    return scoring.fact_labels(lines)
