"""The draft the report page shows is stamped with the data version it was built from (PostgreSQL)."""

import pytest

from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.dataversion import KEPT_FIGURE_TESTS, empty_cache, tables_read  # noqa: F401
from cluster_portal.reports.approval import build, draft_build, report_tables, version_approve
from members.tests.factories import ClusterFactory, MembershipFactory

pytestmark = [*KEPT_FIGURE_TESTS, pytest.mark.usefixtures("empty_cache")]

YEAR = AcademicYear(2021)


def notice(client, cluster) -> str:
    page = client.get(f"/reports/annual/{YEAR.slug}/?cluster={cluster.pk}&version=draft").content.decode()
    return page[page.index('id="draft-notice"') : page.index("</section>", page.index('id="draft-notice"'))]


def test_the_page_says_when_the_data_changed_after_the_draft_was_built(client_as, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cluster = ClusterFactory()
    draft_build(cluster=cluster, year=YEAR)
    client = client_as(Role.SECRETARY)  # a login writes the users table: no report prints it
    assert "построен" in notice(client, cluster) and "Данные изменились" not in notice(client, cluster)
    MembershipFactory(cluster=cluster)
    assert "Данные изменились после этого" in notice(client, cluster)
    version_approve(cluster=cluster, year=YEAR, user=users[Role.SECRETARY])  # builds a fresh draft on the way
    approved = client.get(f"/reports/annual/{YEAR.slug}/?cluster={cluster.pk}").content.decode()
    assert "версия 1" in approved and "Данные изменились после построения черновика" not in approved
    MembershipFactory(cluster=cluster)
    approved = client.get(f"/reports/annual/{YEAR.slug}/?cluster={cluster.pk}").content.decode()
    assert "Данные изменились после построения черновика" in approved
    draft_build(cluster=cluster, year=YEAR)  # «Обновить»
    assert "Данные изменились" not in notice(client, cluster)


def test_the_draft_is_stamped_with_every_table_the_report_reads():
    cluster = ClusterFactory()
    read = tables_read(lambda: build(cluster=cluster, year=YEAR))
    assert read and read <= set(report_tables()), read - set(report_tables())
