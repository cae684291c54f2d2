"""Forms of the 表决 pages (input only; the rules are in services)."""
from __future__ import annotations

from django import forms

from zhengxie.core.roles import Role

from . import selectors

ROLE_GROUPS = [(Role.MEMBER, "全体委员"), (Role.STANDING_MEMBER, "全体常委"), (Role.LEADER, "领导"), (Role.EXPERT, "智库专家")]


class VoteForm(forms.Form):
    title = forms.CharField(label="表决名称", max_length=120)
    description = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    items = forms.CharField(label="表决事项（每行一项）", widget=forms.Textarea(attrs={"rows": 6}),
                            help_text="如民主评议：每个被评议单位一行。")
    role_groups = forms.MultipleChoiceField(label="按角色选定投票人", choices=ROLE_GROUPS, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    electors = forms.ModelMultipleChoiceField(label="逐一选定投票人", queryset=None, required=False,
                                              widget=forms.SelectMultiple(attrs={"size": 10}))
    activity = forms.IntegerField(label="从活动/会议导入投票人（活动编号，可选）", required=False, min_value=1,
                                  help_text="导入该活动受邀委员的账号；勾选下一项则只导入已签到出席的委员。")
    attended_only = forms.BooleanField(label="只导入已签到出席的委员", required=False)
    quorum = forms.CharField(label="法定比例", max_length=10, help_text="投票人数占应投票人数的最低比例，如 2/3。")
    opens_at = forms.DateTimeField(label="开始时间（可选）", required=False,
                                   widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    closes_at = forms.DateTimeField(label="截止时间（可选）", required=False,
                                    widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["electors"].queryset = selectors.elector_candidates(user)
        self.fields["electors"].label_from_instance = lambda u: u.name

    def payload(self) -> dict:
        d = self.cleaned_data
        users = list(d.get("electors") or [])
        if d.get("role_groups"):
            users += selectors.users_with_roles(self.user, d["role_groups"])
        if d.get("activity"):
            users += selectors.users_of_activity(self.user, d["activity"], attended_only=bool(d.get("attended_only")))
        return {"title": d["title"], "description": d.get("description") or "",
                "items": [line.strip() for line in d["items"].splitlines() if line.strip()],
                "electors": users, "quorum": d["quorum"], "opens_at": d.get("opens_at"), "closes_at": d.get("closes_at")}
