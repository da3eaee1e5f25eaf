"""«Done when» 1 of the events issue, end to end: a college's open day, published by the coordinator, on the
public catalog and in the .ics feed, counts in the evidence of its plan item and in the annual report's results."""

import datetime as dt

import pytest
from django.utils import timezone

from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import Role
from cluster_portal.reports.approval import draft_build
from councils.tests.factories import PlanItemFactory, PlanSectionFactory, WorkPlanFactory
from events.models import Event
from members.selectors import default_cluster

from .factories import EventKindFactory

TITLE = "День открытых дверей ТЕСТ-1"


@pytest.mark.django_db
def test_an_open_day_goes_from_a_colleges_proposal_to_the_plans_evidence_and_the_report(
    client, users, cluster, college_org
):
    day = timezone.localdate() + dt.timedelta(days=30)
    year = AcademicYear.current(day)
    plan = WorkPlanFactory(cluster=cluster, year=year.plan_year)
    section = PlanSectionFactory(plan=plan, number=3, title="Повышение привлекательности ПОО")
    item = PlanItemFactory(section=section, number="3.4", title="Дни открытых дверей ПОО кластера", due_date=None)
    item.due_date = day + dt.timedelta(days=60)
    item.save()
    kind = EventKindFactory(name="День открытых дверей", public_by_default=True)

    client.force_login(users[Role.COLLEGE])
    response = client.post(
        "/events/add/",
        {
            "kind": kind.pk,
            "title": TITLE,
            "date_start": day.isoformat(),
            "place": "Главный корпус",
            "organizer": college_org.pk,
            "is_public": "on",
            "plan_items": [item.pk],
        },
    )
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    event = Event.objects.get(title=TITLE)
    execution_url = f"/councils/plans/{plan.pk}/execution/"
    # Proposed, not yet published: not public and no evidence of the plan item.
    assert f"/events/open/{event.pk}/" not in client.get("/catalog/").content.decode()
    assert event.get_absolute_url() not in client.get(execution_url).content.decode()

    client.force_login(users[Role.COORDINATOR])
    assert client.post(f"/events/{event.pk}/publish/").status_code == 302

    client.logout()
    catalog = client.get("/catalog/").content.decode()
    assert TITLE in catalog and f"/events/open/{event.pk}/" in catalog
    feed = client.get("/events/calendar.ics").content.decode()
    assert f"SUMMARY:{TITLE}" in feed and f"DTSTART;VALUE=DATE:{day:%Y%m%d}" in feed

    client.force_login(users[Role.OBSERVER])
    today = client.get(execution_url).content.decode()
    assert TITLE in today and event.get_absolute_url() in today
    row = today[today.index(f'id="item-{item.pk}"') :]
    assert "В работе" in row[: row.index("</tr>")]  # the open day is still to come
    after = client.get(f"{execution_url}?on={day + dt.timedelta(days=1)}").content.decode()
    row = after[after.index(f'id="item-{item.pk}"') :]
    assert "Выполнено" in row[: row.index("</tr>")]
    assert item.get_absolute_url() in client.get(event.get_absolute_url()).content.decode()  # the way back

    client.force_login(users[Role.SECRETARY])
    draft_build(cluster=default_cluster(user=users[Role.SECRETARY]), year=year)  # what «Обновить» runs as a job
    report = client.get(f"/reports/annual/{year.slug}/").content.decode()
    results = report[report.index('id="sec-results"') :]
    results = results[: results.index("</section>")]
    assert "3. Повышение привлекательности ПОО" in results and TITLE in results
    assert "Мероприятие: день открытых дверей — 1" in results
