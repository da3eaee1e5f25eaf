"""The secretary builds the annual report from the data, approves it, and downloads the approved PDF and a fresh one."""

import pytest
from playwright.sync_api import expect

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_secretary_builds_approves_and_downloads_the_annual_report(new_page, demo_data, jobs_run_at_once):
    page = new_page()
    login(page, "secretary")
    page.goto("/reports/")
    page.get_by_role("link", name="2021/2022").click()
    # Nothing is assembled inside the request: the draft is built by a background job (run at once here).
    expect(page.get_by_text("Отчёт по текущим данным ещё не построен.")).to_be_visible()
    page.get_by_role("button", name="Построить").click(timeout=120_000)
    page.get_by_role("link", name="Открыть черновик").click(timeout=120_000)
    expect(page.get_by_role("heading", name="Состав Промышленного образовательно-отраслевого кластера")).to_be_visible()
    expect(page.get_by_text("Черновик: отчёт по текущим данным, построен")).to_be_visible()

    # «Утвердить отчёт» keeps version 1; its page shows who, when and the SHA-256 of the PDF and of the data.
    page.get_by_role("button", name="Утвердить отчёт").click(timeout=120_000)  # the job runs inside this request here
    page.get_by_role("link", name="Открыть утверждённый отчёт").click(timeout=120_000)
    notice = page.locator("#approved-notice")
    expect(notice.get_by_role("heading")).to_contain_text("версия 1")
    expect(notice).to_contain_text("SHA-256 файла PDF")
    expect(page.locator("#live-changes")).to_contain_text("дают тот же отчёт")
    expect(page.get_by_role("link", name="Версия 1 (утверждена последней)")).to_have_attribute("aria-current", "page")
    with page.expect_download() as approved:
        notice.get_by_role("link", name="PDF", exact=True).click()
    assert approved.value.suggested_filename == "otchet-klastera-2021-2022-v1.pdf"
    with open(approved.value.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"

    # A PDF of the live data is a job too; its page ends with the download.
    page.get_by_role("button", name="Скачать PDF").click(timeout=120_000)
    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_role("link", name="Скачать", exact=True).click(timeout=120_000)
    download = download_info.value
    assert download.suggested_filename == "otchet-klastera-2021-2022.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
