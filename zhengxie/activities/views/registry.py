"""委员聘任 (民主监督员 …) and 委员之家: registry, activity and reception logs, quarterly compliance."""
from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from zhengxie.core.excel import xlsx_response
from zhengxie.core.exceptions import ApplicationError

from .. import forms, permissions, selectors, services
from ..models import Appointment, MemberHome
from ._common import fail, page_of, querystring, require


def _appointments_page(request, form, status=200):
    g = request.GET
    qs = selectors.appointment_list_for(request.user, q=g.get("q", "").strip(), kind=g.get("kind", ""), current=g.get("current", ""))
    if g.get("format") == "xlsx":
        return xlsx_response("委员聘任", ["委员", "类别", "聘任/派驻单位", "聘期开始", "聘期结束", "备注"],
                             [[x.member.name, x.label, x.org_name, x.start_date, x.end_date, x.note] for x in qs[:5000]])
    page, page_range = page_of(request, qs)
    return render(request, "activities/appointments.html", {
        "page": page, "page_range": page_range, "form": form, "kinds": Appointment.Kind.choices, "querystring": querystring(request),
        "can_manage": permissions.can_manage_appointments(request.user)}, status=status)


@login_required
def appointments(request):
    require(permissions.can_view_appointments(request.user), "只有机关工作人员和领导可以查看委员聘任情况。")
    form = forms.AppointmentForm(request.user, request.POST or None)
    if request.method == "POST":
        try:
            if not form.is_valid():
                raise ApplicationError(forms.first_error(form))
            services.appointment_create(by=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            return _appointments_page(request, form, status=fail(request, exc))
        messages.success(request, "已登记委员聘任。")
        return redirect("activities:appointments")
    return _appointments_page(request, form)


@login_required
@require_POST
def appointment_end(request, pk):
    appt = selectors.appointment_get_for(request.user, pk)
    try:
        services.appointment_end(appointment=appt, by=request.user, end_date=timezone.localdate())
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("activities:appointments")


@login_required
def homes(request):
    g = request.GET
    qs = selectors.home_list_for(request.user, q=g.get("q", "").strip(), county=g.get("county", ""), home_type=g.get("type", ""))
    if g.get("format") == "xlsx":
        return xlsx_response("委员之家", ["名称", "类型", "县区", "地址", "负责委员", "入驻委员数"],
                             [[h.name, h.get_home_type_display(), h.county, h.address, str(h.lead_member or ""), h.n_members]
                              for h in qs])
    page, page_range = page_of(request, qs)
    return render(request, "activities/homes.html", {
        "page": page, "page_range": page_range, "counties": selectors.home_counties(request.user), "types": MemberHome.Type.choices,
        "querystring": querystring(request), "can_manage": permissions.can_manage_homes(request.user)})


@login_required
@require_POST
def homes_ensure(request):
    require(permissions.can_manage_homes(request.user), "只有专委会工作人员和管理员可以建立委员之家档案。")
    n = services.member_home_ensure(cppcc=request.user.cppcc, by=request.user)
    messages.success(request, f"已为{n}个委员之家建立档案。" if n else "所有委员之家都已建立档案。")
    return redirect("activities:homes")


@login_required
def home_detail(request, pk):
    home = selectors.home_get_for(request.user, pk)
    year = timezone.localdate().year
    return render(request, "activities/home_detail.html", {
        "home": home, "activities": selectors.home_activities(home)[:50], "receptions": selectors.home_receptions(home)[:50],
        "compliance": selectors.home_compliance(home.cppcc_id, year, county=home.county), "year": year,
        "standards": [(label, home.standards.get(key, False)) for key, label in MemberHome.STANDARDS],
        "reception_form": forms.ReceptionForm(request.user), "can_record": permissions.can_record_home(request.user, home),
        "can_manage": permissions.can_manage_homes(request.user)})


@login_required
def home_edit(request, pk):
    home = selectors.home_get_for(request.user, pk)
    require(permissions.can_manage_homes(request.user), "只有专委会工作人员和管理员可以修改委员之家信息。")
    initial = {"home_type": home.home_type, "county": home.county, "address": home.address, "lead_member": home.lead_member,
               "members": home.members.all(), **{f"std_{k}": home.standards.get(k, False) for k, _ in MemberHome.STANDARDS}}
    form = forms.HomeForm(request.user, request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.member_home_update(home=home, by=request.user, home_type=d["home_type"], county=d["county"], address=d["address"],
                                        lead_member=d["lead_member"], member_ids=[m.pk for m in d["members"]],
                                        standards=form.standards())
            return redirect("activities:home_detail", home.pk)
        except ApplicationError as exc:
            fail(request, exc)
    return render(request, "activities/home_form.html", {"home": home, "form": form},
                  status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def reception_add(request, pk):
    home = selectors.home_get_for(request.user, pk)
    form = forms.ReceptionForm(request.user, request.POST)
    try:
        if not form.is_valid():
            raise ApplicationError(forms.first_error(form))
        services.home_reception_add(home=home, by=request.user, **form.cleaned_data)
        messages.success(request, "已登记接待记录。")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("activities:home_detail", home.pk)


def _year(request) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


@login_required
def compliance(request):
    require(permissions.can_view_appointments(request.user), "只有机关工作人员和领导可以查看委员之家活动情况。")
    year = _year(request)
    rows = selectors.home_compliance(request.user.cppcc_id, year, county=request.GET.get("county", ""))
    if request.GET.get("format") == "xlsx":
        return xlsx_response(f"委员之家季度活动{year}", ["委员之家", "县区", "第一季度", "第二季度", "第三季度", "第四季度", "全年", "未达标季度"],
                             [[r["home"].name, r["home"].county, *[q["count"] for q in r["quarters"]], r["total"], r["missed"]]
                              for r in rows])
    return render(request, "activities/compliance.html", {
        "rows": rows, "counties": selectors.county_compliance(request.user.cppcc_id, year), "year": year,
        "county": request.GET.get("county", ""), "county_names": selectors.home_counties(request.user)})
