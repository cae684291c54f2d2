"""Scoped reads for the kernel's pages: audit log, parameters, holiday table."""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from . import config, workdays
from .models import AuditLog, CalendarDay

#: Chinese names of the kernel's and accounts' action codes; other codes are shown as they are.
ACTION_LABELS = {
    "login.success": "登录成功",
    "login.failure": "登录失败",
    "login.lockout": "账号锁定",
    "login.blocked": "锁定期间尝试登录",
    "login.unlock": "解除登录锁定",
    "logout": "退出登录",
    "account.password_change": "修改密码",
    "account.password_reset": "重置密码",
    "user.create": "创建用户",
    "user.update": "修改用户",
    "user.deactivate": "停用账号",
    "user.activate": "启用账号",
    "role.assign": "分配角色",
    "role.end": "结束角色",
    "organisation.create": "新建组织",
    "organisation.update": "修改组织",
    "api_token.create": "创建API令牌",
    "api_token.revoke": "吊销API令牌",
    "config.set": "设置参数",
    "calendar.set": "设置节假日",
    "calendar.delete": "删除节假日",
}


def action_label(code: str) -> str:
    return ACTION_LABELS.get(code, code)


# Audit log -----------------------------------------------------------------------------------------

def audit_list_for(user, *, actor: str = "", action: str = "", content_type: str = "", date_from: dt.date | None = None,
                   date_to: dt.date | None = None, q: str = ""):
    qs = AuditLog.objects.filter(cppcc_id=user.cppcc_id).select_related("content_type")
    if actor:
        qs = qs.filter(Q(actor_name__icontains=actor) | Q(actor__username__icontains=actor))
    if action:
        qs = qs.filter(action=action)
    if content_type:
        qs = qs.filter(content_type_id=content_type) if str(content_type).isdigit() else qs.none()
    if date_from:
        qs = qs.filter(at__date__gte=date_from)
    if date_to:
        qs = qs.filter(at__date__lte=date_to)
    if q:
        qs = qs.filter(Q(object_repr__icontains=q) | Q(action__icontains=q) | Q(actor_name__icontains=q) | Q(object_id=q))
    return qs.order_by("-at", "-id")


def audit_filter_choices(user) -> dict:
    mine = AuditLog.objects.filter(cppcc_id=user.cppcc_id)
    actions = sorted(set(mine.values_list("action", flat=True)))
    ct_ids = set(mine.exclude(content_type=None).values_list("content_type_id", flat=True))
    types = sorted(((ct.pk, _model_label(ct)) for ct in ContentType.objects.filter(pk__in=ct_ids)), key=lambda t: t[1])
    return {"actions": [(a, action_label(a)) for a in actions], "types": types}


def _model_label(ct: ContentType | None) -> str:
    if ct is None:
        return ""
    model = ct.model_class()
    return str(model._meta.verbose_name) if model else ct.model


@dataclass(frozen=True)
class Change:
    field: str
    old: str | None  # None: the record was created (only the new value matters)
    new: str | None  # None: the record was deleted


class _Fields:
    """Labels, choice labels and foreign-key names of one model, for readable audit rows."""

    def __init__(self, ct: ContentType | None):
        model = ct.model_class() if ct else None
        self.fields = {}
        if model is not None:
            for f in model._meta.concrete_fields:
                self.fields[f.attname] = f
                self.fields[f.name] = f
        self._names: dict[tuple, str] = {}

    def label(self, key: str) -> str:
        f = self.fields.get(key)
        return str(f.verbose_name) if f is not None else key

    def show(self, key: str, value) -> str:
        f = self.fields.get(key)
        if f is not None and value not in (None, ""):
            if f.choices:
                return str(dict(f.flatchoices).get(value, value))
            if f.is_relation and f.related_model is not None:
                cache_key = (f.related_model, value)
                if cache_key not in self._names:
                    obj = f.related_model._default_manager.filter(pk=value).first()
                    self._names[cache_key] = str(obj) if obj is not None else f"#{value}"
                return self._names[cache_key]
        return _show(value)


