"""Issue 17, finding 6: representatives change their organization's contacts, never its identity."""

import pytest

from cluster_portal.core.access import writable_fields
from cluster_portal.core.roles import Role
from members.models import CONTACT_FIELDS, Organization

CRAFTED = {
    "kind": "college",
    "name": "Поддельное полное наименование",
    "short_name": "ООО «Подделка»",
    "town": "Северск",
    "address": "ул. Новая, 2",
    "phone": "+7 3822 000000",
    "email": "new@example.org",
    "website": "https://example.org",
    "inn": "7000000000",
    "ogrn": "1027000000000",
}


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COLLEGE, Role.EMPLOYER])
def test_a_crafted_post_changes_only_the_contacts(client, users, role):
    organization = users[role].organization
    Organization.objects.filter(pk=organization.pk).update(inn="7017000000", ogrn="1027000000001")
    before = Organization.objects.get(pk=organization.pk)
    client.force_login(users[role])
    form = client.get(f"/members/{organization.pk}/edit/").content.decode()
    assert 'name="inn"' in form and "disabled" in form.split('name="inn"')[1].split(">")[0]
    response = client.post(f"/members/{organization.pk}/edit/", CRAFTED)
    assert response.status_code == 302
    after = Organization.objects.get(pk=organization.pk)
    for name in ("kind", "name", "short_name", "inn", "ogrn", "parent_id"):
        assert getattr(after, name) == getattr(before, name), name
    assert (after.town, after.phone, after.email) == ("Северск", "+7 3822 000000", "new@example.org")


@pytest.mark.django_db
def test_the_coordinator_changes_the_identity(client, users, employer_org):
    client.force_login(users[Role.COORDINATOR])
    data = {**CRAFTED, "kind": "employer"}
    assert client.post(f"/members/{employer_org.pk}/edit/", data).status_code == 302
    after = Organization.objects.get(pk=employer_org.pk)
    assert (after.name, after.inn, after.ogrn) == ("Поддельное полное наименование", "7000000000", "1027000000000")


@pytest.mark.django_db
def test_the_policy_names_the_contacts(users):
    assert writable_fields(users[Role.COLLEGE], Organization) == frozenset(CONTACT_FIELDS)
    assert writable_fields(users[Role.COORDINATOR], Organization) is None
