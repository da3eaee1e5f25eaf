"""Analytics and checklist figures against values computed by hand on ``small_world``.

Graduates 2022 of program P1 (college A): s1 by specialty 01.09.2022; s2 not by specialty;
s3 by specialty but only on 01.08.2023 (after 30.06.2023: not «within a year»); s4 no outcome.
Graduate 2021 of P1: u1 self-employed. Graduates 2022 of P2 (college B): t1 by specialty on
30.06.2023 (the last day that counts), t2 army.
"""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cluster_portal.core.dataversion import tables_of
from cluster_portal.core.testing.dataversion import tables_read
from members.tests.factories import OrganizationFactory
from practice.models import Placement
from practice.selectors import ChecklistFigures, Scope, analytics, latest_cohort, program_checklist_figures
from practice.selectors.analytics import (
    ANALYTICS_READS,
    COHORT_READS,
    OUTCOME_READS,
    _analytics,
    _latest_cohort,
    _latest_monitored_year,
)
from programs.tests.factories import ProgramFactory

from .exports import exported_workbook
from .factories import PlacementFactory, StudentFactory


@pytest.mark.django_db
def test_checklist_figures_of_a_program(small_world):
    p1, p2 = small_world["programs"]
    figures = program_checklist_figures(program=p1, year=2022)
    # 4 graduates, 1 by specialty within the year (s3 is too late), s1's job offer ended 30.05.2022;
    # s2's offer ended in June 2021, before the 2021/2022 academic year.
    assert figures == ChecklistFigures(
        graduates=4, employed_by_specialty=1, employed_share=Decimal("25.0"), job_offer_students=1
    )
    assert program_checklist_figures(program=p2, year=2022) == ChecklistFigures(2, 1, Decimal("50.0"), 0)
    empty = program_checklist_figures(program=p1, year=2030)
    assert empty.graduates == 0 and empty.employed_share is None


@pytest.mark.django_db
def test_employment_rates_by_year_college_sector_and_program(small_world):
    result = analytics(Scope())
    by_year = {r.label: (r.graduates, r.with_outcome, r.employed, r.by_specialty) for r in result.by_year}
    # 2021: u1 (self-employed counts as employed, not by specialty); 2022: s1, s2, t1 employed, s1 and t1 by spec.
    assert by_year == {"2021": (1, 1, 1, 0), "2022": (6, 5, 3, 2)}
    assert (result.total.graduates, result.total.employed, result.total.by_specialty) == (7, 4, 2)
    assert result.total.by_specialty_rate == Decimal("28.6")
    by_college = {r.label: (r.graduates, r.employed, r.by_specialty, r.by_specialty_rate) for r in result.by_college}
    assert by_college == {"ОГБПОУ «ТЕСТ-1»": (5, 3, 1, Decimal("20.0")), "ОГБПОУ «ТЕСТ-2»": (2, 1, 1, Decimal("50.0"))}
    by_sector = {r.label: (r.extra, r.graduates, r.by_specialty) for r in result.by_sector}
    assert by_sector == {"Машиностроение": ("15.00.00", 5, 1), "Энерго-теплоэнергетика": ("13.00.00", 2, 1)}
    by_program = {(r.label[:8], r.extra): (r.graduates, r.by_specialty) for r in result.by_program}
    assert by_program == {("13.02.11", "ОГБПОУ «ТЕСТ-2»"): (2, 1), ("15.02.32", "ОГБПОУ «ТЕСТ-1»"): (5, 1)}


@pytest.mark.django_db
def test_scope_filters(small_world, college_org):
    sector_m, _ = small_world["sectors"]
    only_2022 = analytics(Scope(year_from=2022, year_to=2022, college=college_org))
    assert [(r.label, r.graduates, r.by_specialty) for r in only_2022.by_year] == [("2022", 4, 1)]
    by_sector = analytics(Scope(sector=sector_m))
    assert by_sector.total.graduates == 5


