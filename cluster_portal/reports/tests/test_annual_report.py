"""The annual report: sections from the data, an empty year, escaping, pages, Excel and the CLI."""

import io
import shutil
import subprocess

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from cluster_portal.core.pdf import StaticOnlyFetcher
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import Role
from cluster_portal.jobs.models import Job
from cluster_portal.reports.approval import draft_build
from cluster_portal.reports.assembly import assemble, text_items
from cluster_portal.reports.models import AnnualReport
from cluster_portal.reports.services import annual_report_html, annual_report_pdf
from members.models import Organization

YEAR = AcademicYear(2021)


@pytest.fixture
def seeded(demo_cluster):
    return demo_cluster


def pdf_text(pdf: bytes) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("нет pdftotext (apt-get install poppler-utils): текст PDF не проверить")
    result = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True)
    return result.stdout.decode()


def test_text_items_strip_typed_markers():
    assert text_items("1. Один\n\n- Два\n✓ Три\n  Четыре  ") == ["Один", "Два", "Три", "Четыре"]


@pytest.mark.django_db
def test_report_carries_the_seed_composition_documents_and_texts(seeded):
    html = annual_report_html(cluster=seeded, year=YEAR)
    for text in [
        "Отчёт о деятельности",
        "за 2021/2022 учебный год, план на 2022/2023 учебный год",
        "ТОМСК - 2022",
        "ОГБПОУ «ТЭПК» - ведущая ПОО кластера",
        "ОГБПОУ «ТПТ» (с филиалами)",
        "ОГБПОУ «АТПромИС»",
        "Союз «МПО работодателей Томской области»",
        "ПАО ТРК",
        "Департамент промышленности и энергетики Администрации Томской области",
        "МБОУ СОШ № 33 г. Томска",
        "от 21.08.2021 № 370",
        "от 26.10.2020 № 465",
        "от 15.03.2021 № 147",
        "от 30.04.2021 № 36.70.1118.21",
        "от 04 мая 2021",
        "на 2022 год от 25.01.2022",
        "Наставничество на стажировке для педагогов ПОО на предприятии.",
        "г. Томск, Иркутский тракт, 175",
        "Пояркова Ольга Николаевна",
    ]:
        assert text in html, text


@pytest.mark.django_db
def test_pdf_has_contents_with_page_numbers_and_renders_only_static_files(seeded):
    fetcher = StaticOnlyFetcher()
    pdf = annual_report_pdf(cluster=seeded, year=YEAR, fetcher=fetcher)
    assert pdf.startswith(b"%PDF-")
    assert fetcher.refused == []
    text = pdf_text(pdf)
    assert "Содержание" in text
    assert "Стр. 2 из" in text
    assert "Нормативные основания деятельности Промышленного" in text


@pytest.mark.django_db
def test_a_change_in_the_data_shows_in_the_next_rendering(seeded):
    Organization.objects.filter(short_name="ОГБПОУ «КТАБ»").update(short_name="ОГБПОУ «КТАБ-Новый»")
    assert "ОГБПОУ «КТАБ-Новый»" in annual_report_html(cluster=seeded, year=YEAR)


@pytest.mark.django_db
def test_a_year_without_data_is_a_clear_mostly_empty_report(seeded):
    year = AcademicYear(2030)
    report = assemble(cluster=seeded, year=year)
    assert report.sections[0].key == "title"
    html = annual_report_html(cluster=seeded, year=year)
    assert "за 2030/2031 учебный год" in html
    assert "Нет данных за 2030/2031 учебный год." in html
    assert annual_report_pdf(cluster=seeded, year=year).startswith(b"%PDF-")


@pytest.mark.django_db
def test_user_text_is_escaped_and_fetches_nothing(seeded):
    AnnualReport.objects.filter(year=2021).update(
        results_text='<img src="file:///etc/passwd"><link rel="stylesheet" href="http://127.0.0.1:9/x.css">\n'
        "<script>alert(1)</script> & <b>жирный</b>"
    )
    Organization.objects.filter(short_name="ОГБПОУ «ТАК»").update(short_name='<img src="https://example.org/a.png">')
    html = annual_report_html(cluster=seeded, year=YEAR)
    assert "<img" not in html and "<script" not in html and '<link rel="stylesheet" href="http' not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    fetcher = StaticOnlyFetcher()
    annual_report_pdf(cluster=seeded, year=YEAR, fetcher=fetcher)
    assert fetcher.refused == []


@pytest.mark.django_db
def test_pages_by_role(client, users, seeded):
    urls = {
        "/reports/": 200,
        "/reports/annual/2021-2022/": 200,
        "/reports/annual/2021-2022/pdf/": 302,  # to the kept PDF or the button of the PDF job: never built here
        "/reports/annual/2021-2022/xlsx/": 200,
    }
    for role in users:
        client.force_login(users[role])
        for url, status in urls.items():
            expected = status if role in (Role.COORDINATOR, Role.SECRETARY, Role.OBSERVER) else 403
            assert client.get(url).status_code == expected, (role, url)
        edit = client.get("/reports/annual/2021-2022/edit/").status_code
        assert edit == (200 if role in (Role.COORDINATOR, Role.SECRETARY) else 403), role
    client.logout()
    assert client.get("/reports/annual/2021-2022/pdf/").status_code == 302
    client.force_login(users[Role.SECRETARY])
    assert client.get("/reports/annual/2021-20/").status_code == 404


