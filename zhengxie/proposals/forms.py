"""Input validation of the 提案 pages and API (no business rules here: those are in services/permissions).

Action forms take (user, proposal, data) and expose `kwargs()` — the keyword arguments of the service call.
The API validates its JSON body with the same forms, so a refusal reads the same on both.
"""
from __future__ import annotations

import datetime as dt

from django import forms

from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError

from . import selectors
from .models import (
    COLLECTIVE_TYPES,
    Assignment,
    Contact,
    Evaluation,
    ProposerType,
    RejectReason,
    ReviewMeeting,
)
from .workflow import Action, Status

ROLE_CHOICES = [("", "—")] + list(Assignment.Role.choices)


def form_errors(form: forms.Form) -> str:
    parts = []
    for name, errs in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts.append(f"{label}：{'；'.join(errs)}" if label else "；".join(errs))
    return "；".join(parts) or "填写有误，请检查。"


class IdListField(forms.Field):
    """A list of integer ids from repeated inputs (checkboxes) or a JSON list."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if value in (None, "", []):
            return []
        if isinstance(value, str):
            value = [v for v in value.replace("，", ",").split(",") if v.strip()]
        try:
            return list(dict.fromkeys(int(v) for v in value))
        except (TypeError, ValueError):
            raise forms.ValidationError("请从列表中选择。") from None


class DateInput(forms.DateInput):
    input_type = "date"


# Lists ------------------------------------------------------------------------------------------------

class FilterForm(forms.Form):
    q = forms.CharField(label="关键词", required=False)
    number = forms.CharField(label="提案号/收件号", required=False)
    proposer = forms.CharField(label="提案人", required=False)
    sector = forms.TypedChoiceField(label="界别", required=False, coerce=int, empty_value=None)
    category = forms.TypedChoiceField(label="类别", required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label="承办单位", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label="状态", required=False)
    meeting = forms.TypedChoiceField(label="会议", required=False, coerce=int, empty_value=None)
    year = forms.TypedChoiceField(label="年份", required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(label="提案者", required=False, choices=[("", "全部"), ("individual", "个人"),
                                                                    ("joint", "联名"), ("collective", "集体")])
    plenary = forms.ChoiceField(label="大会/平时", required=False, choices=[("", "全部"), ("plenary", "大会提案"),
                                                                         ("regular", "平时提案")])
    key = forms.BooleanField(label="只看重点提案", required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        any_ = [("", "全部")]
        self.fields["sector"].choices = any_ + [(o.pk, o.name) for o in selectors.sectors_for(user)]
        self.fields["category"].choices = any_ + [(c.pk, c.name) for c in selectors.categories_for(user)]
        self.fields["unit"].choices = any_ + [(o.pk, o.name) for o in selectors.handling_units_for(user)]
        meetings = list(selectors.meetings_for(user))
        self.fields["meeting"].choices = any_ + [(m.pk, f"{m.term.name}{m.name.removeprefix(m.term.name)}") for m in meetings]
        years = sorted({m.start_date.year for m in meetings}, reverse=True)
        self.fields["year"].choices = any_ + [(y, f"{y}年") for y in years]
        groups = [(code, label) for code, (label, _) in selectors.STATUS_GROUPS.items()]
        self.fields["status"].choices = any_ + [("按阶段", groups), ("按状态", list(Status.choices))]

    def filters(self) -> dict:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", False)}


# The 提案表 ------------------------------------------------------------------------------------------

class ProposalForm(forms.Form):
    title = forms.CharField(label="案由", max_length=200, widget=forms.TextInput(attrs={"placeholder": "关于……的建议"}))
    proposer_type = forms.ChoiceField(label="提案者类型")
    proposer_org = forms.TypedChoiceField(label="提案单位", required=False, coerce=int, empty_value=None)
    category = forms.TypedChoiceField(label="类别", required=False, coerce=int, empty_value=None)
    situation = forms.CharField(label="情况/问题", required=False, widget=forms.Textarea(attrs={"rows": 6}))
    analysis = forms.CharField(label="分析", required=False, widget=forms.Textarea(attrs={"rows": 5}))
    suggestions = forms.CharField(label="建议", required=False, widget=forms.Textarea(attrs={"rows": 7}))
    cosigners = IdListField(label="联名人", required=False)
    suggested_units = forms.TypedMultipleChoiceField(label="建议承办单位", required=False, coerce=int,
                                                     widget=forms.SelectMultiple(attrs={"size": 6}))
    consent_to_sqmy = forms.BooleanField(label="如不立案，同意转为社情民意信息", required=False)
    is_public = forms.BooleanField(label="同意公开（立案后其他委员可查阅）", required=False, initial=True)
    is_urgent = forms.BooleanField(label="时效性提案（申请快速通道）", required=False)
    has_seal = forms.BooleanField(label="已加盖公章/召集人签名（集体提案）", required=False)

    def __init__(self, user, *args, proposal=None, **kwargs):
        if proposal is not None and "initial" not in kwargs:
            kwargs["initial"] = self.initial_for(proposal)
        super().__init__(*args, **kwargs)
        self.user, self.proposal = user, proposal
        types = []
        if getattr(user, "member", None) is not None:
            types += [(ProposerType.INDIVIDUAL, "委员个人提案"), (ProposerType.JOINT, "委员联名提案")]
        orgs = selectors.proposer_orgs_for(user)
        if orgs:
            types += [(c, label) for c, label in ProposerType.choices if c in COLLECTIVE_TYPES]
        if proposal is not None and proposal.proposer_type not in dict(types):
            types.append((proposal.proposer_type, proposal.get_proposer_type_display()))
        self.fields["proposer_type"].choices = types
        self.fields["proposer_org"].choices = [("", "—")] + [(o.pk, o.name) for o in orgs]
        self.fields["category"].choices = [("", "请选择")] + [(c.pk, c.name) for c in selectors.categories_for(user)]
        self.fields["suggested_units"].choices = [(o.pk, o.name) for o in selectors.handling_units_for(user)]
        if proposal is not None:  # type and organisation are fixed once the draft exists
            self.fields["proposer_type"].disabled = True
            self.fields["proposer_org"].disabled = True

    @staticmethod
    def initial_for(p) -> dict:
        return {"title": p.title, "proposer_type": p.proposer_type, "proposer_org": p.proposer_org_id,
                "category": p.category_id, "situation": p.situation, "analysis": p.analysis, "suggestions": p.suggestions,
                "cosigners": [c.member_id for c in p.cosigners.all()],
                "suggested_units": [u.pk for u in p.suggested_units.all()], "consent_to_sqmy": p.consent_to_sqmy,
                "is_public": p.is_public, "is_urgent": p.is_urgent, "has_seal": p.has_seal}

    def selected_members(self):
        ids = self.data.getlist("cosigners") if self.is_bound and hasattr(self.data, "getlist") else self.initial.get(
            "cosigners", [])
        return selectors.members_by_ids(self.user, ids)

    def _category(self):
        cid = self.cleaned_data.get("category")
        return selectors.categories_for(self.user).filter(pk=cid).first() if cid else None

    def create_kwargs(self) -> dict:
        d = self.cleaned_data
        org = next((o for o in selectors.proposer_orgs_for(self.user) if o.pk == d.get("proposer_org")), None)
        return {**self.update_kwargs(), "proposer_type": d["proposer_type"], "proposer_org": org}

    def update_kwargs(self) -> dict:
        d = self.cleaned_data
        return {"title": d["title"], "category": self._category(), "situation": d["situation"], "analysis": d["analysis"],
                "suggestions": d["suggestions"], "consent_to_sqmy": d["consent_to_sqmy"], "is_public": d["is_public"],
                "is_urgent": d["is_urgent"], "has_seal": d["has_seal"]}


def create_kwargs_renamed(kw: dict, form: ProposalForm) -> dict:
    """proposal_create takes cosigner_ids/suggested_unit_ids."""
    return {**kw, "cosigner_ids": form.cleaned_data["cosigners"], "suggested_unit_ids": form.cleaned_data["suggested_units"]}


# Action forms ------------------------------------------------------------------------------------------

class ActionForm(forms.Form):
    """Base: an action on one proposal; `kwargs()` are the service's keyword arguments."""

    def __init__(self, user, proposal, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user, self.proposal = user, proposal

    def kwargs(self) -> dict:
        return dict(self.cleaned_data)


class EmptyForm(ActionForm):
    pass


class ReasonForm(ActionForm):
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 3}))


