"""The dashboard is built from panels kept per data version: between changes it reads only the versions."""

import re

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cluster_portal.core import dashboard
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.dataversion import KEPT_FIGURE_TESTS, empty_cache  # noqa: F401
from members.tests.factories import ClusterFactory, MembershipFactory

pytestmark = [*KEPT_FIGURE_TESTS, pytest.mark.usefixtures("empty_cache")]


@pytest.fixture
def cluster(users, college_org, employer_org):
    cluster = ClusterFactory()
    MembershipFactory(cluster=cluster, organization=college_org, role="college")
    MembershipFactory(cluster=cluster, organization=employer_org, role="employer")
    return cluster


def _tables_the_panels_read() -> set[str]:
    """The tables of the apps the panels read, the users table left out (every request reads the user)."""
    labels = {label for build in dashboard.registered() for label in build.reads}
    models = [model for label in labels for model in apps.get_app_config(label).get_models(include_auto_created=True)]
    return {model._meta.db_table for model in models} - {"members_user"}


def _members_total(response) -> int:
    match = re.search(r">Всего участников</a>.*?<dd[^>]*>(\d+)</dd>", response.content.decode(), re.S)
    return int(match.group(1))


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.COLLEGE, Role.EXPERT])
def test_between_changes_the_dashboard_reads_only_the_data_versions(client_as, cluster, role):
    client = client_as(role)
    assert client.get("/").status_code == 200  # builds the panels and keeps them
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/")
    assert response.status_code == 200
    statements = [q["sql"] for q in queries if q["sql"] not in ("BEGIN", "COMMIT")]  # the request's transaction
    read = [re.search(r'\bFROM "?(\w+)', sql).group(1) for sql in statements]
    assert not set(read) & _tables_the_panels_read()
    assert read.count("portal_data_epoch") == len(dashboard.registered())  # a data version per panel


def test_a_committed_change_shows_on_the_next_view(client_as, cluster, employer_org):
    client = client_as(Role.COORDINATOR)
    assert _members_total(client.get("/")) == 2
    assert _members_total(client.get("/")) == 2
    MembershipFactory(cluster=cluster, role="employer")
    assert _members_total(client.get("/")) == 3


def test_each_user_gets_panels_of_their_own(client_as, cluster):
    assert "Ответы ПОО на проверке" in client_as(Role.COORDINATOR).get("/").content.decode()
    college_page = client_as(Role.COLLEGE).get("/").content.decode()
    assert "Ответы ПОО на проверке" not in college_page
    assert "Сборы данных ждут ответа ПОО" in college_page


def test_a_panel_must_name_what_it_reads():
    def unnamed(user):
        return None

    with pytest.raises(ImproperlyConfigured, match=r"@dashboard\.reads"):
        dashboard.register(unnamed)
