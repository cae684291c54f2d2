"""委员名录, profiles, import/export, 届次, 会议 and the city's per-county counts (thin function views)."""
from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengxie.core.exceptions import ApplicationError
from zhengxie.core.htmx import render_page
from zhengxie.documents.xlsx import XLSX_CONTENT_TYPE

from . import forms, imports, permissions, selectors, services

PER_PAGE = 20
LIST = "members/member_list.html"
DETAIL = "members/member_detail.html"
FORM = "members/form.html"
PREVIEW = "members/import_preview.html"
MEETINGS = "members/meeting_list.html"
MEETING = "members/meeting_detail.html"


def _require(allowed: bool, message: str = "您没有执行此操作的权限。") -> None:
    if not allowed:
        raise PermissionDenied(message)


def _xlsx(name: str, data: bytes) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    filename = f"{name}-{timezone.localdate():%Y%m%d}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def _form_page(request, form, *, title: str, back: str, status: int = 200, submit: str = "保存", extra: dict | None = None):
    return render(request, FORM, {"form": form, "title": title, "back": back, "submit": submit, **(extra or {})}, status=status)


def _fail(request, exc: ApplicationError) -> int:
    messages.error(request, exc.message)
    return 400


# Directory ----------------------------------------------------------------------------------------

@login_required
def member_list(request):
    form = forms.MemberFilterForm(request.user, request.GET or None)
    filters = form.filters()
    page = Paginator(selectors.member_list_for(request.user, **filters), PER_PAGE).get_page(request.GET.get("page"))
    ctx = {"form": form, "page": page, "filters": filters, "can": permissions.abilities(request.user),
           "querystring": _query_without_page(request), "page_range": page.paginator.get_elided_page_range(page.number)}
    return render_page(request, LIST, ctx, partial="results")


@login_required
def member_export(request):
    filters = forms.MemberFilterForm(request.user, request.GET or None).filters()
    return _xlsx("委员名录", imports.member_export(user=request.user, filters=filters))


def _profile_rows(user, member) -> list[tuple[str, object]]:
    shown = permissions.visible_fields(user, member)
    labels = [("gender", "性别"), ("ethnicity", "民族"), ("birth_date", "出生日期"), ("education", "学历"),
              ("employer", "工作单位及职务"), ("phone", "手机"), ("email", "电子邮箱"), ("address", "通讯地址"),
              ("specialty", "专长/关注领域"), ("id_code", "委员编号"), ("pinyin", "拼音首字母")]
    values = {"gender": member.get_gender_display(), "pinyin": member.initials,
              "birth_date": f"{member.birth_date:%Y-%m-%d}" if member.birth_date else ""}
    return [(label, values.get(key, getattr(member, key, ""))) for key, label in labels if key in shown]


def _detail(request, member, *, status: int = 200):
    ctx = {"m": member, "rows": _profile_rows(request.user, member), "timeline": selectors.member_timeline(member),
           "can": permissions.abilities(request.user), "end_form": forms.MembershipEndForm(),
           "today": timezone.localdate(), "contact": permissions.can_see_contact(request.user, member)}
    return render(request, DETAIL, ctx, status=status)


@login_required
def member_detail(request, pk: int):
    return _detail(request, selectors.member_get_for(request.user, pk))


