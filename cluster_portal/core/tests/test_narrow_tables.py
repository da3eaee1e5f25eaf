"""Every column a table hides on narrow screens is one of its columns (a misspelt name would hide nothing)."""

from django.urls import get_resolver

from cluster_portal.core.tables import NarrowScreens


def subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def test_wide_only_names_columns_of_the_table():
    get_resolver().url_patterns  # noqa: B018 - loads every app's views and so their tables
    tables = list(subclasses(NarrowScreens))
    assert len(tables) > 10
    for table in tables:
        missing = set(table.wide_only) - set(table.base_columns)
        assert not missing, f"{table.__name__}: {missing}"
        assert set(table.base_columns) - set(table.wide_only), f"{table.__name__} hides every column"
