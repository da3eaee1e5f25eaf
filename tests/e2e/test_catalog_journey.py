"""A school leaver searches the public catalog on a phone-sized screen, without logging in."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"viewport": {"width": 375, "height": 740}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}


def test_visitor_finds_a_program_on_a_phone(new_page, demo_data):
    page = new_page(**PHONE)
    page.goto("/catalog/")
    assert "/accounts/login/" not in page.url
    page.get_by_role("searchbox", name="Поиск").fill("станков")
    page.get_by_role("button", name="Найти").click()
    link = page.get_by_role("link", name="15.02.32 Оператор станков с программным управлением")
    link.first.click()
    page.wait_for_url("**/catalog/*/")
    expect(page.get_by_text("ОГБПОУ «Томский экономико-промышленный колледж»").first).to_be_visible()
    # Nothing scrolls sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
