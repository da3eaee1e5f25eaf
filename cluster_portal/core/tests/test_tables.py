"""The kernel's date columns print what django-tables2's template columns printed."""

import datetime

import django_tables2 as tables
from django.template import Context, Template
from django.utils import timezone, translation

from cluster_portal.core.tables import DateColumn, DateTimeColumn
from practice.models import Placement
from practice.tables import PlacementTable


def test_model_date_fields_get_the_kernel_column():
    columns = PlacementTable(Placement.objects.none()).columns
    assert type(columns["date_start"].column) is DateColumn
    assert type(columns["grade"].column) is tables.Column


def test_date_columns_print_as_the_date_filter():
    day = datetime.date(2026, 3, 5)
    moment = datetime.datetime(2026, 12, 5, 22, 30, tzinfo=datetime.UTC)
    with translation.override("ru"):
        printed = Template(
            '{{ d|date:"SHORT_DATE_FORMAT" }}|{{ m|date:"SHORT_DATETIME_FORMAT" }}|{{ m|date:"d.m.Y H:i" }}'
        )
        expected = printed.render(Context({"d": day, "m": moment}))
        assert expected == "|".join(
            [DateColumn().render(day), DateTimeColumn().render(moment), DateTimeColumn("d.m.Y H:i").render(moment)]
        )
    assert DateTimeColumn("d.m.Y H:i").render(moment) == f"{timezone.localtime(moment):%d.%m.%Y %H:%M}"
