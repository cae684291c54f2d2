"""Write pages of the 社情民意 module: every action the services offer. Thin views: parse the form, call one
service, report its Chinese message; the buttons shown are the actions `permissions` allows."""
from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhengxie.accounts.selectors import has_role
from zhengxie.core.excel import xlsx_response
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role

from . import exports, permissions, selectors, services
from . import views_lookups as look
from .models import Adoption, Article, Informant, Instruction, Issue, Level, ReportingUnit, UpwardReport
from .services.submission import length_warning


def _date(value, label="日期"):
    try:
        return dt.date.fromisoformat((value or "").strip())
    except ValueError:
        raise ApplicationError(f"请填写正确的{label}（如 2023-06-01）。") from None


def _fail(request, exc, template, context):
    messages.error(request, exc.message)
    return render(request, template, {**context, "form": request.POST}, status=400)


def _act(request, fn, ok: str, back: str, template: str | None = None, context: dict | None = None):
    """Run one service call; on a refused input show the message (re-render with 400, or back to the page)."""
    try:
        result = fn()
    except ApplicationError as exc:
        if template:
            return _fail(request, exc, template, context or {})
        messages.error(request, exc.message)
        return redirect(back)
    messages.success(request, ok)
    return result if isinstance(result, HttpResponse) else redirect(back)


