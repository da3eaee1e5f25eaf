"""WCAG 2.1 AA: axe-core (vendored from npm) in Chromium over every page of every demo role and the public
pages, add forms after a failed submit included.

One browser, one context per role; each route is checked on the first page of it a role reaches (a list,
one row's page, one form), so the run stays bounded however many rows the demo has.
"""

import io
import os
import shutil
from pathlib import Path

import pytest

from .conftest import ANONYMOUS, SHARED_CRAWL, clients
from .crawl import crawl, route_of

AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = "options => axe.run(document, options).then(r => r.violations.map(v => ({id: v.id, help: v.help, "
RUN_AXE += "nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"


def missing() -> str:
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        return f"нет Chromium по пути {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "не установлен пакет playwright (pip install -r requirements-dev.txt)"
    return ""


def check(page, url, axe_source) -> list[str]:
    """axe's WCAG 2.0/2.1 A and AA violations of the page open in ``page``."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)
    found = page.evaluate(RUN_AXE, {"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]})
    return [f"{url}: {v['id']} — {v['help']} ({'; '.join(v['nodes'])})" for v in found]


def submit_empty(page) -> bool:
    """Send the page's main form as it is; True when the portal answered with the form again (its errors)."""
    button = page.locator("main form[method=post] [type=submit]").first
    if not button.count():
        return False
    page.once("dialog", lambda dialog: dialog.accept())
    button.click()
    page.wait_for_load_state()
    return page.locator(".invalid-feedback, .errorlist, .alert-danger").count() > 0


@pytest.mark.axe
@SHARED_CRAWL
@pytest.mark.skipif(bool(missing()), reason=missing() or "-")
@pytest.mark.django_db(transaction=True)
def test_no_axe_violation_on_any_page_of_any_role(live_server, browser_for_axe):
    from django.conf import settings
    from django.core.management import call_command

    call_command("seed_demo", force=True, stdout=io.StringIO())
    axe_source = AXE.read_text(encoding="utf-8")
    checked_routes: set[str] = set()
    problems, count = [], 0
    for who, client, start in clients():
        # One page per route is what axe checks (pytest-django runs this transactional test after the links
        # and HTML checks, which share their own crawl): fetching more would only cost time.
        result = crawl(client, start, fetch_per_route=1)
        context = browser_for_axe.new_context(base_url=live_server.url, locale="ru-RU", bypass_csp=True)
        if who != ANONYMOUS:
            cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
            context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])
        page = context.new_page()
        for visited in result.read:
            if visited.submitted:  # the browser sends the add forms itself, below
                continue
            route = route_of(visited.url)
            if route in checked_routes:
                continue
            checked_routes.add(route)
            page.goto(visited.url)
            problems += [f"{who}: {p}" for p in check(page, visited.url, axe_source)]
            count += 1
            if visited.url.split("?")[0].endswith("/add/") and submit_empty(page):
                problems += [f"{who}: {p} (после неудачной отправки)" for p in check(page, visited.url, axe_source)]
        context.close()
    assert count > 50  # every route, not a handful
    assert not problems, f"{len(problems)} нарушений WCAG на {count} страницах:\n" + "\n".join(problems)


@pytest.fixture(scope="module")
def browser_for_axe(browser):
    """The test process's one browser (tests/conftest.py)."""
    return browser
