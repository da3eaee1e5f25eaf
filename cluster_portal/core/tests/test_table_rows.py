"""The Python-rendered table rows match what django-tables2's own template prints."""

import datetime as dt
import re

import django_tables2 as tables
import pytest
from django.template.loader import get_template
from django.test import RequestFactory
from django.utils import translation

from cluster_portal.core.testing.html import squeezed
from members.models import Organization


class _Table(tables.Table):
    short_name = tables.Column(linkify=True, attrs={"td": {"class": "fw-bold"}})
    kind = tables.Column()
    town = tables.Column(attrs={"td": {"data-town": lambda record: record.town}})
    created = tables.Column(accessor="created_at", localize=False)
    updated = tables.Column(accessor="updated_at")  # «{{ cell }}»: in local time
    number = tables.Column(accessor="pk", localize=True, empty_values=())
    note = tables.Column(empty_values=(), verbose_name="Примечание")
    created_on = tables.DateColumn(accessor="created_at")  # SHORT_DATE_FORMAT, in local time
    created_at_text = tables.DateTimeColumn(accessor="created_at", format="d.m.Y H:i")
    created_day = tables.DateColumn("d.m.y", accessor="created_at__date")  # a date: printed by strftime
    created_words = tables.DateColumn("j E Y", accessor="created_at")  # words: the ``date`` filter, in Russian
    plain_number = tables.Column(accessor="pk", empty_values=())  # an int, «{{ cell }}»
    parent = tables.Column(linkify=True)  # linked to the related object's page
    kind_link = tables.Column(accessor="kind", linkify=True)  # a value without a page: linked to the row's
    demo = tables.BooleanColumn(accessor="is_demo")
    demo_yes_no = tables.BooleanColumn(accessor="is_demo", yesno="да,нет", attrs={"span": {"class": "small"}})

    class Meta:
        model = Organization
        fields = ("short_name", "kind", "town")

    def render_note(self, record):
        return "<b>не экранировать?</b>" if record.town == "Томск" else dt.date(2022, 9, 1)


def _tbody(template_name, table):
    request = RequestFactory().get("/")
    html = get_template(template_name).render({"table": table, "request": request})
    return squeezed(re.search(r"<tbody.*?</tbody>", html, re.S).group(0))


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ru", "en"])
def test_rows_are_the_same_html_as_django_tables2_prints(language):
    Organization.objects.create(kind="college", short_name="ОГБПОУ «А & Б»", name="А", town="Томск")
    parent = Organization.objects.create(kind="employer", short_name="ООО «В»", name="В", town="Северск", is_demo=True)
    Organization.objects.create(kind="employer", short_name="Филиал", name="Ф", town="Северск", parent=parent)
    table = _Table(Organization.objects.order_by("short_name"))
    with translation.override(language):
        ours = _tbody("generic/_table.html", table)
        theirs = _tbody("django_tables2/bootstrap5.html", _Table(Organization.objects.order_by("short_name")))
    assert ours == theirs
    assert "&lt;b&gt;" in ours and "&amp; Б" in ours and 'data-town="Северск"' in ours
    assert '<span class="true">✔</span>' in ours and '<span class="small">нет</span>' in ours


@pytest.mark.django_db
def test_an_empty_table_prints_its_empty_text():
    table = _Table(Organization.objects.none(), empty_text="Нет записей")
    assert _tbody("generic/_table.html", table) == '<tbody><tr><td colspan="16">Нет записей</td></tr></tbody>'
