"""Forms of 线索 / 选题 / 目录 pages (parsing only; rules live in services)."""
from __future__ import annotations

from django import forms

from zhengxie.accounts.models import Organisation
from zhengxie.members.models import Meeting
from zhengxie.proposals.models import Category

from .models import Clue


def _categories(user):
    return Category.objects.filter(cppcc_id=user.cppcc_id, is_active=True).order_by("sort", "id")


class ClueForm(forms.Form):
    title = forms.CharField(label="线索标题", max_length=80, widget=forms.TextInput(attrs={"placeholder": "如：关于加快老旧小区加装电梯的建议"}))
    body = forms.CharField(label="情况和建议", widget=forms.Textarea(attrs={"rows": 8}),
                           help_text="简要说明问题、原因和建议，约500字为宜。")
    category = forms.ModelChoiceField(label="类别", queryset=Category.objects.none(), required=False, empty_label="（未定）")

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories(user)


class ClueFilterForm(forms.Form):
    q = forms.CharField(label="搜索", required=False)
    status = forms.ChoiceField(label="状态", required=False, choices=[("", "全部")] + list(Clue.Status.choices))
    source = forms.ChoiceField(label="来源", required=False, choices=[("", "全部来源")] + list(Clue.Source.choices))
    category = forms.ModelChoiceField(label="类别", queryset=Category.objects.none(), required=False, empty_label="全部类别")

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories(user)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        d = self.cleaned_data
        return {"q": d.get("q") or "", "status": d.get("status") or "", "source": d.get("source") or "",
                "category": d.get("category")}


class CatalogueCreateForm(forms.Form):
    meeting = forms.ModelChoiceField(label="会议", queryset=Meeting.objects.none(), empty_label=None)
    title = forms.CharField(label="目录标题", max_length=120, required=False, help_text="留空则为“会议名称＋提案选题参考目录”")

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (Meeting.objects.filter(cppcc_id=user.cppcc_id, kind=Meeting.Kind.PLENARY,
                                                                  topic_catalogues__isnull=True)
                                           .order_by("-start_date"))


class CatalogueEditForm(forms.Form):
    title = forms.CharField(label="目录标题", max_length=120)
    intro = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 4}),
                            help_text="印在目录正文开头；留空使用标准说明。")


class TopicForm(forms.Form):
    title = forms.CharField(label="选题", max_length=100)
    description = forms.CharField(label="要点", required=False, widget=forms.Textarea(attrs={"rows": 6}),
                                  help_text="说明选题背景和可以研究的方向，每段空一行。")
    category = forms.ModelChoiceField(label="类别", queryset=Category.objects.none(), required=False, empty_label="（未定）")
    units = forms.ModelMultipleChoiceField(label="建议承办单位", queryset=Organisation.objects.none(), required=False,
                                           widget=forms.SelectMultiple(attrs={"size": 6}))
    clues = forms.ModelMultipleChoiceField(label="归并的线索", queryset=Clue.objects.none(), required=False,
                                           widget=forms.CheckboxSelectMultiple,
                                           help_text="勾选已采纳、尚未编入选题的线索，保存后这些线索编入本选题。")

    def __init__(self, user, *args, topic=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories(user)
        self.fields["units"].queryset = Organisation.objects.filter(
            cppcc_id=user.cppcc_id, kind=Organisation.Kind.HANDLING_UNIT, is_active=True).order_by("sort", "id")
        clues = Clue.objects.filter(cppcc_id=user.cppcc_id, status=Clue.Status.ACCEPTED)
        if topic is not None:
            clues = clues | Clue.objects.filter(topic=topic)
        self.fields["clues"].queryset = clues.order_by("-created_at")
