"""Account letters (invitation, password reset) leave by a job: the request only queues them."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from cluster_portal.core.roles import Role

from .test_notifications import run_queued_tasks

BASE = "https://portal.example.org"


@pytest.fixture
def mail_settings(settings):
    settings.PORTAL_BASE_URL = BASE
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def set_password_link(body: str) -> str:
    [link] = re.findall(r"https?://\S+/accounts/reset/\S+/", body)
    return link


@pytest.mark.django_db
def test_a_new_user_is_invited_by_a_job_with_a_link_on_the_portal_address(
    client_as, employer_org, mail_settings, django_capture_on_commit_callbacks
):
    data = {"username": "emp-2", "email": "emp2@example.org", "role": Role.EMPLOYER, "organization": employer_org.pk}
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(Role.COORDINATOR).post("/members/users/add/", {**data, "is_active": "on"})
    assert response.status_code == 302
    assert mail.outbox == []  # the request only queued the letter
    assert run_queued_tasks() == 1
    [message] = mail.outbox
    assert message.to == ["emp2@example.org"] and message.subject == "Приглашение на портал кластера"
    assert "Имя пользователя: emp-2" in message.body
    assert set_password_link(message.body).startswith(f"{BASE}/accounts/reset/")


@pytest.mark.django_db
def test_a_password_reset_is_mailed_by_a_job_with_a_link_on_the_portal_address(
    client, users, mail_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "t-college@example.org"}, HTTP_HOST="127.0.0.1")
    assert response.status_code == 302
    assert mail.outbox == []
    assert run_queued_tasks() == 1
    [message] = mail.outbox
    assert message.to == ["t-college@example.org"] and message.subject == "Смена пароля на портале кластера"
    link = set_password_link(message.body)
    assert link.startswith(f"{BASE}/accounts/reset/") and "127.0.0.1" not in message.body
    assert client.get(link.removeprefix(BASE)).status_code == 302  # the link is valid: on to the new-password form
