"""Service errors → JSON with a Chinese `detail`, the same refusals as the pages."""
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from ninja.errors import AuthenticationError, HttpError

from .exceptions import ApplicationError


def install_handlers(api) -> None:
    @api.exception_handler(ApplicationError)
    def _app_error(request, exc: ApplicationError):
        return api.create_response(request, {"detail": exc.message, "field": exc.field, "errors": exc.errors}, status=400)

    @api.exception_handler(ValidationError)
    def _validation(request, exc: ValidationError):
        return api.create_response(request, {"detail": "；".join(exc.messages)}, status=400)

    @api.exception_handler(PermissionDenied)
    def _denied(request, exc):
        return api.create_response(request, {"detail": str(exc) or "您没有执行此操作的权限。"}, status=403)

    @api.exception_handler(Http404)
    def _not_found(request, exc):
        return api.create_response(request, {"detail": "没有找到该记录，或您无权查看。"}, status=404)

    @api.exception_handler(AuthenticationError)
    def _unauth(request, exc):
        return api.create_response(request, {"detail": "请先登录，或提供有效的 API 令牌。"}, status=401)

    @api.exception_handler(HttpError)
    def _http(request, exc: HttpError):
        message = str(exc)
        if "CSRF" in message:
            message = "CSRF 校验失败：使用登录会话调用时须携带 X-CSRFToken 请求头，或改用 API 令牌。"
        return api.create_response(request, {"detail": message}, status=exc.status_code)
