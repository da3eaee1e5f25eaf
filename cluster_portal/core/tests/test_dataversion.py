"""Figures kept per data version: kept while their tables are unchanged, never past a committed change."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from cluster_portal.core import dataversion
from cluster_portal.core.dataversion import kept, tables_of, version
from cluster_portal.core.testing.dataversion import KEPT_FIGURE_TESTS, empty_cache  # noqa: F401
from members.models import Cluster, Organization, Sector
from members.tests.factories import ClusterFactory, OrganizationFactory, SectorFactory

pytestmark = [*KEPT_FIGURE_TESTS, pytest.mark.usefixtures("empty_cache")]


class Counted:
    """A figure that counts how often it is computed."""

    def __init__(self, compute=None):
        self.calls = 0
        self.compute = compute or (lambda: Sector.objects.count())

    def __call__(self):
        self.calls += 1
        return self.compute()


def sectors_kept(figure, key=(1,)):
    return kept("test-sectors", key, reads=[Sector], compute=figure)


def test_install_puts_the_trigger_on_every_watched_table_once():
    dataversion.install()
    dataversion.install()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
            ["portal_data_changed"],
        )
        triggered = [row[0] for row in cursor.fetchall()]
    assert tuple(sorted(triggered)) == dataversion.watched_tables()
    assert {"members_sector", "members_sector_groups", "practice_placement"} <= set(triggered)


def test_a_figure_is_kept_until_one_of_its_tables_changes():
    figure = Counted()
    assert sectors_kept(figure) == 0
    assert sectors_kept(figure) == 0
    assert figure.calls == 1
    OrganizationFactory()  # a table the figure does not read
    assert sectors_kept(figure) == 0
    assert figure.calls == 1
    SectorFactory()
    assert sectors_kept(figure) == 1
    assert sectors_kept(figure) == 1
    assert figure.calls == 2


def test_a_figure_of_no_table_is_kept_per_key_without_reading_a_version():
    figure = Counted(lambda: "форма")
    for key in [(1,), (1,), (2,)]:
        with CaptureQueriesContext(connection) as queries:
            assert kept("test-nothing", key, reads=[], compute=figure) == "форма"
        assert not queries.captured_queries
    assert figure.calls == 2


def test_each_key_is_kept_apart():
    figure = Counted()
    sectors_kept(figure, key=(1,))
    sectors_kept(figure, key=(2,))
    sectors_kept(figure, key=(1,))
    assert figure.calls == 2


def _bulk_create():
    cluster = ClusterFactory()
    Sector.objects.bulk_create([Sector(cluster=cluster, name="Новая отрасль")])


def _update():
    Sector.objects.update(name="Переименована")


def _delete():
    Sector.objects.all().delete()


def _raw_sql():
    with connection.cursor() as cursor:
        cursor.execute("UPDATE members_sector SET name = name || '!'")


def _many_to_many():
    from members.tests.factories import EnlargedGroupFactory

    Sector.objects.first().groups.add(EnlargedGroupFactory())


@pytest.mark.parametrize("write", [_bulk_create, _update, _delete, _raw_sql, _many_to_many])
def test_every_kind_of_write_changes_the_version(write):
    SectorFactory()
    tables = tables_of([Sector])
    before = version(tables)
    write()
    assert version(tables) != before


def test_a_transaction_that_wrote_the_tables_computes_afresh_and_keeps_nothing():
    figure = Counted()
    sectors_kept(figure)
    with transaction.atomic():
        SectorFactory()
        assert version(tables_of([Sector])) is None
        assert sectors_kept(figure) == 1  # its own, uncommitted row counts for itself
        assert figure.calls == 2
    assert sectors_kept(figure) == 1
    assert figure.calls == 3  # nothing was kept from inside the transaction


def test_a_write_rolled_back_leaves_the_version_as_it_was():
    tables = tables_of([Sector])
    before = version(tables)
    with pytest.raises(RuntimeError), transaction.atomic():
        SectorFactory()
        raise RuntimeError
    assert version(tables) == before


def test_a_change_committed_while_computing_is_not_kept(monkeypatch):
    def compute_and_meanwhile_write():
        value = Sector.objects.count()
        if figure.calls == 1:
            SectorFactory()  # another user's save, committed before the figure is stored
        return value

    figure = Counted(compute_and_meanwhile_write)
    before = version(tables_of([Sector]))
    assert sectors_kept(figure) == 0
    # A request whose statement began before that commit still reads the version before it:
    monkeypatch.setattr(dataversion, "version", lambda tables: before)
    sectors_kept(figure)
    assert figure.calls == 2  # nothing was kept under the version the computation started from


def test_compacting_merges_the_rows_and_keeps_the_version(monkeypatch):
    for _ in range(3):
        SectorFactory()
    tables = tables_of([Sector])
    figure = Counted()
    sectors_kept(figure)
    monkeypatch.setattr(dataversion, "COMPACT_AT", 0)
    before = version(tables)  # reads, then compacts
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM portal_data_change WHERE table_name = 'members_sector'")
        assert cursor.fetchone()[0] == 1
    assert version(tables) == before
    assert sectors_kept(figure) == 3
    assert figure.calls == 1


def test_the_key_holds_the_database_identity():
    with connection.cursor() as cursor:
        cursor.execute("SELECT epoch FROM portal_data_epoch")
        epoch = cursor.fetchone()[0]
    assert version(tables_of([Sector])).startswith(f"{epoch}:")


def test_every_migrate_starts_a_new_epoch():
    """An upgrade runs migrate: what the former code kept (a list's rows as its templates printed them) is not
    shown by the new code."""
    figure = Counted()
    assert sectors_kept(figure) == 0
    before = version(tables_of([Sector]))
    call_command("migrate", verbosity=0)
    assert version(tables_of([Sector])) != before
    assert sectors_kept(figure) == 0
    assert figure.calls == 2


def test_a_model_without_the_trigger_is_refused():
    assert tables_of([Cluster, Organization])
    with pytest.raises(ImproperlyConfigured):
        tables_of([LogEntry])


def test_without_the_cache_server_the_figure_is_computed(settings):
    # A Redis cache nobody listens to (Django's test signals reopen the caches on this setting).
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:9/0"}
    }
    figure = Counted()
    assert sectors_kept(figure) == 0
    assert sectors_kept(figure) == 0
    assert figure.calls == 2
