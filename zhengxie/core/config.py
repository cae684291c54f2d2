"""Configuration of every [P] value of domain.md, dated by valid_from and per 政协.

Apps register their parameters at import time; `get(key, cppcc=…, on=fact_date)` returns the value
valid on that date (the newest row with valid_from <= on), or the registered default.
"""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from .exceptions import ApplicationError
from .models import ConfigValue


@dataclass(frozen=True)
class Param:
    key: str
    label: str
    default: Any
    kind: str  # int | decimal | str | bool | list | json
    section: str
    help: str = ""
    source: str = ""
    choices: tuple = field(default_factory=tuple)


REGISTRY: dict[str, Param] = {}


def register(key: str, label: str, default: Any, *, kind: str, section: str, help: str = "", source: str = "") -> Param:
    param = Param(key=key, label=label, default=default, kind=kind, section=section, help=help, source=source)
    REGISTRY[key] = param
    return param


def _today() -> dt.date:
    return timezone.localdate()


# Values read during one request are remembered for the rest of it (a page asks for the 提案号 pattern or the
# attachment limits several times); RequestContextMiddleware opens and closes this memo. Outside a request (commands,
# jobs, services called directly) every get() reads the database.
_memo: ContextVar[dict | None] = ContextVar("zhengxie_config_memo", default=None)


@contextmanager
def request_memo():
    token = _memo.set({})
    try:
        yield
    finally:
        _memo.reset(token)


def get(key: str, *, cppcc, on: dt.date | None = None) -> Any:
    param = REGISTRY[key]
    on = on or _today()
    cppcc_id = getattr(cppcc, "pk", cppcc)
    memo = _memo.get()
    if memo is not None and (key, cppcc_id, on) in memo:
        return memo[(key, cppcc_id, on)]
    row = (
        ConfigValue.objects.filter(cppcc_id=cppcc_id, key=key, valid_from__lte=on)
        .order_by("-valid_from")
        .values_list("value", flat=True)
        .first()
    )
    value = param.default if row is None else row
    if memo is not None:
        memo[(key, cppcc_id, on)] = value
    return value


def history(key: str, *, cppcc) -> list[ConfigValue]:
    return list(ConfigValue.objects.filter(cppcc=cppcc, key=key).order_by("-valid_from"))


def parse(param: Param, raw: str) -> Any:
    """Turn a form's text into the parameter's type; Chinese error on bad input."""
    raw = (raw or "").strip()
    try:
        if param.kind == "int":
            return int(raw)
        if param.kind == "decimal":
            return float(raw)
        if param.kind == "bool":
            if raw.lower() in {"1", "true", "是", "yes", "on"}:
                return True
            if raw.lower() in {"0", "false", "否", "no", "off"}:
                return False
            raise ValueError
        if param.kind == "list":
            items = [p.strip() for p in raw.replace("，", ",").replace("\n", ",").split(",") if p.strip()]
            if not items:
                raise ValueError
            return items
        if param.kind == "json":
            import json

            return json.loads(raw)
        if not raw:
            raise ValueError
        return raw
    except (ValueError, TypeError):
        kinds = {"int": "整数", "decimal": "数字", "bool": "是/否", "list": "以逗号分隔的列表", "json": "JSON", "str": "文字"}
        raise ApplicationError(f"「{param.label}」应填写{kinds.get(param.kind, '有效值')}。", field="value")


def config_set(*, cppcc, key: str, value: Any, valid_from: dt.date, by, note: str = "") -> ConfigValue:
    from zhengxie.accounts.selectors import has_role
    from zhengxie.core.roles import Role

    from .writes import recorded_write

    if key not in REGISTRY:
        raise ApplicationError(f"没有名为「{key}」的参数。")
    param = REGISTRY[key]
    allowed = has_role(by, Role.ADMIN) and getattr(by, "cppcc_id", None) == getattr(cppcc, "pk", cppcc)
    try:
        with recorded_write(by=by, action="config.set", allowed=allowed, message=f"设置参数「{param.label}」") as w:
            obj, _ = ConfigValue.objects.update_or_create(
                cppcc=cppcc, key=key, valid_from=valid_from, defaults={"value": value, "note": note, "created_by": by}
            )
            try:
                obj.full_clean()
            except ValidationError as exc:  # pragma: no cover - defensive
                raise ApplicationError("参数值无效：" + "；".join(exc.messages))
            w.obj = obj
            w.timeline = False
    finally:
        if (memo := _memo.get()) is not None:  # the rest of this request reads the new value
            memo.clear()
    return obj


# Foundation parameters ---------------------------------------------------------------------------
register(
    "attachments.max_mb", "单个附件大小上限(MB)", 32, kind="int", section="附件",
    help="超过此大小的文件拒绝上传。", source="domain.md §3.2 (≤32 MB each in [R52])",
)
register(
    "attachments.max_files", "每条记录附件数上限", 5, kind="int", section="附件", source="domain.md §3.2",
)
register(
    "attachments.allowed_types", "允许的附件类型", ["pdf", "docx", "doc", "xlsx", "xls", "jpg", "png", "txt"],
    kind="list", section="附件", help="按文件内容识别，扩展名与内容须一致。",
)
register(
    "notifications.default_channels", "默认通知渠道", ["inbox", "email"], kind="list", section="通知",
    help="可选：inbox(站内)、email(邮件)、sms(短信)、wechat(微信)。用户可在个人设置中调整。",
)
register(
    "todos.soon_days", "待办“即将到期”提前天数", 3, kind="int", section="待办",
)
