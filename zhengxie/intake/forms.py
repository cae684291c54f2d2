"""Forms of public intake (rendering and field parsing; the rules live in services)."""
from __future__ import annotations

import time

from django import forms
from django.core import signing

from . import registry
from .models import Submission

SALT = "intake.form"


def form_token(now: float | None = None) -> str:
    """Signed render time of the public form (the minimum-fill-time check cannot be forged)."""
    return signing.dumps({"t": now if now is not None else time.time()}, salt=SALT)


def elapsed_seconds(token: str) -> float | None:
    try:
        data = signing.loads(token or "", salt=SALT, max_age=24 * 3600)
        return time.time() - float(data["t"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


class PublicForm(forms.Form):
    name = forms.CharField(label="真实姓名", max_length=20, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(label="手机号码", max_length=20,
                            widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    org = forms.CharField(label="工作单位（选填）", max_length=80, required=False)
    address = forms.CharField(label="联系地址（选填）", max_length=120, required=False)
    title = forms.CharField(label="标题", max_length=80, widget=forms.TextInput(attrs={"placeholder": "一句话概括您反映的问题"}))
    body = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 8}))
    attachment = forms.FileField(label="附件（选填）", required=False)
    agree = forms.BooleanField(label="我已阅读并同意下方的个人信息保护说明", required=True,
                               error_messages={"required": "请阅读并勾选同意个人信息保护说明。"})
    website = forms.CharField(required=False, label="网站")  # honeypot: hidden from people
    ts = forms.CharField(required=False, widget=forms.HiddenInput)


class TrackForm(forms.Form):
    code = forms.CharField(label="查询码", max_length=20, widget=forms.TextInput(attrs={"autocapitalize": "characters",
                                                                                  "placeholder": "提交成功后显示的10位查询码"}))


class FilterForm(forms.Form):
    q = forms.CharField(label="搜索", required=False)
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部")] + list(Submission.Status.choices))
    channel = forms.TypedChoiceField(label="渠道", required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(label="收到自", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="收到至", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, channels, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "全部渠道")] + [(c.pk, c.title) for c in channels]

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {"q": d.get("q") or "", "status": d.get("status") or "", "channel": d.get("channel"),
                "date_from": d.get("date_from"), "date_to": d.get("date_to")}


class ChannelForm(forms.Form):
    code = forms.SlugField(label="代码", max_length=40, help_text="用于公开网址，如 proposal-clue")
    title = forms.CharField(label="名称", max_length=80)
    consumer = forms.ChoiceField(label="处理模块")
    intro = forms.CharField(label="征集说明", required=False, widget=forms.Textarea(attrs={"rows": 4}))
    body_hint = forms.CharField(label="内容提示", required=False, max_length=200)
    is_open = forms.BooleanField(label="正在征集", required=False, initial=True)

    def __init__(self, consumers, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consumer"].choices = [(c, registry.get(c).label) for c in consumers]