def _file(data: bytes, name: str, mime: str) -> HttpResponse:
    resp = HttpResponse(data, content_type=mime)
    resp["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return resp


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEXT = ("title", "situation", "analysis", "suggestions")


# Reporters: draft, submit, resubmit ---------------------------------------------------------------

def _form_context(request, o=None) -> dict:
    return {"o": o, "units": selectors.reporting_units_for(request.user).filter(is_active=True),
            "topics": selectors.topics_for(request.user), "commissions": selectors.commissions_of(request.user),
            "warn": length_warning(o) if o else ""}


def _save_and_maybe_submit(request, o):
    if "submit" in request.POST:
        fn = services.opinion_resubmit if o.status == "returned" else services.opinion_submit
        o = fn(opinion=o, by=request.user)
        messages.success(request, "已报送，信息编辑初筛后会通知您。")
    else:
        messages.success(request, "草稿已保存。" + (length_warning(o) or ""))
    return redirect("opinions:detail", o.pk)


@login_required
def opinion_new(request):
    if not permissions.can_create(request.user):
        raise PermissionDenied("只有委员、特邀信息员和信息报送单位可以报送社情民意信息。")
    ctx = _form_context(request)
    if request.method != "POST":
        return render(request, "opinions/write/form.html", {**ctx, "form": request.GET})
    p = request.POST
    try:
        o = services.opinion_create(by=request.user, **{k: p.get(k, "") for k in TEXT}, is_urgent=bool(p.get("is_urgent")),
                                    reporting_unit=look.unit_get(request.user, p.get("unit")) if p.get("unit") else None,
                                    topic=look.topic_get(request.user, p.get("topic")),
                                    commission=look.commission_mine(request.user, p.get("commission")))
        return _save_and_maybe_submit(request, o)
    except ApplicationError as exc:
        return _fail(request, exc, "opinions/write/form.html", ctx)


@login_required
def opinion_change(request, pk: int):
    o = selectors.opinion_get_for(request.user, pk)
    if not permissions.can_edit(request.user, o):
        raise PermissionDenied("只有反映人可以在草稿或退回修改时修改信息。")
    ctx = _form_context(request, o)
    if request.method != "POST":
        return render(request, "opinions/write/form.html", {**ctx, "form": {k: getattr(o, k) for k in TEXT}})
    try:
        o = services.opinion_update(opinion=o, by=request.user, **{k: request.POST.get(k, "") for k in TEXT})
        return _save_and_maybe_submit(request, o)
    except ApplicationError as exc:
        return _fail(request, exc, "opinions/write/form.html", ctx)


# Screening ---------------------------------------------------------------------------------------

SCREEN = {
    "submit": (lambda o, by, t: services.opinion_submit(opinion=o, by=by), "已报送。"),
    "resubmit": (lambda o, by, t: services.opinion_resubmit(opinion=o, by=by), "已重新报送。"),
    "accept": (lambda o, by, t: services.opinion_accept(opinion=o, by=by, note=t), "已初筛采用，可编辑或报送。"),
    "return": (lambda o, by, t: services.opinion_return(opinion=o, by=by, comments=t), "已退回修改，反映人会收到修改意见。"),
    "not_use": (lambda o, by, t: services.opinion_not_use(opinion=o, by=by, reason=t), "已作不采用处理。"),
}


@login_required
@require_POST
def opinion_act(request, pk: int, action: str):
    o = selectors.opinion_get_for(request.user, pk)
    if action not in SCREEN or not permissions.can(request.user, action, o):
        raise PermissionDenied("您不能对这篇信息执行该操作。")
    fn, ok = SCREEN[action]
    return _act(request, lambda: fn(o, request.user, request.POST.get("text", "")), ok, o.get_absolute_url())


# Editing ----------------------------------------------------------------------------------------

@login_required
def opinion_editing(request, pk: int):
    o = selectors.opinion_get_for(request.user, pk)
    if not permissions.can(request.user, "edit", o):
        raise PermissionDenied("只有信息编辑可以编辑已采用的信息。")
    if request.method != "POST":
        return render(request, "opinions/write/editing.html", {"o": o, "form": {k: getattr(o, k) for k in TEXT}})
    fields = {k: request.POST.get(k, "") for k in TEXT}
    return _act(request, lambda: services.opinion_edit(opinion=o, by=request.user, note=request.POST.get("note", ""), **fields),
                "已保存新版本，反映人可以看到修改之处。", o.get_absolute_url(), "opinions/write/editing.html", {"o": o})


@login_required
def article_new(request):
    if not permissions.can_manage(request.user):
        raise PermissionDenied("只有信息编辑可以编发稿件。")
    ids = request.POST.getlist("items") or request.GET.getlist("items")
    chosen = look.opinions_by_ids(request.user, ids)
    ctx = {"chosen": chosen, "candidates": look.editable_items(request.user)[:200], "kinds": Article.Kind.choices}
    if request.method != "POST" or "save" not in request.POST:
        return render(request, "opinions/write/article.html", {**ctx, "form": {
            "title": chosen[0].title if chosen else "", "body": "\n\n".join(o.body for o in chosen),
            "author_line": "　".join(o.reporter_name for o in chosen), "kind": "combined" if len(chosen) > 1 else "single"}})
    p = request.POST
    return _act(request, lambda: services.article_create(items=chosen, by=request.user, kind=p.get("kind", ""),
                                                         title=p.get("title", ""), body=p.get("body", ""),
                                                         author_line=p.get("author_line", "")),
                "编发稿已生成，可编入期刊。", "opinions:issues", "opinions/write/article.html", ctx)


# Periodicals ------------------------------------------------------------------------------------

@login_required
@require_POST
def issue_new(request):
    if not permissions.can_manage(request.user):
        raise PermissionDenied("只有信息编辑可以组稿。")
    p = request.POST
    try:
        issue = services.issue_create(by=request.user, series=p.get("series", ""), date=_date(p.get("date"), "出刊日期"),
                                      distribution=p.get("distribution", ""), reader_ids=p.getlist("readers"))
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("opinions:issues")
    messages.success(request, "已新建期刊，请编入稿件并排序。")
    return redirect(issue.get_absolute_url())


@login_required
def issue_detail(request, pk: int):
    issue = selectors.issue_get_for(request.user, pk)
    editor = permissions.is_editor(request.user, issue) and issue.state == Issue.State.DRAFT
    return render(request, "opinions/write/issue.html", {
        "issue": issue, "articles": selectors.issue_articles(issue), "editor": editor,
        "can_sign": permissions.can_sign_issue(request.user, issue) and issue.state == Issue.State.DRAFT,
        "unplaced": list(selectors.unplaced_articles(request.user)) if editor else []})


@login_required
@require_POST
def issue_change(request, pk: int, op: str):
    issue = selectors.issue_get_for(request.user, pk)
    by, p = request.user, request.POST
    ops = {
        "add": lambda: services.issue_add_article(issue=issue, article=look.article_get(by, p.get("article")), by=by),
        "remove": lambda: services.issue_remove_article(issue=issue, article=look.article_get(by, p.get("article")), by=by),
        "up": lambda: services.issue_reorder(issue=issue, article_ids=_moved_up(issue, p.get("article")), by=by),
        "sign": lambda: services.issue_sign(issue=issue, by=by),
    }
    if op not in ops:
        raise PermissionDenied("不支持的操作。")
    ok = {"add": "已编入本期。", "remove": "已撤出本期。", "up": "已调整顺序。", "sign": "已签发，期号已生成。"}[op]
    return _act(request, ops[op], ok, issue.get_absolute_url())


def _moved_up(issue, article_id) -> list[int]:
    ids = [a.pk for a in selectors.issue_articles(issue)]
    k = ids.index(int(article_id)) if str(article_id).isdigit() and int(article_id) in ids else 0
    if k > 0:
        ids[k - 1], ids[k] = ids[k], ids[k - 1]
    return ids


@login_required
def issue_download(request, pk: int, fmt: str):
    issue = selectors.issue_get_for(request.user, pk)
    if fmt == "pdf":
        return _file(exports.issue_pdf(issue), f"{issue}.pdf", "application/pdf")
    return _file(exports.issue_docx(issue), f"{issue}.docx", DOCX)


@login_required
def opinion_docx(request, pk: int):
    o = selectors.opinion_get_for(request.user, pk)
    return _file(exports.opinion_docx(o), f"{o.title}.docx", DOCX)


# Upward reporting, adoption, 批示 ----------------------------------------------------------------

@login_required
def report_up(request):
    if not permissions.can_manage(request.user):
        raise PermissionDenied("只有信息编辑可以报送上级。")
    ctx = {"rows": look.reportable_items(request.user, q=request.GET.get("q", ""))[:300], "targets": UpwardReport.Target.choices,
           "today": dt.date.today().isoformat(), "params": request.GET}
    if request.method != "POST":
        return render(request, "opinions/write/report.html", ctx)
    p = request.POST
    chosen = look.opinions_by_ids(request.user, p.getlist("items"))
    return _act(request, lambda: services.opinion_report_up(opinions=chosen, target=p.get("target", ""), by=request.user,
                                                            reported_at=_date(p.get("reported_at"), "报送日期"),
                                                            batch=p.get("batch", "")),
                f"已报送{len(chosen)}篇，可下载报送包。", "opinions:report", "opinions/write/report.html", ctx)


@login_required
def report_package(request):
    if not permissions.can_manage(request.user):
        raise PermissionDenied("只有信息编辑可以下载报送包。")
    reports = list(look.reports_for(request.user, target=request.GET.get("target", ""), date=request.GET.get("date", "")))
    if not reports:
        messages.error(request, "这一天没有报送记录，无法生成报送包。")
        return redirect("opinions:report")
    return _file(exports.report_package(reports), "社情民意报送包.zip", "application/zip")


@login_required
@require_POST
def opinion_adopt(request, pk: int):
    o = selectors.opinion_get_for(request.user, pk)
    if not permissions.can(request.user, "adopt", o):
        raise PermissionDenied("只能在已报送的信息上登记上级采用（信息编辑）。")
    p = request.POST
    return _act(request, lambda: services.adoption_record(
        opinion=o, by=request.user, level=p.get("level", ""), mode=p.get("mode", ""),
        adopted_at=_date(p.get("adopted_at"), "采用日期"), source_document=p.get("source_document", ""),
        by_org=p.get("by_org", ""), issue_ref=p.get("issue_ref", "")), "已登记上级采用。", o.get_absolute_url())


@login_required
@require_POST
def opinion_instruct(request, pk: int):
    o = selectors.opinion_get_for(request.user, pk)
    if not permissions.can(request.user, "instruct", o):
        raise PermissionDenied("该信息尚未编发或报送，或您不能登记领导批示。")
    p = request.POST
    return _act(request, lambda: services.instruction_record(
        target=o, by=request.user, leader_name=p.get("leader_name", ""), leader_level=p.get("leader_level", ""),
        date=_date(p.get("date"), "批示日期"), text=p.get("text", ""), source_document=p.get("source_document", ""),
        text_visible=bool(p.get("text_visible"))), "已登记领导批示。", o.get_absolute_url())


@login_required
@require_POST
def opinion_flag(request, pk: int):
    """抄袭/不实认定 (信息编辑、审核签发)."""
    o = selectors.opinion_get_for(request.user, pk)
    if not permissions.can_flag(request.user, o):
        raise PermissionDenied("只有信息编辑和审核签发人员可以认定抄袭/不实。")
    p = request.POST
    try:
        day = _date(p.get("date"), "认定日期") if p.get("date") else None
        outcome = services.opinion_flag(opinion=o, by=request.user, kind=p.get("kind", ""), reason=p.get("reason", ""),
                                        evidence=p.get("evidence", ""), date=day)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(o.get_absolute_url())
    messages.success(request, "；".join(x for x in ["已认定，该信息不再计分，并按分值表扣分", outcome.message] if x) + "。")
    return redirect(o.get_absolute_url())


@login_required
@require_POST
def opinion_unflag(request, pk: int):
    o = selectors.opinion_get_for(request.user, pk)
    if not permissions.can_flag(request.user, o):
        raise PermissionDenied("只有信息编辑和审核签发人员可以撤销抄袭/不实认定。")
    try:
        outcome = services.opinion_unflag(opinion=o, by=request.user, reason=request.POST.get("reason", ""))
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(o.get_absolute_url())
    messages.success(request, "；".join(x for x in ["已撤销认定，该信息恢复计分", outcome.message] if x) + "。")
    return redirect(o.get_absolute_url())


@login_required
def adoption_import(request):
    if not permissions.can_manage(request.user):
        raise PermissionDenied("只有信息编辑可以导入采用通报。")
    if request.method != "POST":
        return render(request, "opinions/write/import.html", {})
    try:
        outcome = services.adoption_import(fileobj=request.FILES.get("file"), by=request.user,
                                           source_document=request.POST.get("source_document", ""))
    except ApplicationError as exc:
        return _fail(request, exc, "opinions/write/import.html", {})
    if not outcome.ok:
        messages.error(request, f"有{len(outcome.errors)}行无法对应，一条也没有写入。请修改后重新导入。")
        return render(request, "opinions/write/import.html", {"errors": outcome.errors, "form": request.POST}, status=400)
    messages.success(request, f"已导入{len(outcome.adoptions)}条采用记录。")
    return redirect("opinions:import")


def choices() -> dict:
    return {"levels": Level.choices, "modes": Adoption.Mode.choices, "leader_levels": Instruction.LeaderLevel.choices}


# Lists: Excel export ------------------------------------------------------------------------------

@login_required
def opinion_export(request):
    if not has_role(request.user, *permissions.OFFICE_ROLES, Role.LEADER):
        raise PermissionDenied("只有信息编辑和审核签发人员可以导出。")
    g = request.GET
    qs = selectors.opinion_list_for(request.user, q=g.get("q", ""), status=g.get("status", ""), year=g.get("year", ""),
                                    unit=g.get("unit", "") if g.get("unit", "").isdigit() else "")
    rows = ([o.title, o.reporter_name, str(o.reporting_unit or ""), o.get_status_display(), o.received_at] for o in qs)
    return xlsx_response("社情民意信息", ["标题", "反映人", "报送单位", "状态", "收到时间"], rows)


@login_required
def issue_export(request):
    g = request.GET
    qs = selectors.issue_list_for(request.user, year=g.get("year", ""), series=g.get("series", ""), q=g.get("q", ""),
                                  state=g.get("state", ""))
    rows = ([str(i), i.date, len(i.articles.all()), i.get_state_display(), i.signed_at, i.distribution] for i in qs)
    return xlsx_response("期刊", ["期刊", "出刊日期", "稿件(篇)", "状态", "签发时间", "报送范围"], rows)


# 策划: 重点选题, 约稿 -------------------------------------------------------------------------------

@login_required
def planning(request):
    if not permissions.can_manage(request.user):
        raise PermissionDenied("只有信息编辑可以发布选题和约稿。")
    ctx = {"topics": selectors.topics_for(request.user), "commissions": look.commissions_all(request.user),
           "users": look.users_of(request.user)}
    if request.method != "POST":
        return render(request, "opinions/write/planning.html", ctx)
    p, by = request.POST, request.user
    if p.get("form") == "topic":
        fn = lambda: services.topic_create(by=by, period_label=p.get("period_label", ""), title=p.get("title", ""),  # noqa: E731
                                          start_date=_date(p.get("start_date"), "开始日期"),
                                          end_date=_date(p.get("end_date"), "结束日期"), description=p.get("description", ""))
        return _act(request, fn, "已发布重点选题。", "opinions:planning", "opinions/write/planning.html", ctx)
    fn = lambda: services.commission_create(by=by, title=p.get("title", ""), assignee_ids=p.getlist("assignees"),  # noqa: E731
                                           due_date=_date(p.get("due_date"), "交稿期限"), brief=p.get("brief", ""),
                                           topic=look.topic_get(by, p.get("topic")))
    return _act(request, fn, "已发出约稿，约稿对象会收到待办和通知。", "opinions:planning", "opinions/write/planning.html", ctx)


@login_required
@require_POST
def commission_cancel(request, pk: int):
    c = look.commission_get(request.user, pk)
    return _act(request, lambda: services.commission_cancel(commission=c, by=request.user, reason=request.POST.get("reason", "")),
                "已撤销约稿。", "opinions:planning")


@login_required
def my_commissions(request):
    return render(request, "opinions/write/commissions.html", {"rows": selectors.commissions_of(request.user)})


# 特邀信息员 and 报送单位 ---------------------------------------------------------------------------

@login_required
def reporters(request):
    if not permissions.can_manage(request.user):
        raise PermissionDenied("只有信息编辑可以管理特邀信息员和报送单位。")
    ctx = {"informants": look.informants(request.user), "units": selectors.reporting_units_for(request.user),
           "users": look.users_of(request.user), "orgs": look.organisations(request.user),
           "unit_kinds": ReportingUnit.Kind.choices, "states": Informant.State.choices}
    if request.method != "POST":
        return render(request, "opinions/write/reporters.html", ctx)
    p, by = request.POST, request.user
    if p.get("form") == "informant":
        fn = lambda: services.informant_appoint(  # noqa: E731
            by=by, user=look.user_get(by, p.get("user")) or _missing("请选择特邀信息员的账号。"),
            appointed_at=_date(p.get("appointed_at"), "聘任日期"),
            term_end=_date(p.get("term_end"), "聘期截止") if p.get("term_end") else None,
            yearly_duty=int(p.get("yearly_duty") or 0) or None, employer=p.get("employer", ""))
        return _act(request, fn, "已聘任特邀信息员。", "opinions:reporters", "opinions/write/reporters.html", ctx)
    if p.get("form") == "state":
        inf = look.informant_get(by, p.get("informant"))
        fn = lambda: services.informant_set_state(informant=inf, by=by, state=p.get("state", ""), note=p.get("note", ""))  # noqa: E731
        return _act(request, fn, "已更新特邀信息员状态。", "opinions:reporters")
    fn = lambda: services.reporting_unit_save(  # noqa: E731
        by=by, name=p.get("name", ""), kind=p.get("kind", ""), unit=look.unit_get(by, p.get("unit")),
        organisation=look.organisation_get(by, p.get("organisation")), leader_name=p.get("leader_name", ""),
        liaison=look.user_get(by, p.get("liaison")), yearly_quota=int(p.get("yearly_quota") or 0),
        is_active=p.get("is_active", "1") == "1")
    return _act(request, fn, "已保存信息报送单位。", "opinions:reporters", "opinions/write/reporters.html", ctx)


def _missing(message: str):
    raise ApplicationError(message)


# 批示: 转办 and 反馈 ------------------------------------------------------------------------------------

@login_required
@require_POST
def instruction_transfer(request, pk: int):
    ins = look.instruction_get(request.user, pk)
    unit = look.organisation_get(request.user, request.POST.get("unit"))
    return _act(request, lambda: services.instruction_transfer(instruction=ins, unit=unit, by=request.user,
                                                               note=request.POST.get("note", "")),
                "已转办，承办单位会收到通知。", f"/opinions/{ins.object_id}/")


@login_required
def instruction_inbox(request):
    rows = look.instructions_to_handle(request.user)
    if request.method != "POST":
        return render(request, "opinions/write/instructions.html", {"rows": rows})
    ins = look.instruction_get(request.user, request.POST.get("instruction"))
    return _act(request, lambda: services.instruction_feedback(instruction=ins, by=request.user,
                                                               text=request.POST.get("text", "")),
                "已反馈办理情况。", "opinions:instructions")
