"""The secretary opens the annual report and downloads its PDF."""

import pytest
from playwright.sync_api import expect

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_secretary_previews_and_downloads_the_annual_report(new_page, demo_data, jobs_run_at_once):
    page = new_page()
    login(page, "secretary")
    page.goto("/reports/")
    page.get_by_role("link", name="2021/2022").click()
    expect(page.get_by_role("heading", name="Состав Промышленного образовательно-отраслевого кластера")).to_be_visible()
    # The PDF is made by a background job (run at once here); its page ends with the download.
    page.get_by_role("button", name="Скачать PDF").click()
    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_role("link", name="Скачать", exact=True).click(timeout=120_000)
    download = download_info.value
    assert download.suggested_filename == "otchet-klastera-2021-2022.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"
