"""The view tests every app declares in a few lines, as NetBox's ``ViewTestCases`` do.

An app's ``tests/test_views.py`` subclasses :class:`PageTests` and says what it has:

    class TestPages(PageTests):
        @pytest.fixture
        def pages(self, world):          # every URL and who gets what there
            return [
                Page("/practice/", everyone()),
                *policy_pages(world["student"]),   # list, export, detail, add, edit, delete by the policy
            ]

        @pytest.fixture
        def measured(self, world):       # pages whose queries must not grow with their rows
            return Measured(urls=["/practice/students/", ...], grow=lambda n, start: grow(world, n, start))

The base then tests every URL for anonymous users and for every role (a user of each role, and a
second college's user, ``college2``), and the query counts at 2 and at 50 rows of every table
the pages list.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from cluster_portal.core.access import can, can_add, may
from cluster_portal.core.roles import Role
from cluster_portal.core.urls_helpers import url_for

# The users of the root conftest's ``users`` fixture: one per role, and a second college's.
ROLES = (*Role, "college2")
LOGIN_URL = "/accounts/login/"


def everyone(status: int = 200) -> dict[str, int]:
    return dict.fromkeys(ROLES, status)


def only(*allowed: str, otherwise: int = 403, **exceptions: int) -> dict[str, int]:
    """200 for the ``allowed`` roles, ``otherwise`` for the rest, ``exceptions`` by name (``college2=404``)."""
    return {role: 200 if role in allowed else otherwise for role in ROLES} | exceptions


def expect(ok: Iterable[str] = (), forbidden: Iterable[str] = (), missing: Iterable[str] = ()) -> dict[str, int]:
    """Every role named once: 200 where ``ok``, 403 where ``forbidden``, 404 where ``missing``."""
    codes = {role: 200 for role in ok} | {role: 403 for role in forbidden} | {role: 404 for role in missing}
    assert set(codes) == set(ROLES), f"roles left out: {set(ROLES) - set(codes)}"
    return codes


Expected = Mapping[str, int] | Callable[[object], int | frozenset[int]]


@dataclass(frozen=True)
class Page:
    """A URL and the status each role gets there: a mapping by role, or a function of the user."""

    url: str
    expected: Expected
    public: bool = False  # opened without logging in

    def statuses_for(self, role: str, user) -> frozenset[int]:
        """The statuses accepted for the role's user."""
        wanted = self.expected(user) if callable(self.expected) else self.expected[role]
        return wanted if isinstance(wanted, frozenset) else frozenset({wanted})


REFUSED = frozenset({403, 404})


def _object_status(obj, action: str) -> Callable[[object], int | frozenset[int]]:
    """200 for a user the policy lets ``action`` the row; for anyone else 404 on its page, and 403 or
    404 on its edit and delete pages (a reader of the row learns nothing from either)."""

    def status(user) -> int | frozenset[int]:
        if can(user, obj, action):
            return 200
        return REFUSED if action != "view" and can(user, obj, "view") else 404

    return status


def policy_pages(obj, *, actions: Iterable[str] = ("list", "export", "detail", "add", "edit", "delete")) -> list[Page]:
    """The standard pages of ``obj``'s model, each expected to answer as the model's access policy says."""
    model = type(obj)
    pages = {
        "list": lambda: Page(url_for(model, "list"), lambda u: 200 if may(u, model, "view") else 403),
        "export": lambda: Page(
            f"{url_for(model, 'list')}?export=xlsx", lambda u: 200 if may(u, model, "view") else 403
        ),
        "detail": lambda: Page(url_for(obj, "detail"), _object_status(obj, "view")),
        "add": lambda: Page(url_for(model, "add"), lambda u: 200 if can_add(u, model) else 403),
        "edit": lambda: Page(url_for(obj, "edit"), _object_status(obj, "change")),
        "delete": lambda: Page(url_for(obj, "delete"), _object_status(obj, "delete")),
    }
    made = [pages[action]() for action in actions]
    missing = [action for action, page in zip(actions, made, strict=True) if not page.url or page.url.startswith("?")]
    assert not missing, f"{model.__name__} has no page for {missing}"
    return made