class NoteForm(ActionForm):
    note = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class RequiredNoteForm(ActionForm):
    note = forms.CharField(label="意见", widget=forms.Textarea(attrs={"rows": 3}))


class DecideForm(ActionForm):
    """审查结果: the outcome-specific fields (不予立案 reason code + text, 并案 lead, 转意见建议 units, 退回 text)."""

    decision = forms.ChoiceField(label="审查结果", choices=[(a, Action(a).label) for a in
                                                          (Action.FILE, Action.MERGE, Action.TO_SUGGESTION, Action.TO_SQMY,
                                                           Action.RETURN, Action.WITHDRAW, Action.REJECT)])
    review = forms.TypedChoiceField(label="审查会", required=False, coerce=int, empty_value=None)
    reason = forms.ChoiceField(label="不予立案情形", required=False, choices=[("", "请选择")] + list(RejectReason.choices))
    text = forms.CharField(label="审查意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    merged_into = forms.TypedChoiceField(label="并入主案", required=False, coerce=int, empty_value=None)
    units = forms.TypedMultipleChoiceField(label="送达单位（参考件）", required=False, coerce=int,
                                           widget=forms.SelectMultiple(attrs={"size": 5}))

    def __init__(self, user, proposal, *args, **kwargs):
        super().__init__(user, proposal, *args, **kwargs)
        self.reviews = list(selectors.review_choices(user, proposal))
        self.fields["review"].choices = [("", "（快速通道，不经审查会）")] + [(r.pk, f"{r.date:%Y-%m-%d} {r.title}")
                                                                      for r in self.reviews]
        targets = [t for t in selectors.merge_targets(user, proposal.meeting_id) if t.pk != proposal.pk]
        pattern = selectors.number_pattern(user.cppcc_id)
        self.targets = {t.pk: t for t in targets}
        self.fields["merged_into"].choices = [("", "请选择")] + [
            (t.pk, f"{pattern.format(n=t.number) if t.number else t.receipt_no} {t.title}") for t in targets]
        self.units = {u.pk: u for u in selectors.handling_units_for(user)}
        self.fields["units"].choices = [(pk, u.name) for pk, u in self.units.items()]

    def kwargs(self) -> dict:
        d = self.cleaned_data
        review = next((r for r in self.reviews if r.pk == d.get("review")), None)
        return {"decision": d["decision"], "review": review, "reason": d.get("reason") or "", "text": d.get("text") or "",
                "merged_into": self.targets.get(d.get("merged_into")), "units": [self.units[u] for u in d.get("units") or []]}


class AssignForm(ActionForm):
    """交办: up to eight (单位, 方式) rows; the due date defaults from configuration or the 会议's deadline."""

    ROWS = 8
    due_date = forms.DateField(label="办理期限", required=False, widget=DateInput)
    plan = forms.JSONField(required=False, widget=forms.HiddenInput)

    def __init__(self, user, proposal, *args, **kwargs):
        super().__init__(user, proposal, *args, **kwargs)
        units = [("", "—")] + [(o.pk, o.name) for o in selectors.handling_units_for(user)]
        for i in range(self.ROWS):
            self.fields[f"unit_{i}"] = forms.TypedChoiceField(label=f"承办单位{i + 1}", required=False, coerce=int,
                                                             empty_value=None, choices=units)
            self.fields[f"role_{i}"] = forms.ChoiceField(label="方式", required=False, choices=ROLE_CHOICES)
        suggested = [u.pk for u in proposal.suggested_units.all()][: self.ROWS] if proposal.pk else []
        for i, uid in enumerate(suggested):
            self.initial.setdefault(f"unit_{i}", uid)
            self.initial.setdefault(f"role_{i}", Assignment.Role.SOLE if len(suggested) == 1 else
                                    (Assignment.Role.LEAD if i == 0 else Assignment.Role.CO))

    def rows(self):
        return [(self[f"unit_{i}"], self[f"role_{i}"]) for i in range(self.ROWS)]

    def clean(self):
        d = super().clean()
        plan = [(int(x["unit"]), x["role"]) for x in (d.get("plan") or []) if isinstance(x, dict)]
        for i in range(self.ROWS):
            unit, role = d.get(f"unit_{i}"), d.get(f"role_{i}")
            if unit and not role:
                raise forms.ValidationError(f"请为第{i + 1}行的承办单位选择承办方式（主办/会办/分办/独办）。")
            if unit:
                plan.append((unit, role))
        d["plan_rows"] = plan
        return d

    def kwargs(self) -> dict:
        return {"plan": self.cleaned_data["plan_rows"], "due_date": self.cleaned_data.get("due_date")}


class ReassignForm(ActionForm):
    remove = forms.TypedMultipleChoiceField(label="撤销以下单位的交办", required=False, coerce=int,
                                            widget=forms.CheckboxSelectMultiple)
    add_unit = forms.TypedChoiceField(label="改交单位", required=False, coerce=int, empty_value=None)
    add_role = forms.ChoiceField(label="承办方式", required=False, choices=ROLE_CHOICES)
    add = forms.JSONField(required=False, widget=forms.HiddenInput)

    def __init__(self, user, proposal, *args, **kwargs):
        super().__init__(user, proposal, *args, **kwargs)
        live = [a for a in proposal.assignments.all() if a.state != Assignment.State.REMOVED]
        self.fields["remove"].choices = [(a.pk, f"{a.unit.name}（{a.get_role_display()}，{a.get_state_display()}）")
                                         for a in live]
        self.initial.setdefault("remove", [a.pk for a in live if a.state == Assignment.State.DISPUTED])
        self.fields["add_unit"].choices = [("", "—")] + [(o.pk, o.name) for o in selectors.handling_units_for(user)]

    def kwargs(self) -> dict:
        d = self.cleaned_data
        add = [(int(x["unit"]), x["role"]) for x in (d.get("add") or []) if isinstance(x, dict)]
        if d.get("add_unit"):
            if not d.get("add_role"):
                raise ApplicationError("请选择改交单位的承办方式。", field="add_role")
            add.append((d["add_unit"], d["add_role"]))
        return {"remove_ids": d.get("remove") or [], "add": add}


class ExtensionRequestForm(ActionForm):
    days = forms.IntegerField(label="延期天数", min_value=1)
    reason = forms.CharField(label="理由", widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionDecideForm(ActionForm):
    request = forms.TypedChoiceField(label="延期申请", coerce=int)
    approve = forms.TypedChoiceField(label="审批", coerce=lambda v: v in (True, "1", "true", "True"),
                                     choices=[("1", "同意"), ("0", "不同意")])
    note = forms.CharField(label="审批意见", required=False, max_length=200)

    def __init__(self, user, proposal, *args, **kwargs):
        super().__init__(user, proposal, *args, **kwargs)
        self.pending = {e.pk: e for e in selectors.extensions_of(proposal) if e.state == "pending"}
        self.fields["request"].choices = [(pk, f"{e.assignment.unit}：延期{e.days}天") for pk, e in self.pending.items()]

    def kwargs(self) -> dict:
        d = self.cleaned_data
        return {"request": self.pending[d["request"]], "approve": d["approve"], "note": d.get("note") or ""}


class ContactForm(ActionForm):
    date = forms.DateField(label="日期", widget=DateInput)
    stage = forms.ChoiceField(label="阶段", choices=Contact.Stage.choices)
    way = forms.ChoiceField(label="方式", choices=Contact.Way.choices)
    note = forms.CharField(label="情况", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CoOpinionForm(ActionForm):
    text = forms.CharField(label="会办意见", widget=forms.Textarea(attrs={"rows": 4}))


#: Reply templates (text snippets) per result class; {title} and {number} are filled in.
REPLY_TEMPLATES = {
    "A": "您提出的《{title}》（{number}）收悉。经认真研究，现答复如下：\n一、基本情况。……\n二、办理情况。您提出的建议已被采纳，"
         "我单位已……\n三、下一步工作。我们将继续……\n感谢您对……工作的关心和支持。",
    "B": "您提出的《{title}》（{number}）收悉。经认真研究，现答复如下：\n一、基本情况。……\n二、正在开展的工作。您提出的建议"
         "已列入我单位……计划，目前正在……，预计……完成。\n三、下一步打算。……我们将及时向您报告进展。\n感谢您的关心和支持。",
    "C": "您提出的《{title}》（{number}）收悉。经认真研究，现答复如下：\n您的建议很有价值。由于……（政策/资金/条件限制），"
         "目前暂不具备实施条件，我们将留作参考，在今后制定……时统筹考虑。\n感谢您的理解和支持。",
}


class ReplyForm(ActionForm):
    doc_number = forms.CharField(label="文号", required=False, max_length=60,
                                 widget=forms.TextInput(attrs={"placeholder": "如：X教提〔2025〕12号"}))
    salutation = forms.CharField(label="称呼", required=False, max_length=60,
                                 widget=forms.TextInput(attrs={"placeholder": "如：张三委员"}))
    proposed_class = forms.ChoiceField(label="办理结果类别")
    body = forms.CharField(label="答复正文", widget=forms.Textarea(attrs={"rows": 12}))
    signer = forms.CharField(label="签发人", required=False, max_length=40)
    signer_level = forms.ChoiceField(label="签发人级别", required=False,
                                     choices=[("", "—"), ("deputy", "分管领导"), ("principal", "主要领导")])
    contact_person = forms.CharField(label="联系人", required=False, max_length=40)
    contact_phone = forms.CharField(label="联系电话", required=False, max_length=40)
    cc = forms.CharField(label="抄送", required=False, max_length=200, initial="市政协提案委员会")

    def __init__(self, user, proposal, *args, **kwargs):
        super().__init__(user, proposal, *args, **kwargs)
        classes = config.get("proposals.result_classes", cppcc=proposal.cppcc_id)
        self.fields["proposed_class"].choices = [("", "请选择")] + [(c, f"{c}类：{label}") for c, label in classes]


class AuditForm(ActionForm):
    corrected_class = forms.ChoiceField(label="更正结果类别（不更正请留空）", required=False)
    note = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, user, proposal, *args, **kwargs):
        super().__init__(user, proposal, *args, **kwargs)
        classes = config.get("proposals.result_classes", cppcc=proposal.cppcc_id)
        self.fields["corrected_class"].choices = [("", "不更正")] + [(c, f"{c}类：{label}") for c, label in classes]


class EvaluationForm(ActionForm):
    rating = forms.ChoiceField(label="评价", choices=Evaluation.Rating.choices, widget=forms.RadioSelect)
    comment = forms.CharField(label="意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    reply = forms.TypedChoiceField(label="评价哪个单位的答复", required=False, coerce=int, empty_value=None)

    def __init__(self, user, proposal, *args, **kwargs):
        super().__init__(user, proposal, *args, **kwargs)
        self.replies = {r.pk: r for r in selectors.evaluation_pending_for(user, proposal)}
        self.fields["reply"].choices = [("", "全部答复")] + [(pk, str(r.assignment.unit)) for pk, r in self.replies.items()]

    def kwargs(self) -> dict:
        d = self.cleaned_data
        return {"rating": d["rating"], "comment": d.get("comment") or "", "reply": self.replies.get(d.get("reply"))}


class RehandleForm(ActionForm):
    note = forms.CharField(label="重新办理要求", widget=forms.Textarea(attrs={"rows": 3}))
    unit_ids = forms.TypedMultipleChoiceField(label="重新办理的单位（不选为全部）", required=False, coerce=int,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, user, proposal, *args, **kwargs):
        super().__init__(user, proposal, *args, **kwargs)
        self.fields["unit_ids"].choices = [(a.unit_id, a.unit.name) for a in proposal.assignments.all() if a.answers
                                           and a.state not in (Assignment.State.REMOVED, Assignment.State.REFERENCE)]

    def kwargs(self) -> dict:
        return {"note": self.cleaned_data["note"], "unit_ids": self.cleaned_data.get("unit_ids") or None}


class FollowUpForm(ActionForm):
    text = forms.CharField(label="跟踪办理情况", widget=forms.Textarea(attrs={"rows": 3}))
    resolved = forms.BooleanField(label="问题已解决（结束跟踪）", required=False)


class ReviewMeetingForm(forms.Form):
    meeting = forms.TypedChoiceField(label="会议", coerce=int)
    kind = forms.ChoiceField(label="类型", choices=ReviewMeeting.Kind.choices, initial=ReviewMeeting.Kind.REVIEW)
    date = forms.DateField(label="日期", widget=DateInput, initial=dt.date.today)
    title = forms.CharField(label="名称", max_length=120, widget=forms.TextInput(attrs={"placeholder": "如：提案审查委员会第一次会议"}))
    participants = forms.CharField(label="参加人员", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    invited = forms.CharField(label="邀请参加立案协商的部门负责人和专家", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    opinions = forms.CharField(label="会议意见", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.meetings = {m.pk: m for m in selectors.meetings_for(user)}
        self.fields["meeting"].choices = [(pk, f"{m.term.name}{m.name.removeprefix(m.term.name)}") for pk, m in
                                          self.meetings.items()]

    def kwargs(self) -> dict:
        d = dict(self.cleaned_data)
        d["meeting"] = self.meetings[d["meeting"]]
        return d


#: Which form validates which action (transition codes and the non-transition ones).
ACTION_FORMS: dict[str, type[ActionForm]] = {
    Action.SUBMIT: EmptyForm, Action.RESUBMIT: EmptyForm, Action.WITHDRAW: ReasonForm, Action.RECEIVE: EmptyForm,
    Action.PRE_REVIEW: NoteForm, Action.ASSIGN: AssignForm, Action.ACCEPT: EmptyForm, Action.DISPUTE: ReasonForm,
    Action.REASSIGN: ReassignForm, Action.SUBMIT_ANSWER: EmptyForm, Action.COSIGN: NoteForm,
    Action.RETURN_ANSWER: RequiredNoteForm, Action.AUDIT: AuditForm, Action.EVALUATE: EvaluationForm,
    Action.REHANDLE: RehandleForm, Action.CLOSE: EmptyForm, Action.CLOSE_UNSATISFIED: RequiredNoteForm,
    "decide": DecideForm, "cosign_confirm": EmptyForm, "cosign_decline": EmptyForm, "evaluate_reply": EvaluationForm,
    "reply_save": ReplyForm, "reply_sign": EmptyForm, "contact": ContactForm, "co_opinion": CoOpinionForm,
    "extension_request": ExtensionRequestForm, "extension_decide": ExtensionDecideForm, "follow_up": FollowUpForm,
}
for _decision in (Action.FILE, Action.MERGE, Action.TO_SUGGESTION, Action.TO_SQMY, Action.RETURN, Action.REJECT):
    ACTION_FORMS[_decision] = DecideForm


def action_form(action: str, user, proposal, data=None, initial=None) -> ActionForm:
    cls = ACTION_FORMS.get(action)
    if cls is None:
        raise ApplicationError("未知的操作。")
    if cls is DecideForm and action != "decide":
        if data is not None:
            data = data.copy() if hasattr(data, "copy") else dict(data)
            data["decision"] = action
        initial = {**(initial or {}), "decision": action}
    form = cls(user, proposal, data, initial=initial)
    if cls is DecideForm and action != "decide":
        form.fields["decision"].widget = forms.HiddenInput()
    return form
