"""Input validation for the kernel's pages (Chinese messages)."""
from django import forms

DATE_ERRORS = {"invalid": "请输入有效的日期，例如 2026-01-01。", "required": "请填写日期。"}


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label="操作人", required=False)
    action = forms.CharField(label="操作", required=False)
    content_type = forms.CharField(label="对象类型", required=False)
    date_from = forms.DateField(label="起始日期", required=False, widget=DateInput(), error_messages=DATE_ERRORS)
    date_to = forms.DateField(label="截止日期", required=False, widget=DateInput(), error_messages=DATE_ERRORS)
    q = forms.CharField(label="关键字", required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            raise forms.ValidationError("截止日期不能早于起始日期。")
        return data

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}


class ConfigSetForm(forms.Form):
    key = forms.CharField(widget=forms.HiddenInput)
    value = forms.CharField(label="新取值", required=False)
    valid_from = forms.DateField(label="生效日期", widget=DateInput(), error_messages=DATE_ERRORS)
    note = forms.CharField(label="说明", max_length=200, required=False)


class CalendarDayForm(forms.Form):
    date = forms.DateField(label="日期", widget=DateInput(), error_messages=DATE_ERRORS)
    is_workday = forms.TypedChoiceField(label="安排", choices=[("0", "休息（节假日）"), ("1", "上班（调休）")],
                                        coerce=lambda v: v == "1")
    name = forms.CharField(label="名称", max_length=40, required=False, help_text="如：春节、国庆节调休上班")