@dataclass
class Measured:
    """Pages whose number of queries must not depend on the number of rows they show.

    ``urls``: (role, url) pairs, or bare URLs opened by ``role`` (None: anonymous); ``grow(n, start)`` adds ``n``
    more rows of everything the pages list (``start``: how many it added before, for unique names).
    """

    urls: list
    grow: Callable[[int, int], None]
    role: str | None = Role.COORDINATOR  # None: opened without logging in
    rows: tuple[int, int] = (2, 50)
    max_queries: int | None = None  # a bound for every page, at both sizes
    pairs: list[tuple[str, str]] = field(init=False)

    def __post_init__(self):
        self.pairs = [item if isinstance(item, tuple) else (self.role, item) for item in self.urls]


def query_count(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries)


class PageTests:
    """Every URL for every role against the expectations; query counts that do not grow with rows."""

    @pytest.fixture
    def pages(self) -> list[Page]:
        raise NotImplementedError("declare the app's pages")

    @pytest.fixture
    def measured(self) -> Measured | None:
        return None

    @pytest.mark.django_db
    def test_every_url_for_every_role(self, users, pages):
        by_url: dict[str, list[Page]] = {}
        for page in pages:  # a URL declared twice (by hand and by the policy) is opened once, held to both
            by_url.setdefault(page.url, []).append(page)
        anonymous, clients = Client(), {}
        for role in ROLES:  # one session per role for all the URLs (a login writes the session and the user)
            clients[role] = Client()
            clients[role].force_login(users[role])
        failures = []
        for url, declared in by_url.items():
            failures += self._anonymous_failures(url, anonymous.get(url), public=any(p.public for p in declared))
            for role in ROLES:
                status = clients[role].get(url).status_code
                wanted = frozenset.intersection(*(page.statuses_for(role, users[role]) for page in declared))
                if status not in wanted:
                    failures.append((url, role, status, sorted(wanted)))
        assert failures == [], "(url, role, status, expected):\n" + "\n".join(map(str, failures))

    @staticmethod
    def _anonymous_failures(url: str, response, *, public: bool) -> list[tuple]:
        if public:
            return [] if response.status_code == 200 else [(url, "anonymous", response.status_code, 200)]
        if response.status_code == 302 and response["Location"].startswith(LOGIN_URL):
            return []
        return [(url, "anonymous", response.status_code, "login")]

    @pytest.mark.django_db
    def test_query_counts_do_not_grow_with_rows(self, client, users, measured):
        if measured is None:
            pytest.skip("the app declares no measured pages")
        few, many = measured.rows
        measured.grow(few, 0)
        for role, url in measured.pairs:  # caches of the process (menus, content types) warm up
            _log_in(client, users, role)
            client.get(url)
        counts = self._counts(client, users, measured)
        measured.grow(many - few, few)
        grown = self._counts(client, users, measured)
        changed = {key: (counts[key], grown[key]) for key in counts if grown[key] != counts[key]}
        assert changed == {}, f"queries at {few} → {many} rows: {changed}"
        if measured.max_queries is not None:
            assert max(grown.values()) <= measured.max_queries, grown

    @staticmethod
    def _counts(client, users, measured: Measured) -> dict[tuple[str, str], int]:
        counts, current = {}, ""
        for role, url in sorted(measured.pairs, key=lambda pair: ROLES.index(pair[0]) if pair[0] else -1):
            if role != current:
                _log_in(client, users, role)
                client.get(url)  # a new session is written by its first request
                current = role
            counts[(role, url)] = query_count(client, url)
        return counts


def _log_in(client, users, role: str | None) -> None:
    if role is None:
        client.logout()
    else:
        client.force_login(users[role])
