import pytest
from django.test import Client, override_settings
from django.urls import include, path

from zhengxie.core import views


def _boom(request):
    raise RuntimeError("boom")


def _denied(request):
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


def _bad(request):
    from django.core.exceptions import SuspiciousOperation

    raise SuspiciousOperation("bad")


urlpatterns = [path("boom/", _boom), path("denied/", _denied), path("bad/", _bad), path("", include("config.urls"))]
handler400, handler403, handler404, handler500 = views.error_400, views.error_403, views.error_404, views.error_500


@pytest.mark.parametrize("url,status,text", [
    ("/bad/", 400, "请求有误"),
    ("/denied/", 403, "没有权限"),
    ("/nowhere/", 404, "页面不存在"),
    ("/boom/", 500, "系统出错了"),
])
@override_settings(DEBUG=False, ROOT_URLCONF=__name__)
def test_error_pages_are_friendly_and_chinese(db, url, status, text):
    response = Client(raise_request_exception=False).get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert text in html and "返回首页" in html


@override_settings(DEBUG=False)
def test_a_missing_page_of_the_real_site_is_chinese(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404 and "页面不存在" in response.content.decode()


def test_a_stale_form_gets_a_chinese_page_not_djangos_english_one(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
