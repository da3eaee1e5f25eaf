"""The page checks' shared crawl: the demo's data, every demo role and the public pages.

Each test that reads the crawl (links, HTML) makes it in the test database, rolled back afterwards.
"""

import io

import pytest

from .crawl import DEMO_USERS, PUBLIC_START, crawl

ANONYMOUS = "аноним"


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
                pages.append(Page(f"{page.url} (отправлена пустой)", 200, page.url, response.content.decode()))
    return pages


@pytest.fixture
def demo_crawl(db):
    """{who: Crawl} with the demo's data, and the failed submits of each role's add forms among the pages."""
    from django.core.management import call_command

    call_command("seed_demo", force=True, stdout=io.StringIO())
    results = {}
    for who, client, start in clients():
        result = crawl(client, start)
        result.pages += failed_submits(client, result)
        results[who] = result
    return results
