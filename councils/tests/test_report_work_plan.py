"""The annual report's work plan prints a few records per item and counts the rest."""

import datetime as dt

import pytest
from django.template.loader import render_to_string

from cluster_portal.core.reporting import AcademicYear
from councils import report
from councils.tests.factories import PlanItemFactory, PlanReportFactory

pytestmark = pytest.mark.django_db


def test_an_item_with_many_records_prints_the_first_three_and_how_many_more():
    item = PlanItemFactory(section__plan__year=2022)
    for day in range(1, 6):
        PlanReportFactory(item=item, date=dt.date(2022, 3, day), text=f"Отчёт номер {day}")

    section = report.work_plan_section(cluster=item.plan.cluster, year=AcademicYear(2021))
    html = render_to_string(section.template, {"section": section})

    assert [f"Отчёт номер {n}" in html for n in range(1, 6)] == [True, True, True, False, False]
    assert "…и ещё 2 (полный список — на странице пункта плана и в таблицах Excel)" in html
