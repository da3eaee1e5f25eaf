"""Beside criteria 3.2 and 3.3 the expert sees the figures of the practice database."""

from decimal import Decimal

import pytest

from cluster_portal.core.roles import Role

from .. import selectors
from ..choices import PracticeFigure


@pytest.mark.django_db
def test_form_shows_the_practice_figures(client_as, world, monkeypatch):
    from practice.selectors import ChecklistFigures

    calls = []

    def figures(*, program, year):
        calls.append((program.pk, year))
        if year == 2021:
            return ChecklistFigures(
                graduates=24, employed_by_specialty=15, employed_share=Decimal("62.5"), job_offer_students=0
            )
        return ChecklistFigures(graduates=0, employed_by_specialty=0, employed_share=None, job_offer_students=7)

    monkeypatch.setattr("practice.selectors.program_checklist_figures", figures)
    page = client_as(Role.EXPERT).get(f"/expertise/reviews/{world.review.pk}/fill/").content.decode()
    assert "выпускников 2021 г. — 24, трудоустроено по специальности в течение года — 15 (62,5%)" in page
    assert "(2021/2022 уч. г.): студентов, получивших приглашение на работу по итогам практики, — 7." in page
    assert sorted(calls) == [(world.program.program_id, 2021), (world.program.program_id, 2022)]


@pytest.mark.django_db
def test_real_practice_selector_without_data(world):
    texts = selectors.criterion_figures(
        program=world.program.program, session_year=2022, kinds={PracticeFigure.EMPLOYMENT, PracticeFigure.JOB_OFFERS}
    )
    assert texts[PracticeFigure.EMPLOYMENT] == "В базе практик нет выпускников 2021 г. этой программы."
    assert texts[PracticeFigure.JOB_OFFERS].endswith("— 0.")


@pytest.mark.django_db
def test_criterion_3_1_shows_the_share_of_graduates_who_passed_the_exam_with_its_source(client_as, world):
    import datetime as dt

    from events.tests.factories import ExamResultFactory, ExamSessionFactory, StudentFactory

    program = world.program.program
    exam = ExamSessionFactory(
        college=program.college, specialty=program.specialty, year=2022, date_from=dt.date(2022, 6, 14)
    )
    for index in range(10):
        ExamResultFactory(session=exam, student=StudentFactory(program=program, graduation_year=2022), passed=index < 8)
    later = ExamSessionFactory(
        college=program.college, specialty=program.specialty, year=2023, date_from=dt.date(2023, 6, 13)
    )
    ExamResultFactory(session=later, student=StudentFactory(program=program, graduation_year=2023), passed=False)
    page = client_as(Role.EXPERT).get(f"/expertise/reviews/{world.review.pk}/fill/").content.decode()
    assert (
        "По результатам ДЭ и НОК (выпуск 2022 г.): успешно прошли независимую оценку 8 из 10 выпускников программы "
        "(80,0%). Источник: ДЭ базового уровня (ГИА), 14.06.2022." in page
    )


@pytest.mark.django_db
def test_criterion_3_1_says_when_no_exam_results_are_recorded(world):
    import datetime as dt

    texts = selectors.criterion_figures(
        program=world.program.program,
        session_year=2022,
        session_end=dt.date(2022, 6, 30),
        kinds={PracticeFigure.ASSESSMENT},
    )
    assert texts[PracticeFigure.ASSESSMENT] == (
        "В данных экзаменов (ДЭ, НОК) на 30.06.2022 нет результатов выпускников этой программы."
    )
