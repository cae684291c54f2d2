from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from zhengxie.core.exceptions import ApplicationError

from . import selectors, services


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """RFC 6266/5987: an ASCII fallback plus the exact UTF-8 name for every current browser."""
    ext = filename.rsplit(".", 1)[-1] if "." in filename else ""
    fallback = filename.encode("ascii", "ignore").decode().replace('"', "").replace("\\", "").strip()
    if not fallback or fallback.startswith(".") or fallback == ext:
        fallback = f"attachment.{ext}" if ext else "attachment"
    return f"{'inline' if inline else 'attachment'}; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _back(request):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect("core:home")


@login_required
def download(request, pk):
    att = selectors.attachment_get_for(request.user, pk)
    try:
        handle = default_storage.open(att.file.name, "rb")
    except FileNotFoundError:
        raise Http404("附件文件已不存在，请联系系统管理员。")
    response = FileResponse(handle, content_type=att.mime)
    response["Content-Disposition"] = content_disposition(att.original_name)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_POST
def upload(request):
    obj = selectors.target_for(request.user, request.POST.get("content_type", ""), request.POST.get("object_id", ""))
    try:
        if "file" not in request.FILES:
            raise ApplicationError("请先选择要上传的文件。")
        att = services.attachment_add(obj=obj, uploaded_file=request.FILES["file"], by=request.user,
                                      purpose=request.POST.get("purpose", ""))
        messages.success(request, f"已上传附件「{att.original_name}」。")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return _back(request)


@login_required
@require_POST
def delete(request, pk):
    att = selectors.attachment_get_for(request.user, pk)
    services.attachment_delete(attachment=att, by=request.user)
    messages.success(request, f"已删除附件「{att.original_name}」。")
    return _back(request)
