"""Browser journeys: Playwright driving Debian's Chromium against the live test server.

Skipped, with the reason, where /usr/bin/chromium or Playwright is missing. Each journey keeps a
screenshot of its last page under var/screenshots/.
"""

import contextlib
import io
import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    reason = None
    if not (shutil.which(CHROMIUM) or Path(CHROMIUM).exists()):
        reason = f"нет Chromium по пути {CHROMIUM} (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            reason = "не установлен пакет playwright (pip install -r requirements-dev.txt)"
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture
def demo_data(transactional_db):
    from django.core.management import call_command

    call_command("seed_demo", force=True, stdout=io.StringIO())


@pytest.fixture
def new_page(browser, live_server, request):
    """``new_page(viewport=...)``: a fresh browser context; its last page is kept as a screenshot."""
    contexts = []

    def make(**options):
        context = browser.new_context(base_url=live_server.url, locale="ru-RU", accept_downloads=True, **options)
        context.set_default_timeout(20_000)
        contexts.append(context)
        return context.new_page()

    yield make
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for index, context in enumerate(contexts):
        for page in context.pages[-1:]:
            suffix = f"-{index}" if index else ""
            page.screenshot(path=str(SCREENSHOTS / f"{request.node.name}{suffix}.png"), full_page=True)
        context.close()


def login(page, username, password="cluster-demo"):
    page.goto("/accounts/login/")
    page.get_by_label("Имя пользователя").fill(username)
    page.get_by_label("Пароль").fill(password)
    page.get_by_role("button", name="Войти").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def choose(page, name, text, *, search=None, within=None, attempts=3):
    """Pick the option starting with ``text`` in the searchable select labelled ``name``.

    Types ``search`` (default: ``text``), waits for the portal's answer and clicks the option. On a
    busy machine the first keystrokes can land before the control has the focus, and then no search
    starts: the text is cleared and typed again, up to ``attempts`` times.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    box = (within or page).get_by_role("combobox", name=name, exact=True)
    # With a value chosen, the text box of a single select is moved aside: click the control, as a user would.
    control = box.locator("xpath=ancestor::div[contains(concat(' ', @class, ' '), ' ts-control ')]")
    dropdown = page.locator("#" + box.get_attribute("aria-controls"))
    option = dropdown.get_by_role("option", name=re.compile("^" + re.escape(text))).first
    for attempt in range(attempts):
        control.click()
        page.wait_for_function("() => document.activeElement && document.activeElement.closest('.ts-wrapper')")
        if page.evaluate("() => (document.activeElement.value || '').length"):  # a retry: clear the search
            page.keyboard.press("Control+A")  # (Backspace in an empty box would remove a chosen value)
            page.keyboard.press("Backspace")
        page.keyboard.type(search or text, delay=20)
        try:
            option.click(timeout=8000)
            break
        except PlaywrightTimeout:
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    # Let the control's searches be answered, then close and leave it, as a person moving on would: a search
    # answered late would otherwise reopen it and take the focus from the next field being typed into. (Best
    # effort: a page still loading more options after 5 s is left as it is.)
    select = "#" + box.get_attribute("id").removesuffix("-ts-control")
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function("s => !document.querySelector(s).tomselect.loading", arg=select, timeout=5000)
    page.evaluate("s => { const ts = document.querySelector(s).tomselect; ts.close(); ts.blur(); }", select)
