"""People and organizations of council records are searched, not listed in full."""

import pytest

from cluster_portal.core.roles import Role
from cluster_portal.core.testing.autocomplete import options
from members.tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_a_decision_form_shows_the_chosen_person_and_organization_only(client_as, world, employer_org):
    decision = world["signed_decision"]
    decision.responsible_person = world["member"].person
    decision.responsible_organization = employer_org
    decision.save()
    PersonFactory.create_batch(3)
    html = client_as(Role.SECRETARY).get(f"/councils/decisions/{decision.pk}/edit/").content.decode()
    person = world["member"].person
    assert options(html, "responsible_person") == ["---------", f"{person.full_name}, {person.organization}"]
    assert options(html, "responsible_organization") == ["---------", employer_org.short_name]
    assert 'data-autocomplete="/autocomplete/members.persons/"' in html


def test_a_new_council_member_is_searched(client_as, world):
    html = client_as(Role.SECRETARY).get(f"/councils/members/add/?council={world['council'].pk}").content.decode()
    assert options(html, "person") == ["---------"]
