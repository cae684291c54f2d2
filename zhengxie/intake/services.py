"""Every write of public intake. The public form writes with `by=None` (anonymous, recorded as 公众)."""
from __future__ import annotations

import datetime as dt
import re
import secrets

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.utils import timezone

from zhengxie.core import config
from zhengxie.core.writes import recorded_write

from . import permissions, registry, spam
from .models import CODE_ALPHABET, CODE_LENGTH, Channel, Submission

PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$")
NAME = re.compile(r"^[\u4e00-\u9fa5·A-Za-z ]{2,20}$")
LIMITED = "提交过于频繁：{who}在{minutes}分钟内已提交{n}条，请稍后再试。如有急事请致电政协办公室。"


def new_tracking_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not Submission.objects.filter(tracking_code=code).exists():
            return code


def normalize_code(raw: str) -> str:
    """Codes are read from paper or phones: ignore spaces/dashes and case."""
    return re.sub(r"[\s-]", "", raw or "").upper()


def _clean(*, name: str, phone: str, title: str, body: str, org: str, address: str, attachment, cppcc) -> dict:
    name, phone, title, body = (name or "").strip(), re.sub(r"\s", "", phone or ""), (title or "").strip(), (body or "").strip()
    errors = []
    if not NAME.match(name):
        errors.append("请填写真实姓名（2至20个汉字或字母）。")
    if not PHONE.match(phone):
        errors.append("请填写有效的手机号码（11位）或带区号的固定电话。")
    if not title:
        errors.append("请填写标题，用一句话概括您反映的问题。")
    elif len(title) > 80:
        errors.append("标题不能超过80个字。")
    if not body:
        errors.append("请填写内容。")
    if attachment:
        allowed = [t.lower() for t in config.get("attachments.allowed_types", cppcc=cppcc)]
        ext = attachment.name.rsplit(".", 1)[-1].lower() if "." in attachment.name else ""
        if ext not in allowed:
            errors.append(f"附件类型不支持，请上传以下类型之一：{'、'.join(allowed)}。")
        elif attachment.size > config.get("attachments.max_mb", cppcc=cppcc) * 1024 * 1024:
            errors.append(f"附件不能超过{config.get('attachments.max_mb', cppcc=cppcc)}MB。")
    if errors:
        raise ValidationError(errors)
    return {"name": name, "phone": phone, "title": title, "body": body, "org": (org or "").strip()[:80],
            "address": (address or "").strip()[:120]}


def _check_rate(*, channel: Channel, ip: str | None, phone: str) -> None:
    cppcc = channel.cppcc_id
    minutes = config.get("intake.window_minutes", cppcc=cppcc)
    since = timezone.now() - dt.timedelta(minutes=minutes)
    recent = Submission.objects.filter(cppcc_id=cppcc, created_at__gte=since)
    phone_limit = config.get("intake.phone_limit", cppcc=cppcc)
    if recent.filter(phone=phone).count() >= phone_limit:
        raise ValidationError(LIMITED.format(who="该手机号", minutes=minutes, n=phone_limit))
    ip_limit = config.get("intake.ip_limit", cppcc=cppcc)
    if ip and recent.filter(ip=ip).count() >= ip_limit:
        raise ValidationError(LIMITED.format(who="您所在的网络", minutes=minutes, n=ip_limit))


def submission_create(*, channel: Channel, name: str, phone: str, title: str, body: str, org: str = "", address: str = "",
                      attachment=None, ip: str | None = None, honeypot: str = "", elapsed: float | None = None,
                      by=None) -> Submission:
    """A public submission (no login). Screens spam, applies the per-IP and per-phone limits, stores privately."""
    data = _clean(name=name, phone=phone, title=title, body=body, org=org, address=address, attachment=attachment,
                  cppcc=channel.cppcc_id)
    reasons = spam.screen(cppcc=channel.cppcc_id, title=data["title"], body=data["body"], honeypot=honeypot, elapsed=elapsed)
    if reasons:
        raise ValidationError(reasons)
    with recorded_write(by=by, action="intake.submit", obj=None, message="公众提交来信") as w:
        locked = Channel.objects.select_for_update().get(pk=channel.pk)  # serialises the rate check per channel
        if not locked.is_open:
            raise ValidationError(f"「{locked.title}」已停止征集，感谢您的关注。")
        _check_rate(channel=locked, ip=ip, phone=data["phone"])
        sub = Submission(cppcc_id=locked.cppcc_id, channel=locked, tracking_code=new_tracking_code(), ip=ip, **data)
        if attachment:
            ext = attachment.name.rsplit(".", 1)[-1].lower()
            path = timezone.localdate().strftime(f"intake/%Y/%m/{sub.tracking_code}.{ext}")
            sub.attachment = default_storage.save(path, attachment)
            sub.attachment_name = attachment.name[-120:]
        sub.save()
        w.obj = sub
        w.before = None
    return sub


