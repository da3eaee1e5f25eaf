"""Searchable selects of the members app: scoped sources, selected rows only on the page."""

import pytest
from django.urls import reverse

from cluster_portal.core.autocomplete import INVALID_CHOICE
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.autocomplete import found, options
from members.models import Person
from members.tests.factories import OrganizationFactory, PersonFactory, SectorFactory

pytestmark = pytest.mark.django_db


def test_persons_are_scoped_like_the_person_list(client_as, users, college_org, other_college_org):
    PersonFactory(last_name="Свой", organization=college_org)
    PersonFactory(last_name="Чужой", organization=other_college_org)
    assert found(client_as(Role.COLLEGE), "members.persons") == [f"Свой Иван Иванович, {college_org.short_name}"]
    assert len(found(client_as(Role.SECRETARY), "members.persons")) == 2
    assert found(client_as(Role.OBSERVER), "members.persons") == []


def test_organization_kinds(client_as, users, college_org, employer_org):
    OrganizationFactory(kind="school", short_name="МАОУ СОШ № 1")
    client = client_as(Role.COORDINATOR)
    assert college_org.short_name in found(client, "members.colleges")
    assert employer_org.short_name not in found(client, "members.colleges")
    assert found(client, "members.employers") == [employer_org.short_name]
    assert "МАОУ СОШ № 1" in found(client, "members.organizations", q="СОШ")


def test_a_filter_keeps_its_value_after_reload_without_listing_the_table(client_as, users, college_org):
    OrganizationFactory.create_batch(5, kind="employer")
    PersonFactory(organization=college_org)
    html = client_as(Role.COORDINATOR).get(f"/members/persons/?organization={college_org.pk}").content.decode()
    assert options(html, "organization") == ["все", college_org.short_name]
    assert f'<option value="{college_org.pk}" selected>' in html
    assert 'data-autocomplete="/autocomplete/members.organizations/"' in html


def test_a_college_representative_picks_from_a_plain_select_of_their_organization(client_as, users, college_org):
    html = client_as(Role.COLLEGE).get(reverse("members:person_add")).content.decode()
    assert options(html, "organization") == [college_org.short_name]
    assert 'data-autocomplete="/autocomplete/members.organizations/"' not in html


def test_a_crafted_organization_is_refused_at_the_field(client_as, users, other_college_org):
    response = client_as(Role.COORDINATOR).post(
        reverse("members:person_add"),
        {"last_name": "Петров", "first_name": "Пётр", "organization": "999999"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["organization"] == [INVALID_CHOICE]
    assert not Person.objects.filter(last_name="Петров").exists()


def test_a_sector_form_shows_its_colleges_only(client_as, users, college_org, other_college_org):
    sector = SectorFactory()
    sector.colleges.add(college_org, through_defaults={"order": 1})
    html = client_as(Role.COORDINATOR).get(reverse("members:sector_edit", args=[sector.pk])).content.decode()
    assert options(html, "colleges") == [college_org.short_name]
