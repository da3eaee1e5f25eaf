"""Searchable selects of the program bank: programs by college, the catalog's public college list."""

import pytest
from django.urls import reverse

from cluster_portal.core.autocomplete import INVALID_CHOICE
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.autocomplete import found, options
from members.tests.factories import OrganizationFactory

from ..autocomplete import program_label
from .factories import ProgramFactory

pytestmark = pytest.mark.django_db


def test_programs_of_the_chosen_college(client_as, bank):
    client = client_as(Role.COORDINATOR)
    assert len(found(client, "programs.programs")) == 2
    assert found(client, "programs.programs", college=bank["org"].pk) == [program_label(bank["program"])]
    assert found(client, "programs.programs", q="15.02.12") == [program_label(bank["other_program"])]
    assert found(client, "programs.programs", college="x") == []


def test_the_catalog_lists_colleges_with_published_programs_to_visitors(client, bank):
    hidden = OrganizationFactory(kind="college", short_name="ОГБПОУ «СКРЫТЫЙ»")
    ProgramFactory(college=hidden, is_published=False)
    names = found(client, "programs.catalog-colleges")
    assert bank["org"].short_name in names and bank["other_org"].short_name in names
    assert hidden.short_name not in names


def test_the_catalog_filter_shows_the_chosen_college_only(client, bank):
    html = client.get(f"/catalog/?college={bank['org'].pk}").content.decode()
    assert options(html, "college") == ["все", bank["org"].short_name]
    assert 'data-autocomplete="/autocomplete/programs.catalog-colleges/"' in html


def test_the_program_list_filter_after_reload(client_as, bank):
    html = client_as(Role.OBSERVER).get(f"/programs/?college={bank['other_org'].pk}").content.decode()
    assert options(html, "college") == ["все", bank["other_org"].short_name]


def test_a_college_representative_has_their_college_as_the_only_choice(client_as, bank):
    html = client_as(Role.COLLEGE).get(reverse("programs:program_add")).content.decode()
    assert options(html, "college") == [bank["org"].short_name]
    assert 'data-autocomplete="/autocomplete/members.employers/"' in html  # partners


def test_a_program_shows_its_partners_only(client_as, bank):
    OrganizationFactory.create_batch(3, kind="employer")
    html = client_as(Role.COORDINATOR).get(reverse("programs:program_edit", args=[bank["program"].pk])).content
    assert options(html.decode(), "partners") == [bank["employer"].short_name]


def test_a_college_is_refused_as_a_partner(client_as, bank):
    response = client_as(Role.COORDINATOR).post(
        reverse("programs:program_add"),
        {
            "college": bank["org"].pk,
            "specialty": bank["specialty"].pk,
            "qualification": "Техник",
            "study_form": "full_time",
            "base_education": "basic",
            "duration": "3 г. 10 мес.",
            "first_year": 2023,
            "partners": [bank["other_org"].pk],
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["partners"] == [INVALID_CHOICE]
