"""A college representative answers the data collection by uploading an Excel file of outcomes."""

import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
COLLEGE = "ОГБПОУ «ТЭПК»"
BY_SPECIALTY = "Трудоустроен по специальности"


def graduates_employed_elsewhere(count=3):
    """Record numbers of ТЭПК's 2022 graduates working outside their specialty: the college knows them."""
    from practice.choices import OutcomeStatus
    from practice.models import EmploymentOutcome

    numbers = (
        EmploymentOutcome.objects.filter(
            student__college__short_name=COLLEGE,
            student__graduation_year=2022,
            year=2022,
        )
        .exclude(status=OutcomeStatus.BY_SPECIALTY)
        .order_by("student__record_number")
        .values_list("student__record_number", flat=True)
    )
    return list(numbers[:count])


def college_row(page):
    """The college's row of the «По ПОО» table: (graduates, by specialty, % by specialty)."""
    table = page.get_by_role("heading", name="По ПОО", exact=True).locator("xpath=following::table[1]")
    cells = table.get_by_role("row").filter(has=page.get_by_role("cell", name=COLLEGE, exact=True)).get_by_role("cell")
    texts = cells.all_inner_texts()
    return int(texts[1]), int(texts[5]), texts[6]


def show_graduates_of_2022(page):
    page.get_by_role("button", name="Практика").click()
    page.get_by_role("link", name="Аналитика: практика и трудоустройство").click()
    page.get_by_label("Выпуск с (год)").fill("2022")
    page.get_by_label("Выпуск по (год)").fill("2022")
    page.get_by_role("button", name="Применить").click()
    page.wait_for_url(re.compile("year_from=2022"))
    # The figures are a summary computed by a job after a change; the page refreshes itself once it is stored.
    page.get_by_role("heading", name="По ПОО", exact=True).wait_for()
    expect(page.get_by_text("сводка пересчитывается")).to_have_count(0, timeout=20_000)


def open_collection(page):
    page.get_by_role("button", name="Практика").click()
    page.get_by_role("navigation", name="Главное меню").get_by_role("link", name="Сборы данных").click()
    page.get_by_role("link", name="Трудоустройство выпускников 2022").first.click()


def write_outcomes(template_path, out_path, rows):
    workbook = load_workbook(template_path)
    sheet = workbook["Данные"]
    for row in rows:
        sheet.append(row)
    workbook.save(out_path)


def test_college_uploads_outcomes_fixes_a_bad_row_and_sees_the_analytics(
    new_page, demo_data, tmp_path, jobs_run_at_once
):
    numbers = graduates_employed_elsewhere()
    assert len(numbers) == 3
    page = new_page(**DESKTOP)
    login(page, "college")

    show_graduates_of_2022(page)
    graduates, by_specialty, _share = college_row(page)

    # The data collection and its Excel template.
    open_collection(page)
    page.get_by_role("heading", name="Трудоустройство выпускников 2022", level=1).wait_for()
    page.get_by_role("link", name="Загрузить из Excel").click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Шаблон — трудоустройство выпускников.xlsx").click()
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)

    # The college's own template has no «ПОО» column. One row has a status the portal does not know:
    # the file is refused as a whole.
    assert load_workbook(template)["Данные"]["A1"].value == "Номер личного дела"
    rows = [[number, 2022, BY_SPECIALTY, "01.09.2022", "АО «ТЭТЗ»", "Оператор", ""] for number in numbers]
    bad = [row.copy() for row in rows]
    bad[1][2] = "Работает"
    write_outcomes(template, tmp_path / "outcomes-bad.xlsx", bad)
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(tmp_path / "outcomes-bad.xlsx")
    page.get_by_role("button", name="Проверить файл").click()
    page.get_by_text("Файл не принят, ничего не сохранено. Ошибок: 1.").wait_for()
    expect(page.get_by_text(re.compile(r"Строка 3.*Статус"))).to_be_visible()
    assert page.get_by_role("button", name=re.compile("^Сохранить")).count() == 0
    expect(page.get_by_role("link", name="Скачать ваш файл с отмеченными ошибками")).to_be_visible()

    # Nothing was saved: the analytics are as before.
    show_graduates_of_2022(page)
    assert college_row(page)[:2] == (graduates, by_specialty)

    # The corrected file: checked, previewed, saved.
    open_collection(page)
    page.get_by_role("link", name="Загрузить из Excel").click()
    write_outcomes(template, tmp_path / "outcomes.xlsx", rows)
    page.get_by_label("Файл Excel (.xlsx)").set_input_files(tmp_path / "outcomes.xlsx")
    page.get_by_role("button", name="Проверить файл").click()
    page.get_by_text("Ошибок нет. Строк с данными: 3.").wait_for()
    page.get_by_role("button", name="Сохранить: будет добавлено 0, изменено 3").click()
    page.get_by_text("Файл «outcomes.xlsx» загружен: добавлено 0, изменено 3, без изменений 0.").wait_for()

    # The analytics count the three graduates as employed by specialty now.
    show_graduates_of_2022(page)
    share = f"{(by_specialty + 3) * 100 / graduates:.1f}".replace(".", ",")
    assert college_row(page) == (graduates, by_specialty + 3, share)

    # The corrected data goes back to the coordinator, who had returned it; until the answer is
    # reviewed, the college's outcomes of 2022 are read-only for the college.
    open_collection(page)
    page.get_by_role("link", name=COLLEGE, exact=True).click()
    page.get_by_text("Уточните сведения о выпускниках, трудоустроенных не по специальности").wait_for()
    page.get_by_label("Комментарий для координатора").fill("Исправлены сведения о трёх выпускниках.")
    page.get_by_role("button", name="Отправить").click()
    page.get_by_text("Данные отправлены координатору.").wait_for()
    expect(page.get_by_text("представитель ПОО может только просматривать")).to_be_visible()
    expect(page.get_by_role("button", name="Отозвать")).to_be_visible()
    page.get_by_role("link", name="Записи о трудоустройстве").click()
    page.get_by_role("link", name=numbers[0]).first.click()
    page.get_by_text("отправлены координатору на проверку").wait_for()
    assert page.get_by_role("link", name="Изменить").count() == 0
