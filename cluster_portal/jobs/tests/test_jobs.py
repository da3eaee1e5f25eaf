"""Background jobs: large imports leave the request, run on a worker, show progress and their result."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import Workbook

from cluster_portal.core.imports import get_kind
from cluster_portal.core.roles import Role
from cluster_portal.jobs import imports as job_imports
from cluster_portal.jobs import progress
from cluster_portal.jobs.models import Job, JobStatus
from cluster_portal.jobs.services import job_run
from members.models import Person

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def person_book(rows: int, *, bad_row: int | None = None, write_only=False) -> io.BytesIO:
    kind = get_kind("persons")
    book = Workbook(write_only=write_only)
    sheet = book.create_sheet() if write_only else book.active
    sheet.append([c.header for c in kind.columns])
    for n in range(rows):
        organization = "Нет такой организации" if n == bad_row else "ООО «Тестовый завод»"
        sheet.append([f"Фамилия{n}", "Иван", "", "Мастер", organization, "", ""])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "Персоны.xlsx"
    return buffer


@pytest.fixture
def small_threshold(monkeypatch):
    monkeypatch.setattr(job_imports, "LARGE_ROWS", 5)


def upload(client, book):
    return client.post(reverse("core:import", kwargs={"kind": "persons"}), {"file": book})


@pytest.mark.parametrize("write_only", [False, True])
def test_sheet_rows_counts_the_rows_without_reading_cells(write_only):
    assert job_imports.sheet_rows(person_book(2100, write_only=write_only)) == 2101
    assert job_imports.sheet_rows(io.BytesIO(b"not a workbook")) == 0


@pytest.mark.django_db
def test_small_file_is_still_checked_in_the_request(client_as, small_threshold):
    response = upload(client_as(Role.COORDINATOR), person_book(5))
    assert response.status_code == 200 and "Ошибок нет" in response.content.decode()
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_large_file_returns_at_once_with_a_queued_job(client_as, small_threshold, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client_as(Role.COORDINATOR), person_book(6))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert job.status == JobStatus.QUEUED and job.kind == "import" and job.params["kind"] == "persons"
    assert DBTaskResult.objects.filter(id=job.task_id).exists()  # queued for a worker, not run
    assert not Person.objects.filter(last_name__startswith="Фамилия").exists()
    page = client_as(Role.COORDINATOR).get(job.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in page and "ждёт свободного исполнителя" in page


@pytest.mark.django_db
def test_progress_is_read_from_the_cache_while_running(client_as, users):
    job = Job.objects.create(user=users[Role.COORDINATOR], kind="import", title="t", status=JobStatus.RUNNING)
    progress.report(job.pk, 4000, 50000)
    html = client_as(Role.COORDINATOR).get(reverse("jobs:job_status", kwargs={"pk": job.pk})).content.decode()
    assert "Обработано строк: 4000 из 50000" in html and 'aria-valuenow="8"' in html and "every 1s" in html


@pytest.mark.django_db
def test_job_runs_the_import_and_its_page_shows_the_report(
    client_as, small_threshold, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    client = client_as(Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, person_book(8))
    job = Job.objects.get()
    assert job.status == JobStatus.DONE and (job.done, job.total) == (8, 8)
    assert Person.objects.filter(last_name__startswith="Фамилия").count() == 8
    html = client.get(reverse("jobs:job_status", kwargs={"pk": job.pk})).content.decode()
    assert "every 1s" not in html and "добавлено 8" in html and job.result_url in html


@pytest.mark.django_db
def test_a_bad_row_saves_nothing_and_offers_the_marked_file(
    client_as, small_threshold, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    client = client_as(Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, person_book(8, bad_row=6))
    job = Job.objects.get()
    assert job.status == JobStatus.DONE and not job.result["saved"]
    assert not Person.objects.filter(last_name__startswith="Фамилия").exists()
    html = client.get(job.get_absolute_url()).content.decode()
    assert "ничего не сохранено" in html and "Строка 8" in html
    errors = client.get(reverse("jobs:import_errors", kwargs={"pk": job.pk}))
    assert errors.status_code == 200 and errors["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.django_db
def test_a_crash_ends_the_job_with_a_russian_message(users, monkeypatch):
    job = Job.objects.create(user=users[Role.COORDINATOR], kind="import", title="t", params={"path": "missing.xlsx"})
    with pytest.raises(FileNotFoundError):
        job_run(job_id=str(job.pk))
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.error.startswith("Задача не выполнена из-за внутренней ошибки")
    assert job_run(job_id=str(job.pk)) == JobStatus.FAILED  # a second run of the task changes nothing


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["job_detail", "job_status", "import_errors"])
def test_only_the_user_who_started_a_job_sees_it(client_as, users, name):
    job = Job.objects.create(
        user=users[Role.COORDINATOR],
        kind="import",
        title="t",
        status=JobStatus.DONE,
        result={"error_count": 1, "errors": [], "kind": "persons"},
        params={"path": "x", "filename": "x.xlsx"},
    )
    url = reverse(f"jobs:{name}", kwargs={"pk": job.pk})
    for role in (Role.SECRETARY, Role.COLLEGE, Role.OBSERVER):
        assert client_as(role).get(url).status_code == 404
    listing = client_as(Role.SECRETARY).get(reverse("jobs:job_list")).content.decode()
    assert job.get_absolute_url() not in listing
    assert job.get_absolute_url() in client_as(Role.COORDINATOR).get(reverse("jobs:job_list")).content.decode()


@pytest.mark.django_db
def test_anonymous_is_sent_to_login(client, users):
    job = Job.objects.create(user=users[Role.COORDINATOR], kind="import", title="t")
    response = client.get(job.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db(transaction=True)
def test_the_database_worker_runs_a_queued_import(client_as, small_threshold):
    """The real backend: the upload queues a task row; ``manage.py db_worker --batch`` runs it."""
    client = client_as(Role.COORDINATOR)
    upload(client, person_book(7))
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED and job.task_id
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, verbosity=0)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and Person.objects.filter(last_name__startswith="Фамилия").count() == 7
    assert DBTaskResult.objects.get(id=job.task_id).status == "SUCCESSFUL"
