"""The analytics page shows the latest stored summary at once; a worker computes a new one after a change.

On PostgreSQL (data versions): the first view queues one job per filter and shows its progress; the job
stores the summary; a change of practice data shows the stored one with a notice, the page polling until
the next is stored. Long tables show their largest rows and say how many more the Excel export holds.
"""

import dataclasses
import datetime as dt

import pytest
from django_tasks_db.models import DBTaskResult

from cluster_portal.core.roles import Role
from cluster_portal.core.testing.dataversion import KEPT_FIGURE_TESTS, empty_cache  # noqa: F401 (fixture)
from cluster_portal.jobs import summaries
from cluster_portal.jobs.models import Summary
from cluster_portal.jobs.summaries import summary_compute
from practice import analytics_summary
from practice.selectors import Scope, analytics

from .factories import PlacementFactory, StudentFactory

STATUS = "/practice/analytics/status/"


def run_queued_jobs() -> int:
    """What the worker does: compute every queued summary; returns how many."""
    queued = list(Summary.objects.filter(queued_at__isnull=False).values_list("pk", flat=True))
    for pk in queued:
        summary_compute(summary_id=pk)
    return len(queued)


@pytest.mark.usefixtures("empty_cache")
class TestStoredSummary:
    pytestmark = KEPT_FIGURE_TESTS

    def test_first_view_queues_one_job_and_shows_its_progress(self, client_as, small_world):
        client = client_as(Role.OBSERVER)
        page = client.get("/practice/").content.decode()
        assert "Сводка рассчитывается" in page and f'hx-get="{STATUS}"' in page and "28,6" not in page
        client.get("/practice/")
        client.get(STATUS)
        assert Summary.objects.count() == 1 and DBTaskResult.objects.count() == 1  # one job for the filter
        assert run_queued_jobs() == 1

        refreshed = client.get(STATUS)
        assert refreshed["HX-Refresh"] == "true"
        page = client.get("/practice/").content.decode()
        assert "Данные на " in page and "28,6" in page and "hx-get" not in page
        assert 'id="practice-charts"' in page
        assert DBTaskResult.objects.count() == 1  # nothing changed: no new job

    def test_a_change_shows_the_stored_summary_and_the_next_one_replaces_it(self, client_as, small_world):
        client = client_as(Role.COORDINATOR)
        client.get("/practice/")
        run_queued_jobs()
        before = client.get("/practice/").content.decode()
        assert "Есть сведения" in before and "пересчитывается" not in before

        student = StudentFactory(program=small_world["programs"][0], graduation_year=2022)
        PlacementFactory(student=student)
        page = client.get("/practice/").content.decode()
        assert "Данные изменились: сводка пересчитывается" in page and f'hx-get="{STATUS}"' in page
        assert "Есть сведения" in page  # the stored summary is still shown
        client.get("/practice/")
        assert DBTaskResult.objects.count() == 2  # one more job, not one per view
        assert client.get(STATUS).status_code == 200  # still computing: the notice again, no refresh
        assert run_queued_jobs() == 1
        assert client.get(STATUS)["HX-Refresh"] == "true"
        assert "пересчитывается" not in client.get("/practice/").content.decode()

    def test_each_filter_has_its_own_summary_and_every_role_the_same_aggregates(
        self, client_as, small_world, college_org
    ):
        query = f"?year_from=2022&year_to=2022&college={college_org.pk}"
        client_as(Role.COLLEGE).get("/practice/" + query)
        client_as(Role.OBSERVER).get("/practice/")
        assert Summary.objects.count() == 2
        run_queued_jobs()
        own = client_as(Role.COLLEGE).get("/practice/" + query).content.decode()
        other = client_as("college2").get("/practice/" + query).content.decode()
        whole = client_as(Role.OBSERVER).get("/practice/").content.decode()
        section = 'id="factors"'
        # The filter's figures, as before: the same aggregates for any role; the whole cluster differs.
        assert own.split(section)[1] == other.split(section)[1] != whole.split(section)[1]
        assert "ОГБПОУ «ТЕСТ-2»" not in own.split("По ПОО")[1].split("</table>")[0]
        assert "ОГБПОУ «ТЕСТ-2»" in whole.split("По ПОО")[1].split("</table>")[0]

    def test_summaries_of_an_earlier_revision_are_deleted_when_the_new_one_is_stored(self, client_as, small_world):
        client_as(Role.OBSERVER).get("/practice/")
        run_queued_jobs()
        old = Summary.objects.get()
        revised = dataclasses.replace(analytics_summary.KIND, revision=analytics_summary.KIND.revision + "+1")
        summaries.register(revised)
        try:
            client_as(Role.OBSERVER).get("/practice/")
        finally:
            summaries.register(analytics_summary.KIND)
        assert list(Summary.objects.values_list("key", flat=True)) == [summaries.key_of(revised, old.params)]
        assert old.key != summaries.key_of(revised, old.params)

    def test_a_failed_build_is_said_and_tried_again_later_not_on_every_view(self, client_as, small_world, monkeypatch):
        client = client_as(Role.COORDINATOR)
        client.get("/practice/")
        run_queued_jobs()
        StudentFactory(program=small_world["programs"][0], graduation_year=2022)
        client.get("/practice/")

        def broken(params, progress):
            raise RuntimeError("the build failed")

        summaries.register(dataclasses.replace(analytics_summary.KIND, build=broken))
        try:
            with pytest.raises(RuntimeError):
                run_queued_jobs()
        finally:
            summaries.register(analytics_summary.KIND)
        assert client.get(STATUS)["HX-Refresh"] == "true"  # the polling page reloads and says what happened
        page = client.get("/practice/").content.decode()
        assert "Не удалось пересчитать сводку по изменившимся данным: показаны данные на" in page
        assert "Есть сведения" in page and f'hx-get="{STATUS}"' not in page
        client.get("/practice/")
        assert DBTaskResult.objects.count() == 2  # no new job on every view
        monkeypatch.setattr(summaries, "RETRY_AFTER", dt.timedelta(0))
        page = client.get("/practice/").content.decode()
        assert "Данные изменились: сводка пересчитывается" in page and DBTaskResult.objects.count() == 3
        assert run_queued_jobs() == 1
        assert "Не удалось" not in client.get("/practice/").content.decode()


@pytest.mark.django_db
def test_long_tables_show_their_largest_rows_and_what_the_export_adds(small_world, monkeypatch):
    monkeypatch.setattr(analytics_summary, "PAGE_ROWS", 1)
    result = analytics(Scope(year_from=2021, year_to=2022))
    cut, more = analytics_summary.for_page(result)
    assert len(result.by_college) == 2 and more["by_college"] == 1
    assert [r.label for r in cut.by_college] == [max(result.by_college, key=lambda r: r.graduates).label]
    assert cut.by_year == result.by_year  # short tables stay whole
    params = analytics_summary.scope_params(year_from=2021, year_to=2022, college=None, sector=None)
    html = analytics_summary.build(params, lambda done, total: None)["html"]
    assert "Показаны 1 крупнейших строк по числу выпускников; ещё 1 — в выгрузке Excel." in html