@pytest.mark.django_db
def test_mentoring_formats_offers_and_factor_tables(small_world):
    result = analytics(Scope())
    formats = {f["key"]: (f["placements"], f["graduates"], f["employed"], f["rate"]) for f in result.formats}
    assert formats == {
        "individual": (2, 2, 1, Decimal("50.0")),  # s1 (employed by specialty), u1
        "shifts": (1, 1, 1, Decimal("100.0")),  # t1
        "group": (3, 3, 0, Decimal("0.0")),  # s2, s3, t2
    }
    offers = {o["label"]: (o["practiced"], o["offered"], o["offered_employed"]) for o in result.offers}
    assert offers == {"ОГБПОУ «ТЕСТ-1»": (4, 2, 1), "ОГБПОУ «ТЕСТ-2»": (2, 0, 0)}
    totals = {f.factor.key: f.comparison for f in result.factors if f.label == "Всего"}
    mentor = totals["mentor"]
    # With a mentor: s1 (yes), u1 (no), t1 (yes); group only: s2, s3, t2 (all no).
    assert (mentor.a, mentor.b, mentor.c, mentor.d) == (2, 1, 0, 3)
    assert not mentor.enough_data and mentor.p_value is None  # 3 and 3 graduates: «недостаточно данных»
    assignment = totals["assignment"]
    assert (assignment.a, assignment.b, assignment.c, assignment.d) == (2, 0, 0, 4)
    per_specialty = [f for f in result.factors if f.factor.key == "mentor" and f.label != "Всего"]
    assert [(f.label[:8], f.comparison.a, f.comparison.b, f.comparison.c, f.comparison.d) for f in per_specialty] == [
        ("13.02.11", 1, 0, 0, 1),
        ("15.02.32", 1, 1, 0, 2),
    ]


@pytest.mark.django_db
def test_analytics_page_shows_figures_and_exports(client_as, small_world, users):
    from cluster_portal.core.roles import Role

    client = client_as(Role.OBSERVER)
    page = client.get("/practice/").content.decode()
    assert "недостаточно данных" in page and "28,6" in page
    assert 'id="practice-charts"' in page and "<script>" not in page.replace('<script src="', "")
    assert 'action="/practice/analytics/export/"' in page
    book = exported_workbook(client, "year_from=2022&year_to=2022")
    assert "Наставничество и трудоустр." in book.sheetnames
    rows = list(book["По годам выпуска"].iter_rows(values_only=True))
    assert rows[1][:5] == ("2022", 6, 5, "< 5", 50)  # three employed: a small group (test_disclosure.py)


@pytest.mark.django_db
def test_analytics_queries_do_not_grow_with_colleges_programs_or_students(small_world, django_assert_max_num_queries):
    with CaptureQueriesContext(connection) as before:
        analytics(Scope())
    for n in range(3):
        college = OrganizationFactory(kind="college", short_name=f"ОГБПОУ «ЕЩЁ-{n}»")
        program = ProgramFactory(college=college)
        for i in range(3):
            student = StudentFactory(program=program, record_number=f"E-{n}-{i}", graduation_year=2022)
            PlacementFactory(student=student, base=small_world["base"])
    with django_assert_max_num_queries(len(before.captured_queries)):
        result = analytics(Scope())
    assert result.total.graduates == 7 + 9


@pytest.mark.django_db
def test_kept_figures_declare_every_table_they_read(small_world, college_org):
    """A table a figure reads but does not declare would leave the kept figure stale after it changes."""
    sector_m, _ = small_world["sectors"]
    for compute, reads in [
        (_latest_monitored_year, OUTCOME_READS),
        (_latest_cohort, COHORT_READS),
        (lambda: _analytics(Scope()), ANALYTICS_READS),
        (lambda: _analytics(Scope(2021, 2022, college_org, sector_m)), ANALYTICS_READS),
    ]:
        read = tables_read(compute)
        assert read and read <= set(tables_of(reads)), read - set(tables_of(reads))


@pytest.mark.django_db
def test_latest_cohort_for_the_dashboard(small_world):
    cohort = latest_cohort()
    # 2022: six graduates, s1 and t1 employed by specialty within the year; one job offer in small_world.
    assert (cohort.year, cohort.graduates, cohort.employed_by_specialty) == (2022, 6, 2)
    assert cohort.employed_share == Decimal("33.3")
    assert cohort.job_offers == Placement.objects.filter(job_offer=True).count() > 0
