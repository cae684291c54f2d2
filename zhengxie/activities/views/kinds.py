"""活动类型 (configurable kinds): the list for organisers and leaders, add/edit for the administrator."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role

from .. import permissions, services
from ..models import ActivityKind
from ._common import fail, require

CHECKED = {"1", "on", "true", "yes"}


def _templates_text(kind: ActivityKind | None) -> str:
    return "\n".join(f"{t.get('name', '')} {t.get('unit', '')}" for t in (kind.outcome_templates if kind else []) or [])


def _form_page(request, kind, data, status=200):
    return render(request, "activities/kind_form.html", {
        "kind": kind, "data": data, "categories": ActivityKind.Category.choices, "roles": Role.choices,
        "title": f"修改活动类型：{kind.name}" if kind else "新增活动类型"}, status=status)


def _data(request, kind=None) -> dict:
    if request.method == "POST":
        p = request.POST
        return {"code": p.get("code", ""), "name": p.get("name", ""), "category": p.get("category", ""),
                "leave_approver_role": p.get("leave_approver_role", ""),
                "signin_required": p.get("signin_required") in CHECKED,
                "counts_for_points": p.get("counts_for_points") in CHECKED,
                "is_active": p.get("is_active") in CHECKED, "outcome_templates": p.get("outcome_templates", "")}
    if kind is None:
        return {"code": "", "name": "", "category": ActivityKind.Category.OTHER, "leave_approver_role": Role.COMMITTEE_STAFF,
                "signin_required": True, "counts_for_points": True, "is_active": True, "outcome_templates": ""}
    return {"code": kind.code, "name": kind.name, "category": kind.category, "leave_approver_role": kind.leave_approver_role,
            "signin_required": kind.signin_required, "counts_for_points": kind.counts_for_points,
            "is_active": kind.is_active, "outcome_templates": _templates_text(kind)}


@login_required
def kinds(request):
    require(permissions.can_view_kinds(request.user), "只有机关工作人员和领导可以查看活动类型。")
    q = request.GET.get("q", "").strip()
    qs = ActivityKind.objects.filter(cppcc_id=request.user.cppcc_id)
    if q:
        qs = qs.filter(name__icontains=q) | qs.filter(code__icontains=q)
    rows = [{"kind": k, "templates": _templates_text(k).replace("\n", "、")} for k in qs.order_by("sort", "id")]
    return render(request, "activities/kinds.html", {"rows": rows, "q": q, "can_manage": permissions.can_manage_kinds(request.user)})


@login_required
def kind_create(request):
    require(permissions.can_manage_kinds(request.user), "只有管理员可以新增活动类型。")
    data = _data(request)
    if request.method == "POST":
        try:
            kind = services.activity_kind_create(cppcc=request.user.cppcc, by=request.user, code=data["code"], name=data["name"],
                                                 category=data["category"], leave_approver_role=data["leave_approver_role"],
                                                 signin_required=data["signin_required"],
                                                 counts_for_points=data["counts_for_points"],
                                                 outcome_templates=data["outcome_templates"])
        except ApplicationError as exc:
            return _form_page(request, None, data, status=fail(request, exc))
        messages.success(request, f"已新增活动类型“{kind.name}”。")
        return redirect("activities:kinds")
    return _form_page(request, None, data)


@login_required
def kind_edit(request, pk):
    require(permissions.can_manage_kinds(request.user), "只有管理员可以修改活动类型。")
    kind = get_object_or_404(ActivityKind, pk=pk, cppcc_id=request.user.cppcc_id)
    data = _data(request, kind)
    if request.method == "POST":
        try:
            services.activity_kind_update(kind=kind, by=request.user, name=data["name"], category=data["category"],
                                          leave_approver_role=data["leave_approver_role"],
                                          signin_required=data["signin_required"], is_active=data["is_active"],
                                          counts_for_points=data["counts_for_points"],
                                          outcome_templates=data["outcome_templates"])
        except ApplicationError as exc:
            return _form_page(request, kind, data, status=fail(request, exc))
        messages.success(request, f"已保存活动类型“{data['name'].strip()}”。")
        return redirect("activities:kinds")
    return _form_page(request, kind, data)
