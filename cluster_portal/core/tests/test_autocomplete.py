"""The kernel's searchable selects: the registry, the JSON view and the widgets."""

import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cluster_portal.core import autocomplete
from cluster_portal.core.autocomplete import (
    INVALID_CHOICE,
    PAGE_SIZE,
    AutocompleteSelect,
    AutocompleteSelectMultiple,
    Source,
    explain_invalid_choices,
    plain_select,
)
from cluster_portal.core.roles import Role
from members.models import Organization
from members.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def url(name, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("core:autocomplete", args=[name]) + (f"?{query}" if query else "")


def options_of(html: str) -> list[str]:
    return re.findall(r"<option[^>]*>([^<]*)</option>", html)


# The view --------------------------------------------------------------------------------------
def test_answers_one_ordered_page_and_says_whether_there_is_more(client_as, users):
    OrganizationFactory.create_batch(PAGE_SIZE + 5, kind="college")
    client = client_as(Role.COORDINATOR)
    first = client.get(url("members.colleges")).json()
    assert len(first["results"]) == PAGE_SIZE and first["more"] is True
    assert set(first["results"][0]) == {"id", "text"}
    everything = [
        *first["results"],
        *client.get(url("members.colleges", page=2)).json()["results"],
    ]
    expected = list(Organization.objects.filter(kind="college").order_by("short_name", "pk"))
    assert [r["text"] for r in everything] == [o.short_name for o in expected]
    last = client.get(url("members.colleges", page=2)).json()
    assert last["more"] is False


def test_searches_every_word_in_any_search_field(client_as, users):
    OrganizationFactory(kind="college", short_name="ОГБПОУ «ТЭПК»", town="Томск")
    OrganizationFactory(kind="college", short_name="ОГБПОУ «СПК»", town="Северск")
    client = client_as(Role.COORDINATOR)
    assert [r["text"] for r in client.get(url("members.colleges", q="тэпк")).json()["results"]] == ["ОГБПОУ «ТЭПК»"]
    assert [r["text"] for r in client.get(url("members.colleges", q="огбпоу северск")).json()["results"]] == [
        "ОГБПОУ «СПК»"
    ]
    assert client.get(url("members.colleges", q="нет такого")).json() == {"results": [], "more": False}


def test_bad_page_numbers_fall_back_to_the_first_page(client_as, users):
    client = client_as(Role.COORDINATOR)
    for page in ("abc", "-3", "0"):
        assert client.get(url("members.colleges", page=page)).status_code == 200


def test_unknown_source_is_404(client_as, users):
    assert client_as(Role.COORDINATOR).get(url("no.such-source")).status_code == 404


def test_anonymous_visitors_are_refused_except_by_public_sources(client, users):
    response = client.get(url("members.organizations"))
    assert response.status_code == 403
    assert "results" not in response.json()
    assert client.get(url("practice.students")).status_code == 403
    assert client.get(url("programs.catalog-colleges")).status_code == 200


def test_only_get(client_as, users):
    assert client_as(Role.COORDINATOR).post(url("members.colleges")).status_code == 405


def test_the_number_of_queries_does_not_grow_with_rows(client_as, users):
    client = client_as(Role.COORDINATOR)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url("members.persons", q="а")).status_code == 200
        return len(ctx.captured_queries)

    from members.tests.factories import PersonFactory

    PersonFactory.create_batch(3, last_name="Андреев")
    queries()  # the first request of a session loads what later ones find cached
    small = queries()
    PersonFactory.create_batch(40, last_name="Андреев")
    assert queries() == small


def test_answers_are_not_cached(client_as, users):
    response = client_as(Role.COORDINATOR).get(url("members.colleges"))
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


# The registry ---------------------------------------------------------------------------------
def test_a_name_is_registered_once():
    source = Source("test.dup", queryset=lambda user: Organization.objects.all(), search_fields=("short_name",))
    autocomplete.register(source)
    try:
        autocomplete.register(source)  # the same object again is harmless
        with pytest.raises(ValueError):
            autocomplete.register(Source("test.dup", queryset=source.queryset, search_fields=()))
    finally:
        autocomplete._registry.pop("test.dup")


