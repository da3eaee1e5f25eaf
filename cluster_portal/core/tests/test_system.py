"""Health check, settings for production, login lockout, idle sessions, error pages."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core import mail
from django.db import DatabaseError
from django.urls import reverse

from cluster_portal.core.roles import Role

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503


def test_check_deploy_passes_with_production_values():
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if k not in {"DEBUG", "SECURE_SSL_REDIRECT", "STATIC_STORAGE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        },
        "DEBUG": "false",
        "SECRET_KEY": "x9!f2k#Qm7@pL0vZ$wT4rY8uN1cB6hJ3eG5sD2aK9oI7lU0pMzXqRwEtYuIoP",
        "ALLOWED_HOSTS": "portal.example.org",
        "PORTAL_BASE_URL": "https://portal.example.org",
        "CACHE_URL": "redis://127.0.0.1:6379/1",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_login_page_is_russian_and_public(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert "Вход в портал" in response.content.decode()


@pytest.mark.django_db
def test_every_page_requires_login(client):
    response = client.get("/members/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_login_and_logout(client, users):
    response = client.post(reverse("login"), {"username": "t-college", "password": "pass-12345"})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    client.post(reverse("logout"))
    assert client.get("/").status_code == 302


@pytest.mark.django_db
def test_lockout_after_repeated_failures(client, users, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(reverse("login"), {"username": "t-college", "password": "wrong"})
        assert response.status_code == 200
        assert "Пожалуйста, введите правильные" in response.content.decode()
    response = client.post(reverse("login"), {"username": "t-college", "password": "wrong"})
    assert response.status_code == 429
    response = client.post(reverse("login"), {"username": "t-college", "password": "pass-12345"})
    assert response.status_code == 429
    assert "заблокирован" in response.content.decode()
    assert client.get("/").status_code == 302  # the right password did not log in


@pytest.mark.django_db
def test_password_reset_sends_a_russian_email(client, users, jobs_run_at_once, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "t-college@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "Смена пароля" in mail.outbox[0].subject
    assert "/accounts/reset/" in mail.outbox[0].body


@pytest.mark.django_db
def test_session_expires_when_idle(client, users, settings):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(users[Role.OBSERVER])
    assert client.get("/").status_code == 200
    session = Session.objects.get()
    left = session.expire_date - timezone.now()
    assert (
        timedelta(seconds=settings.SESSION_IDLE_SECONDS - 60) < left <= timedelta(seconds=settings.SESSION_IDLE_SECONDS)
    )
    # Idle past the limit: the session is gone and the next request is anonymous.
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_russian_404_page(client_as):
    response = client_as(Role.OBSERVER).get("/members/999999/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()


@pytest.mark.django_db
def test_change_history_names_its_actions_in_russian(client_as, employer_org):
    client = client_as(Role.COORDINATOR)
    url = employer_org.get_absolute_url()
    employer_org.phone = "+7 (3822) 000-000"
    employer_org.save()
    body = client.get(url).content.decode()
    history = body[body.index("История изменений") :]
    assert "Создание" in history and "Изменение" in history
    assert "Create" not in history and "Update" not in history


@pytest.mark.django_db
def test_dashboard_shows_composition_figures(client_as):
    from django.core.management import call_command

    call_command("seed_demo", force=True, stdout=io.StringIO())
    response = client_as(Role.OBSERVER).get("/")
    body = response.content.decode()
    assert "Состав: Промышленный кластер" in body
    assert "Всего участников" in body


@pytest.mark.django_db
def test_the_favicon_is_the_portals_icon_for_anyone(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("/img/favicon.svg")
    assert finders.find("img/favicon.svg")
    assert 'rel="icon"' in client.get("/accounts/login/").content.decode()
