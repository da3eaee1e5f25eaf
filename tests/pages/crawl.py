"""A crawl of the portal as one user: every link of every page it reaches, with the test client.

Of the URLs one route serves (a detail page of any row; the sorts, pages and filters of a list) the
crawl follows the first few and reads the first one or two for further links and for the page checks,
so it stays bounded however many rows the demo has. Downloads (exports, PDFs, files, the calendar feed) are
followed for their status only.
"""

from __future__ import annotations

from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from django.urls import Resolver404, resolve

DEMO_USERS = (
    "coordinator",
    "secretary",
    "expert",
    "expert2",
    "college",
    "college2",
    "employer",
    "observer",
    "coordinator_it",  # the demo IT cluster's coordinator: no link to the industrial cluster's rows
)
PUBLIC_START = ("/catalog/", "/accounts/login/", "/events/")
# Not pages of the portal's own: Django's admin (its own templates), the static and uploaded files.
NOT_CHECKED = ("/admin/", "/static/", "/media/", "/api/")
DOWNLOAD_MARKS = ("export=", "/pdf/", ".pdf", ".ics", ".xlsx", "/file/", "/download/", "/template/")


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def links_of(html: str) -> list[str]:
    """The portal's own paths an HTML page links to, without fragments, in order."""
    parser = _Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        href = urldefrag(href)[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not href.startswith("/"):
            continue
        found.append(href)
    return found


def route_of(url: str) -> str:
    path = urlsplit(url).path
    try:
        return resolve(path).view_name
    except Resolver404:
        return path


@dataclass
class Page:
    url: str
    status: int
    referrer: str
    html: str = ""  # kept for the pages read (the first few of each route)
    submitted: bool = False  # an add form sent empty: its page with the errors, not a URL to open


@dataclass
class Crawl:
    pages: list[Page] = field(default_factory=list)

    @property
    def read(self) -> list[Page]:
        """The HTML pages read: the ones the page checks look at."""
        return [page for page in self.pages if page.html]

    def dead_ends(self) -> list[Page]:
        return [page for page in self.pages if page.status in (403, 404) or page.status >= 500]


def crawl(client, start=("/",), *, per_route: int = 1, fetch_per_route: int = 4, limit: int = 1500) -> Crawl:
    """Follow the links from ``start``: at most ``fetch_per_route`` URLs of each route (rows of one list,
    sorts and filters of one list), reading the first ``per_route`` of them for more links."""
    result = Crawl()
    queue = deque((url, "") for url in start)
    seen = set(start)
    read_per_route: Counter = Counter()
    fetched_per_route: Counter = Counter()
    while queue and len(result.pages) < limit:
        url, referrer = queue.popleft()
        route = route_of(url)
        download = any(mark in url for mark in DOWNLOAD_MARKS)
        fetched_per_route[route, download] += 1
        if fetched_per_route[route, download] > fetch_per_route:
            continue
        response = client.get(url)
        page = Page(url, response.status_code, referrer)
        result.pages.append(page)
        is_html = response.get("Content-Type", "").startswith("text/html")
        if response.status_code != 200 or download or not is_html or url.startswith(NOT_CHECKED):
            continue
        read_per_route[route] += 1
        if read_per_route[route] > per_route:
            continue
        page.html = response.content.decode()
        for link in links_of(page.html):
            if link not in seen and not link.startswith(("/static/", "/media/")):
                seen.add(link)
                queue.append((link, url))
    return result
