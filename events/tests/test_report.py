"""The annual report's events and figures of the year, per direction of the plan."""

import datetime as dt

import pytest

from cluster_portal.core.reporting import AcademicYear
from councils import report as council_report
from councils.tests.factories import PlanItemFactory, PlanSectionFactory, WorkPlanFactory
from events.choices import EventStatus
from events.evidence import session_label
from events.report import OTHER, sections, year_exams

from .factories import EventFactory, EventKindFactory, ExamResultFactory, ExamSessionFactory


@pytest.mark.django_db
def test_the_years_events_and_exams_are_listed_per_direction_with_their_figures(cluster, college_org):
    plan = WorkPlanFactory(cluster=cluster, year=2022)
    attractiveness = PlanSectionFactory(plan=plan, number=3, title="Повышение привлекательности ПОО")
    quality = PlanSectionFactory(plan=plan, number=2, title="Повышение качества обучения")
    week = PlanItemFactory(section=attractiveness, number="3.3")
    review = PlanItemFactory(section=quality, number="2.9")
    open_day = EventFactory(
        cluster=cluster, title="День открытых дверей", date_start=dt.date(2022, 4, 15), schoolchildren_count=120
    )
    open_day.plan_items.set([week])
    EventFactory(cluster=cluster, title="Юбилей колледжа", date_start=dt.date(2021, 11, 5), students_count=40)
    EventFactory(cluster=cluster, title="Предложение", date_start=dt.date(2022, 3, 1), status=EventStatus.PROPOSED)
    EventFactory(cluster=cluster, title="Следующий год", date_start=dt.date(2022, 9, 15))
    competition = EventKindFactory(name="Чемпионат", is_competition=True)
    championship = EventFactory(cluster=cluster, title="Чемпионат", kind=competition, period="2022 г.", date_start=None)
    exam = ExamSessionFactory(college=college_org, date_from=dt.date(2022, 6, 14))
    exam.plan_items.set([review])
    for passed in (True, True, False):
        ExamResultFactory(session=exam, passed=passed)
    (section,) = sections(cluster=cluster, year=AcademicYear(2021))
    # Per direction, the events that fulfil plan items are in «Основные направления и результаты» (from the
    # plan's evidence); here only those that fulfil none, and the figures of all.
    found = {d.title: ([e.title for e in d.events], d.exams) for d in section.context["directions"]}
    assert found == {OTHER: (["Юбилей колледжа", "Чемпионат"], [])}
    results = council_report.results_section(cluster=cluster, year=AcademicYear(2021))
    listed = {
        d.title: [(i.number, [e.title for e in rows]) for i, rows in d.items] for d in results.context["directions"]
    }
    assert listed == {
        str(quality): [("2.9", [session_label(exam)])],
        str(attractiveness): [("3.3", ["День открытых дверей"])],
    }
    figures = section.context["figures"]
    assert (figures.events, figures.schoolchildren, figures.students, figures.competitions) == (3, 120, 40, 1)
    assert (figures.exams, figures.assessed, figures.passed, figures.passed_share) == (1, 3, 2, "66,7%")
    assert championship.title in [row[1] for row in section.sheets[0].rows]


@pytest.mark.django_db
def test_an_exam_session_names_its_college_as_on_the_sessions_day(cluster, college_org, django_assert_num_queries):
    from events.evidence import exams
    from members.models import OrganizationName

    plan = WorkPlanFactory(cluster=cluster, year=2022)
    item = PlanItemFactory(section=PlanSectionFactory(plan=plan, number=2), number="2.9")
    exam = ExamSessionFactory(college=college_org, date_from=dt.date(2022, 6, 14))
    exam.plan_items.set([item])
    former = college_org.short_name
    OrganizationName.objects.create(
        organization=college_org, name=college_org.name, short_name=former, valid_until=dt.date(2026, 11, 30)
    )
    college_org.short_name = "ОГБПОУ «Переименован»"
    college_org.save()

    with django_assert_num_queries(1):  # the name of the day comes with the links, not a query per session
        (evidence,) = exams([item])
    assert evidence.title.endswith(f", {former}")
    results = council_report.results_section(cluster=cluster, year=AcademicYear(2021))
    assert [[e.title for e in rows] for d in results.context["directions"] for _i, rows in d.items] == [
        [evidence.title]
    ]
    assert [session.college.short_name for session in year_exams(AcademicYear(2021))] == [former]
