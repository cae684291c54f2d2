"""Input parsing only: choices come from the viewer's own 政协; rules live in services."""
from __future__ import annotations

from django import forms

from zhengxie.accounts.models import Organisation

from . import selectors
from .models import Meeting, Member, Membership, Sitting


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def _org_field(user, kind: str, label: str, *, required: bool = False, empty: str = "全部") -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=selectors.organisations_of_kind(user, kind), required=required, label=label, empty_label=empty
    )


def _term_field(user, *, required: bool = False, empty: str | None = "全部（当前有效）") -> forms.ModelChoiceField:
    return forms.ModelChoiceField(queryset=selectors.term_list_for(user), required=required, label="届次", empty_label=empty)


class MemberFilterForm(forms.Form):
    """The directory filters. Plain choices (one query for all organisations) keep the list page fast."""

    q = forms.CharField(required=False, label="搜索", max_length=60)
    standing = forms.ChoiceField(required=False, label="常委", choices=[("", "全部"), ("1", "常委"), ("0", "非常委")])

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        options = selectors.directory_filter_options(user)
        for key, label in (("sector", "界别"), ("committee", "专委会"), ("party", "党派")):
            self.fields[key] = forms.ChoiceField(required=False, label=label, choices=[("", "全部")] + options[key])
        self.fields["term"] = forms.ChoiceField(required=False, label="届次", choices=[("", "全部（当前有效）")] + options["term"])
        self.order_fields(["q", "sector", "committee", "party", "standing", "term"])

    def filters(self) -> dict:
        """Valid filters for member_list_for (an unknown value is dropped, not an error)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        out = {"q": (data.get("q") or "").strip(), "standing": data.get("standing") or None}
        out.update({key: int(data[key]) if data.get(key) else None for key in ("sector", "committee", "party", "term")})
        return out


class MemberForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=40)
    gender = forms.ChoiceField(label="性别", required=False, choices=[("", "—")] + Member.Gender.choices)
    ethnicity = forms.CharField(label="民族", max_length=20, required=False)
    birth_date = forms.DateField(label="出生日期", required=False, widget=DateInput())
    education = forms.CharField(label="学历", max_length=20, required=False)
    employer = forms.CharField(label="工作单位及职务", max_length=120, required=False)
    phone = forms.CharField(label="手机", max_length=20, required=False)
    email = forms.CharField(label="电子邮箱", max_length=254, required=False)
    address = forms.CharField(label="通讯地址", max_length=120, required=False)
    specialty = forms.CharField(label="专长/关注领域", max_length=200, required=False)
    pinyin_override = forms.CharField(
        label="拼音首字母(人工)", max_length=20, required=False,
        help_text="自动识别：姓名的拼音首字母。多音字姓氏识别有误时在此填写（如 单雄信 填 sxx），留空则用自动识别。",
    )
    id_code = forms.CharField(label="委员编号", max_length=30, required=False)

    @classmethod
    def initial_for(cls, member: Member) -> dict:
        return {name: getattr(member, name) for name in cls.base_fields}


class SeatFieldsMixin:
    def add_seat_fields(self, user, *, with_term: bool = True) -> None:
        if with_term:
            self.fields["term"] = _term_field(user, required=True, empty=None)
            current = selectors.term_current(user.cppcc_id)
            if current is not None:
                self.fields["term"].initial = current.pk
        self.fields["sector"] = _org_field(user, Organisation.Kind.SECTOR, "界别", required=True, empty="请选择")
        self.fields["committee"] = _org_field(user, Organisation.Kind.COMMITTEE, "专委会", empty="无")
        self.fields["party"] = _org_field(user, Organisation.Kind.PARTY, "党派", empty="无")
        self.fields["position"] = forms.ChoiceField(label="职务", choices=Membership.Position.choices,
                                                    initial=Membership.Position.MEMBER)
        self.fields["is_standing"] = forms.BooleanField(label="是否常委", required=False)
        self.fields["start_date"] = forms.DateField(label="任职开始日期", widget=DateInput())
        self.fields["start_reason"] = forms.ChoiceField(label="开始原因", choices=Membership.StartReason.choices)


class MemberCreateForm(SeatFieldsMixin, MemberForm):
    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_seat_fields(user)
        self.fields["start_reason"].initial = Membership.StartReason.ELECTED

    def split(self) -> tuple[dict, dict]:
        seat_keys = {"term", "sector", "committee", "party", "position", "is_standing", "start_date", "start_reason"}
        data = self.cleaned_data
        return ({k: v for k, v in data.items() if k not in seat_keys}, {k: v for k, v in data.items() if k in seat_keys})


class MembershipAddForm(SeatFieldsMixin, forms.Form):
    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_seat_fields(user)
        self.fields["start_reason"].initial = Membership.StartReason.ADDED


class MembershipEndForm(forms.Form):
    end_date = forms.DateField(label="结束日期", widget=DateInput())
    end_reason = forms.ChoiceField(label="结束原因", choices=[("", "请选择")] + Membership.EndReason.choices)


class TermForm(forms.Form):
    number = forms.IntegerField(label="届（数字）", min_value=1, max_value=99, help_text="如 14 表示十四届")
    name = forms.CharField(label="名称", max_length=20, required=False, help_text="留空自动生成，如“十四届”")
    start_date = forms.DateField(label="开始日期", widget=DateInput())
    end_date = forms.DateField(label="结束日期", required=False, widget=DateInput())


class MeetingFilterForm(forms.Form):
    kind = forms.ChoiceField(label="类型", required=False, choices=[("", "全部")] + Meeting.Kind.choices)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        terms = selectors.term_choices(user)
        self.fields["term"] = forms.ChoiceField(label="届次", required=False, choices=[("", "全部")] + terms)
        self.order_fields(["term", "kind"])

    def filters(self) -> dict:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {"kind": data.get("kind") or None, "term": int(data["term"]) if data.get("term") else None}


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label="会议类型", choices=Meeting.Kind.choices)
    number = forms.IntegerField(label="次", min_value=1, max_value=99, help_text="如 3 表示三次会议")
    name = forms.CharField(label="会议名称", max_length=60, required=False, help_text="留空自动生成，如“市政协十四届三次会议”")
    start_date = forms.DateField(label="开始日期", widget=DateInput())
    end_date = forms.DateField(label="结束日期", widget=DateInput())
    location = forms.CharField(label="地点", max_length=80, required=False)
    proposal_window_start = forms.DateField(label="大会提案征集开始", required=False, widget=DateInput(),
                                            help_text="全体会议：一般为开幕前约3个月")
    proposal_deadline = forms.DateTimeField(label="提案截止时间", required=False, widget=DateTimeInput(),
                                            input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%d"])
    handling_deadline = forms.DateField(label="办复截止日期", required=False, widget=DateInput(),
                                        help_text="设定后覆盖默认办理期限")

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"] = _term_field(user, required=True, empty=None)
        current = selectors.term_current(user.cppcc_id)
        if current is not None:
            self.fields["term"].initial = current.pk
        self.order_fields(["term", "kind", "number"])

    @classmethod
    def initial_for(cls, meeting: Meeting) -> dict:
        keys = ["kind", "number", "name", "start_date", "end_date", "location", "proposal_window_start",
                "proposal_deadline", "handling_deadline"]
        return {"term": meeting.term_id, **{k: getattr(meeting, k) for k in keys}}


class SittingForm(forms.Form):
    date = forms.DateField(label="日期", widget=DateInput())
    period = forms.ChoiceField(label="时段", choices=Sitting.Period.choices)
    title = forms.CharField(label="议程", max_length=120, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="Excel 文件（.xlsx）")

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term"] = _term_field(user, required=True, empty=None)
        current = selectors.term_current(user.cppcc_id)
        if current is not None:
            self.fields["term"].initial = current.pk
        self.fields["file"].widget.attrs["accept"] = ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        self.order_fields(["term", "file"])


def form_errors(form: forms.Form) -> str:
    """All field errors of a form as one Chinese sentence (for messages.error)."""
    parts = []
    for name, errs in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.extend(f"{label}：{e}" if label else str(e) for e in errs)
    return "；".join(parts)
