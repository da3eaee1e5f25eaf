"""The kernel's row-level access rules."""

import pytest

from cluster_portal.core.access import can, can_add, restrict
from cluster_portal.core.roles import Role
from cluster_portal.core.system_user import SYSTEM_USER
from members.models import Organization, Person
from members.tests.factories import PersonFactory


@pytest.mark.django_db
def test_own_organization_rule_scopes_people(users, college_org, other_college_org):
    mine = PersonFactory(organization=college_org)
    theirs = PersonFactory(organization=other_college_org)
    visible = set(restrict(Person.objects.all(), users[Role.COLLEGE], "view"))
    assert mine in visible and theirs not in visible
    assert set(restrict(Person.objects.all(), users[Role.COORDINATOR], "view")) >= {mine, theirs}
    assert not restrict(Person.objects.all(), users[Role.OBSERVER], "view").exists()


@pytest.mark.django_db
def test_change_rules_are_separate_from_view_rules(users, college_org, other_college_org):
    college = users[Role.COLLEGE]
    assert can(college, college_org, "view") and can(college, other_college_org, "view")
    assert can(college, college_org, "change")
    assert not can(college, other_college_org, "change")
    assert not can(college, college_org, "delete")
    assert can(users[Role.COORDINATOR], other_college_org, "delete")


@pytest.mark.django_db
def test_add_permission_by_role(users):
    assert can_add(users[Role.COORDINATOR], Organization)
    assert not can_add(users[Role.COLLEGE], Organization)
    assert can_add(users[Role.COLLEGE], Person)
    assert not can_add(users[Role.OBSERVER], Person)


@pytest.mark.django_db
def test_anonymous_gets_nothing_and_system_gets_everything(college_org):
    from django.contrib.auth.models import AnonymousUser

    assert not restrict(Organization.objects.all(), AnonymousUser(), "view").exists()
    assert restrict(Organization.objects.all(), SYSTEM_USER, "change").exists()


def test_unknown_action_is_a_programming_error():
    with pytest.raises(ValueError):
        restrict(Organization.objects.all(), SYSTEM_USER, "add")
