from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from zhengxie.accounts.selectors import roles_of

from . import todos


@login_required
def home(request):
    items = todos.todos_for(request.user)
    return render(request, "core/home.html", {"todos": items, "roles": roles_of(request.user)})


def _error(request, status: int, title: str, text: str):
    return render(request, "errors/error.html", {"status": status, "title": title, "text": text}, status=status)


def error_400(request, exception=None):
    return _error(request, 400, "请求有误", "提交的内容无法处理，请返回检查后重试。")


def error_403(request, exception=None):
    text = str(exception) if exception and str(exception) else "您没有权限查看此页面或执行此操作。"
    return _error(request, 403, "没有权限", text)


def error_404(request, exception=None):
    return _error(request, 404, "页面不存在", "没有找到您要访问的页面，或该记录不在您的权限范围内。")


def error_500(request):
    return _error(request, 500, "系统出错了", "服务器处理时出现问题，已记录。请稍后重试，或联系系统管理员。")
