"""Sign-in tokens: a short-lived rotating token per activity, carried by the QR code on the organiser's screen.

token = "<slot>-<hmac>" where slot = ⌊unix time ÷ slot length⌋ (`activities.signin_slot_seconds`, default 60 s) and
the HMAC (django.utils.crypto.salted_hmac, keyed by SECRET_KEY) covers the activity id and the slot. Only the
current and the previous slot are accepted, so a photo of the QR forwarded later is refused. The same HMAC also
gives a six-digit short code for members who type instead of scanning.
"""
from __future__ import annotations

import datetime as dt
import hmac

from django.utils import timezone
from django.utils.crypto import salted_hmac

from zhengxie.core import config
from zhengxie.core.exceptions import ApplicationError

SALT = "zhengxie.activities.signin"
INVALID = "签到码无效，请扫描活动现场屏幕上的二维码，或输入屏幕上显示的6位签到码。"


def slot_seconds(activity) -> int:
    return max(10, int(config.get("activities.signin_slot_seconds", cppcc=activity.cppcc_id)))


def slot_of(activity, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    return int(now.timestamp()) // slot_seconds(activity)


def _digest(activity, slot: int) -> str:
    return salted_hmac(SALT, f"{activity.pk}:{slot}").hexdigest()


def token_for(activity, now: dt.datetime | None = None) -> str:
    slot = slot_of(activity, now)
    return f"{slot}-{_digest(activity, slot)[:20]}"


def code_for(activity, now: dt.datetime | None = None, *, slot: int | None = None) -> str:
    slot = slot_of(activity, now) if slot is None else slot
    return f"{int(_digest(activity, slot)[20:32], 16) % 1_000_000:06d}"


def qr_svg(url: str, *, scale: int = 8) -> str:
    """The sign-in link as an inline SVG QR code (segno, error correction M), for the organiser's screen."""
    import segno

    return segno.make(url, error="m").svg_inline(scale=scale, title="签到二维码")


def seconds_left(activity, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    length = slot_seconds(activity)
    return length - int(now.timestamp()) % length


def window(activity) -> tuple[dt.datetime, dt.datetime]:
    """When sign-in is open: the activity's own window, else from N minutes before the start to the end."""
    minutes = int(config.get("activities.signin_open_minutes", cppcc=activity.cppcc_id))
    opens = activity.signin_opens_at or activity.start_at - dt.timedelta(minutes=minutes)
    closes = activity.signin_closes_at or activity.end_at
    return opens, closes


def _hm(value: dt.datetime) -> str:
    local = timezone.localtime(value)
    return f"{local.month}月{local.day}日 {local:%H:%M}"


def check_window(activity, now: dt.datetime) -> None:
    opens, closes = window(activity)
    if now < opens:
        raise ApplicationError(f"签到尚未开始：签到时间为{_hm(opens)}至{_hm(closes)}。")
    if now > closes:
        raise ApplicationError(f"签到已于{_hm(closes)}截止。确已参加的，请联系组织单位登记代签。")


def check_token(activity, token: str, now: dt.datetime) -> None:
    """Raise ApplicationError unless `token` is this activity's token of the current or the previous slot."""
    slot_text, _, mac = (token or "").strip().partition("-")
    if not slot_text.isdigit() or not mac:
        raise ApplicationError(INVALID)
    slot = int(slot_text)
    if not hmac.compare_digest(mac, _digest(activity, slot)[:20]):
        raise ApplicationError(INVALID)
    current = slot_of(activity, now)
    if slot > current:
        raise ApplicationError(INVALID)
    if slot < current - 1:
        raise ApplicationError(f"签到码已过期（每{slot_seconds(activity)}秒更新一次），请扫描屏幕上最新的二维码。")


def check_code(activity, code: str, now: dt.datetime) -> None:
    code = (code or "").strip()
    if not (len(code) == 6 and code.isdigit()):
        raise ApplicationError("请输入屏幕上显示的6位数字签到码。", field="code")
    current = slot_of(activity, now)
    if hmac.compare_digest(code, code_for(activity, slot=current)) or hmac.compare_digest(
            code, code_for(activity, slot=current - 1)):
        return
    raise ApplicationError("签到码不正确或已过期，请输入屏幕上最新显示的6位签到码。", field="code")