@login_required
def member_create(request):
    _require(permissions.can_edit_members(request.user), "只有系统管理员和专委会工作人员可以新增委员。")
    form = forms.MemberCreateForm(request.user, request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            profile, seat = form.split()
            member = services.member_create_with_seat(cppcc=request.user.cppcc, by=request.user, profile=profile, seat=seat)
            messages.success(request, f"已新增委员「{member.name}」。")
            return redirect("members:detail", pk=member.pk)
        except ApplicationError as exc:
            _fail(request, exc)
    return _form_page(request, form, title="新增委员", back=reverse("members:list"), status=status)


@login_required
def member_edit(request, pk: int):
    member = selectors.member_get_for(request.user, pk)
    _require(permissions.can_edit_members(request.user), "只有系统管理员和专委会工作人员可以修改委员信息。")
    form = forms.MemberForm(request.POST or None, initial=forms.MemberForm.initial_for(member))
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.member_update(member=member, by=request.user, **form.cleaned_data)
            messages.success(request, "委员信息已保存。")
            return redirect("members:detail", pk=member.pk)
        except ApplicationError as exc:
            _fail(request, exc)
    return _form_page(request, form, title=f"修改委员信息：{member.name}", back=reverse("members:detail", args=[pk]), status=status)


@login_required
def membership_add(request, pk: int):
    member = selectors.member_get_for(request.user, pk)
    _require(permissions.can_edit_members(request.user), "只有系统管理员和专委会工作人员可以办理增补。")
    form = forms.MembershipAddForm(request.user, request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_add(member=member, by=request.user, **form.cleaned_data)
            messages.success(request, "任职已登记。")
            return redirect("members:detail", pk=member.pk)
        except ApplicationError as exc:
            _fail(request, exc)
    return _form_page(request, form, title=f"登记任职（增补/调入）：{member.name}", back=reverse("members:detail", args=[pk]),
                      status=status)


@login_required
@require_POST
def membership_end(request, pk: int):
    seat = selectors.membership_get_for(request.user, pk)
    form = forms.MembershipEndForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(forms.form_errors(form))
        services.membership_end(membership=seat, by=request.user, **form.cleaned_data)
        messages.success(request, "已办理任职结束。")
    except ApplicationError as exc:
        return _detail(request, selectors.member_get_for(request.user, seat.member_id), status=_fail(request, exc))
    return redirect("members:detail", pk=seat.member_id)


# Import -------------------------------------------------------------------------------------------

@login_required
def member_import(request):
    _require(permissions.can_import_members(request.user), "只有系统管理员和专委会工作人员可以导入委员。")
    form = forms.ImportForm(request.user, request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            return _preview(request, form.cleaned_data["term"], _read_upload(form.cleaned_data["file"]))
        except ApplicationError as exc:
            _fail(request, exc)
    return render(request, "members/import.html", {"form": form}, status=400 if request.method == "POST" else 200)


def _read_upload(upload) -> bytes:
    if upload.size > imports.MAX_UPLOAD_BYTES:
        raise ApplicationError(f"文件超过 {imports.MAX_UPLOAD_BYTES // 1024 // 1024}MB，请分批导入。")
    return upload.read()


def _preview(request, term, data: bytes, *, status: int = 200):
    preview = imports.member_import_preview(data=data, term=term, by=request.user)
    token = imports.upload_store(user=request.user, data=data) if preview.ok else ""
    return render(request, PREVIEW, {"preview": preview, "token": token, "headers": imports.PREVIEW_HEADERS}, status=status)


@login_required
@require_POST
def member_import_confirm(request):
    _require(permissions.can_import_members(request.user), "只有系统管理员和专委会工作人员可以导入委员。")
    token = request.POST.get("token", "")
    try:
        term = selectors.term_get_for(request.user, request.POST.get("term") or 0)
        data = imports.upload_load(user=request.user, token=token)
        count = imports.member_import_apply(data=data, term=term, by=request.user)
    except ApplicationError as exc:
        status = _fail(request, exc)
        return render(request, "members/import.html", {"form": forms.ImportForm(request.user)}, status=status)
    imports.upload_discard(user=request.user, token=token)
    messages.success(request, f"已导入{term.name}委员 {count} 人。")
    return redirect(f"{reverse('members:list')}?term={term.pk}")


@login_required
def member_import_template(request):
    _require(permissions.can_import_members(request.user), "只有系统管理员和专委会工作人员可以导入委员。")
    return _xlsx("委员导入模板", imports.import_template(request.user))


# 届次 and 会议 --------------------------------------------------------------------------------------

@login_required
def term_list(request):
    _require(permissions.can_view_meetings(request.user), selectors.DENIED_MEETINGS)
    form = forms.TermForm(request.POST or None)
    status = 200
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ApplicationError(forms.form_errors(form))
            term = services.term_create(cppcc=request.user.cppcc, by=request.user, **form.cleaned_data)
            messages.success(request, f"已新建届次「{term.name}」。")
            return redirect("members:terms")
        except ApplicationError as exc:
            status = _fail(request, exc)
    ctx = {"terms": selectors.term_list_for(request.user), "form": form, "can": permissions.abilities(request.user),
           "current": selectors.term_current(request.user.cppcc_id)}
    return render(request, "members/term_list.html", ctx, status=status)


@login_required
def meeting_list(request):
    form = forms.MeetingFilterForm(request.user, request.GET or None)
    page = Paginator(selectors.meeting_list_for(request.user, **form.filters()), PER_PAGE).get_page(request.GET.get("page"))
    ctx = {"form": form, "page": page, "can": permissions.abilities(request.user), "querystring": _query_without_page(request)}
    return render_page(request, MEETINGS, ctx, partial="results")


def _meeting_page(request, meeting, *, status: int = 200, sitting_form=None):
    ctx = {"meeting": meeting, "sittings": meeting.sittings.all(), "can": permissions.abilities(request.user),
           "sitting_form": sitting_form or forms.SittingForm(initial={"date": meeting.start_date})}
    return render(request, MEETING, ctx, status=status)


@login_required
def meeting_detail(request, pk: int):
    return _meeting_page(request, selectors.meeting_get_for(request.user, pk))


@login_required
def meeting_create(request):
    _require(permissions.can_manage_meetings(request.user), "只有系统管理员可以新建会议。")
    form = forms.MeetingForm(request.user, request.POST or None)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_create(cppcc=request.user.cppcc, by=request.user, **form.cleaned_data)
            messages.success(request, f"已新建会议「{meeting.name}」。")
            return redirect("members:meeting_detail", pk=meeting.pk)
        except ApplicationError as exc:
            _fail(request, exc)
    return _form_page(request, form, title="新建会议", back=reverse("members:meetings"), status=status)


@login_required
def meeting_edit(request, pk: int):
    meeting = selectors.meeting_get_for(request.user, pk)
    _require(permissions.can_manage_meetings(request.user), "只有系统管理员可以修改会议。")
    form = forms.MeetingForm(request.user, request.POST or None, initial=forms.MeetingForm.initial_for(meeting))
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, by=request.user, **form.cleaned_data)
            messages.success(request, "会议信息已保存。")
            return redirect("members:meeting_detail", pk=meeting.pk)
        except ApplicationError as exc:
            _fail(request, exc)
    return _form_page(request, form, title=f"修改会议：{meeting.name}", back=reverse("members:meeting_detail", args=[pk]),
                      status=status)


@login_required
@require_POST
def sitting_add(request, pk: int):
    meeting = selectors.meeting_get_for(request.user, pk)
    form = forms.SittingForm(request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(forms.form_errors(form))
        sitting = services.sitting_add(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(request, f"已新增第{sitting.seq}场。")
    except ApplicationError as exc:
        return _meeting_page(request, meeting, status=_fail(request, exc), sitting_form=form)
    return redirect("members:meeting_detail", pk=meeting.pk)


# City reporting -----------------------------------------------------------------------------------

def _parse_day(raw: str | None) -> dt.date:
    try:
        return dt.date.fromisoformat(raw or "")
    except ValueError:
        return timezone.localdate()


@login_required
def by_county(request):
    if not permissions.is_city_user(request.user):
        return render(request, "members/by_county.html", {"county_user": True}, status=403)
    day = _parse_day(request.GET.get("on"))
    rows = selectors.member_counts_by_county(request.user, day)
    totals = {"members": sum(r["members"] for r in rows), "standing": sum(r["standing"] for r in rows)}
    return render(request, "members/by_county.html", {"rows": rows, "on": day, "totals": totals})
