"""A person on a phone signs in, sees their home page and opens the menu (headless Chromium)."""
import pytest

from zhengxie.core.roles import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_signs_in_on_a_phone_and_finds_the_menu(live_server, browser, persona, password):
    user = persona(Role.MEMBER)
    page = browser.new_page(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url  # anonymous → login page
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.locator("h1").inner_text().startswith("您好")
    assert "我的待办" in page.content()
    nav = page.locator("nav.sidenav")
    assert not nav.is_visible()  # collapsed on a phone
    page.click("button.nav-toggle")
    assert nav.is_visible()
    page.close()


def test_a_wrong_password_shows_a_chinese_message(live_server, browser, persona):
    user = persona(Role.MEMBER)
    page = browser.new_page(locale="zh-CN")
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "wrong-password")
    page.click("button[type=submit]")
    assert page.locator(".msg-error").count() >= 1
    assert "/accounts/login/" in page.url
    page.close()
