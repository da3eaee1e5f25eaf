"""The demo data for tests: loaded once per test module, not once per test.

``seed_demo`` takes seconds. A module whose tests read the demo (and may write on top of it) loads
it once in a transaction that stays open for the module and is rolled back after its last test;
each test runs in a savepoint of it (pytest-django's ``db``), so what one test writes the next never
sees. Figures kept per data version are not kept inside a transaction that wrote (see
``core.dataversion``), so no test reads another's kept figure.
"""

import io
from contextlib import contextmanager

from django.core.management import call_command
from django.db import transaction


@contextmanager
def demo_loaded(django_db_blocker):
    """``seed_demo`` in a transaction rolled back when the block ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", force=True, stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
