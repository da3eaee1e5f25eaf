"""Access crawl: every page the coordinator reaches by following links, replayed as every other role and
anonymously, against the access policies (issue 17, «tests that attack»).

The demo data is loaded once. The coordinator's crawl starts at the dashboard and follows the links of
every page (menus included), one URL per route and kind (a page or its Excel export), up to MAX_PAGES.
Each URL is then requested as every other demo user and anonymously:

* nothing answers 500;
* an anonymous visitor is sent to the login page, except on public pages (``login_not_required``);
* where the policy decides — one object's page, its edit and delete pages, a protected file — the
  status follows ``restrict(...)`` for the view's action: 200 when allowed, 403 or 404 when not;
* a denied page names nothing of the object it refused, and a list a role opens names none of the
  rows of that model the role may not see (where the row's name is its own: long and unique).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import Resolver404, resolve

from cluster_portal.core.access import restrict
from cluster_portal.core.testing.demo import demo_loaded
from cluster_portal.core.views import ObjectDeleteView, ObjectDetailView, ObjectEditView, ObjectListView

pytestmark = [
    pytest.mark.django_db,  # every test reads the module's demo data (and so sets the test database up)
    pytest.mark.xdist_group("access_crawl"),  # one worker seeds and crawls once (--dist loadgroup)
]

MAX_PAGES = 200
OTHER_USERS = (
    "secretary",
    "expert",
    "expert2",
    "college",
    "college2",
    "employer",
    "observer",
    # The demo IT cluster's staff replay the industrial cluster's pages: none of its rows may answer them.
    "coordinator_it",
    "secretary_it",
    "region_admin",
)
HREF = re.compile(r'href="(/[^"#]*)"')
NOT_FOLLOWED = ("/static/", "/media/", "/accounts/logout", "/admin/", "/api/")
ACTIONS = ((ObjectEditView, "change"), (ObjectDeleteView, "delete"), (ObjectDetailView, "view"))
LOGIN = "/accounts/login/"


def _links(body: str) -> list[str]:
    return [html.unescape(href) for href in HREF.findall(body)]


def _route_key(url: str):
    """One URL per route and kind: ``/members/5/`` and ``/members/7/`` are one; an export is another."""
    parts = urlsplit(url)
    try:
        match = resolve(parts.path)
    except Resolver404:
        return None
    export = "export=" in parts.query
    return (match.route, match.kwargs.get("name") or match.kwargs.get("kind") or match.kwargs.get("model_name"), export)


def crawl(client: Client) -> list[str]:
    """The URLs the coordinator reaches from the dashboard, one per route and kind, in the order met."""
    seen_keys, found, queue = set(), [], ["/"]
    while queue and len(found) < MAX_PAGES:
        url = queue.pop(0)
        key = _route_key(url)
        if key is None or key in seen_keys or url.startswith(NOT_FOLLOWED):
            continue
        seen_keys.add(key)
        response = client.get(url)
        assert response.status_code != 500, url
        if response.status_code != 200:
            continue
        found.append(url)
        if "text/html" in response.get("Content-Type", "") and not getattr(response, "streaming", False):
            queue.extend(_links(response.content.decode()))
    return found


def _model_of(view_class, coordinator):
    selector = getattr(view_class, "selector", None)
    return selector(user=coordinator).model if selector is not None else None


def expectation(url: str, coordinator):
    """(model, pk, action) where the policy decides the answer for one object; None elsewhere."""
    match = resolve(urlsplit(url).path)
    if match.url_name == "file":
        model = apps.get_model(match.kwargs["app_label"], match.kwargs["model_name"])
        return model, match.kwargs["pk"], "view"
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or "pk" not in match.kwargs:
        return None
    for base, action in ACTIONS:
        if issubclass(view_class, base):
            model = _model_of(view_class, coordinator)
            return (model, match.kwargs["pk"], action) if model is not None else None
    return None


def _is_public(url: str) -> bool:
    return getattr(resolve(urlsplit(url).path).func, "login_required", True) is False


_NAMES: dict[type, Counter] = {}


def _name(obj) -> str | None:
    """An object's name if it names this object alone (long enough and not shared), else None."""
    model = type(obj)
    if model not in _NAMES:
        _NAMES[model] = Counter(str(o) for o in model._default_manager.all()[:3000])
    text = str(obj)
    return text if len(text) >= 12 and _NAMES[model][text] == 1 else None


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with demo_loaded(django_db_blocker):
        users = {u.username: u for u in get_user_model().objects.filter(username__in=("coordinator", *OTHER_USERS))}
        client = Client()
        client.force_login(users["coordinator"])
        urls = crawl(client)
        yield users, urls
        _NAMES.clear()


def test_the_crawl_reaches_the_portal(demo):
    _users, urls = demo
    prefixes = {"/members/", "/councils/", "/programs/", "/expertise/", "/practice/", "/events/", "/reports/"}
    assert {p for p in prefixes if any(u.startswith(p) for u in urls)} == prefixes
    assert any("export=xlsx" in u for u in urls)
    assert len(urls) > 100, len(urls)


@pytest.mark.parametrize("username", [*OTHER_USERS, None], ids=[*OTHER_USERS, "anonymous"])
def test_every_page_answers_each_role_as_the_policy_says(demo, db, username):
    users, urls = demo
    coordinator = users["coordinator"]
    client = Client()
    user = users.get(username)
    if user is not None:
        client.force_login(user)
    # What every page shows this user anyway (their own name in the menu) is no leak.
    baseline = client.get("/").content.decode() if user is not None else ""
    failures = []
    for url in urls:
        response = client.get(url)
        status = response.status_code
        if status >= 500:
            failures.append((url, status, "server error"))
            continue
        if user is None:
            if not _is_public(url) and not (status == 302 and response["Location"].startswith(LOGIN)):
                failures.append((url, status, "anonymous not sent to login"))
            continue
        if status == 200:
            failures.extend((url, status, f"list names {name!r}") for name in list_leaks(url, response, user, baseline))
        expected = expectation(url, coordinator)
        if expected is None:
            continue
        model, pk, action = expected
        allowed = restrict(model._default_manager.filter(pk=pk), user, action).exists()
        if allowed and status != 200:
            failures.append((url, status, f"{action} allowed by the policy"))
        elif not allowed and status not in (403, 404):
            failures.append((url, status, f"{action} denied by the policy"))
        elif not allowed and not getattr(response, "streaming", False):
            name = _name(model._default_manager.get(pk=pk))
            if name and html.escape(name) in response.content.decode() and html.escape(name) not in baseline:
                failures.append((url, status, f"denied page names {name!r}"))
    assert failures == []


def list_leaks(url: str, response, user, baseline: str) -> list[str]:
    """The names of rows the user may not see that a list page they opened prints."""
    view_class = getattr(resolve(urlsplit(url).path).func, "view_class", None)
    if view_class is None or not issubclass(view_class, ObjectListView) or getattr(response, "streaming", False):
        return []
    body = response.content.decode()
    model = _model_of(view_class, get_user_model().objects.get(username="coordinator"))
    return [n for n in _hidden_names(model, user) if html.escape(n) in body and html.escape(n) not in baseline]


def _hidden_names(model, user, limit: int = 30) -> list[str]:
    visible = restrict(model._default_manager.all(), user, "view").values("pk")
    names = []
    for obj in model._default_manager.exclude(pk__in=visible).order_by("pk")[:limit]:
        name = _name(obj)
        if name:
            names.append(name)
    return names
