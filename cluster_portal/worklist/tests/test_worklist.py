"""«Мои задачи»: each role's work with links, deadlines and days left, most urgent first, scoped to the user."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from cluster_portal.core.roles import Role
from cluster_portal.worklist.panels import my_tasks_panel
from cluster_portal.worklist.registry import Line, Task, days_word, tasks_for
from councils.tests.factories import AgendaItemFactory, DecisionFactory, MeetingFactory, MinutesFactory
from expertise.models import ExpertSession, Review
from members.tests.factories import ClusterFactory, MembershipFactory
from practice.services import collection_open, submission_return, submission_submit
from programs.tests.factories import AdmissionTargetFactory

TODAY = dt.date(2026, 12, 5)


def titles(user, today=TODAY):
    return [line.task.title for line in tasks_for(user, today)]


def panel_of(user):
    return my_tasks_panel(user)


def test_days_left_and_overdue_in_words():
    assert [days_word(n) for n in (1, 2, 5, 11, 21, 22, 112)] == ["день", "дня", "дней", "дней", "день", "дня", "дней"]
    task = Task("t", "/")
    assert Line(task, 3).days_text == "осталось 3 дня" and Line(task, 0).days_text == "срок сегодня"
    assert Line(task, -1).days_text == "просрочено на 1 день" and Line(task, -1).overdue


@pytest.mark.django_db
def test_empty_list_says_so(client_as):
    page = client_as(Role.OBSERVER).get(reverse("core:dashboard")).content.decode()
    assert "Мои задачи" in page and "Сейчас задач нет." in page


@pytest.mark.django_db
def test_expert_sees_own_checklists_with_the_session_deadline_most_urgent_first(users, world):
    ExpertSession.objects.filter(pk=world.session.pk).update(checklist_deadline=TODAY + dt.timedelta(days=3))
    lines = tasks_for(users[Role.EXPERT], TODAY)
    assert [(line.task.url, line.days_text, line.task.action) for line in lines] == [
        (world.review.get_fill_url(), "осталось 3 дня", "заполнить")
    ]
    # expert2's checklist is not the first expert's task, and a submitted one is no longer a task
    assert titles(world.expert2.user) == [f"Экспертный лист: {world.other_program.program}"]
    Review.objects.filter(pk=world.review.pk).update(status="submitted")
    assert titles(users[Role.EXPERT]) == []


@pytest.mark.django_db
def test_coordinator_sees_overdue_checklists_by_expert(users, world):
    ExpertSession.objects.filter(pk=world.session.pk).update(checklist_deadline=TODAY - dt.timedelta(days=2))
    Review.objects.filter(pk=world.review2.pk).update(extended_until=TODAY + dt.timedelta(days=5))
    [line] = [line for line in tasks_for(users[Role.COORDINATOR], TODAY) if "Просрочены" in line.task.title]
    assert str(world.expert) in line.task.title and line.days_text == "просрочено на 2 дня"
    assert f"session={world.session.pk}" in line.task.url
    assert not any("Просрочены" in t for t in titles(users[Role.SECRETARY]))


@pytest.fixture
def collection(users, college_org, other_college_org):
    cluster = ClusterFactory()
    MembershipFactory(cluster=cluster, organization=college_org, role="college")
    MembershipFactory(cluster=cluster, organization=other_college_org, role="college")
    return collection_open(
        cluster=cluster,
        title="Трудоустройство 2026",
        topic="employment",
        year=2026,
        deadline=TODAY + dt.timedelta(days=10),
    )


@pytest.mark.django_db
def test_college_sees_its_returned_collection_with_the_coordinators_comment(users, college_org, collection):
    college = users[Role.COLLEGE]
    submission = collection.submissions.get(college=college_org)
    [line] = tasks_for(college, TODAY)
    assert line.task.title == "Сбор данных «Трудоустройство 2026»" and line.days_text == "осталось 10 дней"
    submission_submit(submission=submission, user=college)
    assert titles(college) == []
    assert titles(users[Role.COORDINATOR]) == ["Проверить данные: ОГБПОУ «ТЕСТ-1» — «Трудоустройство 2026»"]
    submission_return(submission=submission, user=users[Role.COORDINATOR], comment="Нет выпускников 15.02.32")
    [line] = tasks_for(college, TODAY)
    assert line.task.url == submission.get_absolute_url()
    assert line.task.note == "Комментарий координатора: Нет выпускников 15.02.32"
    # the other college's list holds only its own answer, without the first college's comment
    [other] = tasks_for(users["college2"], TODAY)
    assert other.task.note == "" and other.task.url != submission.get_absolute_url()


@pytest.mark.django_db
def test_coordinator_sees_late_colleges_after_the_deadline(users, collection):
    late = titles(users[Role.COORDINATOR], TODAY + dt.timedelta(days=11))
    assert "Сбор «Трудоустройство 2026»: не прислали данные — 2 ПОО" in late


@pytest.mark.django_db
def test_coordinator_agrees_kcp_and_college_corrects_returned(users, college_org):
    AdmissionTargetFactory(college=college_org, year=2027)
    AdmissionTargetFactory(college=college_org, year=2027, status="returned", comment="Мало мест")
    assert titles(users[Role.COORDINATOR]) == ["Согласовать КЦП на 2027 год: предложений — 1"]
    [line] = tasks_for(users[Role.COLLEGE], TODAY)
    assert line.task.note == "Комментарий координатора: Мало мест"
    assert titles(users["college2"]) == [] and titles(users[Role.EMPLOYER]) == []


@pytest.mark.django_db
def test_secretary_sees_the_next_meeting_and_protocols_to_draft(users):
    upcoming = MeetingFactory(date=TODAY + dt.timedelta(days=7))
    held = MeetingFactory(date=TODAY - dt.timedelta(days=10), status="held")
    signed_later = MinutesFactory(meeting__date=TODAY - dt.timedelta(days=20))
    found = {line.task.title: line for line in tasks_for(users[Role.SECRETARY], TODAY)}
    assert found[f"Составить повестку: {upcoming}"].days_text == "осталось 7 дней"
    assert found[f"Разослать приглашения: {upcoming}"].task.url == f"/councils/meetings/{upcoming.pk}/invite/"
    assert found[f"Оформить протокол: {held}"].task.url == f"/councils/meetings/{held.pk}/minutes/"
    assert f"Подписать и загрузить протокол: {signed_later.meeting}" in found
    AgendaItemFactory(meeting=upcoming)
    assert f"Составить повестку: {upcoming}" not in titles(users[Role.SECRETARY])
    assert titles(users[Role.EXPERT]) == []


@pytest.mark.django_db
def test_overdue_decisions_first_and_only_for_staff_or_the_responsible(users):
    decision = DecisionFactory(due_date=timezone.localdate() - dt.timedelta(days=4))
    lines = tasks_for(users[Role.SECRETARY])
    assert lines[0].task.title == f"Решение не исполнено в срок: {decision}" and lines[0].overdue
    assert titles(users[Role.OBSERVER]) == []


def test_the_panel_reads_the_tables_of_the_apps_with_providers():
    assert {"expertise", "practice", "programs", "councils"} <= set(my_tasks_panel.reads)


@pytest.mark.django_db
def test_the_panel_is_first_and_lists_the_most_urgent(users, world):
    ExpertSession.objects.filter(pk=world.session.pk).update(checklist_deadline=timezone.localdate())
    panel = panel_of(users[Role.EXPERT])
    assert panel.order == 0 and panel.title == "Мои задачи" and panel.context["more"] == 0
    assert panel.context["lines"][0].days_text == "срок сегодня"
