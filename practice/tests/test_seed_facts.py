"""The demo data says what is generated and keeps to the seed report's facts."""

import io
import shutil
import subprocess

import pytest
from django.core.management import call_command

from cluster_portal.core.reporting import AcademicYear
from cluster_portal.reports.services import annual_report_html, annual_report_pdf
from members.selectors import default_cluster
from practice.choices import AgreementForm
from practice.models import EmploymentOutcome, Placement, PracticeAgreement, PracticeBase, Student
from practice.seed import study_years
from programs.models import AdmissionTarget, Program

pytestmark = pytest.mark.django_db


def seed(*options):
    call_command("seed_demo", *options, force=True, stdout=io.StringIO())


def test_study_years_from_the_written_duration():
    assert [study_years(d) for d in ("3 г. 10 мес.", "2 г. 10 мес.", "10 мес.", "4 г.")] == [4, 3, 1, 4]


def test_generated_students_only_of_programs_running_through_their_years():
    seed()
    students = list(Student.objects.filter(is_demo=True).select_related("program__specialty"))
    assert students
    impossible = [
        (s.program.specialty.code, s.admission_year, s.graduation_year)
        for s in students
        if s.admission_year < s.program.first_year
        or (s.program.last_year is not None and s.program.last_year < s.graduation_year - 1)
    ]
    assert impossible == []
    # The seed's own cases: 15.02.16 opens in 2022/23, 15.02.01 closed after 2020/21.
    assert not EmploymentOutcome.objects.filter(student__program__specialty__code="15.02.16", year__lte=2025).exists()
    assert not Student.objects.filter(program__specialty__code="15.02.01", graduation_year__gte=2022).exists()


def test_no_named_enterprise_refuses_the_regional_form():
    seed()
    assert not PracticeAgreement.objects.filter(form=AgreementForm.ENTERPRISE).exists()
    html = annual_report_html(cluster=default_cluster(), year=AcademicYear(2021))
    assert "по форме предприятия, а не по региональной модели наставничества:" not in html
    # The seed's finding itself stays, unattributed.
    assert "отказываются заключать договор на практику" in html


def test_the_report_says_its_practice_figures_are_demo_data(tmp_path):
    seed()
    year = AcademicYear(2021)
    html = annual_report_html(cluster=default_cluster(), year=year)
    section = html[html.index('id="sec-practice"') :]
    assert "демонстрационные данные" in section[: section.index("</section>")]
    if shutil.which("pdftotext"):
        path = tmp_path / "report.pdf"
        path.write_bytes(annual_report_pdf(cluster=default_cluster(), year=year))
        text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split())
        assert "демонстрационные данные" in text


def test_without_generated_rows_only_what_the_seed_states():
    seed("--no-generated")
    assert not Student.objects.exists() and not Placement.objects.exists()
    assert not EmploymentOutcome.objects.exists() and not PracticeAgreement.objects.exists()
    assert not Program.objects.filter(is_demo=True).exists() and not AdmissionTarget.objects.exists()
    assert not PracticeBase.objects.filter(is_demo=True).exists()
    assert PracticeBase.objects.filter(enterprise__short_name="ООО «ТОМЗЭЛ»").exists()
    assert Program.objects.filter(is_demo=False, specialty__code="15.02.32").exists()
    html = annual_report_html(cluster=default_cluster(), year=AcademicYear(2021))
    assert "демонстрационные данные" not in html[html.index('id="sec-practice"') :][:3000]


def test_practice_lists_and_their_exports_say_they_show_demo_data(client_as):
    from openpyxl import load_workbook

    from cluster_portal.core.roles import Role

    seed()
    client = client_as(Role.COORDINATOR)
    for url in ("/practice/students/", "/practice/placements/", "/practice/employment/"):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "демонстрационные данные" in page.content.decode(), url
        export = client.get(url + "?export=xlsx")
        workbook = load_workbook(io.BytesIO(b"".join(export.streaming_content)), read_only=True)
        assert "Демонстрационные данные" in workbook.sheetnames, url
    # A list without generated rows says nothing.
    Student.objects.update(is_demo=False)
    assert "демонстрационные данные" not in client.get("/practice/students/").content.decode()
