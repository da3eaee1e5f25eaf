"""A school leaver searches the public catalog on a phone, without logging in."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def test_program_page_shows_admission_phone_and_places_on_a_phone(new_page, demo_data):
    """At 390×844 the filters start collapsed; a program's page gives the college's phone and its budget places."""
    page = new_page(**PHONE)
    page.goto("/catalog/")
    assert "/accounts/login/" not in page.url
    filters = page.get_by_role("group").filter(has_text="Фильтры")
    assert filters.count() == 1 and not filters.evaluate("el => el.open")
    expect(page.get_by_role("button", name="Найти")).to_be_hidden()
    page.get_by_text("Фильтры", exact=True).click()
    page.get_by_role("searchbox", name="Поиск").fill("станков")
    page.get_by_label("Форма обучения").select_option(label="Очная")
    page.get_by_role("button", name="Найти").click()
    page.wait_for_url("**/catalog/?*study_form=full*")
    expect(page.get_by_role("link", name="Скопировать ссылку")).to_be_visible()
    page.get_by_role("link", name="15.02.32 Оператор станков с программным управлением").first.click()
    page.wait_for_url("**/catalog/*/")
    expect(page.get_by_text("ОГБПОУ «Томский экономико-промышленный колледж»").first).to_be_visible()
    contacts = page.get_by_role("region", name="Приёмная комиссия колледжа")
    expect(contacts.get_by_role("link", name="(3822) 645-700")).to_be_visible()
    places = page.locator(".catalog-places")
    expect(places).to_contain_text("Бюджетные места (КЦП)")
    expect(places.locator("strong")).to_have_text("25")
    expect(places).to_be_in_viewport()
    # Nothing scrolls sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