def test_every_app_registers_its_sources():
    assert {
        "members.organizations",
        "members.colleges",
        "members.enterprises",
        "members.employers",
        "members.persons",
        "practice.students",
        "practice.bases",
        "practice.mentors",
        "programs.programs",
        "programs.catalog-colleges",
    } <= set(autocomplete.registered())


# The widgets ----------------------------------------------------------------------------------
class CollegeForm(forms.Form):
    college = forms.ModelChoiceField(
        queryset=Organization.objects.filter(kind="college"),
        required=False,
        widget=AutocompleteSelect("members.colleges"),
    )
    partners = forms.ModelMultipleChoiceField(
        queryset=Organization.objects.filter(kind="employer"),
        required=False,
        widget=AutocompleteSelectMultiple("members.employers"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        explain_invalid_choices(self)


def test_renders_only_the_selected_option_with_the_source_url():
    colleges = OrganizationFactory.create_batch(5, kind="college")
    employers = OrganizationFactory.create_batch(5, kind="employer")
    form = CollegeForm(initial={"college": colleges[2].pk, "partners": [employers[1].pk, employers[3].pk]})
    with CaptureQueriesContext(connection) as ctx:
        college, partners = str(form["college"]), str(form["partners"])
    assert len(ctx.captured_queries) == 2  # one per field with a value, whatever the table's size
    assert options_of(college) == ["---------", colleges[2].short_name]
    assert f'value="{colleges[2].pk}" selected' in college
    assert 'data-autocomplete="/autocomplete/members.colleges/"' in college
    assert options_of(partners) == [employers[1].short_name, employers[3].short_name]
    assert "multiple" in partners


def test_an_empty_field_renders_no_row_and_makes_no_query():
    OrganizationFactory.create_batch(5, kind="college")
    with CaptureQueriesContext(connection) as ctx:
        html = str(CollegeForm()["college"])
    assert ctx.captured_queries == []
    assert options_of(html) == ["---------"]


def test_a_value_outside_the_fields_rows_is_refused_at_the_field():
    employer = OrganizationFactory(kind="employer")
    form = CollegeForm(data={"college": str(employer.pk), "partners": ["abc"]})
    assert not form.is_valid()
    assert form.errors["college"] == [INVALID_CHOICE]
    assert form.errors["partners"] == [INVALID_CHOICE]
    assert options_of(str(form["college"])) == ["---------"]  # the foreign row's name is not shown


def test_posted_values_render_again_after_an_error():
    college = OrganizationFactory(kind="college")
    form = CollegeForm(data={"college": str(college.pk), "partners": ["999999"]})
    assert not form.is_valid()
    assert options_of(str(form["college"])) == ["---------", college.short_name]


def test_plain_choices_are_filtered_without_a_query():
    colleges = OrganizationFactory.create_batch(3, kind="college")
    form = CollegeForm(initial={"college": colleges[1].pk})
    form.fields["college"].choices = [("", "все"), *((c.pk, c.short_name) for c in colleges)]
    with CaptureQueriesContext(connection) as ctx:
        html = str(form["college"])
    assert ctx.captured_queries == []
    assert options_of(html) == ["все", colleges[1].short_name]


def test_forwarded_fields_are_named_on_the_select():
    widget = AutocompleteSelect("programs.programs", forward={"college": "college"})
    html = widget.render("p-0-programs", None)
    assert "data-autocomplete-forward=" in html and "college" in html


def test_plain_select_for_a_field_narrowed_to_a_few_rows():
    colleges = OrganizationFactory.create_batch(2, kind="college")
    form = CollegeForm()
    form.fields["college"].queryset = Organization.objects.filter(pk=colleges[0].pk)
    plain_select(form.fields["college"])
    html = str(form["college"])
    assert "data-autocomplete" not in html
    assert options_of(html) == ["---------", colleges[0].short_name]
