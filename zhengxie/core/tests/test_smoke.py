"""Every named URL without arguments, as every role and anonymously: never a 500; anonymous visitors are sent
to the login page (pages) or get 401 (API). Discovers URLs from the URLconf, so new pages are covered too."""
import pytest
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from zhengxie.core.roles import Role

#: Pages anyone may open without signing in.
PUBLIC = {"accounts:login", "admin:login", "api:openapi-json", "api:openapi-view", "intake:index", "intake:track"}
# Public pages that send a visitor elsewhere when there is nothing to show (no tracking code in the session).
PUBLIC_REDIRECTS = {"intake:done": "/public/track/"}


def _names(patterns, namespace: str = "") -> set[str]:
    out: set[str] = set()
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{namespace}{p.namespace}:" if p.namespace else namespace
            out |= _names(p.url_patterns, ns)
        elif isinstance(p, URLPattern) and p.name:
            out.add(f"{namespace}{p.name}")
    return out


def argless_urls() -> list[tuple[str, str]]:
    urls = {}
    for name in sorted(_names(get_resolver().url_patterns)):
        try:
            urls[name] = reverse(name)
        except NoReverseMatch:
            continue  # needs arguments
    return sorted(urls.items())


def test_the_discovery_finds_the_kernel_pages():
    names = dict(argless_urls())
    for name in ["core:home", "core:audit", "core:config", "core:calendar", "accounts:users", "accounts:me", "api:openapi-json"]:
        assert name in names


@pytest.mark.parametrize("role", Role.values)
def test_no_page_fails_for_any_role(persona, password, role):
    client = Client(raise_request_exception=False)
    assert client.login(username=persona(role).username, password=password)
    failures = []
    for name, url in argless_urls():
        if name == "accounts:logout":
            continue  # would end the session for the remaining URLs
        status = client.get(url).status_code
        if status >= 500:
            failures.append(f"{name} {url} → {status}")
    assert failures == []


def test_anonymous_visitors_are_sent_to_sign_in(db):
    client = Client(raise_request_exception=False)
    problems = []
    for name, url in argless_urls():
        response = client.get(url)
        status = response.status_code
        if name in PUBLIC:
            ok = status == 200
        elif name in PUBLIC_REDIRECTS:
            ok = status == 302 and response["Location"] == PUBLIC_REDIRECTS[name]
        elif name.startswith("api:"):
            ok = status in (401, 404, 405)  # 404: the API root has no page of its own
        elif name.startswith("admin:"):  # Django's admin has its own sign-in page (superusers only)
            ok = status == 405 or (status == 302 and response["Location"].startswith("/django-admin/"))
        else:
            ok = status == 405 or (status == 302 and response["Location"].startswith("/accounts/login/"))
        if not ok:
            problems.append(f"{name} {url} → {status} {response.get('Location', '')}")
    assert problems == []
