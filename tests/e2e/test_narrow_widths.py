"""The main lists on a phone (390 px) and at 200 % zoom of a 1280 px screen (a 640 px viewport): the page
never scrolls sideways; a table shows the columns that name its rows and scrolls inside its own box."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)

LISTS = (
    "members:organization_list",
    "members:person_list",
    "members:membership_list",
    "programs:program_list",
    "programs:admissiontarget_list",
    "practice:practicebase_list",
    "practice:student_list",
    "practice:placement_list",
    "practice:employmentoutcome_list",
    "expertise:expertsession_list",
    "expertise:review_list",
    "expertise:expert_list",
    "events:event_list",
    "councils:meeting_list",
    "councils:decision_list",
    "councils:planitem_list",
)
# A phone, and 1280 px at 200 % zoom: zoom halves the CSS pixels (device_scale_factor would not).
WIDTHS = (390, 640)
PAGE_WIDTH = "[document.documentElement.scrollWidth, window.innerWidth]"
# Cells whose visibility differs from their column's header (a hidden header over shown cells, or the reverse).
CELLS_UNLIKE_HEADER = """() => {
  const table = document.querySelector("main table");
  const shown = (el) => getComputedStyle(el).display !== "none";
  const heads = [...table.querySelectorAll(":scope > thead > tr > th")].map(shown);
  return [...table.querySelectorAll(":scope > tbody > tr")].flatMap((row) =>
    row.children.length === heads.length ? [...row.children].filter((td, i) => shown(td) !== heads[i]) : []
  ).length;
}"""


def test_main_lists_do_not_scroll_sideways_on_a_phone_or_at_200_percent(new_page, demo_data):
    problems = []
    for width in WIDTHS:
        page = new_page(viewport={"width": width, "height": 844})
        login(page, "coordinator")
        for name in LISTS:
            page.goto(reverse(name))
            expect(page.locator("main table").first).to_be_attached()
            scroll, inner = page.evaluate(PAGE_WIDTH)
            if scroll > inner:
                problems.append(f"{width} px: {reverse(name)} шириной {scroll} px")
            if unlike := page.evaluate(CELLS_UNLIKE_HEADER):
                problems.append(f"{width} px: {reverse(name)}: {unlike} ячеек видны не так, как их заголовок")
        # The organizations' full names are a secondary column: hidden here, the short name stays.
        page.goto(reverse("members:organization_list"))
        expect(page.get_by_role("columnheader", name="Краткое наименование")).to_be_visible()
        expect(page.get_by_role("columnheader", name="Полное наименование")).to_be_hidden()
    assert not problems, "\n".join(problems)
    wide = new_page(viewport={"width": 1280, "height": 800})
    login(wide, "coordinator")
    wide.goto(reverse("members:organization_list"))
    expect(wide.get_by_role("columnheader", name="Полное наименование")).to_be_visible()
