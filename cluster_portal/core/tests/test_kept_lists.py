"""A list that names what it reads (``list_reads``) keeps its rendered table and filter per data version."""

import re
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cluster_portal.core import dataversion
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.dataversion import KEPT_FIGURE_TESTS, empty_cache  # noqa: F401
from members.tests.factories import OrganizationFactory
from members.views import OrganizationListView

pytestmark = [*KEPT_FIGURE_TESTS, pytest.mark.usefixtures("empty_cache")]


def _tables_read(queries) -> set[str]:
    """The table each statement reads from (the request's user joins its organization and person)."""
    return {match.group(1) for q in queries if (match := re.search(r'\bFROM "(\w+)"', q["sql"]))}


def test_between_changes_a_list_reads_none_of_its_tables(client_as):
    client = client_as(Role.COORDINATOR)
    assert client.get("/members/").status_code == 200  # renders the table and the filter, and keeps them
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/members/")
    assert "ОГБПОУ «ТЕСТ-1»" in response.content.decode()
    assert 'name="q"' in response.content.decode()  # the kept filter form
    listed = set(dataversion.tables_of(dataversion.models_of(tuple(OrganizationListView.list_reads))))
    assert not _tables_read(queries) & listed
    # The table and the filter are kept apart (``filter_reads``): one reading of each one's data version.
    assert sum("portal_data_epoch" in q["sql"] for q in queries) == 2


def test_a_kept_filter_form_is_not_built(client_as):
    client = client_as(Role.COORDINATOR)
    client.get("/members/")
    with mock.patch.object(OrganizationListView.filterset_class, "form", new_callable=mock.PropertyMock) as form:
        page = client.get("/members/").content.decode()
    assert 'name="q"' in page
    assert not form.called


def test_a_change_of_the_rows_renders_the_table_afresh_and_keeps_the_filter(client_as):
    client = client_as(Role.COORDINATOR)
    client.get("/members/")
    OrganizationFactory(short_name="ООО «Новое предприятие»")
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/members/").content.decode()
    assert "ООО «Новое предприятие»" in page and 'name="q"' in page
    assert "members_organization" in _tables_read(queries)
    assert "members_cluster" not in _tables_read(queries)  # the filter's choice of clusters: kept
    # With a value chosen, the form is kept with the table (a chosen value's name reads its table).
    client.get("/members/?kind=college")
    OrganizationFactory(short_name="ООО «Ещё одно»")
    with CaptureQueriesContext(connection) as queries:
        client.get("/members/?kind=college")
    assert "members_cluster" in _tables_read(queries)


def test_a_committed_change_shows_on_the_next_view(client_as):
    client = client_as(Role.COORDINATOR)
    assert "ООО «Новое предприятие»" not in client.get("/members/").content.decode()
    OrganizationFactory(short_name="ООО «Новое предприятие»")
    assert "ООО «Новое предприятие»" in client.get("/members/").content.decode()


def test_each_address_gets_a_table_of_its_own(client_as):
    coordinator = client_as(Role.COORDINATOR)
    assert "ОГБПОУ «ТЕСТ-2»" in coordinator.get("/members/").content.decode()
    assert "ОГБПОУ «ТЕСТ-2»" not in coordinator.get("/members/?q=ТЕСТ-1").content.decode()
    page = coordinator.get("/members/?sort=-short_name").content.decode()
    assert page.index("ОГБПОУ «ТЕСТ-2»") < page.index("ОГБПОУ «ТЕСТ-1»")
