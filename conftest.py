"""Shared fixtures: one user per role, logged-in clients, query-count helpers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cluster_portal.core.roles import Role
from cluster_portal.core.testing.demo import demo_loaded
from members.tests.factories import OrganizationFactory, UserFactory


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    """The demo data, loaded once for the test module (``core.testing.demo``); tests take ``demo_cluster``."""
    with demo_loaded(django_db_blocker):
        yield


@pytest.fixture
def demo_cluster(demo_module, db):
    """The demo's industrial cluster, in this test's savepoint of the module's demo data."""
    from members.selectors import default_cluster

    return default_cluster()


@pytest.fixture
def college_org(db):
    return OrganizationFactory(kind="college", short_name="ОГБПОУ «ТЕСТ-1»")


@pytest.fixture
def other_college_org(db):
    return OrganizationFactory(kind="college", short_name="ОГБПОУ «ТЕСТ-2»")


@pytest.fixture
def employer_org(db):
    return OrganizationFactory(kind="employer", short_name="ООО «Тестовый завод»")


@pytest.fixture
def users(db, college_org, other_college_org, employer_org):
    """A user of each role: the college user at ``college_org``, the expert and employer at ``employer_org``."""
    return {
        Role.COORDINATOR: UserFactory(username="t-coordinator", role=Role.COORDINATOR),
        Role.SECRETARY: UserFactory(username="t-secretary", role=Role.SECRETARY),
        Role.EXPERT: UserFactory(username="t-expert", role=Role.EXPERT, organization=employer_org),
        Role.COLLEGE: UserFactory(username="t-college", role=Role.COLLEGE, organization=college_org),
        Role.EMPLOYER: UserFactory(username="t-employer", role=Role.EMPLOYER, organization=employer_org),
        Role.OBSERVER: UserFactory(username="t-observer", role=Role.OBSERVER),
        "college2": UserFactory(username="t-college2", role=Role.COLLEGE, organization=other_college_org),
    }


@pytest.fixture
def jobs_run_at_once(settings):
    """Background jobs (e-mails included) run as soon as they are queued: django-tasks' immediate backend."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def client_as(client, users):
    """``client_as(role)``: the test client logged in as that role's user."""

    def login(role):
        client.force_login(users[role])
        return client

    return login


class QueryCounter:
    """Counts the queries of a block: ``with count_queries() as q: ...; q.count``."""

    def __call__(self):
        return CaptureQueriesContext(connection)


@pytest.fixture
def count_queries():
    return QueryCounter()


def query_count_of(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


@pytest.fixture
def queries_of():
    """``queries_of(client, url)``: the number of SQL queries one GET of ``url`` makes."""
    return query_count_of
