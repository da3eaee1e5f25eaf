"""The observer opens «Исполнение плана» from the menu: the seed's 2022 plan with its evidence and computed
statuses, on the report's day and today; the secretary exports it to Excel (opened in LibreOffice when there)."""

import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def status_of(page, number):
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=f"{number}.", exact=True))
    return row.locator("td").nth(3).inner_text()


def test_the_plan_execution_page_shows_the_seeds_plan_with_evidence_and_statuses(new_page, demo_data, tmp_path):
    page = new_page(**DESKTOP)
    login(page, "observer")
    page.get_by_role("button", name="Советы").click()
    page.get_by_role("link", name="Исполнение плана").click()
    page.get_by_role("heading", name="Исполнение плана работы на 2022 год").wait_for()
    assert status_of(page, "3.3").startswith("Выполнено") and status_of(page, "2.7").startswith("Выполнено")
    assert "Без заседания: I квартал 2022, III квартал 2022, IV квартал 2022" in status_of(page, "1.3")
    link = page.get_by_role("link", name="Акция «Неделя с работодателем»")
    assert link.get_attribute("href").startswith("/events/")

    page.get_by_label("Статус на дату").fill("2022-08-31")
    page.get_by_role("button", name="Показать").click()
    page.wait_for_url("**on=2022-08-31")
    assert status_of(page, "1.2").startswith("В работе") and status_of(page, "2.2").startswith("Запланировано")
    # Nothing runs past the right edge of a desktop screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280

    with page.expect_download() as download:
        page.get_by_role("link", name="Экспорт в Excel").click()
    path = tmp_path / "execution.xlsx"
    download.value.save_as(path)
    book = load_workbook(path, read_only=True)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 1 + 16 and rows[1][1] == "1.1." and rows[1][5] == "Выполнено"
    if shutil.which("soffice"):
        profile = (tmp_path / "profile").as_uri()
        subprocess.run(
            ["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
             str(tmp_path), str(path)],
            check=True, capture_output=True, timeout=240,
        )  # fmt: skip
        assert (tmp_path / "execution.pdf").stat().st_size > 0
