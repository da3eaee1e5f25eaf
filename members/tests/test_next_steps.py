"""A new organization's page tells who may act on it what to add next, with links that work for them."""

import re

import pytest

from cluster_portal.core.roles import Role
from members.tests.factories import MembershipFactory, OrganizationFactory, PersonFactory


def next_steps(body: str) -> list[str]:
    section = re.search(r'<section[^>]*aria-labelledby="next-steps".*?</section>', body, re.S)
    return re.findall(r'href="([^"]+)"', section.group(0)) if section else []


@pytest.mark.django_db
def test_a_new_college_offers_the_coordinator_its_next_steps(client_as, users):
    college = OrganizationFactory(kind="college", short_name="ОГБПОУ «НОВЫЙ»")
    client = client_as(Role.COORDINATOR)
    links = next_steps(client.get(college.get_absolute_url()).content.decode())
    pk = college.pk
    assert links == [
        f"/members/memberships/add/?organization={pk}",
        f"/members/persons/add/?organization={pk}",
        f"/members/users/add/?organization={pk}",
        f"/programs/add/?college={pk}",
    ]
    for link in links:  # each opens its form with the organization chosen
        form = client.get(link.replace("&amp;", "&"))
        assert form.status_code == 200, link
        assert re.search(rf'<option value="{pk}" selected>', form.content.decode()), link


@pytest.mark.django_db
def test_steps_done_leave_the_list_and_others_see_none(client_as, users):
    employer = OrganizationFactory(kind="employer", short_name="ООО «Новое»")
    MembershipFactory(organization=employer)
    PersonFactory(organization=employer)
    links = next_steps(client_as(Role.COORDINATOR).get(employer.get_absolute_url()).content.decode())
    assert links == [f"/members/users/add/?organization={employer.pk}"]  # no program step for an employer
    assert next_steps(client_as(Role.OBSERVER).get(employer.get_absolute_url()).content.decode()) == []
