from django.utils import timezone
from ninja.security import APIKeyCookie, HttpBearer


class SessionAuth(APIKeyCookie):
    """The browser session (CSRF checked on unsafe methods by APIKeyCookie)."""

    param_name = "sessionid"

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        return user if getattr(user, "is_authenticated", False) and user.is_active else None


class TokenAuth(HttpBearer):
    """`Authorization: Bearer <key>` with a personal API token (accounts.ApiToken)."""

    def authenticate(self, request, token):
        from zhengxie.accounts.models import ApiToken

        row = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash_key(token), revoked_at__isnull=True, user__is_active=True)
            .first()
        )
        if row is None:
            return None
        ApiToken.objects.filter(pk=row.pk).update(last_used_at=timezone.now())
        request.user = row.user
        return row.user


def auth_methods():
    return [TokenAuth(), SessionAuth()]
