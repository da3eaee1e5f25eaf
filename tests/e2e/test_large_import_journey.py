"""A 50,000-row import from the page: the request returns at once with the job's page, a worker runs it,
the bar moves to the end, the bell tells the user, and one bad row keeps every row out.

Marker ``large_import`` (minutes on a busy machine): not in ``make test``, run by ``make test-large`` and CI.
"""

import re
import threading

import pytest
from django.db import connection

from cluster_portal.jobs.tests.test_jobs import person_book

from .conftest import login

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.large_import,
    # The worker writes the 50,000 rows while the page polls its status: SQLite's test database (one file in
    # memory, shared by the threads) locks the whole table for the writer, and the status page then fails.
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="нужен PostgreSQL (DATABASE_URL): SQLite блокирует таблицу"
    ),
]

ROWS = 50_000
PASSWORD = "pass-12345"  # members' UserFactory
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def expect(locator):
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def start_worker() -> threading.Thread:
    """A worker in a thread of the test process: it takes the queued task from the database backend and runs it
    through the public Task API (``db_worker`` itself installs signal handlers, which only the main thread may)."""

    def work():
        from django.db import connection
        from django_tasks import default_task_backend
        from django_tasks_db.models import DBTaskResult

        try:
            [row] = DBTaskResult.objects.filter(status="READY")
            result = default_task_backend.get_result(row.id)
            result.task.call(*result.args, **result.kwargs)
        finally:
            connection.close()

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    return thread


def test_a_50000_row_import_runs_in_the_worker_with_progress_and_saves_nothing_on_a_bad_row(
    new_page, users, employer_org
):
    from members.models import Person

    book = person_book(ROWS, bad_row=ROWS - 2, write_only=True)
    page = new_page(viewport={"width": 1280, "height": 900})
    login(page, "t-coordinator", PASSWORD)
    page.goto("/import/persons/")
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(
        files=[{"name": "Персоны.xlsx", "mimeType": XLSX, "buffer": book.getvalue()}]
    )
    page.get_by_role("button", name="Проверить файл").click()

    # The request only counted the rows and queued the job: its page, waiting for a worker.
    page.wait_for_url(re.compile(r"/jobs/[0-9a-f-]{36}/$"))
    status = page.locator("#job-status")
    expect(status.get_by_text("Задача ждёт свободного исполнителя")).to_be_visible()
    expect(page.get_by_text("Файл большой: он проверяется и сохраняется в фоне")).to_be_visible()

    worker = start_worker()
    # htmx polls the status: rows done out of the 50,000 while the worker runs, then the report.
    expect(status.get_by_text(re.compile(rf"Обработано строк: \d+ из {ROWS}\."))).to_be_visible(timeout=300_000)
    assert status.get_by_role("progressbar", name="Ход выполнения").is_visible()
    expect(status.get_by_text("ничего не сохранено")).to_be_visible(timeout=600_000)
    worker.join(timeout=60)
    expect(status.get_by_text(f"Обработано строк: {ROWS} из {ROWS}.")).to_be_visible()
    expect(status.get_by_text(f"Строка {ROWS}")).to_be_visible()
    assert status.get_attribute("hx-trigger") is None  # polling stopped
    assert not Person.objects.filter(last_name__startswith="Фамилия").exists()

    # The bell counts the notification; it leads back to the job's page.
    job_url = page.url
    page.reload()
    expect(page.locator("#notification-bell .notification-count")).to_contain_text("1")
    page.locator("#notification-bell").click()
    note = page.get_by_role("link", name=re.compile("Готово: Загрузка «Персоны.xlsx»"))
    expect(note).to_be_visible()
    note.click()
    page.wait_for_url(job_url)
