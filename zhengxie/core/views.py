from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseServerError
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengxie.accounts.selectors import roles_of

from . import config, selectors, services, todos
from . import home as home_page
from .excel import xlsx_response
from .exceptions import ApplicationError
from .forms import AuditFilterForm, CalendarDayForm, ConfigSetForm
from .permissions import can_edit_calendar, can_manage_config, can_view_audit


def _errors(form) -> str:
    return "；".join(str(e) for errs in form.errors.values() for e in errs)


@login_required
def home(request):
    roles = roles_of(request.user)
    return render(request, "core/home.html", {"todos": todos.todos_for(request.user), "roles": roles,
                                              "hints": home_page.hints_for(roles), "quick_links": home_page.quick_links(roles)})


# Audit log -----------------------------------------------------------------------------------------

def _audit_query(request):
    if not can_view_audit(request.user):
        raise PermissionDenied("只有系统管理员可以查看审计日志。")
    form = AuditFilterForm(request.GET or None)
    return form, selectors.audit_list_for(request.user, **form.filters())


@login_required
def audit(request):
    form, rows = _audit_query(request)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    ctx = {"form": form, "page": page, "rows": selectors.audit_rows(page), **selectors.audit_filter_choices(request.user)}
    return render(request, "core/audit.html", ctx)


@login_required
def audit_export(request):
    _form, rows = _audit_query(request)
    data = [[r["row"].at, r["row"].actor_name, r["action_label"], r["row"].action, r["type_label"], r["row"].object_repr,
             "；".join(f"{c.field}：{c.old or '（新建）'} → {c.new or '（删除）'}" for c in r["changes"]), r["row"].ip] for r in selectors.audit_rows(rows[:5000])]
    return xlsx_response("审计日志", ["时间", "操作人", "操作", "操作代码", "对象类型", "对象", "变更", "IP"], data)


# Parameters ----------------------------------------------------------------------------------------

def _config_page(request, *, status: int = 200, form=None):
    if not can_manage_config(request.user):
        raise PermissionDenied("只有系统管理员可以修改参数配置。")
    ctx = {"sections": selectors.config_overview(request.user), "today": timezone.localdate(), "failed": form}
    return render(request, "core/config.html", ctx, status=status)


@login_required
def config_page(request):
    return _config_page(request)


@login_required
@require_POST
def config_set_view(request):
    form = ConfigSetForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_errors(form))
        param = config.REGISTRY.get(form.cleaned_data["key"])
        if param is None:
            raise ApplicationError("没有这个参数，请刷新页面后重试。")
        value = config.parse(param, form.cleaned_data["value"])
        config.config_set(cppcc=request.user.cppcc, key=param.key, value=value, valid_from=form.cleaned_data["valid_from"],
                          by=request.user, note=form.cleaned_data["note"])
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _config_page(request, status=400, form=form)
    messages.success(request, f"「{param.label}」已设置，自 {form.cleaned_data['valid_from']:%Y-%m-%d} 起生效。")
    return redirect(reverse("core:config") + f"#p-{param.key}")


# Holiday table -------------------------------------------------------------------------------------

def _calendar_page(request, *, year: int, form=None, status: int = 200):
    if not can_manage_config(request.user):
        raise PermissionDenied("只有系统管理员可以查看节假日安排。")
    years = selectors.calendar_years()
    ctx = {"year": year, "years": years, "coverage": selectors.calendar_coverage(years), "days": selectors.calendar_days(year),
           "form": form or CalendarDayForm(), "can_edit": can_edit_calendar(request.user)}
    return render(request, "core/calendar.html", ctx, status=status)


@login_required
def calendar(request):
    year = request.GET.get("year", "")
    return _calendar_page(request, year=int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else timezone.localdate().year)


@login_required
@require_POST
def calendar_set(request):
    form = CalendarDayForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(_errors(form))
        day = services.calendar_day_set(by=request.user, **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _calendar_page(request, year=timezone.localdate().year, form=form, status=400)
    messages.success(request, f"已保存 {day.date:%Y-%m-%d} 的安排。")
    return redirect(reverse("core:calendar") + f"?year={day.date.year}")


@login_required
@require_POST
def calendar_delete(request, pk: int):
    day = selectors.calendar_day_get(pk)
    services.calendar_day_delete(day=day, by=request.user)
    messages.success(request, f"已删除 {day.date:%Y-%m-%d} 的安排。")
    return redirect(reverse("core:calendar") + f"?year={day.date.year}")


# Error pages ---------------------------------------------------------------------------------------

def _error(request, status: int, title: str, text: str):
    return render(request, "errors/error.html", {"status": status, "title": title, "text": text}, status=status)


def error_400(request, exception=None):
    return _error(request, 400, "请求有误", "提交的内容无法处理，请返回检查后重试。")


def error_403(request, exception=None):
    text = str(exception) if exception and str(exception) else "您没有权限查看此页面或执行此操作。"
    return _error(request, 403, "没有权限", text)


def error_404(request, exception=None):
    return _error(request, 404, "页面不存在", "没有找到您要访问的页面，或该记录不在您的权限范围内。")


def error_500(request):
    """Self-contained: no context processors, no database (the failure may be the database)."""
    return HttpResponseServerError(loader.get_template("errors/500.html").render({}))


def csrf_failure(request, reason: str = ""):
    return _error(request, 403, "页面已过期", "表单已过期或来源无法验证（可能停留过久或在多个窗口中打开）。请刷新页面后重新提交。")
