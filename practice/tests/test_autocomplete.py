"""Searchable selects of the practice app: each user gets only the rows they may pick."""

import pytest
from django.urls import reverse

from cluster_portal.core.autocomplete import INVALID_CHOICE
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.autocomplete import found
from members.tests.factories import OrganizationFactory, PersonFactory

from ..models import Placement
from .factories import PracticeBaseFactory, ProgramFactory, StudentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def students(college_org, other_college_org):
    own = StudentFactory(program=ProgramFactory(college=college_org), record_number="СВОЙ-1", group_name="101")
    other = StudentFactory(program=ProgramFactory(college=other_college_org), record_number="ЧУЖОЙ-1", group_name="101")
    return own, other


def test_a_college_gets_its_own_students_only(client_as, students):
    own, _other = students
    client = client_as(Role.COLLEGE)
    assert found(client, "practice.students") == [f"№ СВОЙ-1, гр. 101, {own.college.short_name}"]
    assert found(client, "practice.students", q="ЧУЖОЙ") == []
    assert found(client, "practice.students", q="101") == [f"№ СВОЙ-1, гр. 101, {own.college.short_name}"]


def test_the_coordinator_gets_every_college_and_others_none(client_as, students):
    assert len(found(client_as(Role.COORDINATOR), "practice.students")) == 2
    for role in (Role.EMPLOYER, Role.OBSERVER, Role.EXPERT, Role.SECRETARY):
        assert found(client_as(role), "practice.students") == [], role


def test_the_student_label_carries_no_name(client_as, students):
    texts = found(client_as(Role.COORDINATOR), "practice.students")
    assert all("Студентов" not in text for text in texts)


def test_mentors_only_of_the_chosen_bases_enterprise_and_without_contacts(client_as, users, employer_org):
    """Issue 17, finding 7 (README «Mentors»): a college sees, for the base it chose, the names of that
    enterprise's people and their organization; no base, no one; never an e-mail or a phone."""
    base = PracticeBaseFactory(enterprise=employer_org)
    elsewhere = OrganizationFactory(kind="employer")
    PersonFactory(last_name="Наставников", organization=employer_org, email="mentor@example.org", phone="+7 999")
    PersonFactory(last_name="Сторонний", organization=elsewhere)
    PersonFactory(last_name="Преподавателев", organization=users[Role.COLLEGE].organization)
    for role in (Role.COLLEGE, Role.COORDINATOR):
        client = client_as(role)
        assert found(client, "practice.mentors") == [], role
        assert found(client, "practice.mentors", q="Сторонний") == [], role
        offered = found(client, "practice.mentors", base=base.pk)
        assert [t.split()[0] for t in offered] == ["Наставников"]
        assert "mentor@example.org" not in offered[0] and "+7 999" not in offered[0]
    assert found(client, "practice.mentors", base="abc") == []
    assert found(client_as(Role.OBSERVER), "practice.mentors") == []


def test_bases_are_searched_by_enterprise(client_as, users, employer_org):
    PracticeBaseFactory(enterprise=employer_org, address="ул. Заводская, 1")
    PracticeBaseFactory(enterprise=OrganizationFactory(kind="employer", short_name="АО «Другое»"), address="")
    assert found(client_as(Role.COLLEGE), "practice.bases", q="тестовый") == [
        f"{employer_org.short_name}, ул. Заводская, 1"
    ]


# Forms -------------------------------------------------------------------------------------------
def test_the_placement_form_shows_the_chosen_student_only(client_as, students):
    own, _other = students
    client = client_as(Role.COLLEGE)
    html = client.get(reverse("practice:placement_add") + f"?student={own.pk}").content.decode()
    assert 'data-autocomplete="/autocomplete/practice.students/"' in html
    assert "СВОЙ-1" in html and "ЧУЖОЙ-1" not in html


def test_a_crafted_post_with_another_colleges_student_is_refused_at_the_field(client_as, students, employer_org):
    _own, other = students
    base = PracticeBaseFactory(enterprise=employer_org)
    response = client_as(Role.COLLEGE).post(
        reverse("practice:placement_add"),
        {
            "student": other.pk,
            "base": base.pk,
            "kind": "industrial",
            "date_start": "2022-03-01",
            "date_end": "2022-03-28",
            "mentoring_format": "individual",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["student"] == [INVALID_CHOICE]
    assert not Placement.objects.exists()
    assert "ЧУЖОЙ-1" not in response.content.decode()


def test_a_crafted_outcome_for_another_colleges_student_is_refused(client_as, students):
    _own, other = students
    response = client_as(Role.COLLEGE).post(
        reverse("practice:employmentoutcome_add"),
        {"student": other.pk, "year": 2022, "status": "army"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["student"] == [INVALID_CHOICE]