@pytest.mark.django_db
def test_secretary_edits_texts_reorders_and_hides_sections(client_as, seeded):
    client = client_as(Role.SECRETARY)
    draft_build(cluster=seeded, year=YEAR)  # the sections listed are the last draft's
    page = client.get("/reports/annual/2021-2022/edit/")
    layout = page.context["layout_form"]
    data = {f"show_{s.key}": "on" for s in layout.sections}
    data.update({f"pos_{s.key}": i for i, s in enumerate(layout.sections, start=3)})
    data["pos_title"] = 1
    data.pop("show_normative_bases")
    data["pos_contacts"] = 2  # right after the title page
    data.update(
        {
            "results_text": "Первый итог\nВторой итог",
            "mentoring_title": "",
            "mentoring_features_intro": "",
            "mentoring_features": "",
            "mentoring_difficulties": "",
            "mentoring_proposals": "",
            "next_directions": "Направление",
        }
    )
    response = client.post("/reports/annual/2021-2022/edit/", data)
    job = Job.objects.get()  # the draft the page shows is rebuilt by a job, not by this request
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.kind == "annual_report_draft" and job.params["cluster"] == seeded.pk
    keys = [s.key for s in assemble(cluster=seeded, year=YEAR).sections]
    assert "normative_bases" not in keys
    assert keys[:2] == ["title", "contacts"]
    draft_build(cluster=seeded, year=YEAR)  # what «Обновить» (a job) does
    html = client.get("/reports/annual/2021-2022/").content.decode()
    assert "Второй итог" in html and "Нормативные основания" not in html


@pytest.mark.django_db
def test_bad_layout_input_saves_nothing(client_as, seeded):
    client = client_as(Role.SECRETARY)
    draft_build(cluster=seeded, year=YEAR)
    layout = client.get("/reports/annual/2021-2022/edit/").context["layout_form"]
    data = {f"pos_{s.key}": 1 for s in layout.sections}
    data["pos_title"] = "сто"
    data["results_text"] = "Не сохранится"
    response = client.post("/reports/annual/2021-2022/edit/", data)
    assert response.status_code == 200
    assert "Не сохранится" in response.content.decode()
    assert "Не сохранится" not in AnnualReport.objects.get(year=2021).results_text


@pytest.mark.django_db
def test_excel_workbook_has_a_sheet_per_table(client_as, seeded):
    response = client_as(Role.OBSERVER).get("/reports/annual/2021-2022/xlsx/")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert {"Состав", "Нормативные основания"} <= set(workbook.sheetnames)
    rows = list(workbook["Состав"].iter_rows(values_only=True))
    assert ("ПОО Томской области", "ОГБПОУ «ТПТ» (с филиалами)", "ПОО Томской области") in rows


@pytest.mark.django_db
def test_command_writes_the_same_pdf(seeded, tmp_path):
    out = tmp_path / "report.pdf"
    call_command("annual_report", "2021-2022", "-o", str(out), stdout=io.StringIO())
    assert out.read_bytes().startswith(b"%PDF-")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("annual_report", "2021", "-o", str(out), stdout=io.StringIO())


@pytest.mark.django_db
def test_the_index_lists_every_year_since_the_earliest_report(seeded):
    from cluster_portal.reports.selectors import report_years

    years = [year.start for year, _texts in report_years(cluster=seeded, current=AcademicYear(2026))]
    assert years == [2026, 2025, 2024, 2023, 2022, 2021]


@pytest.mark.django_db
def test_every_contents_entry_points_at_its_section(seeded):
    report = assemble(cluster=seeded, year=YEAR)
    html = annual_report_html(cluster=seeded, year=YEAR)
    for section in report.contents:
        assert f'href="#sec-{section.key}"' in html
        assert f'id="sec-{section.key}"' in html, section.key


@pytest.mark.django_db
def test_the_layout_form_lists_the_last_drafts_sections_without_assembling_the_report(
    client_as, seeded, django_assert_max_num_queries
):
    AnnualReport.objects.filter(cluster=seeded, year=2021).update(hidden_sections=["contacts"])
    every = [(s.key, s.title) for s in assemble(cluster=seeded, year=YEAR, include_hidden=True).sections]
    draft_build(cluster=seeded, year=YEAR)
    client = client_as(Role.SECRETARY)
    with django_assert_max_num_queries(15):  # assembling the report takes ~70
        layout = client.get("/reports/annual/2021-2022/edit/").context["layout_form"]
    assert [(s.key, s.title) for s in layout.sections] == every and not layout["show_contacts"].value()


@pytest.mark.django_db
def test_before_the_first_draft_the_texts_page_builds_nothing_and_offers_the_draft_job(
    client_as, seeded, django_assert_max_num_queries
):
    AnnualReport.objects.filter(cluster=seeded, year=2021).update(section_order=["title", "contacts"])
    client = client_as(Role.SECRETARY)
    with django_assert_max_num_queries(15):  # assembling the report takes ~70
        page = client.get("/reports/annual/2021-2022/edit/")
    html = page.content.decode()
    assert 'id="layout-not-built"' in html and 'form="build-draft"' in html and not page.context["layout_form"].sections
    # «Построить черновик»: the draft job, which returns to this page when done.
    response = client.post(f"/reports/annual/2021-2022/draft/?cluster={seeded.pk}", {"return_to": "edit"})
    job = Job.objects.get()
    assert response["Location"] == job.get_absolute_url() and job.kind == "annual_report_draft"
    assert job.params["url"] == f"/reports/annual/2021-2022/edit/?cluster={seeded.pk}"
    # Texts saved before the draft keep the secretary's layout as it was.
    response = client.post("/reports/annual/2021-2022/edit/", {"results_text": "Итог до черновика"})
    assert response.status_code == 302
    texts = AnnualReport.objects.get(cluster=seeded, year=2021)
    assert texts.results_text == "Итог до черновика" and texts.section_order == ["title", "contacts"]
