"""Writes of the members app from plain values: a new user is invited to set a password."""

import pytest
from django.core.exceptions import ValidationError

from cluster_portal.core.roles import Role
from members.services import user_create


@pytest.mark.django_db
def test_a_new_user_has_no_password_and_is_mailed_a_link(
    college_org, mailoutbox, django_capture_on_commit_callbacks, jobs_run_at_once
):
    with django_capture_on_commit_callbacks(execute=True):
        user = user_create(
            username="new-college", email="new@college.example", role=Role.COLLEGE, organization=college_org
        )
    user.refresh_from_db()
    assert not user.has_usable_password() and user.organization == college_org and user.is_active
    assert [m.to for m in mailoutbox] == [["new@college.example"]]
    assert "Имя пользователя: new-college" in mailoutbox[0].body and "http://127.0.0.1:8000/" in mailoutbox[0].body


@pytest.mark.django_db
def test_a_college_user_without_an_organization_is_refused(
    mailoutbox, django_capture_on_commit_callbacks, jobs_run_at_once
):
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        user_create(username="lost", email="lost@example.org", role=Role.COLLEGE)
    assert mailoutbox == []


@pytest.mark.django_db
def test_the_coordinator_adds_a_user_from_the_page(
    client_as, employer_org, mailoutbox, django_capture_on_commit_callbacks, jobs_run_at_once
):
    data = {"username": "emp-2", "email": "emp2@example.org", "role": Role.EMPLOYER, "organization": employer_org.pk}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(Role.COORDINATOR).post("/members/users/add/", {**data, "is_active": "on"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["emp2@example.org"]
