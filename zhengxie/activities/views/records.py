"""Organiser's records of a held activity: 代签, attendance corrections, speakers, outcome figures."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from zhengxie.core.exceptions import ApplicationError

from .. import forms, selectors, services
from ._common import fail, render_detail


def _run(request, activity, fn, ok: str = ""):
    try:
        fn()
    except ApplicationError as exc:
        return render_detail(request, activity, status=fail(request, exc))
    if ok:
        messages.success(request, ok)
    return redirect("activities:detail", activity.pk)


@login_required
@require_POST
def proxy_sign_in(request, pk):
    part = selectors.participation_get_for(request.user, pk)
    return _run(request, part.activity, lambda: services.activity_proxy_sign_in(
        participation=part, by=request.user, reason=request.POST.get("reason", "")), f"已为{part.member.name}代签。")


@login_required
@require_POST
def attendance(request, pk):
    part = selectors.participation_get_for(request.user, pk)
    return _run(request, part.activity, lambda: services.attendance_set(
        participation=part, attendance=request.POST.get("attendance", ""), note=request.POST.get("note", ""), by=request.user))


@login_required
@require_POST
def speaker(request, pk):
    part = selectors.participation_get_for(request.user, pk)
    form = forms.SpeakerForm(request.POST)
    form.is_valid()
    return _run(request, part.activity, lambda: services.speaker_set(
        participation=part, by=request.user, is_speaker=form.cleaned_data.get("is_speaker", False),
        speech_title=form.cleaned_data.get("speech_title", ""), speech_kind=form.cleaned_data.get("speech_kind") or "oral"))


@login_required
@require_POST
def sittings(request, pk):
    part = selectors.participation_get_for(request.user, pk)
    return _run(request, part.activity, lambda: services.attendance_sittings_set(
        participation=part, sitting_ids=request.POST.getlist("sittings"), by=request.user))


@login_required
@require_POST
def outcome_add(request, pk):
    a = selectors.activity_get_for(request.user, pk)
    form = forms.OutcomeForm(request.POST)
    if not form.is_valid():
        return render_detail(request, a, status=fail(request, ApplicationError(forms.first_error(form))))
    return _run(request, a, lambda: services.outcome_add(activity=a, by=request.user, **form.cleaned_data), "已登记成果数据。")


@login_required
@require_POST
def outcome_delete(request, pk):
    o = selectors.outcome_get_for(request.user, pk)
    return _run(request, o.activity, lambda: services.outcome_delete(outcome=o, by=request.user))
