"""Outside channels (SMS, WeChat) behind one small interface, chosen by settings:

    ZX_SMS_BACKEND = "zhengxie.notifications.backends.LoggingSmsBackend"
    ZX_WECHAT_BACKEND = "zhengxie.notifications.backends.LoggingWechatBackend"

A real gateway subclasses NotificationBackend and overrides `transmit`, returning "sent".
`send` never needs to catch errors: the caller records any exception as a failed delivery.
"""
from __future__ import annotations

import logging

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("zhengxie.notifications")

SENT = "sent"
LOGGED = "logged"
SKIPPED = "skipped"
FAILED = "failed"


class NotificationBackend:
    channel = "sms"

    def address_for(self, user) -> str:
        return (getattr(user, "phone", "") or "").strip()

    def send(self, user, title: str, body: str, url: str) -> tuple[str, str, str]:
        """→ (status, address, error). Skipped when the user has no address for this channel."""
        address = self.address_for(user)
        if not address:
            return SKIPPED, "", "用户未登记手机号"
        return self.transmit(address, title, body, url), address, ""

    def transmit(self, address: str, title: str, body: str, url: str) -> str:
        """Hand the message to the gateway. The base class has no gateway: it writes the log only."""
        log.info("[%s] → %s：%s %s %s", self.channel, address, title, body, url)
        return LOGGED


class LoggingSmsBackend(NotificationBackend):
    channel = "sms"


class LoggingWechatBackend(NotificationBackend):
    channel = "wechat"


def backend_for(channel: str) -> NotificationBackend:
    path = {"sms": settings.ZX_SMS_BACKEND, "wechat": settings.ZX_WECHAT_BACKEND}[channel]
    return import_string(path)()
