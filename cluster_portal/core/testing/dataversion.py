"""Test helper for figures kept per data version: the tables a computation actually reads."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

# Kept figures live on PostgreSQL's statement triggers; their tests commit (a transaction per write).
KEPT_FIGURE_TESTS = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def empty_cache():
    """No kept figure from another test, before and after."""
    cache.clear()
    yield
    cache.clear()


def tables_read(compute) -> set[str]:
    """The database tables named in the SQL that ``compute()`` runs."""
    names = set(connection.introspection.table_names())
    with CaptureQueriesContext(connection) as queries:
        compute()
    found = set()
    for query in queries.captured_queries:
        found |= set(re.findall(r'"(\w+)"', query["sql"])) & names
    return found
