"""The coordinator runs an expert session; an expert fills in and submits the checklist online."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import choose, login

pytestmark = pytest.mark.django_db(transaction=True)

PROGRAM = "15.02.08 Технология машиностроения"
COLLEGE = "ОГБПОУ «ТЭПК»"
EXPERT = "Экспертов И.П."  # the demo user `expert`, ООО «Томский инструментальный завод»
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def open_menu(page, menu, item):
    page.get_by_role("button", name=menu).click()
    page.get_by_role("link", name=item, exact=True).click()


def test_coordinator_assigns_and_expert_submits_the_checklist(new_page, demo_data):
    coordinator = new_page(**DESKTOP)
    login(coordinator, "coordinator")

    # A new session of the cluster with one program of ТЭПК under review.
    open_menu(coordinator, "Экспертиза", "Экспертные сессии")
    coordinator.get_by_role("link", name="Добавить").click()
    coordinator.get_by_label("Наименование*").fill("Экспертиза программ весны 2023")
    coordinator.get_by_label("Начало*").fill("2023-04-10")
    coordinator.get_by_label("Окончание*").fill("2023-05-19")
    first = coordinator.get_by_role("row").filter(has=coordinator.get_by_role("combobox", name="ПОО*")).first
    # Searchable selects: the programs offered are those of the college chosen in the same row.
    choose(coordinator, "ПОО*", COLLEGE, search="ТЭПК", within=first)
    choose(
        coordinator,
        "Эксперты со стороны предприятий",
        "ООО «Томский инструментальный завод»",
        search="инструментальный",
        within=first,
    )
    choose(coordinator, "Программы на экспертизе", f"{PROGRAM} — {COLLEGE}", search="15.02.08", within=first)
    coordinator.get_by_role("button", name="Сохранить").click()
    coordinator.get_by_text("Сохранено: «Экспертиза программ весны 2023").wait_for()
    expect(coordinator.get_by_role("cell", name="с 10.04.2023 по 19.05.2023")).to_be_visible()

    # The bulk-assignment grid: one checkbox per program and expert, each named by its pair.
    coordinator.get_by_role("link", name="Назначить экспертов").click()
    coordinator.get_by_role("checkbox", name=f"Назначить {EXPERT} — {PROGRAM}").check()
    coordinator.get_by_role("button", name="Сохранить назначения").click()
    coordinator.get_by_text("Назначения сохранены: новых 1, снято 0.").wait_for()
    participants = coordinator.get_by_role("region", name="Участники и программы")
    expect(participants.get_by_text(f"{EXPERT} — не начат")).to_be_visible()
    session_url = coordinator.url
    # Nothing on a laptop-sized screen scrolls sideways, not even the header with a long name.
    assert coordinator.evaluate("document.documentElement.scrollWidth") <= 1280

    # The expert, in a browser of their own, finds the assignment from the dashboard.
    expert = new_page(**DESKTOP)
    login(expert, "expert")
    expert.get_by_role("region", name="Мои экспертные листы").get_by_role("link", name="К заполнению").click()
    row = expert.get_by_role("row").filter(has_text=PROGRAM)
    row.get_by_role("link", name="Заполнить").click()
    expert.get_by_role("heading", name=re.compile(f"Экспертный лист: {PROGRAM}")).wait_for()
    expect(expert.get_by_role("region", name=f"Программа: {PROGRAM}")).to_be_visible()  # the card beside the form
    # Every column of the checklist fits beside the card on a laptop: the remarks need no sideways scroll.
    remark = expert.get_by_label("Замечание к критерию 1.1.").bounding_box()
    assert remark["x"] + remark["width"] <= DESKTOP["viewport"]["width"]

    # A draft with the first section only; the portal keeps it.
    for number in ("1.1", "1.2", "1.3", "1.4", "1.5"):
        answer_yes(expert, number)
    expert.get_by_role("button", name="Сохранить черновик").click()
    # The page's message after the save, not the autosave's status line (which says «Черновик сохранён в …»).
    expect(expert.get_by_role("alert")).to_contain_text("Черновик сохранён")

    # Coming back later: the draft is there, the rest is filled in.
    expert.get_by_role("link", name="К списку листов").click()
    expert.get_by_role("row").filter(has_text=PROGRAM).get_by_role("link", name="Заполнить").click()
    expect(
        expert.get_by_role("radiogroup", name="Ответ по критерию 1.5.").get_by_label(re.compile("^Да"))
    ).to_be_checked()
    expert.get_by_label("Значение критерия 2.1., %").fill("100")
    expert.get_by_label("Значение критерия 2.2., %").fill("40")
    for number in ("2.3", "2.4", "2.5", "2.6", "3.1", "3.3"):
        answer_yes(expert, number)
    expert.get_by_label("Значение критерия 3.2., %").fill("60")

    # 60 % against the norm of 62,5 %: the portal says «не соответствует» and wants a remark.
    expert.on("dialog", lambda dialog: dialog.accept())  # «Отправить экспертный лист?» — yes
    expert.get_by_role("button", name="Отправить").click()
    expert.get_by_text("Лист не отправлен: заполните отмеченные поля.").wait_for()
    expect(expert.get_by_text("Замечание обязательно, если критерий не соответствует нормативу.")).to_be_visible()
    assert expert.get_by_label("Значение критерия 3.2., %").input_value() == "60"  # what was typed is kept
    expert.get_by_label("Замечание к критерию 3.2.").fill("Трудоустроено 60 % при нормативе 62,5 %")
    expert.get_by_label("Общее заключение эксперта").fill("Программа рекомендуется к реализации.")
    expert.get_by_role("button", name="Отправить").click()
    expert.get_by_text("Экспертный лист отправлен. Спасибо!").wait_for()

    # Read-only afterwards: no inputs, and the form itself sends the expert back.
    criterion = expert.get_by_role("row").filter(has_text="Доля выпускников, трудоустроившихся по специальности")
    expect(criterion.get_by_text("не соответствует")).to_be_visible()
    expect(criterion.get_by_text("Трудоустроено 60 % при нормативе 62,5 %")).to_be_visible()
    assert expert.get_by_role("textbox").count() == 0 and expert.get_by_role("radio").count() == 0
    assert expert.get_by_role("button", name="Отправить").count() == 0
    expert.get_by_role("link", name="Мои экспертные листы").first.click()
    expert.get_by_role("row").filter(has_text=PROGRAM).get_by_role("link", name="Открыть").wait_for()

    # The coordinator sees the result per program.
    coordinator.goto(session_url)
    coordinator.get_by_role("link", name="результаты").click()
    expect(coordinator.get_by_role("row", name=re.compile("Отправлено листов 1 из 1"))).to_be_visible()
    result = coordinator.get_by_role("row").filter(has_text="Доля выпускников, трудоустроившихся по специальности")
    expect(result.get_by_role("cell", name="60%")).to_be_visible()
    expect(result.get_by_text("Трудоустроено 60 % при нормативе 62,5 %")).to_be_visible()
    expect(result.get_by_text("не соответствует").first).to_be_visible()
    expect(coordinator.get_by_text("Программа рекомендуется к реализации.")).to_be_visible()


def answer_yes(page, number):
    """One tap: «да» is the verdict «соответствует»."""
    group = page.get_by_role("radiogroup", name=f"Ответ по критерию {number}.")
    group.locator("label").filter(has_text=re.compile("^Да")).click()
