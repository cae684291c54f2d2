"""Request context for services that must not take a request (the audit IP), set per request."""
import contextvars

_client_ip: contextvars.ContextVar[str | None] = contextvars.ContextVar("zx_client_ip", default=None)


def config_memo():
    from .config import request_memo

    return request_memo()


def client_ip() -> str | None:
    return _client_ip.get()


class RequestContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        ip = forwarded.split(",")[0].strip() if forwarded else request.META.get("REMOTE_ADDR")
        token = _client_ip.set(ip or None)
        try:
            with config_memo():
                return self.get_response(request)
        finally:
            _client_ip.reset(token)


class SessionRenewalMiddleware:
    """Idle timeout without a session write on every request: an active signed-in session is renewed
    (its expiry moved to now + SESSION_COOKIE_AGE) at most once per SESSION_RENEW_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        import time

        from django.conf import settings

        session = getattr(request, "session", None)
        if session is not None and getattr(getattr(request, "user", None), "is_authenticated", False):
            now = int(time.time())
            if now - int(session.get("_zx_renewed", 0)) >= getattr(settings, "SESSION_RENEW_SECONDS", 60):
                session["_zx_renewed"] = now  # marks the session modified: saved with a fresh expiry
        return self.get_response(request)