def _show(value) -> str:
    if value is None or value == "":
        return "（空）"
    if value is True:
        return "是"
    if value is False:
        return "否"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


HIDDEN_FIELDS = {"id", "created_at", "updated_at", "key_hash", "password", "cppcc_id", "cppcc"}


def audit_changes(row: AuditLog, limit: int = 12) -> list[Change]:
    """What changed, readably: field label, old → new (a creation lists its filled-in fields)."""
    fields = _Fields(row.content_type)
    empty = (None, "", [], {})
    if row.changes:
        pairs = [(k, v[0], v[1], False, False) for k, v in row.changes.items() if k not in HIDDEN_FIELDS]
    elif row.before is None and row.after:
        pairs = [(k, None, v, True, False) for k, v in row.after.items() if k not in HIDDEN_FIELDS and v not in empty]
    elif row.after is None and row.before:
        pairs = [(k, v, None, False, True) for k, v in row.before.items() if k not in HIDDEN_FIELDS and v not in empty]
    else:
        pairs = []
    return [
        Change(fields.label(k), None if created else fields.show(k, old), None if deleted else fields.show(k, new))
        for k, old, new, created, deleted in pairs[:limit]
    ]


def audit_rows(rows) -> list[dict]:
    return [{"row": r, "action_label": action_label(r.action), "type_label": _model_label(r.content_type),
             "changes": audit_changes(r)} for r in rows]


# Parameters ----------------------------------------------------------------------------------------

def show_value(param: config.Param, value) -> str:
    if param.kind == "bool":
        return "是" if value else "否"
    if param.kind == "list" and isinstance(value, list):
        return "，".join(str(v) for v in value)
    if param.kind == "json":
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def edit_value(param: config.Param, value) -> str:
    """The text a form field starts with (what config.parse reads back)."""
    if param.kind == "bool":
        return "是" if value else "否"
    if param.kind == "list" and isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if param.kind == "json":
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def config_overview(user, *, on: dt.date | None = None) -> list[dict]:
    """Every registered parameter grouped by section: value valid today, default, dated history."""
    on = on or timezone.localdate()
    sections: dict[str, list] = {}
    for key in sorted(config.REGISTRY, key=lambda k: (config.REGISTRY[k].section, k)):
        p = config.REGISTRY[key]
        current = config.get(key, cppcc=user.cppcc_id, on=on)
        history = [{"valid_from": h.valid_from, "value": show_value(p, h.value), "note": h.note, "future": h.valid_from > on,
                    "by": h.created_by} for h in config.history(key, cppcc=user.cppcc_id)]
        sections.setdefault(p.section, []).append({
            "param": p, "current": show_value(p, current), "default": show_value(p, p.default), "edit": edit_value(p, current),
            "is_default": not any(h["valid_from"] <= on for h in history), "history": history,
        })
    return [{"section": s, "params": ps} for s, ps in sections.items()]


# Holiday table -------------------------------------------------------------------------------------

COVERAGE_LABELS = {
    workdays.SOURCE_TABLE: "节假日表（管理员维护）",
    workdays.SOURCE_PACKAGE: "chinesecalendar 内置数据",
    workdays.SOURCE_FALLBACK: "未知：按周一至周五上班推算",
}


def calendar_years(today: dt.date | None = None) -> list[int]:
    today = today or timezone.localdate()
    years = set(range(today.year - 1, today.year + 2))
    years |= {d.year for d in CalendarDay.objects.dates("date", "year")}
    return sorted(years)


def calendar_coverage(years: list[int]) -> list[dict]:
    cov = workdays.coverage(years)
    return [{"year": y, "source": cov[y], "label": COVERAGE_LABELS[cov[y]]} for y in years]


def calendar_days(year: int):
    return CalendarDay.objects.filter(date__year=year).select_related("created_by").order_by("date")


def calendar_day_get(pk) -> CalendarDay:
    from django.shortcuts import get_object_or_404

    return get_object_or_404(CalendarDay, pk=pk)
