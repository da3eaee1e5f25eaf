"""Issue 17, finding 7: caching of personal pages, lockout by address, rate limits on login and password reset."""

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from cluster_portal.core.roles import Role


@pytest.fixture
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/members/", "/members/persons/?export=xlsx", "/practice/students/?export=xlsx"])
def test_authenticated_pages_and_exports_are_not_stored(client_as, url):
    response = client_as(Role.COORDINATOR).get(url)
    assert response.status_code == 200
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= directives


@pytest.mark.django_db
def test_the_public_catalog_stays_cacheable(client):
    response = client.get("/catalog/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.django_db
def test_one_password_sprayed_over_many_usernames_locks_the_address(client, users, settings):
    """Each username fails once only; the address still gets locked out, the right password included."""
    names = ["t-coordinator", "t-secretary", "t-expert", "t-employer", "t-observer", "t-college2", "nobody"]
    for name in names[: settings.AXES_FAILURE_LIMIT]:
        client.post(reverse("login"), {"username": name, "password": "Password1"})
    response = client.post(reverse("login"), {"username": "t-college", "password": "pass-12345"})
    assert response.status_code == 429 and "заблокирован" in response.content.decode()
    assert client.get("/").status_code == 302
    other = client.__class__(REMOTE_ADDR="10.0.0.9")
    assert other.post(reverse("login"), {"username": "t-college", "password": "pass-12345"}).status_code == 302


@pytest.mark.django_db
def test_login_posts_are_limited_by_address(client, users, settings, fresh_cache):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": (3, 600)}
    for _ in range(3):
        assert client.post(reverse("login"), {"username": "nobody", "password": "x"}).status_code == 200
    response = client.post(reverse("login"), {"username": "t-college", "password": "pass-12345"})
    assert response.status_code == 429 and "Слишком много попыток" in response.content.decode()
    assert response["Retry-After"] == "600"
    assert client.get(reverse("login")).status_code == 200  # the page itself still opens
    other = client.__class__(REMOTE_ADDR="10.0.0.9")
    assert other.post(reverse("login"), {"username": "t-college", "password": "pass-12345"}).status_code == 302


@pytest.mark.django_db
def test_password_reset_is_limited_by_address(
    client, users, settings, fresh_cache, jobs_run_at_once, django_capture_on_commit_callbacks
):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "password_reset": (2, 3600)}
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(reverse("password_reset"), {"email": "t-college@example.org"}).status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("password_reset"), {"email": "t-college@example.org"})
    assert response.status_code == 429 and "восстановление пароля" in response.content.decode()
    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_history_names_staff_logins_only_to_staff(client, users, employer_org):
    from auditlog.context import set_actor

    with set_actor(users[Role.COORDINATOR]):
        employer_org.phone = "+7 000"
        employer_org.save()
    client.force_login(users[Role.COLLEGE])
    page = client.get(employer_org.get_absolute_url()).content.decode()
    assert "История изменений" in page and "+7 000" in page
    assert "t-coordinator" not in page
    client.force_login(users[Role.SECRETARY])
    assert "(t-coordinator)" in client.get(employer_org.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_behind_the_proxy_the_client_is_the_last_forwarded_address(client, users, settings, fresh_cache):
    settings.BEHIND_PROXY = True
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "login": (2, 600)}
    spoofed = {"HTTP_X_FORWARDED_FOR": "1.1.1.1, 203.0.113.7"}
    for forged in ("9.9.9.9", "8.8.8.8"):
        data = {"username": "nobody", "password": "x"}
        client.post(reverse("login"), data, HTTP_X_FORWARDED_FOR=f"{forged}, 203.0.113.7")
    assert client.post(reverse("login"), {"username": "x", "password": "x"}, **spoofed).status_code == 429
    other = {"HTTP_X_FORWARDED_FOR": "203.0.113.7, 198.51.100.1"}
    assert client.post(reverse("login"), {"username": "x", "password": "x"}, **other).status_code == 200
