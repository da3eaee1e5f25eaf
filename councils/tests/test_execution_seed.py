"""The seed's 2022 plan comes out with the statuses its results imply: computed from the records, not typed."""

import datetime as dt

import pytest

from councils import execution
from councils.models import PlanItem
from members.seed import CLUSTER_NAME

D, W, X, P = "done", "in_progress", "overdue", "planned"
# As the academic year 2021/2022 closed (the report's day): what the seed states was done is done —
# the roadmap of 25.01.2022 (1.1), the expert sessions (2.1), the bank of programs for the Day of the
# industry (2.7), «Неделя с работодателем» (3.3); the Expert council met in each quarter so far (1.2);
# the Coordination council held no meeting in the first quarter (1.3); events dated only «2022 г.» are
# under way (2.8, 3.1); «Билет в будущее» (3.2) is only planned in the report, nothing says it
# happened, so no record fulfils it; the generated demo exam does not make 2.9 or the demo internships 2.4 done.
ON_REPORT_DAY = {
    "1.1": D, "1.2": W, "1.3": X, "1.4": P, "2.1": D, "2.2": P, "2.3": P, "2.4": P, "2.5": P,
    "2.6": P, "2.7": D, "2.8": W, "2.9": P, "3.1": W, "3.2": P, "3.3": D,
}  # fmt: skip
# Today the year is over: whatever the portal holds no record of is overdue.
AFTER_THE_YEAR = {
    "1.1": D, "1.2": X, "1.3": X, "1.4": X, "2.1": D, "2.2": X, "2.3": X, "2.4": X, "2.5": X,
    "2.6": X, "2.7": D, "2.8": D, "2.9": X, "3.1": D, "3.2": X, "3.3": D,
}  # fmt: skip


def seeds_items():
    """The seed's 2022 plan items, not the demo IT cluster's of the same year."""
    return PlanItem.objects.filter(plan__year=2022, plan__cluster__name=CLUSTER_NAME)


def statuses(day):
    items = list(seeds_items().select_related("plan").order_by("position"))
    runs = execution.executions(items, on=day)
    return {item.number: runs[item.pk] for item in items}


@pytest.mark.django_db
def test_the_seeds_2022_plan_has_the_statuses_its_results_imply(demo_module):
    assert not PlanItem.objects.exclude(status_override="").exists()  # nothing typed
    on_report_day = statuses(dt.date(2022, 8, 31))
    assert {n: r.status for n, r in on_report_day.items()} == ON_REPORT_DAY
    assert on_report_day["1.3"].gap_labels == ["I квартал 2022"]
    after = statuses(dt.date(2026, 12, 5))
    assert {n: r.status for n, r in after.items()} == AFTER_THE_YEAR
    assert after["1.2"].gap_labels == ["III квартал 2022", "IV квартал 2022"]
    assert after["1.3"].gap_labels == ["I квартал 2022", "III квартал 2022", "IV квартал 2022"]
    assert [e.kind for e in after["3.3"].evidence] == ["Мероприятие: акция"]  # «Неделя с работодателем»
    assert [e.is_demo for e in after["2.9"].evidence] == [True]
    assert [(e.kind, e.date) for e in after["1.1"].evidence] == [("Нормативный документ", dt.date(2022, 1, 25))]


@pytest.mark.django_db
def test_the_execution_page_of_2022_shows_every_item_of_the_seeds_plan(demo_module, client):
    from members.models import User

    client.force_login(User.objects.get(username="observer"))
    plan = seeds_items().first().plan
    page = client.get(f"/councils/plans/{plan.pk}/execution/?on=2026-12-05").content.decode()
    for number in AFTER_THE_YEAR:
        assert f">{number}.</a>" in page
    assert "Акция «Неделя с работодателем»" in page and "Без заседания: I квартал 2022" in page


@pytest.mark.django_db
def test_another_clusters_sessions_do_not_fulfil_the_plan():
    """The demo IT cluster's session is its own: the industrial cluster's item 2.1 lists only its session."""
    from cluster_portal.core.seeding import steps
    from councils.evidence import collect
    from expertise.models import ExpertSession

    for step in steps():
        step.run()
    item = PlanItem.objects.select_related("plan").get(plan__cluster__name__startswith="Промышленный", number="2.1")
    sessions = [e.pk for e in collect([item])[item.pk] if e.model is ExpertSession]
    industrial = ExpertSession.objects.filter(cluster=item.plan.cluster_id)
    assert sessions and set(sessions) == set(industrial.values_list("pk", flat=True))
