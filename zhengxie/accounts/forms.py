"""Input validation only; writes happen in services."""
from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils import timezone

from zhengxie.core.roles import Role

from . import selectors, services
from .models import Organisation

LOCKED_MESSAGE = "登录失败次数过多，账号已临时锁定，请{minutes}分钟后再试或联系管理员。"


def locked_message() -> str:
    return LOCKED_MESSAGE.format(minutes=settings.LOGIN_LOCK_MINUTES)


class LoginForm(AuthenticationForm):
    """Django's sign-in form plus the lock: after N failures the name is refused, even with the right password."""

    error_messages = {
        "invalid_login": "账号或密码不正确，请重新输入（注意区分大小写）。",
        "inactive": "该账号已停用，请联系管理员。",
    }

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if username and selectors.login_is_locked(username):
            services.login_record_blocked(username=username)
            raise forms.ValidationError(locked_message(), code="locked")
        try:
            return super().clean()
        except forms.ValidationError:
            if username and services.login_record(username=username, success=False):
                raise forms.ValidationError(locked_message(), code="locked")
            raise


class UserCreateForm(forms.Form):
    username = forms.CharField(label="登录账号", max_length=150)
    display_name = forms.CharField(label="姓名", max_length=40)
    phone = forms.CharField(label="手机", max_length=20, required=False)
    email = forms.EmailField(label="电子邮箱", required=False, error_messages={"invalid": "请输入有效的电子邮箱地址。"})
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, help_text="至少8位，不能全为数字，不能与账号相近。")


class UserUpdateForm(forms.Form):
    display_name = forms.CharField(label="姓名", max_length=40)
    phone = forms.CharField(label="手机", max_length=20, required=False)
    email = forms.EmailField(label="电子邮箱", required=False, error_messages={"invalid": "请输入有效的电子邮箱地址。"})


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class RoleAssignForm(forms.Form):
    role = forms.ChoiceField(label="角色", choices=[("", "请选择角色")] + list(Role.choices))
    organisation = forms.ModelChoiceField(label="所在组织", queryset=Organisation.objects.none(), required=False,
                                          empty_label="（无）", help_text="承办单位、专委会工作人员、集体提案账号须指定组织。")
    valid_from = forms.DateField(label="起始日期", widget=DateInput())
    valid_to = forms.DateField(label="截止日期", required=False, widget=DateInput(), help_text="留空表示长期有效。")
    note = forms.CharField(label="备注", max_length=200, required=False)

    def __init__(self, *args, organisations=None, **kwargs):
        kwargs.setdefault("initial", {"valid_from": timezone.localdate()})
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


class RoleEndForm(forms.Form):
    valid_to = forms.DateField(label="截止日期", widget=DateInput())


class OrganisationForm(forms.Form):
    name = forms.CharField(label="名称", max_length=80)
    short_name = forms.CharField(label="简称", max_length=40, required=False)
    kind = forms.ChoiceField(label="类型", choices=[("", "请选择类型")] + list(Organisation.Kind.choices))
    parent = forms.ModelChoiceField(label="上级", queryset=Organisation.objects.none(), required=False, empty_label="（无）")
    system = forms.ChoiceField(label="系统（承办单位）", choices=[("", "（不适用）")] + list(Organisation.System.choices), required=False)
    duty = forms.CharField(label="职责说明", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    liaison = forms.ModelChoiceField(label="联络人", queryset=Organisation.objects.none(), required=False, empty_label="（无）")
    phone = forms.CharField(label="联系电话", max_length=40, required=False)
    address = forms.CharField(label="地址", max_length=120, required=False)
    sort = forms.IntegerField(label="排序", min_value=0, initial=0, required=False)
    is_active = forms.BooleanField(label="启用", required=False, initial=True)

    def __init__(self, *args, organisations=None, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["parent"].queryset = organisations
        if users is not None:
            self.fields["liaison"].queryset = users

    def clean_sort(self):
        return self.cleaned_data.get("sort") or 0


class TokenForm(forms.Form):
    name = forms.CharField(label="用途", max_length=60, help_text="例如：数据同步脚本、移动端")
