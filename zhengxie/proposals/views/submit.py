"""The 提案表: create and edit a draft (autosaved), the co-signer picker, save-and-submit."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError
from zhengxie.proposals import forms, permissions, selectors, services

from ._common import fail, require

FORM = "proposals/form.html"


def _page(request, form, p=None, *, status: int = 200):
    cppcc = request.user.cppcc_id
    ctx = {"form": form, "p": p, "members": form.selected_members(),
           "warn": config.get("proposals.body_warn", cppcc=cppcc), "limit": config.get("proposals.body_max", cppcc=cppcc),
           "title_max": config.get("proposals.title_max", cppcc=cppcc),
           "length_warning": services.length_warning(p) if p else ""}
    return render(request, FORM, ctx, status=status)


def _after_save(request, p):
    if "submit" in request.POST:
        service = services.proposal_resubmit if p.status == "returned_for_revision" else services.proposal_submit
        try:
            p = service(proposal=p, by=request.user)
        except ApplicationError as exc:
            messages.error(request, f"草稿已保存，但还不能提交：{exc.message}")
            return redirect("proposals:edit", pk=p.pk)
        messages.success(request, "提案已提交。" + ("请等待联名人在线确认。" if p.status == "submitted" else "已收件，等待提案委审查。"))
        return redirect("proposals:detail", pk=p.pk)
    warning = services.length_warning(p)
    messages.success(request, "草稿已保存。" + (f" {warning}" if warning else ""))
    return redirect("proposals:edit", pk=p.pk)


@login_required
def create(request):
    require(permissions.can_create(request.user), "只有委员和集体提案单位账号可以提出提案。")
    form = forms.ProposalForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            p = services.proposal_create(by=request.user, **forms.create_kwargs_renamed(form.create_kwargs(), form))
            return _after_save(request, p)
        except ApplicationError as exc:
            return _page(request, form, status=fail(request, exc))
    return _page(request, form, status=400 if request.method == "POST" else 200)


def _update(request, p, form):
    return services.proposal_update(proposal=p, by=request.user, cosigner_ids=form.cleaned_data["cosigners"],
                                    suggested_unit_ids=form.cleaned_data["suggested_units"], **form.update_kwargs())


@login_required
def edit(request, pk: int):
    p = selectors.proposal_get_for(request.user, pk)
    require(permissions.can_edit(request.user, p), "只有提案者可以在草稿或退回修改时修改提案。")
    form = forms.ProposalForm(request.user, request.POST or None, proposal=p)
    if request.method == "POST" and form.is_valid():
        try:
            return _after_save(request, _update(request, p, form))
        except ApplicationError as exc:
            return _page(request, form, p, status=fail(request, exc))
    return _page(request, form, p, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def autosave(request, pk: int):
    """htmx: save the draft on blur/change; answers with a one-line status."""
    p = selectors.proposal_get_for(request.user, pk)
    require(permissions.can_edit(request.user, p), "此提案已不能修改。")
    form = forms.ProposalForm(request.user, request.POST, proposal=p)
    ctx = {"ok": False, "message": ""}
    try:
        if not form.is_valid():
            raise ApplicationError(forms.form_errors(form))
        p = _update(request, p, form)
        ctx = {"ok": True, "message": services.length_warning(p), "at": p.updated_at}
    except ApplicationError as exc:
        ctx["message"] = exc.message
    return render(request, "proposals/_autosave.html", ctx)


@login_required
def member_search(request):
    """htmx: members to invite as co-signers (name and 界别 only; no contact details)."""
    members = selectors.member_search(request.user, request.GET.get("q", ""))
    return render(request, "proposals/_member_options.html", {"members": members, "q": request.GET.get("q", "")})
