"""The kernel's date columns print what django-tables2's template columns printed; what a kept row's key holds."""

import datetime

import django_tables2 as tables
import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Prefetch
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation

from cluster_portal.core.tables import DateColumn, DateTimeColumn, kept_rows, record_digest, related_models
from councils.models import AgendaItem, Council, Decision, Meeting, PlanItem
from councils.tables import MeetingTable
from councils.views import DecisionListView
from expertise.models import Expert
from members.models import Organization, Sector
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


def test_what_a_kept_row_reads_besides_its_record():
    lookups = ("agenda_item__meeting__council", Prefetch("plan_item", PlanItem.objects.all()))
    assert related_models(Decision, lookups) == {AgendaItem, Meeting, Council, PlanItem}
    assert related_models(Meeting, ("agenda_items",)) == {AgendaItem}  # a related list
    assert related_models(Expert, ("sectors",)) == {Sector, Expert.sectors.through}  # and the table between them
    assert Organization in related_models(Organization, ("parent",))  # a row of the list's own table


def test_a_records_digest_holds_its_fetched_fields_and_annotations():
    decision = Decision(pk=1, text="Решение", status="open", agenda_item_id=2)
    same = Decision(pk=1, text="Решение", status="open", agenda_item_id=2)
    assert record_digest(decision) == record_digest(same)
    same.agenda_item_id = 3
    assert record_digest(decision) != record_digest(same)
    same.agenda_item_id = 2
    decision.label = same.label = "один"
    assert record_digest(decision, ("label",)) == record_digest(same, ("label",)) != record_digest(decision)


def test_rows_set_up_by_prepare_are_not_kept():
    class Meetings(MeetingTable):
        rows_kept = True

        class Meta(MeetingTable.Meta):
            pass

    with pytest.raises(ImproperlyConfigured):
        kept_rows(Meetings([]), [Meeting(pk=1)], RequestFactory().get("/"))


def test_a_list_keeping_its_rows_names_what_they_read():
    class Careless(DecisionListView):
        list_select_related = None  # the selector's joins: rows of tables the kept rows do not watch

    class Unwatched(DecisionListView):
        list_reads = ("councils",)  # the people and organizations the rows print are not watched

    class Own(DecisionListView):
        list_prefetch_related = ("agenda_item__decisions",)  # other decisions: rows of the list's own table

    request = RequestFactory().get("/")
    request.user = get_user_model()(is_superuser=True, is_active=True)
    for view_class in (Careless, Unwatched, Own, DecisionListView):
        view = view_class()
        view.setup(request)
        if view_class is DecisionListView:
            assert view.keeps_rows()
        else:
            with pytest.raises(ImproperlyConfigured):
                view.keeps_rows()
