from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from zhengxie.core.exceptions import ApplicationError

from . import selectors, services


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("core:home")


@login_required
@require_POST
def create(request):
    """For pickers on detail pages: source_type/source_id, target_type/target_id ('app_label.model' + pk), kind."""
    post = request.POST
    source = selectors.record_for(request.user, post.get("source_type", ""), post.get("source_id", ""))
    target = selectors.record_for(request.user, post.get("target_type", ""), post.get("target_id", ""))
    try:
        services.link_create(source=source, target=target, kind=post.get("kind", "related"), by=request.user,
                             note=post.get("note", ""))
        messages.success(request, f"已关联「{target}」。")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return _back(request)


@login_required
@require_POST
def delete(request, pk):
    services.link_delete(link=selectors.link_get_for(request.user, pk), by=request.user)
    messages.success(request, "已取消关联。")
    return _back(request)
