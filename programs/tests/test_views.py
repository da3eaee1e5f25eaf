"""Every program-bank URL for every role and for anonymous users, scoping, crafted requests, flows."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from cluster_portal.core.roles import Role
from cluster_portal.core.testing.views import Measured, Page, PageTests, everyone, only, policy_pages
from programs.models import AdditionalProgram, AdmissionTarget, Program, ProgramDocument

from .factories import AdmissionTargetFactory, ProgramFactory, SpecialtyFactory

EVERYONE = everyone()
TARGET_READERS = (Role.COORDINATOR, Role.SECRETARY, Role.COLLEGE, Role.EMPLOYER, Role.OBSERVER, "college2")


def matrix(b):
    p, other, d, t, a, s = (
        b["program"].pk,
        b["other_program"].pk,
        b["document"].pk,
        b["target"].pk,
        b["additional"].pk,
        b["specialty"].pk,
    )
    writers = (Role.COORDINATOR, Role.COLLEGE, "college2")
    return [
        ("/programs/", EVERYONE),
        ("/programs/?export=xlsx", EVERYONE),
        (f"/programs/?q=станков&sector={b['sector'].pk}&year=2021&is_top50=true", EVERYONE),
        (f"/programs/{p}/", EVERYONE),
        ("/programs/add/", only(*writers)),
        (f"/programs/{p}/edit/", only(Role.COORDINATOR, Role.COLLEGE)),
        (f"/programs/{other}/edit/", only(Role.COORDINATOR, "college2")),
        (f"/programs/{p}/delete/", only(Role.COORDINATOR, Role.COLLEGE)),
        (f"/programs/{p}/documents/add/", only(Role.COORDINATOR, Role.COLLEGE)),
        (f"/programs/documents/{d}/delete/", only(Role.COORDINATOR, Role.COLLEGE)),
        ("/programs/specialties/", EVERYONE),
        ("/programs/specialties/?export=xlsx", EVERYONE),
        (f"/programs/specialties/{s}/", EVERYONE),
        ("/programs/specialties/add/", only(Role.COORDINATOR)),
        (f"/programs/specialties/{s}/edit/", only(Role.COORDINATOR)),
        (f"/programs/specialties/{s}/delete/", only(Role.COORDINATOR)),
        ("/programs/additional/", EVERYONE),
        ("/programs/additional/?export=xlsx", EVERYONE),
        (f"/programs/additional/{a}/", EVERYONE),
        ("/programs/additional/add/", only(*writers)),
        (f"/programs/additional/{a}/edit/", only(Role.COORDINATOR, Role.COLLEGE)),
        ("/programs/targets/", only(*TARGET_READERS)),
        ("/programs/targets/?export=xlsx", only(*TARGET_READERS)),
        (f"/programs/targets/{t}/", only(*TARGET_READERS, expert=404, college2=404)),
        ("/programs/targets/add/", only(*writers)),
        (f"/programs/targets/{t}/edit/", only(Role.COORDINATOR, Role.COLLEGE, expert=404, college2=404)),
        (f"/programs/targets/{t}/delete/", only(Role.COORDINATOR, Role.COLLEGE, expert=404, college2=404)),
        (f"/programs/targets/{t}/review/", only(Role.COORDINATOR)),
        ("/programs/targets/summary/", only(*TARGET_READERS)),
        ("/programs/targets/summary/?year=2023&export=xlsx", only(*TARGET_READERS)),
        ("/import/programs/", only(*writers)),
        ("/import/programs/template/", only(*writers)),
        ("/import/specialties/", only(Role.COORDINATOR)),
        ("/import/admission-targets/", only(*writers)),
        ("/catalog/", EVERYONE),
        (f"/catalog/{p}/", EVERYONE),
    ]


class TestPages(PageTests):
    @pytest.fixture
    def pages(self, bank):
        by_policy = [bank[name] for name in ("program", "specialty", "target")]
        return [Page(url, expected, public=url.startswith("/catalog/")) for url, expected in matrix(bank)] + [
            page for obj in by_policy for page in policy_pages(obj)
        ]

    @pytest.fixture
    def measured(self, bank):
        urls = [
            "/programs/",
            "/programs/?q=станков&year=2021",
            f"/programs/{bank['program'].pk}/",
            "/programs/specialties/",
            f"/programs/specialties/{bank['specialty'].pk}/",
            "/programs/additional/",
            "/programs/targets/",
            f"/programs/targets/{bank['target'].pk}/",
            "/programs/targets/summary/?year=2023",
            "/",
        ]
        return Measured(urls=urls, grow=lambda n, start: grow(bank, n, start))


@pytest.mark.django_db
def test_brochure_pdf_is_built_by_a_job_and_downloads(client_as, bank):
    from cluster_portal.jobs.models import JobStatus
    from cluster_portal.jobs.testing import job_started_by, run_to_download

    client = client_as(Role.EMPLOYER)
    assert client.get("/programs/brochure/?year=2021").status_code == 405  # nothing is built by a link
    response = client.post("/programs/brochure/?year=2021")
    assert response.status_code == 302
    job = job_started_by(response)
    assert job.status == JobStatus.QUEUED and job.params == {"year": 2021}  # the request built nothing
    download = run_to_download(client, job)
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert "bank-programm-2021-2022.pdf" in download["Content-Disposition"]
    list_page = client.get("/programs/").content.decode()
    assert 'action="/programs/brochure/"' in list_page and "Брошюра (PDF)" in list_page


@pytest.mark.django_db
def test_brochure_job_is_refused_to_who_may_not_read_programs(client, users):
    from cluster_portal.jobs.models import Job

    assert client.post("/programs/brochure/").status_code == 302  # to the login page
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_brochure_context_groups_programs_by_sector(bank):
    from cluster_portal.core.reporting import AcademicYear
    from programs.selectors import brochure_sectors

    ProgramFactory(college=bank["org"], specialty=SpecialtyFactory(code="18.02.12"), first_year=2020)
    sectors = brochure_sectors(cluster=bank["cluster"], year=AcademicYear(2021))
    assert [(name, [p.specialty.code for p in programs]) for name, programs in sectors] == [
        ("Машиностроение", ["15.02.12", "15.02.32"]),
        ("Другие программы", ["18.02.12"]),
    ]


# Programs: scoping and crafted requests ----------------------------------------------------------
def program_post(bank, **overrides):
    data = {
        "college": bank["org"].pk,
        "specialty": bank["other_specialty"].pk,
        "qualification": "Техник-механик",
        "study_form": "full",
        "base_education": "basic",
        "duration": "3 г. 10 мес.",
        "first_year": "2021",
        "last_year": "",
        "partners": [bank["employer"].pk],
        "is_published": "on",
        "relevance": "Актуально для предприятий",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_college_creates_program_of_own_college(client_as, bank):
    client = client_as(Role.COLLEGE)
    page = client.get("/programs/add/").content.decode()
    assert bank["org"].short_name in page and bank["other_org"].short_name not in page
    response = client.post("/programs/add/", program_post(bank))
    program = Program.objects.get(college=bank["org"], specialty=bank["other_specialty"])
    assert response.status_code == 302 and response["Location"] == program.get_absolute_url()
    assert list(program.partners.all()) == [bank["employer"]]
    detail = client.get(program.get_absolute_url()).content.decode()
    assert "Актуально для предприятий" in detail and "История изменений" in detail


@pytest.mark.django_db
def test_college_cannot_create_a_program_for_another_college(client_as, bank):
    client = client_as(Role.COLLEGE)
    response = client.post("/programs/add/", program_post(bank, college=bank["other_org"].pk))
    assert response.status_code == 200
    assert "college" in response.context["form"].errors
    assert Program.objects.count() == 2


@pytest.mark.django_db
def test_college_cannot_edit_or_delete_another_colleges_program(client_as, bank):
    other = bank["other_program"]
    client = client_as(Role.COLLEGE)
    response = client.post(f"/programs/{other.pk}/edit/", program_post(bank, qualification="Захвачено"))
    assert response.status_code == 403
    assert Program.objects.get(pk=other.pk).qualification == "Техник"
    assert client.post(f"/programs/{other.pk}/delete/").status_code == 403
    assert Program.objects.filter(pk=other.pk).exists()
    # Moving an own program to another college is refused too.
    own = bank["program"]
    response = client.post(
        f"/programs/{own.pk}/edit/",
        program_post(bank, college=bank["other_org"].pk, specialty=own.specialty.pk),
    )
    assert response.status_code == 200 and "college" in response.context["form"].errors
    assert Program.objects.get(pk=own.pk).college == bank["org"]


@pytest.mark.django_db
def test_duplicate_program_and_bad_years_refused_keeping_input(client_as, bank):
    client = client_as(Role.COORDINATOR)
    program = bank["program"]
    response = client.post(
        "/programs/add/",
        program_post(bank, specialty=program.specialty.pk, qualification="Дубликат"),
    )
    assert response.status_code == 200
    assert "Такая программа" in response.content.decode()
    assert not Program.objects.filter(qualification="Дубликат").exists()
    response = client.post("/programs/add/", program_post(bank, first_year="2022", last_year="2020"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Последний год реализации раньше первого." in body and "Актуально для предприятий" in body
    assert Program.objects.count() == 2


@pytest.mark.django_db
def test_document_upload_checked_and_downloaded_through_protected_view(client_as, bank, client):
    program = bank["program"]
    college = client_as(Role.COLLEGE)
    fake = SimpleUploadedFile("plan.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = college.post(f"/programs/{program.pk}/documents/add/", {"title": "План", "file": fake})
    assert response.status_code == 200
    assert "Содержимое файла не соответствует" in response.content.decode()
    exe = SimpleUploadedFile("plan.exe", b"MZ", content_type="application/octet-stream")
    response = college.post(f"/programs/{program.pk}/documents/add/", {"title": "План", "file": exe})
    assert "Недопустимый тип файла" in response.content.decode()
    assert not ProgramDocument.objects.filter(title="План").exists()
    good = SimpleUploadedFile("plan.pdf", b"%PDF-1.7 real", content_type="application/pdf")
    response = college.post(f"/programs/{program.pk}/documents/add/", {"title": "План", "file": good})
    assert response.status_code == 302
    document = ProgramDocument.objects.get(title="План")
    url = f"/files/programs/programdocument/{document.pk}/file/"
    assert url in college.get(program.get_absolute_url()).content.decode()
    download = college.get(url)
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    client.logout()
    assert client.get(url).status_code == 302  # anonymous: to the login page


@pytest.mark.django_db
def test_college_cannot_attach_to_another_colleges_program(client_as, bank):
    other = bank["other_program"]
    good = SimpleUploadedFile("plan.pdf", b"%PDF-1.7", content_type="application/pdf")
    response = client_as(Role.COLLEGE).post(f"/programs/{other.pk}/documents/add/", {"title": "Чужой", "file": good})
    assert response.status_code == 403
    assert not ProgramDocument.objects.filter(title="Чужой").exists()


@pytest.mark.django_db
def test_document_delete_returns_to_program(client_as, bank):
    document = bank["document"]
    response = client_as(Role.COLLEGE).post(f"/programs/documents/{document.pk}/delete/")
    assert response.status_code == 302 and response["Location"] == bank["program"].get_absolute_url()
    assert not ProgramDocument.objects.filter(pk=document.pk).exists()


@pytest.mark.django_db
def test_program_list_filters_and_export(client_as, bank):
    client = client_as(Role.OBSERVER)
    response = client.get(f"/programs/?college={bank['other_org'].pk}")
    assert list(response.context["table"].data) == [bank["other_program"]]
    response = client.get("/programs/?q=станков")
    assert list(response.context["table"].data) == [bank["program"]]
    response = client.get("/programs/?is_top50=true&export=xlsx")
    rows = list(
        load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0].iter_rows(values_only=True)
    )
    assert rows[0][:3] == ("ПОО", "Код специальности", "Специальность (профессия)")
    assert [row[1] for row in rows[1:]] == ["15.02.32"]
    ProgramFactory(college=bank["org"], specialty=SpecialtyFactory(code="15.02.10"), first_year=2022)
    response = client.get("/programs/?year=2021")
    assert {p.specialty.code for p in response.context["table"].data} == {"15.02.32", "15.02.12"}


@pytest.mark.django_db
def test_additional_program_college_scoping(client_as, bank):
    client = client_as("college2")
    response = client.post(
        "/programs/additional/add/",
        {"college": bank["org"].pk, "kind": "po", "title": "Чужая программа", "year": 2022},
    )
    assert response.status_code == 200 and "college" in response.context["form"].errors
    assert not AdditionalProgram.objects.filter(title="Чужая программа").exists()
    response = client.post(
        "/programs/additional/add/",
        {"college": bank["other_org"].pk, "kind": "po", "title": "Своя программа", "year": 2022, "hours": 72},
    )
    assert response.status_code == 302
    assert AdditionalProgram.objects.get(title="Своя программа").college == bank["other_org"]
    response = client.post(f"/programs/additional/{bank['additional'].pk}/edit/", {"title": "Захвачено"})
    assert response.status_code == 403


# Admission targets -----------------------------------------------------------------------------
@pytest.mark.django_db
def test_admission_target_propose_agree_return_flow(client_as, bank):
    specialty = bank["other_specialty"]
    college = client_as(Role.COLLEGE)
    response = college.post(
        "/programs/targets/add/",
        {"college": bank["org"].pk, "specialty": specialty.pk, "year": 2024, "proposed": 30, "agreed": 99},
    )
    assert response.status_code == 302
    target = AdmissionTarget.objects.get(college=bank["org"], specialty=specialty, year=2024)
    assert (target.proposed, target.agreed, target.status) == (30, None, "proposed")

    coordinator = client_as(Role.COORDINATOR)
    response = coordinator.post(f"/programs/targets/{target.pk}/review/", {"decision": "return", "comment": ""})
    assert response.status_code == 200 and "Укажите, что нужно доработать." in response.content.decode()
    coordinator.post(
        f"/programs/targets/{target.pk}/review/", {"decision": "return", "comment": "Обоснуйте рост приёма."}
    )
    target.refresh_from_db()
    assert (target.status, target.comment) == ("returned", "Обоснуйте рост приёма.")

    college = client_as(Role.COLLEGE)
    college.post(
        f"/programs/targets/{target.pk}/edit/",
        {"college": bank["org"].pk, "specialty": specialty.pk, "year": 2024, "proposed": 25, "comment": "Снизили"},
    )
    target.refresh_from_db()
    assert (target.proposed, target.status) == (25, "proposed")

    coordinator = client_as(Role.COORDINATOR)
    coordinator.post(f"/programs/targets/{target.pk}/review/", {"decision": "agree", "agreed": 25, "comment": ""})
    target.refresh_from_db()
    assert (target.agreed, target.status) == (25, "agreed")

    college = client_as(Role.COLLEGE)
    assert college.get(f"/programs/targets/{target.pk}/edit/").status_code == 403
    response = college.post(
        f"/programs/targets/{target.pk}/edit/",
        {"college": bank["org"].pk, "specialty": specialty.pk, "year": 2024, "proposed": 90},
    )
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.proposed == 25


@pytest.mark.django_db
def test_only_coordinator_reviews_targets(client_as, bank):
    target = bank["target"]
    for role in (Role.COLLEGE, Role.SECRETARY, Role.OBSERVER):
        response = client_as(role).post(f"/programs/targets/{target.pk}/review/", {"decision": "agree", "agreed": 99})
        assert response.status_code == 403
    target.refresh_from_db()
    assert target.agreed is None and target.status == "proposed"


@pytest.mark.django_db
def test_college_cannot_propose_for_another_college(client_as, bank):
    response = client_as("college2").post(
        "/programs/targets/add/",
        {"college": bank["org"].pk, "specialty": bank["specialty"].pk, "year": 2025, "proposed": 10},
    )
    assert response.status_code == 200 and "college" in response.context["form"].errors
    assert not AdmissionTarget.objects.filter(year=2025).exists()


@pytest.mark.django_db
def test_target_summary_by_sector_and_college_with_change(client_as, bank):
    AdmissionTargetFactory(college=bank["other_org"], specialty=bank["other_specialty"], year=2023, proposed=15)
    response = client_as(Role.OBSERVER).get("/programs/targets/summary/?year=2023")
    rows = response.context["rows"]
    assert [(r.sector, r.college.short_name, r.previous, r.proposed, r.change) for r in rows] == [
        ("Машиностроение", "ОГБПОУ «ТЕСТ-1»", 20, 25, 5),
        ("Машиностроение", "ОГБПОУ «ТЕСТ-2»", None, 15, None),
    ]
    assert rows[0].change_percent == 25.0
    totals = response.context["totals"]  # the change only where both years have figures
    assert (totals["previous"], totals["proposed"], totals["change"], totals["change_percent"]) == (20, 40, 5, 25.0)
    export = client_as(Role.OBSERVER).get("/programs/targets/summary/?year=2023&export=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).worksheets[0]
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][2] == "КЦП 2022" and values[1][:4] == ("Машиностроение", "ОГБПОУ «ТЕСТ-1»", 20, 25)
    assert values[-1][0] == "Итого"
    # A college sees only its own rows.
    own = client_as("college2").get("/programs/targets/summary/?year=2023").context["rows"]
    assert [r.college.short_name for r in own] == ["ОГБПОУ «ТЕСТ-2»"]


# Query counts ---------------------------------------------------------------------------------
def grow(bank, n, start=0):
    for i in range(start, start + n):
        specialty = SpecialtyFactory(code=f"15.01.{i + 10:02d}", level="ppkrs", group=bank["group"])
        program = ProgramFactory(college=bank["org"] if i % 2 else bank["other_org"], specialty=specialty)
        program.partners.add(bank["employer"])
        AdmissionTargetFactory(college=program.college, specialty=specialty, year=2023)
        AdmissionTargetFactory(college=program.college, specialty=specialty, year=2022, agreed=10, status="agreed")
