"""Input parsing only (no saving): the pages' forms turn POST data into service arguments."""
from __future__ import annotations

from django import forms

from zhengxie.core.roles import Role

from . import selectors
from .models import ActivitySitting, Appointment, MemberHome, OutcomeFigure, Participation
from .workflow import Status

DT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
D = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ActivityForm(forms.Form):
    kind = forms.ModelChoiceField(label="活动类型", queryset=None, empty_label="请选择")
    title = forms.CharField(label="活动名称", max_length=120)
    organiser = forms.ModelChoiceField(label="组织单位", queryset=None, empty_label="请选择")
    start_at = forms.DateTimeField(label="开始时间", widget=DT, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    end_at = forms.DateTimeField(label="结束时间", widget=DT, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
    location = forms.CharField(label="地点", max_length=120, required=False)
    signin_opens_at = forms.DateTimeField(label="签到开始", widget=DT, required=False,
                                          input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
                                          help_text="不填：活动开始前30分钟（可在参数配置中调整）")
    signin_closes_at = forms.DateTimeField(label="签到截止", widget=DT, required=False,
                                           input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"], help_text="不填：活动结束时")
    meeting = forms.ModelChoiceField(label="所属会议", queryset=None, required=False, empty_label="（无）")
    open_registration = forms.BooleanField(label="允许委员自行报名", required=False)
    description = forms.CharField(label="活动内容", widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = selectors.kinds_for(user).filter(is_active=True)
        self.fields["organiser"].queryset = selectors.organisers_for(user)
        self.fields["meeting"].queryset = selectors.meeting_choices(user)

    @classmethod
    def initial_for(cls, a) -> dict:
        return {f: getattr(a, f) for f in ("kind", "title", "organiser", "start_at", "end_at", "location", "signin_opens_at",
                                             "signin_closes_at", "meeting", "open_registration", "description")}


class FilterForm(forms.Form):
    q = forms.CharField(label="搜索", required=False)
    kind = forms.ModelChoiceField(label="类型", queryset=None, required=False, empty_label="全部类型")
    organiser = forms.ModelChoiceField(label="组织单位", queryset=None, required=False, empty_label="全部单位")
    status = forms.ChoiceField(label="状态", choices=[("", "全部状态"), *Status.choices], required=False)
    year = forms.IntegerField(label="年度", required=False, min_value=2000, max_value=2100)
    month = forms.IntegerField(label="月份", required=False, min_value=1, max_value=12)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = selectors.kinds_for(user)
        self.fields["organiser"].queryset = selectors.organiser_filter_options(user)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {k: v for k, v in {"q": (d.get("q") or "").strip(), "kind": d["kind"].pk if d.get("kind") else None,
                                  "organiser": d["organiser"].pk if d.get("organiser") else None, "status": d.get("status"),
                                  "year": d.get("year"), "month": d.get("month") if d.get("year") else None}.items() if v}


class InviteForm(forms.Form):
    members = forms.ModelMultipleChoiceField(label="委员", queryset=None, required=False)
    committee = forms.IntegerField(required=False)
    sector = forms.IntegerField(required=False)
    standing = forms.BooleanField(required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["members"].queryset = selectors.member_choices(user)

    def member_ids(self, on) -> list[int]:
        if not self.is_valid():
            return []
        d = self.cleaned_data
        ids = [m.pk for m in d["members"]]
        if d.get("committee") or d.get("sector") or d.get("standing"):
            ids += selectors.members_for_invite(self.user, committee=d.get("committee"), sector=d.get("sector"),
                                                standing=d.get("standing"), on=on)
        return ids


class OutcomeForm(forms.Form):
    name = forms.CharField(label="成果名称", max_length=60, required=False)
    unit = forms.ChoiceField(label="单位", choices=OutcomeFigure.Unit.choices)
    value = forms.CharField(label="数量", max_length=20, required=False)
    approximate = forms.BooleanField(label="约数(余)", required=False)
    note = forms.CharField(label="说明", max_length=200, required=False)


class SittingForm(forms.Form):
    date = forms.DateField(label="日期", widget=D)
    period = forms.ChoiceField(label="时段", choices=ActivitySitting.Period.choices)
    title = forms.CharField(label="议程", max_length=120, required=False)


class SpeakerForm(forms.Form):
    is_speaker = forms.BooleanField(required=False)
    speech_kind = forms.ChoiceField(choices=Participation.SpeechKind.choices, required=False)
    speech_title = forms.CharField(max_length=200, required=False)


class AppointmentForm(forms.Form):
    member = forms.ModelChoiceField(label="委员", queryset=None, empty_label="请选择")
    kind = forms.ChoiceField(label="聘任类别", choices=Appointment.Kind.choices)
    title = forms.CharField(label="名称(其他)", max_length=60, required=False)
    org_name = forms.CharField(label="聘任/派驻单位", max_length=80, required=False)
    start_date = forms.DateField(label="聘期开始", widget=D)
    end_date = forms.DateField(label="聘期结束", widget=D, required=False)
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = selectors.member_choices(user)


class HomeForm(forms.Form):
    home_type = forms.ChoiceField(label="类型", choices=MemberHome.Type.choices)
    county = forms.CharField(label="县区", max_length=40, required=False)
    address = forms.CharField(label="地址", max_length=120, required=False)
    lead_member = forms.ModelChoiceField(label="负责委员", queryset=None, required=False, empty_label="（未指定）")
    members = forms.ModelMultipleChoiceField(label="入驻委员", queryset=None, required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_member"].queryset = selectors.member_choices(user)
        self.fields["members"].queryset = selectors.member_choices(user)
        for key, label in MemberHome.STANDARDS:
            self.fields[f"std_{key}"] = forms.BooleanField(label=label, required=False)

    def standards(self) -> dict:
        return {key: bool(self.cleaned_data.get(f"std_{key}")) for key, _ in MemberHome.STANDARDS}


class ReceptionForm(forms.Form):
    date = forms.DateField(label="接待日期", widget=D)
    duty_member = forms.ModelChoiceField(label="值班委员", queryset=None, required=False, empty_label="（未指定）")
    visitor = forms.CharField(label="来访群众", max_length=60, required=False)
    issue = forms.CharField(label="反映问题", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    follow_up = forms.CharField(label="办理/跟进情况", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duty_member"].queryset = selectors.member_choices(user)


APPROVER_ROLE_CHOICES = [(r.value, r.label) for r in Role]


def first_error(form) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields and form.fields[field].label else ""
        return f"{label}：{errors[0]}" if label else errors[0]
    return "请检查填写的内容。"
