"""The analytics page's «Данные» counts: scoped like the lists, kept per user and day until the data change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cluster_portal.core.dataversion import tables_of
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.dataversion import KEPT_FIGURE_TESTS, empty_cache, tables_read  # noqa: F401
from practice.selectors.lists import _overview, overview, overview_reads

from .factories import StudentFactory


@pytest.mark.django_db
@pytest.mark.parametrize("role", list(Role))
def test_the_counts_declare_every_table_they_read(users, small_world, role):
    """A table the counts read but do not declare would leave them stale after it changes."""
    read = tables_read(lambda: _overview(users[role]))
    assert read <= set(tables_of(overview_reads())), read - set(tables_of(overview_reads()))


@pytest.mark.usefixtures("empty_cache")
class TestKept:
    pytestmark = KEPT_FIGURE_TESTS

    def test_counted_once_until_a_student_is_added(self, users, small_world):
        coordinator = users[Role.COORDINATOR]
        counts = dict((label, count) for label, count, _url in overview(user=coordinator))
        with CaptureQueriesContext(connection) as queries:
            assert overview(user=coordinator) == overview(user=coordinator)
        assert len(queries) == 2  # the data version, once per view: no count
        StudentFactory(program=small_world["programs"][0])
        after = dict((label, count) for label, count, _url in overview(user=coordinator))
        assert after["Студенты"] == counts["Студенты"] + 1

    def test_each_user_has_the_counts_of_what_they_may_see(self, users, small_world):
        mine = dict((label, count) for label, count, _url in overview(user=users[Role.COLLEGE]))
        all_ = dict((label, count) for label, count, _url in overview(user=users[Role.COORDINATOR]))
        assert mine["Студенты"] < all_["Студенты"]
