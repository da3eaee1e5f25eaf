"""Every list page of the demo data: its rows read in the same queries for two rows as for fifty.

The demo data is loaded once for the module (it takes seconds) and rolled back after it.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver

from cluster_portal.core import dataversion
from cluster_portal.core.tables import RowTemplate
from cluster_portal.core.testing.dataversion import tables_read
from cluster_portal.core.testing.pages import list_page_urls
from cluster_portal.core.testing.tables import rows_compared


@pytest.fixture
def coordinator(demo_module, db, client):
    client.force_login(get_user_model().objects.get(username="coordinator"))
    return client


def _pages(client):
    """(url, response) of every list page the coordinator opens."""
    for url in list_page_urls():
        response = client.get(url)
        if response.status_code == 200:
            yield url, response


def test_every_list_page_reads_its_rows_in_the_same_queries_for_two_rows_as_for_fifty(coordinator):
    """No query per row: a cell reading a relation the page did not fetch (``list_select_related``) shows here."""
    compared = []
    for url, response in _pages(coordinator):
        table = response.context.get("table")
        if table is None or len(table.page.object_list) <= 2:
            continue
        separator = "&" if "?" in url else "?"
        cache.clear()  # both views compute what they keep (a part reading no table is kept even here)
        with CaptureQueriesContext(connection) as fifty:
            coordinator.get(url)
        cache.clear()
        with CaptureQueriesContext(connection) as two:
            coordinator.get(f"{url}{separator}per_page=2")
        assert len(fifty.captured_queries) == len(two.captured_queries), url
        compared.append(url)
    assert len(compared) >= 20, compared


def test_what_a_list_keeps_reads_only_the_tables_its_view_names(coordinator, monkeypatch):
    """A table or filter kept per data version (``list_reads``) names every table it reads, or it would go stale."""
    read: dict[str, set[str]] = {}

    def recording(name, key, *, reads, compute):
        computed = []
        read[name] = tables_read(lambda: computed.append(compute())) - set(dataversion.tables_of(reads))
        return computed[0]

    monkeypatch.setattr(dataversion, "kept", recording)
    for _url, _response in _pages(coordinator):
        pass
    users = get_user_model()._meta.db_table  # left out of every data version: the key holds the user instead
    assert {name: tables - {users} for name, tables in read.items() if tables - {users}} == {}
    assert len(read) >= 10, sorted(read)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@pytest.mark.parametrize("username", ["coordinator", "secretary", "expert", "college"])
def test_a_row_template_prints_the_cells_django_tables2_prints(demo_module, db, client, username):
    """Every list page of the demo data with a row template of its own prints the library's cells; the tables
    the demo has no rows for (decisions) are compared by their app's tests (``councils/tests/test_tables.py``)."""
    client.force_login(get_user_model().objects.get(username=username))
    compared = {type(response.context["table"]) for _url, response in _pages(client) if rows_compared(response)}
    if username == "coordinator":
        get_resolver().url_patterns  # noqa: B018 - loads every app's views and so their tables
        declared = {table for table in _subclasses(RowTemplate) if table.row_template}
        assert {table.__name__ for table in declared - compared} == {"DecisionTable"}
