"""Sign-in, my account, and the administrator's pages for users, roles and organisations."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_POST

from zhengxie.core.excel import xlsx_response
from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.roles import Role

from . import selectors, services
from .forms import (
    LoginForm,
    OrganisationForm,
    RoleAssignForm,
    RoleEndForm,
    TokenForm,
    UserCreateForm,
    UserUpdateForm,
)
from .models import Organisation
from .permissions import can_manage_accounts

SIGNED_IN_COOKIE = "zx_signed_in"  # a browser-session marker: present + no valid session = the session timed out
TIMEOUT_MESSAGE = "登录已超时，请重新登录。"


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "registration/login.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        timed_out = self.request.COOKIES.get(SIGNED_IN_COOKIE) and not self.request.user.is_authenticated
        ctx["timeout_message"] = TIMEOUT_MESSAGE if timed_out or self.request.GET.get("timeout") else ""
        return ctx

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context.get("timeout_message"):
            response.delete_cookie(SIGNED_IN_COOKIE)
        return response

    def form_valid(self, form):
        services.login_record(username=form.get_user().username, success=True, user=form.get_user())
        response = super().form_valid(form)
        response.set_cookie(SIGNED_IN_COOKIE, "1", httponly=True, samesite="Lax")
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            services.logout_record(user=request.user)
        response = super().post(request, *args, **kwargs)
        response.delete_cookie(SIGNED_IN_COOKIE)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"
    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        user = services.user_password_change(user=self.request.user, password=form.cleaned_data["new_password1"], by=self.request.user)
        update_session_auth_hash(self.request, user)
        messages.success(self.request, "密码已修改。")
        return redirect(self.get_success_url())


def _require_admin(request) -> None:
    if not can_manage_accounts(request.user):
        raise PermissionDenied("只有本政协的系统管理员可以管理用户和组织。")


def _page(request, qs, per_page: int = 30):
    return Paginator(qs, per_page).get_page(request.GET.get("page"))


# My account ---------------------------------------------------------------------------------------

def _me(request, *, new_key: str = "", status: int = 200, form=None):
    user = request.user
    ctx = {
        "tokens": selectors.api_tokens_of(user),
        "token_form": TokenForm(),
        "new_key": new_key,
        "assignments": selectors.active_assignments(user),
        "form": form or UserUpdateForm(initial={"display_name": user.display_name, "phone": user.phone, "email": user.email}),
    }
    return render(request, "accounts/me.html", ctx, status=status)


@login_required
def me(request):
    return _me(request)


@login_required
@require_POST
def me_update(request):
    form = UserUpdateForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError("；".join(e for errs in form.errors.values() for e in errs))
        services.user_update(user=request.user, by=request.user, **form.cleaned_data)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _me(request, status=400, form=form)
    messages.success(request, "个人资料已保存。")
    return redirect("accounts:me")


@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    try:
        token, key = services.api_token_create(user=request.user, name=form.data.get("name", ""), by=request.user)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _me(request, status=400)
    messages.success(request, f"令牌「{token.name}」已创建。请立即复制保存，离开本页后将无法再次查看。")
    return _me(request, new_key=key)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = selectors.api_token_get_for(request.user, pk)
    try:
        services.api_token_revoke(token=token, by=request.user)
        messages.success(request, f"令牌「{token.name}」已吊销，使用它的程序将无法再访问。")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(request.POST.get("next") or "accounts:me")


# Users (admin) ------------------------------------------------------------------------------------

def _user_filters(request) -> dict:
    return {"q": request.GET.get("q", "").strip(), "role": request.GET.get("role", ""), "status": request.GET.get("status", "")}


@login_required
def user_list(request):
    _require_admin(request)
    filters = _user_filters(request)
    page = _page(request, selectors.user_list_for(request.user, **filters))
    rows = [(u, selectors.current_role_labels(u)) for u in page]
    return render(request, "accounts/user_list.html", {"page": page, "rows": rows, "filters": filters, "roles": Role.choices})


@login_required
def user_export(request):
    _require_admin(request)
    users = selectors.user_list_for(request.user, **_user_filters(request))
    rows = [[u.username, u.name, u.phone, u.email, "、".join(selectors.current_role_labels(u)), "启用" if u.is_active else "停用",
             u.last_login] for u in users]
    return xlsx_response("用户名单", ["账号", "姓名", "手机", "电子邮箱", "当前角色", "状态", "最近登录"], rows)


@login_required
def user_create(request):
    _require_admin(request)
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(cppcc=request.user.cppcc, by=request.user, **form.cleaned_data)
            messages.success(request, f"已创建用户「{user.name}」，请为其分配角色。")
            return redirect("accounts:user_detail", pk=user.pk)
        except ApplicationError as exc:
            messages.error(request, exc.message)
    return render(request, "accounts/user_create.html", {"form": form}, status=400 if request.method == "POST" else 200)


def _user_detail(request, target, *, status: int = 200, role_form=None, edit_form=None, temp_password: str = ""):
    ctx = {
        "target": target,
        "assignments": selectors.assignments_of(target),
        "role_form": role_form or RoleAssignForm(organisations=selectors.organisation_list_for(request.user)),
        "edit_form": edit_form or UserUpdateForm(initial={"display_name": target.display_name, "phone": target.phone,
                                                          "email": target.email}),
        "end_form": RoleEndForm(),
        "attempts": selectors.login_attempts_of(target),
        "locked": selectors.login_is_locked(target.username),
        "temp_password": temp_password,
    }
    return render(request, "accounts/user_detail.html", ctx, status=status)


@login_required
def user_detail(request, pk: int):
    _require_admin(request)
    return _user_detail(request, selectors.user_get_for(request.user, pk))


def _run(request, target, action, *, success: str, form=None, form_key: str = ""):
    """Run a service for the user-detail page: success → redirect; refusal → message + page again (400)."""
    try:
        if form is not None and not form.is_valid():
            raise ApplicationError("；".join(e for errs in form.errors.values() for e in errs))
        action(form.cleaned_data if form is not None else {})
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return _user_detail(request, target, status=400, **({form_key: form} if form_key else {}))
    messages.success(request, success)
    return redirect("accounts:user_detail", pk=target.pk)


@login_required
@require_POST
def user_update(request, pk: int):
    _require_admin(request)
    target = selectors.user_get_for(request.user, pk)
    form = UserUpdateForm(request.POST)
    return _run(request, target, lambda d: services.user_update(user=target, by=request.user, **d), success="用户资料已保存。",
                form=form, form_key="edit_form")


@login_required
@require_POST
def user_set_active(request, pk: int):
    _require_admin(request)
    target = selectors.user_get_for(request.user, pk)
    activate = request.POST.get("active") == "1"
    service = services.user_activate if activate else services.user_deactivate
    return _run(request, target, lambda d: service(user=target, by=request.user), success="账号已启用。" if activate else "账号已停用。")


@login_required
@require_POST
def user_reset_password(request, pk: int):
    _require_admin(request)
    target = selectors.user_get_for(request.user, pk)
    temporary = services.user_password_reset(user=target, by=request.user)
    messages.success(request, "密码已重置，登录锁定已解除。请将临时密码告知本人，并提醒其登录后立即修改。")
    return _user_detail(request, target, temp_password=temporary)


@login_required
@require_POST
def user_unlock(request, pk: int):
    _require_admin(request)
    target = selectors.user_get_for(request.user, pk)
    return _run(request, target, lambda d: services.login_unlock(user=target, by=request.user), success="登录锁定已解除。")


@login_required
@require_POST
def role_add(request, pk: int):
    _require_admin(request)
    target = selectors.user_get_for(request.user, pk)
    form = RoleAssignForm(request.POST, organisations=selectors.organisation_list_for(request.user))
    return _run(request, target, lambda d: services.role_assign(user=target, by=request.user, **d), success="角色已分配。",
                form=form, form_key="role_form")


@login_required
@require_POST
def role_end(request, pk: int):
    _require_admin(request)
    assignment = selectors.assignment_get_for(request.user, pk)
    form = RoleEndForm(request.POST)
    return _run(request, assignment.user, lambda d: services.role_end(assignment=assignment, by=request.user, **d),
                success="角色截止日期已设置。", form=form)


# Organisations ------------------------------------------------------------------------------------

@login_required
def org_list(request):
    _require_admin(request)
    q, kind = request.GET.get("q", "").strip(), request.GET.get("kind", "")
    sections = selectors.organisation_tree_for(request.user, q=q, kind=kind)
    return render(request, "accounts/org_list.html", {"sections": sections, "q": q, "kind": kind, "kinds": Organisation.Kind.choices})


@login_required
def org_export(request):
    _require_admin(request)
    orgs = selectors.organisation_list_for(request.user, kind=request.GET.get("kind") or None, q=request.GET.get("q", "").strip())
    rows = [[o.get_kind_display(), o.name, o.short_name, o.parent.name if o.parent_id else "", o.get_system_display(),
             o.liaison.name if o.liaison_id else "", o.phone, o.duty, "启用" if o.is_active else "停用"] for o in orgs]
    return xlsx_response("组织机构", ["类型", "名称", "简称", "上级", "系统", "联络人", "联系电话", "职责说明", "状态"], rows)


def _org_form(request, org=None):
    initial = {f: getattr(org, f) for f in services.ORG_FIELDS} if org else {"kind": request.GET.get("kind", ""), "is_active": True}
    return OrganisationForm(request.POST or None, initial=initial, organisations=selectors.organisation_list_for(request.user),
                            users=selectors.users_of_cppcc(request.user))


@login_required
def org_edit(request, pk: int | None = None):
    _require_admin(request)
    org = selectors.organisation_get_for(request.user, pk) if pk else None
    form = _org_form(request, org)
    if request.method == "POST" and form.is_valid():
        try:
            if org:
                services.organisation_update(organisation=org, by=request.user, **form.cleaned_data)
            else:
                org = services.organisation_create(cppcc=request.user.cppcc, by=request.user, **form.cleaned_data)
            messages.success(request, f"组织「{org.name}」已保存。")
            return redirect(reverse("accounts:orgs") + f"?kind={org.kind}")
        except ApplicationError as exc:
            messages.error(request, exc.message)
    return render(request, "accounts/org_form.html", {"form": form, "org": org}, status=400 if request.method == "POST" else 200)
