"""选题目录 pages: catalogues (members read published ones), topics, 线索 screening, and citing from a proposal."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengxie.core.excel import xlsx_response
from zhengxie.core.htmx import render_page
from zhengxie.intake import permissions as intake_permissions
from zhengxie.intake import selectors as intake_selectors
from zhengxie.proposals import permissions as proposal_permissions

from . import documents, forms, permissions, selectors, services
from .figures import CLUE_CONSUMER
from .models import Clue

CLUE_HEADERS = ["线索标题", "内容", "来源", "提出单位/人", "类别", "状态", "编入选题", "不予采纳理由", "收到时间"]


def _err(request, exc: ValidationError) -> None:
    messages.error(request, "；".join(exc.messages))


def _local(value) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def _page(request, qs):
    page = Paginator(qs, 20).get_page(request.GET.get("page"))
    params = request.GET.copy()
    for name in ("page", "format"):
        params.pop(name, None)
    return {"page": page, "page_range": page.paginator.get_elided_page_range(page.number), "querystring": params.urlencode()}


def _staff(request) -> bool:
    return permissions.is_staff(request.user)


# 目录 -------------------------------------------------------------------------------------------------

@login_required
def index(request):
    staff = _staff(request)
    form = forms.CatalogueCreateForm(request.user, request.POST or None) if staff else None
    if request.method == "POST":
        if not staff:
            raise PermissionDenied("只有提案委工作人员可以新建选题目录。")
        if form.is_valid():
            try:
                cat = services.catalogue_create(by=request.user, meeting=form.cleaned_data["meeting"],
                                                title=form.cleaned_data["title"])
            except ValidationError as exc:
                _err(request, exc)
            else:
                messages.success(request, "目录已新建。请添加选题，完成后发布。")
                return redirect(cat.get_absolute_url())
    cats = list(selectors.catalogue_list_for(request.user))
    for c in cats:
        c.cov = selectors.coverage(c)
    return render(request, "topics/index.html", {
        "catalogues": cats, "form": form, "staff": staff, "can_submit_clue": permissions.can_submit_clue(request.user),
        "clue_counts": selectors.clue_counts(request.user) if staff else {}})


@login_required
def catalogue(request, pk):
    cat = selectors.catalogue_get_for(request.user, pk)
    can_edit = permissions.can_edit_catalogue(request.user, cat)
    return render(request, "topics/catalogue.html", {
        "cat": cat, "topics": selectors.topics_of(cat), "cov": selectors.coverage(cat), "can_edit": can_edit,
        "edit_form": forms.CatalogueEditForm(initial={"title": cat.title, "intro": cat.intro}) if can_edit else None,
        "n_mergeable": selectors.mergeable_clues(request.user).count() if can_edit else 0})


@login_required
def catalogue_docx(request, pk):
    return documents.catalogue_response(selectors.catalogue_get_for(request.user, pk))


@login_required
@require_POST
def catalogue_act(request, pk, action):
    cat = selectors.catalogue_get_for(request.user, pk)
    try:
        if action == "publish":
            services.catalogue_publish(by=request.user, catalogue=cat)
            messages.success(request, "目录已发布，委员和各参加单位已收到通知，撰写提案时可引用选题。")
        elif action == "withdraw":
            services.catalogue_withdraw(by=request.user, catalogue=cat, reason=request.POST.get("reason", ""))
            messages.success(request, "目录已撤回修改，委员暂时看不到。修改后请重新发布。")
        elif action == "edit":
            form = forms.CatalogueEditForm(request.POST)
            if not form.is_valid():
                raise ValidationError("请填写目录标题。")
            services.catalogue_update(by=request.user, catalogue=cat, **form.cleaned_data)
            messages.success(request, "目录信息已保存。")
        else:
            raise PermissionDenied("不支持的操作。")
    except ValidationError as exc:
        _err(request, exc)
    return redirect(cat.get_absolute_url())


# 选题 -------------------------------------------------------------------------------------------------

@login_required
def topic_detail(request, pk):
    t = selectors.topic_get_for(request.user, pk)
    staff = permissions.can_edit_catalogue(request.user, t.catalogue)
    return render(request, "topics/topic.html", {
        "t": t, "staff": staff, "clues": t.clues.select_related("org").order_by("created_at") if staff else None,
        "n_clues": t.clues.count(), "proposals": selectors.citing_proposals_for(request.user, t)[:200],
        "units": t.suggested_units.all(), "can_propose": proposal_permissions.can_create(request.user)})


def _topic_form_page(request, cat, form, t=None, status=200):
    return render(request, "topics/topic_form.html", {"cat": cat, "form": form, "t": t}, status=status)


@login_required
def topic_new(request, pk):
    cat = selectors.catalogue_get_for(request.user, pk)
    if not permissions.can_edit_catalogue(request.user, cat):
        raise PermissionDenied("只有提案委工作人员可以编辑选题目录。")
    initial = {"clues": [int(i) for i in request.GET.get("clues", "").split(",") if i.isdigit()]}
    form = forms.TopicForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            t = services.topic_save(by=request.user, catalogue=cat, title=d["title"], description=d["description"],
                                    category=d["category"], units=d["units"], clue_ids=[c.pk for c in d["clues"]])
        except ValidationError as exc:
            form.add_error(None, "；".join(exc.messages))
        else:
            messages.success(request, f"选题已添加{'，并归并了' + str(len(d['clues'])) + '条线索' if d['clues'] else ''}。")
            return redirect(t.get_absolute_url())
    return _topic_form_page(request, cat, form, status=400 if request.method == "POST" else 200)


@login_required
def topic_edit(request, pk):
    t = selectors.topic_get_for(request.user, pk)
    cat = t.catalogue
    if not permissions.can_edit_catalogue(request.user, cat):
        raise PermissionDenied("只有提案委工作人员可以编辑选题目录。")
    initial = {"title": t.title, "description": t.description, "category": t.category_id,
               "units": list(t.suggested_units.values_list("pk", flat=True)),
               "clues": list(t.clues.values_list("pk", flat=True))}
    form = forms.TopicForm(request.user, request.POST or None, initial=initial, topic=t)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            keep = {c.pk for c in d["clues"]}
            with transaction.atomic():
                for c in t.clues.exclude(pk__in=keep):
                    services.clue_unmerge(by=request.user, clue=c)
                services.topic_save(by=request.user, catalogue=cat, topic=t, title=d["title"], description=d["description"],
                                    category=d["category"], units=d["units"], clue_ids=keep)
        except ValidationError as exc:
            form.add_error(None, "；".join(exc.messages))
        else:
            messages.success(request, "选题已保存。")
            return redirect(t.get_absolute_url())
    return _topic_form_page(request, cat, form, t, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def topic_act(request, pk, action):
    t = selectors.topic_get_for(request.user, pk)
    cat_url = t.catalogue.get_absolute_url()
    try:
        if action in ("up", "down"):
            services.topic_move(by=request.user, topic=t, direction=-1 if action == "up" else 1)
            return redirect(cat_url)
        if action == "delete":
            services.topic_delete(by=request.user, topic=t)
            messages.success(request, "选题已删除，其线索已退回“已采纳”。")
            return redirect(cat_url)
        if action == "merge":
            ids = request.POST.getlist("clues")
            services.topic_merge_clues(by=request.user, topic=t, clue_ids=ids)
            messages.success(request, f"已将{len(ids)}条线索归并到本选题。")
            return redirect(t.get_absolute_url())
        raise PermissionDenied("不支持的操作。")
    except ValidationError as exc:
        _err(request, exc)
    return redirect(t.get_absolute_url())


# 线索 ------------------------------------------------------------------------------------------------

TABS = [("public", "公众来信待筛选"), ("pending", "待筛选"), ("accepted", "已采纳待归并"), ("merged", "已编入选题"),
        ("rejected", "不予采纳"), ("all", "全部线索")]


@login_required
def clues(request):
    user = request.user
    staff = _staff(request)
    if not staff and not permissions.can_submit_clue(user):
        raise PermissionDenied("只有提案委工作人员、承办单位和智库专家可以查看提案线索。")
    tab = request.GET.get("tab") or ("public" if staff else "all")
    tab = tab if tab in dict(TABS) else "all"
    ctx = {"staff": staff, "tab": tab, "tabs": TABS if staff else [], "can_submit": permissions.can_submit_clue(user)}
    if staff and tab == "public":
        qs = intake_selectors.submission_list_for(user, consumer=CLUE_CONSUMER, status="new", q=request.GET.get("q", ""))
        ctx.update(_page(request, qs), public=True, q=request.GET.get("q", ""))
        ctx["n_public"] = qs.count()
        return render_page(request, "topics/clues.html", ctx, partial="results")
    form = forms.ClueFilterForm(user, request.GET or None)
    filters = form.filters()
    if tab != "all":
        filters["status"] = tab
    qs = selectors.clue_list_for(user, **filters)
    if request.GET.get("format") == "xlsx":
        rows = [[c.title, c.body, c.get_source_display(), c.submitter_label, c.category.name if c.category_id else "",
                 c.get_status_display(), c.topic.title if c.topic_id else "", c.reject_reason, _local(c.created_at)]
                for c in qs[:5000]]
        return xlsx_response("提案线索", CLUE_HEADERS, rows)
    ctx.update(_page(request, qs), form=form, public=False)
    if staff:
        ctx["catalogues"] = [c for c in selectors.catalogue_list_for(user)]
        ctx["n_public"] = intake_selectors.submission_list_for(user, consumer=CLUE_CONSUMER, status="new").count()
    return render_page(request, "topics/clues.html", ctx, partial="results")


@login_required
def clue_new(request):
    if not permissions.can_submit_clue(request.user):
        raise PermissionDenied("只有承办单位、智库专家和提案委工作人员可以提出提案线索。")
    form = forms.ClueForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            c = services.clue_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, "；".join(exc.messages))
        else:
            messages.success(request, "线索已提交，提案委筛选后编入选题参考目录。" if c.status == Clue.Status.PENDING
                             else "线索已录入（已采纳），可归并到选题。")
            return redirect(c.get_absolute_url())
    return render(request, "topics/clue_form.html", {"form": form}, status=400 if request.method == "POST" else 200)


@login_required
def clue_detail(request, pk):
    c = selectors.clue_get_for(request.user, pk)
    can_screen = permissions.can_screen_clue(request.user, c)
    sub_visible = bool(c.submission_id and intake_permissions.can_screen(request.user, c.submission.channel))
    topics = []
    if can_screen and c.status == Clue.Status.ACCEPTED:
        from .models import Topic

        topics = Topic.objects.filter(cppcc_id=c.cppcc_id).select_related("catalogue").order_by("-catalogue__meeting__start_date", "seq")
    return render(request, "topics/clue.html", {"c": c, "can_screen": can_screen, "sub_visible": sub_visible,
                                                "topics": topics, "catalogues": selectors.catalogue_list_for(request.user)
                                                if can_screen else []})


@login_required
@require_POST
def clue_act(request, pk, action):
    c = selectors.clue_get_for(request.user, pk)
    try:
        if action == "accept":
            services.clue_accept(by=request.user, clue=c)
            messages.success(request, "线索已采纳，可归并到选题。")
        elif action == "reject":
            services.clue_reject(by=request.user, clue=c, reason=request.POST.get("reason", ""))
            messages.success(request, "线索已标记为不予采纳。")
        elif action == "unmerge":
            services.clue_unmerge(by=request.user, clue=c)
            messages.success(request, "线索已移出选题。")
        elif action == "merge":
            t = selectors.topic_get_for(request.user, request.POST.get("topic"))
            services.topic_merge_clues(by=request.user, topic=t, clue_ids=[c.pk])
            messages.success(request, f"线索已归并到选题“{t.title}”。")
        else:
            raise PermissionDenied("不支持的操作。")
    except ValidationError as exc:
        _err(request, exc)
    return redirect(c.get_absolute_url())


@login_required
@require_POST
def clues_merge(request):
    """From the 已采纳 list: selected 线索 → a new 选题 of a catalogue, or into an existing 选题."""
    ids = [i for i in request.POST.getlist("clues") if i.isdigit()]
    if not ids:
        messages.error(request, "请先勾选要归并的线索。")
        return redirect("topics:clues")
    if request.POST.get("topic"):
        t = selectors.topic_get_for(request.user, request.POST["topic"])
        try:
            services.topic_merge_clues(by=request.user, topic=t, clue_ids=ids)
        except ValidationError as exc:
            _err(request, exc)
            return redirect(reverse("topics:clues") + "?tab=accepted")
        messages.success(request, f"已将{len(ids)}条线索归并到选题“{t.title}”。")
        return redirect(t.get_absolute_url())
    cat = selectors.catalogue_get_for(request.user, request.POST.get("catalogue"))
    return redirect(f"/proposals/topics/catalogues/{cat.pk}/topics/new/?clues={','.join(ids)}")


# 提案引用选题 ----------------------------------------------------------------------------------------

@login_required
@require_POST
def cite(request, proposal_pk):
    from zhengxie.proposals import selectors as ps

    p = ps.proposal_get_for(request.user, proposal_pk)
    topic = selectors.topic_get_for(request.user, request.POST["topic"]) if request.POST.get("topic") else None
    try:
        services.citation_set(by=request.user, proposal=p, topic=topic)
        messages.success(request, f"已引用选题“{topic.title}”。" if topic else "已取消引用选题。")
    except ValidationError as exc:
        _err(request, exc)
    return redirect(p.get_absolute_url())
