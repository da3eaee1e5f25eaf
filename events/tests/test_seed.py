"""The events of the seed report in the demo data: periods, not invented dates; the plan items they fulfil."""

import datetime as dt

import pytest

from events import seed
from events.models import CompetitionExpert, Event, ExamResult, ExamSession
from events.selectors import assessment_figures


def plan_numbers(title):
    return sorted(i.number for i in Event.objects.get(title=title).plan_items.filter(plan__year=2022))


@pytest.mark.django_db
def test_the_seeds_events_are_dated_by_their_periods_and_linked_to_the_plan(demo_module):
    events = list(Event.objects.all())
    assert len(events) == len(seed.EVENTS)
    assert all(e.date_start is None and e.period in (seed.ACADEMIC, seed.YEAR_2022) for e in events)
    assert all(e.organizer is None and e.organizer_text == "Участники Кластера" for e in events)
    assert plan_numbers(seed.CHAMPIONSHIP) == ["2.8"]
    assert plan_numbers("Межведомственный региональный проект «От «Точек роста» до мастерских ПОО»") == ["3.1"]
    assert plan_numbers("Акция «Неделя с работодателем»") == ["3.3"]
    experts = CompetitionExpert.objects.filter(event__title=seed.CHAMPIONSHIP)
    assert experts.count() == 2 and all(x.is_demo for x in experts)


@pytest.mark.django_db
def test_the_demo_exams_are_demo_and_feed_criterion_3_1(demo_module):
    assert all(s.is_demo for s in ExamSession.objects.all()) and ExamSession.objects.count() == 2
    assert all(r.is_demo for r in ExamResult.objects.all())
    session = ExamSession.objects.get(year=2022)
    program = ExamResult.objects.filter(session=session).first().student.program
    figures = assessment_figures(program=program, until=dt.date(2022, 6, 30))
    assert figures.year == 2022 and figures.assessed == 3 and figures.passed == 2


@pytest.mark.django_db
def test_the_events_step_is_idempotent(demo_module):
    before = (
        Event.objects.count(),
        CompetitionExpert.objects.count(),
        ExamSession.objects.count(),
        ExamResult.objects.count(),
    )
    seed.run()
    assert before == (
        Event.objects.count(),
        CompetitionExpert.objects.count(),
        ExamSession.objects.count(),
        ExamResult.objects.count(),
    )
