"""Downloads of the 提案 documents (提案表, 答复函, 目录/汇编, 清单 …): thin views over ``exports``."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from zhengxie.attachments.views import content_disposition
from zhengxie.core.exceptions import ApplicationError

from . import exports

ERROR = "proposals/documents/error.html"
FILTERS = ("status", "unit", "category", "meeting", "year", "q")


def _send(request, make, *args, **kwargs) -> HttpResponse:
    """Build the document; a conversion failure (e.g. LibreOffice missing) is shown as a Chinese message."""
    try:
        download = make(request.user, *args, **kwargs)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        back = request.META.get("HTTP_REFERER", "")
        safe = url_has_allowed_host_and_scheme(back, {request.get_host()}, request.is_secure())
        return render(request, ERROR, {"back": back if safe else ""}, status=400)
    response = HttpResponse(download.data, content_type=download.content_type)
    response["Content-Disposition"] = content_disposition(download.filename)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def doc_index(request):
    exports.require_document_staff(request.user)
    return render(request, "proposals/documents/index.html", exports.document_page_context(request.user, request.GET))


@login_required
def doc_form(request, pk):
    return _send(request, exports.proposal_form_for, pk)


@login_required
def doc_form_pdf(request, pk):
    return _send(request, exports.proposal_form_for, pk, pdf=True)


@login_required
def doc_rejection(request, pk):
    return _send(request, exports.rejection_notice_for, pk)


@login_required
def doc_reply(request, pk):
    return _send(request, exports.reply_letter_for, pk)


@login_required
def doc_reply_pdf(request, pk):
    return _send(request, exports.reply_letter_for, pk, pdf=True)


@login_required
def doc_evaluation_form(request, pk):
    return _send(request, exports.evaluation_form_for, pk)


@login_required
def doc_catalogue(request):
    return _send(request, exports.catalogue_for, meeting=request.GET.get("meeting"), key=request.GET.get("key"))


@login_required
def doc_compilation(request):
    return _send(request, exports.compilation_for, meeting=request.GET.get("meeting"), key=request.GET.get("key"))


@login_required
def doc_assignment_list(request):
    return _send(request, exports.assignment_list_for, meeting=request.GET.get("meeting"))


@login_required
def doc_progress(request):
    return _send(request, exports.progress_for, **{k: request.GET.get(k, "") for k in FILTERS})
