"""«Мои задачи» of the secretary, the employer and the observer: each app's feed, scoped to the user."""

import datetime as dt

import pytest
from django.utils import timezone

from cluster_portal.core.roles import Role
from cluster_portal.reports.models import AnnualReport, ReportVersion
from cluster_portal.worklist.registry import tasks_for
from councils.tests.factories import (
    DecisionFactory,
    PlanItemFactory,
    PlanSectionFactory,
)
from expertise.models import ExpertSession
from members.tests.factories import PersonFactory
from practice.tests.factories import PlacementFactory, PracticeBaseFactory, StudentFactory

pytestmark = pytest.mark.django_db


def lines_of(user, today):
    return {line.task.title: line for line in tasks_for(user, today)}


def test_secretary_sees_plan_items_overdue_and_due_soon_not_the_done_or_distant(users):
    today = timezone.localdate()
    section = PlanSectionFactory(plan__year=today.year)
    plan = section.plan
    late = PlanItemFactory(section=section, due_date=today - dt.timedelta(days=9), deadline_text="I квартал")
    soon = PlanItemFactory(section=section, due_date=today + dt.timedelta(days=12))
    distant = PlanItemFactory(section=section, due_date=today + dt.timedelta(days=90))
    done = PlanItemFactory(
        section=section, due_date=today - dt.timedelta(days=3), status_override="done", status_override_reason="Акт"
    )
    found = lines_of(users[Role.SECRETARY], today)
    late_line = found[f"Пункт плана {plan.year} года {late}"]
    assert late_line.days_text == "просрочено на 9 дней" and late_line.task.url == late.get_absolute_url()
    assert late_line.task.note == "Срок по плану: I квартал"
    assert found[f"Пункт плана {plan.year} года {soon}"].days_text == "осталось 12 дней"
    assert not any(str(item) in title for item in (distant, done) for title in found)
    # the most overdue first; no one else's list holds the plan, unless they answer for an item
    assert next(iter(found)).startswith("Пункт плана") and found[next(iter(found))].overdue
    assert lines_of(users[Role.EMPLOYER], today) == {} and lines_of(users[Role.COORDINATOR], today) == {}


def test_the_responsible_person_sees_their_own_plan_item(users):
    today = timezone.localdate()
    person = PersonFactory()
    users[Role.COLLEGE].person = person
    users[Role.COLLEGE].save()
    mine = PlanItemFactory(
        section__plan__year=today.year, due_date=today - dt.timedelta(days=1), responsible_person=person
    )
    PlanItemFactory(section=mine.section, due_date=today - dt.timedelta(days=1))
    assert [line.task.url for line in tasks_for(users[Role.COLLEGE], today)] == [mine.get_absolute_url()]


def test_employer_sees_students_coming_within_30_days_and_its_decisions(users, employer_org, college_org):
    today = timezone.localdate()
    base = PracticeBaseFactory(enterprise=employer_org)
    start = today + dt.timedelta(days=6)
    for _ in range(3):
        PlacementFactory(base=base, student=StudentFactory(program__college=college_org), date_start=start)
    PlacementFactory(base=base, date_start=today + dt.timedelta(days=45))  # later: not yet
    PlacementFactory(date_start=start)  # another enterprise's base
    decision = DecisionFactory(responsible_organization=employer_org, due_date=today + dt.timedelta(days=4))
    DecisionFactory(due_date=today + dt.timedelta(days=4))  # someone else's
    found = lines_of(users[Role.EMPLOYER], today)
    assert list(found) == [
        f"Исполнить решение: {decision}",
        "Производственная практика: ОГБПОУ «ТЕСТ-1», студентов — 3",
    ]
    coming = found["Производственная практика: ОГБПОУ «ТЕСТ-1», студентов — 3"]
    assert coming.days_text == "осталось 6 дней" and f"date_start_after={start.isoformat()}" in coming.task.url
    assert f"college={college_org.pk}" in coming.task.url
    assert lines_of(users["college2"], today) == {}


def test_observer_sees_sessions_ended_lately_and_reports_approved(users, world, college_org, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    ExpertSession.objects.filter(pk=world.session.pk).update(
        date_from=today - dt.timedelta(days=40), date_to=today - dt.timedelta(days=5), is_demo=False
    )
    # A report whose texts were saved but never approved is nothing to read yet.
    AnnualReport.objects.create(cluster=world.session.cluster, year=today.year - 1)
    version = ReportVersion(
        cluster=world.session.cluster, year=today.year - 1, number=1, html="<p></p>", data={}, data_sha256="0" * 64
    )
    version.keep(b"%PDF-1.7", name="v1.pdf", user=users[Role.SECRETARY])
    version.save()
    found = lines_of(users[Role.OBSERVER], today)
    [session_line] = [line for title, line in found.items() if title.startswith("Итоги экспертизы")]
    assert session_line.task.url == world.session.get_absolute_url() and session_line.days is None
    [report_line] = [line for title, line in found.items() if title.startswith("Отчёт за")]
    assert report_line.task.url == version.get_absolute_url()
    assert report_line.task.title == f"{version}: {version.cluster}"
    assert report_line.task.note.startswith(f"Утверждён {today:%d.%m.%Y}, ")
    ExpertSession.objects.filter(pk=world.session.pk).update(date_to=today - dt.timedelta(days=35))
    ReportVersion.objects.filter(pk=version.pk).update(approved_at=timezone.now() - dt.timedelta(days=40))
    assert lines_of(users[Role.OBSERVER], today) == {}
