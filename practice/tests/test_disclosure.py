"""Issue 17, finding 7: small-group suppression — a cell fewer than SMALL_GROUP_MIN people stand behind
reads «< 5» on the analytics page, in its Excel export and in the annual report (page, PDF, Excel)."""

import pytest
from openpyxl import load_workbook

from cluster_portal.core import disclosure
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import Role
from cluster_portal.reports.services import annual_report_html, annual_report_workbook
from practice.selectors import Scope, analytics, shown

from .exports import exported_workbook


def _sheet(client, query, title):
    return list(exported_workbook(client, query)[title].iter_rows(values_only=True))


def test_the_rule():
    assert [str(disclosure.count(n)) for n in (0, 1, 4, 5, 12)] == ["0", "< 5", "< 5", "5", "12"]
    assert str(disclosure.share(50, 4)) == "< 5" and disclosure.share(50, 5) == 50
    assert disclosure.plotted(disclosure.count(2)) is None


@pytest.mark.django_db
def test_analytics_hide_small_groups_on_the_page_and_in_excel(client_as, small_world):
    counted = analytics(Scope(year_from=2022, year_to=2022))
    by_college = {r.label: r for r in counted.by_college}
    assert by_college["ОГБПОУ «ТЕСТ-2»"].graduates == 2  # two graduates of one college
    printed = {r.label: r for r in shown(counted).by_college}
    row = printed["ОГБПОУ «ТЕСТ-2»"]
    assert (str(row.graduates), str(row.employed_rate), str(row.by_specialty)) == ("< 5", "< 5", "< 5")

    client = client_as(Role.OBSERVER)
    page = client.get("/practice/?year_from=2022&year_to=2022").content.decode()
    assert "&lt; 5" in page and "&lt; 5 %" not in page
    rows = _sheet(client, "year_from=2022&year_to=2022", "По ПОО")
    assert ("ОГБПОУ «ТЕСТ-2»", "< 5", "< 5", "< 5", "< 5", "< 5", "< 5") in rows
    assert all(cell not in (1, 2, 3, 4) for r in rows[1:] for cell in r[1:3])


@pytest.mark.django_db
def test_the_threshold_is_a_setting(client_as, small_world, settings):
    settings.SMALL_GROUP_MIN = 1
    rows = _sheet(client_as(Role.OBSERVER), "year_from=2022&year_to=2022", "По ПОО")
    assert any(r[0] == "ОГБПОУ «ТЕСТ-2»" and r[1] == 2 for r in rows)


@pytest.mark.django_db
def test_the_annual_report_hides_small_groups_in_html_pdf_and_excel(small_world, cluster):
    year = AcademicYear(2021)  # graduates of 2022
    html = annual_report_html(cluster=cluster, year=year)
    section = html.split('id="sec-practice"')[1].split("</section>")[0]
    assert "&lt; 5" in section
    book = load_workbook(annual_report_workbook(cluster=cluster, year=year))
    sheet = next(s for s in book.worksheets if s.title.startswith("Трудоустройство"))
    values = [r for r in sheet.iter_rows(min_row=2, values_only=True)]
    assert values and all(r[1] == "< 5" for r in values if r[0] != "Всего" and r[1] is not None)
