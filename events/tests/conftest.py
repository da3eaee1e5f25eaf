"""The little world of the events tests: a cluster, a college's open day, an exam with graduates."""

import pytest

from members.tests.factories import ClusterFactory


@pytest.fixture
def cluster(db):
    return ClusterFactory(name="Промышленный кластер", short_name="Промышленный кластер")
