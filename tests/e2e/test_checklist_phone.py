"""The expert fills in and submits a checklist on a phone: no sideways scrolling, one tap per yes/no criterion,
and the draft saved by itself survives a reload."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
PROGRAM = "15.02.12"  # the demo's unstarted review of `expert2` (ОГБПОУ «СПК»)
NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= window.innerWidth"


def test_expert_fills_in_a_checklist_on_a_phone(new_page, demo_data):
    page = new_page(**PHONE)
    login(page, "expert2")
    page.goto("/expertise/reviews/")
    page.get_by_role("link", name="Заполнить").first.click()
    page.get_by_role("heading", name=re.compile(f"Экспертный лист: {PROGRAM}")).wait_for()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    # The program's card waits above the form, folded: one tap opens it.
    card = page.get_by_role("region", name=re.compile("^Программа: "))
    expect(card).not_to_be_visible()
    page.get_by_role("button", name=re.compile("^Карточка программы")).click()
    card.wait_for()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    total = page.locator(".criterion-card").count()
    groups = page.get_by_role("radiogroup", name=re.compile(r"^Ответ по критерию "))
    shares = page.get_by_role("textbox", name=re.compile(r"^Значение критерия "))
    assert groups.count() + shares.count() == total > 0

    # One tap per yes/no criterion: «Да» is the verdict. 1.2 is «Нет», and then it wants a remark.
    for index in range(groups.count()):
        group = groups.nth(index)
        name = group.get_attribute("aria-label")
        answer = "Нет" if name.endswith(" 1.2.") else "Да"
        group.locator("label").filter(has_text=re.compile(f"^{answer}")).tap()
        expect(group.get_by_label(re.compile(f"^{answer}"))).to_be_checked()
    state = page.locator("#criterion-1\\.2 .criterion-state")
    state.get_by_text("Нужно замечание: критерий не соответствует нормативу.").wait_for()
    page.get_by_label("Замечание к критерию 1.2.").fill("Цели не согласованы с предприятиями")
    page.get_by_label("Замечание к критерию 1.2.").press("Tab")

    # Shares: the portal computes the verdict from the norm and shows it.
    for index in range(shares.count()):
        box = shares.nth(index)
        box.fill("100")
        box.press("Tab")
    last_share = shares.nth(shares.count() - 1)
    box_id = last_share.get_attribute("id")
    page.locator(f"#{box_id}").fill("10")
    page.locator(f"#{box_id}").press("Tab")
    share_card = page.locator(".criterion-card").filter(has=page.locator(f"#{box_id}"))
    share_card.locator(".criterion-state strong").filter(has_text="не соответствует").wait_for()
    share_card.get_by_role("textbox", name=re.compile("^Замечание")).fill("Доля ниже норматива")
    share_card.get_by_role("textbox", name=re.compile("^Замечание")).press("Tab")

    status = page.get_by_role("status")
    status.get_by_text(f"Заполнено {total} из {total}").wait_for()
    status.get_by_text(re.compile(r"Черновик сохранён в \d\d:\d\d")).wait_for()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)

    # A reload keeps what the autosave saved.
    page.reload()
    expect(
        page.get_by_role("radiogroup", name="Ответ по критерию 1.2.").get_by_label(re.compile("^Нет"))
    ).to_be_checked()
    expect(
        page.get_by_role("radiogroup", name="Ответ по критерию 1.1.").get_by_label(re.compile("^Да"))
    ).to_be_checked()
    assert page.locator(f"#{box_id}").input_value() == "10"
    assert page.get_by_label("Замечание к критерию 1.2.").input_value() == "Цели не согласованы с предприятиями"
    expect(page.get_by_role("status").get_by_text(f"Заполнено {total} из {total}")).to_be_visible()

    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Отправить").tap()
    page.get_by_text("Экспертный лист отправлен. Спасибо!").wait_for()
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
