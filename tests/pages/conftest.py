"""The page checks' shared crawl: the demo's data, every demo role and the public pages.

The crawl is made once per test process and kept as plain results (statuses and HTML), never as
database state: the first check that needs it seeds the demo in its own test database (the axe check
in its transactional one, for the browser; otherwise the function-scoped ``db``, rolled back) and
crawls; the later checks read the kept results. The checks share an xdist group, so under
``-n auto --dist loadgroup`` they run in one worker and crawl once.
"""

import io

import pytest

from .crawl import DEMO_USERS, PUBLIC_START, Crawl, crawl

ANONYMOUS = "аноним"
SHARED_CRAWL = pytest.mark.xdist_group("demo_crawl")  # the checks that read the crawl run in one worker


def clients():
    """(who, test client, start paths) for anonymous visitors and each demo user, logged in."""
    from django.test import Client

    from members.models import User

    yield ANONYMOUS, Client(), PUBLIC_START
    for username in DEMO_USERS:
        client = Client()
        client.force_login(User.objects.get(username=username))
        yield username, client, ("/",)


def failed_submits(client, result):
    """The add forms a role reads, sent empty: the pages with the form's errors, as a person sees them."""
    from .crawl import Page

    pages = []
    for page in result.read:
        if page.url.split("?")[0].endswith("/add/") and 'method="post"' in page.html:
            response = client.post(page.url, {})
            if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
                html = response.content.decode()
                pages.append(Page(f"{page.url} (отправлена пустой)", 200, page.url, html, submitted=True))
    return pages


def crawl_as(client, start) -> Crawl:
    """One role's crawl with the failed submits of its add forms among the pages."""
    result = crawl(client, start)
    result.pages += failed_submits(client, result)
    return result


# This process's crawl of the demo, {who: Crawl}: results only, valid whatever database a later test has.
_kept: dict[str, Crawl] = {}


def keep(results: dict[str, Crawl]) -> None:
    _kept.clear()
    _kept.update(results)


@pytest.fixture
def demo_crawl(db):
    """{who: Crawl} of the demo's data by every role, made once per test process (see the module's note)."""
    from django.core.management import call_command

    if not _kept:
        call_command("seed_demo", force=True, stdout=io.StringIO())
        keep({who: crawl_as(client, start) for who, client, start in clients()})
    return dict(_kept)
