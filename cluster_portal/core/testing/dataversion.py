"""Test helper for figures kept per data version: the tables a computation actually reads."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext


def tables_read(compute) -> set[str]:
    """The database tables named in the SQL that ``compute()`` runs."""
    names = set(connection.introspection.table_names())
    with CaptureQueriesContext(connection) as queries:
        compute()
    found = set()
    for query in queries.captured_queries:
        found |= set(re.findall(r'"(\w+)"', query["sql"])) & names
    return found
