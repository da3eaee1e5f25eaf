"""wait_for_turn: a queue on a name, held to the end of the transaction."""

import pytest
from django.db import connection, transaction

from cluster_portal.core.locks import lock_key, wait_for_turn

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_lock_outside_a_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside atomic"):
        wait_for_turn("annual report approval", 1, 2021)


def test_each_name_and_keys_have_their_own_queue():
    assert lock_key("annual report approval", 1, 2021) == lock_key("annual report approval", 1, 2021)
    assert lock_key("annual report approval", 1, 2021) != lock_key("annual report approval", 1, 2022)
    assert lock_key("annual report approval", 1, 2021) != lock_key("another queue", 1, 2021)


def test_the_lock_is_held_until_the_transaction_ends():
    if connection.vendor != "postgresql":
        pytest.skip("advisory locks are PostgreSQL's (SQLite runs one writer at a time)")
    key = lock_key("annual report approval", 1, 2021)
    held = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()"
    with transaction.atomic(), connection.cursor() as cursor:
        wait_for_turn("annual report approval", 1, 2021)
        cursor.execute(held)
        assert cursor.fetchone()[0] == 1
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [key])  # the holder may take it again
        assert cursor.fetchone()[0] is True
    with connection.cursor() as cursor:
        cursor.execute(held)
        assert cursor.fetchone()[0] == 0