def _consumer(sub: Submission) -> registry.Consumer | None:
    return registry.get(sub.channel.consumer)


def submission_accept(*, submission: Submission, by, reply: str = "", note: str = ""):
    """采纳: the consumer's on_accept runs in the same transaction. Returns (submission, consumer result)."""
    allowed = permissions.can_screen(by, submission.channel)
    with recorded_write(by=by, action="intake.accept", obj=submission, allowed=allowed, message="采纳来信") as w:
        sub = w.lock()
        if sub.status != Submission.Status.NEW:
            raise ValidationError(f"该来信已{sub.get_status_display()}，不能重复处理。")
        consumer = _consumer(sub)
        result = consumer.on_accept(submission=sub, by=by) if consumer and consumer.on_accept else None
        sub.status = Submission.Status.ACCEPTED
        sub.public_reply = (reply or "").strip() or (consumer.public_accept_reply if consumer else "您的来信已被采纳。")
        sub.staff_note = (note or "").strip()[:200]
        sub.handled_by, sub.handled_at = by, timezone.now()
        sub.save()
    return sub, result


def submission_reject(*, submission: Submission, by, reason: str, note: str = "") -> Submission:
    """不予采纳 with a reason the submitter reads through the tracking code."""
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise ValidationError("请填写不予采纳的理由（提交人可通过查询码看到）。")
    allowed = permissions.can_screen(by, submission.channel)
    with recorded_write(by=by, action="intake.reject", obj=submission, allowed=allowed, message="不予采纳来信") as w:
        sub = w.lock()
        if sub.status != Submission.Status.NEW:
            raise ValidationError(f"该来信已{sub.get_status_display()}，不能重复处理。")
        sub.status = Submission.Status.REJECTED
        sub.public_reply = reason
        sub.staff_note = (note or "").strip()[:200]
        sub.handled_by, sub.handled_at = by, timezone.now()
        sub.save()
    return sub


def submission_set_public_reply(*, submission: Submission, by, text: str) -> Submission:
    """A consumer tells the submitter how the accepted item went on (e.g. 已编入选题目录)."""
    text = (text or "").strip()
    if not text:
        raise ValidationError("答复内容不能为空。")
    allowed = permissions.can_screen(by, submission.channel)
    with recorded_write(by=by, action="intake.reply", obj=submission, allowed=allowed, message="更新来信答复") as w:
        sub = w.lock()
        sub.public_reply = text[:2000]
        sub.save(update_fields=["public_reply", "updated_at"])
    return sub


def channel_save(*, by, cppcc, code: str, title: str, consumer: str, intro: str = "", body_hint: str = "",
                 is_open: bool = True, channel: Channel | None = None) -> Channel:
    code, title = (code or "").strip().lower(), (title or "").strip()
    if not re.match(r"^[a-z0-9-]{2,40}$", code):
        raise ValidationError("渠道代码只能用小写字母、数字和连字符（2至40位），如 proposal-clue。")
    if not title:
        raise ValidationError("请填写渠道名称。")
    if registry.get(consumer) is None:
        raise ValidationError("请选择处理该渠道的业务模块。")
    clash = Channel.objects.filter(cppcc=cppcc, code=code).exclude(pk=getattr(channel, "pk", None))
    if clash.exists():
        raise ValidationError(f"代码「{code}」已被其他渠道使用。")
    probe = channel or Channel(cppcc=cppcc, consumer=consumer)
    allowed = (getattr(by, "cppcc_id", None) == getattr(cppcc, "pk", cppcc)
               and permissions.can_edit_channel(by, probe) and consumer in permissions.channel_consumers(by))
    with recorded_write(by=by, action="intake.channel", obj=channel, allowed=allowed,
                        message="修改征集渠道" if channel else "新建征集渠道") as w:
        obj = w.lock() if channel else Channel(cppcc=cppcc)
        obj.code, obj.title, obj.consumer, obj.intro, obj.body_hint, obj.is_open = (
            code, title, consumer, (intro or "").strip(), (body_hint or "").strip()[:200], bool(is_open))
        obj.save()
        w.obj = obj
    return obj
