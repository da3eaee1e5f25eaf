"""Personal tokens: created and revoked on the profile page, shown once, stored hashed, refused when
expired, revoked or of an inactive user; a college's token reads nothing of another college's students."""

import datetime as dt

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from cluster_portal.api.models import PersonalToken
from cluster_portal.api.registry import read_endpoints
from cluster_portal.core.roles import Role
from practice.models import EmploymentOutcome, Placement, Student
from practice.tests.factories import OutcomeFactory, PlacementFactory, ProgramFactory, StudentFactory

pytestmark = pytest.mark.django_db


def test_profile_creates_a_token_shown_once_and_stored_hashed(client_as):
    client = client_as(Role.COLLEGE)
    expires = timezone.localdate() + dt.timedelta(days=10)
    response = client.post("/profile/", {"name": "1С:Колледж", "scope": "write", "expires_on": expires.isoformat()})
    assert response.status_code == 200
    raw = response.context["new_token"]
    assert raw.startswith("cp_") and raw in response.content.decode()
    token = PersonalToken.objects.get()
    assert (token.name, token.scope, token.expires_on) == ("1С:Колледж", "write", expires)
    assert raw not in (token.digest, token.prefix) and len(token.digest) == 64
    page = client.get("/profile/").content.decode()
    assert raw not in page and token.prefix in page and "1С:Колледж" in page


@pytest.mark.parametrize("days, message", [(-1, "Дата уже прошла"), (400, "не более чем на 366 дней")])
def test_profile_refuses_a_past_or_too_far_expiry(client_as, days, message):
    expires = timezone.localdate() + dt.timedelta(days=days)
    response = client_as(Role.COLLEGE).post("/profile/", {"name": "x", "scope": "read", "expires_on": expires})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PersonalToken.objects.exists()


def test_a_token_reads_as_its_user(make_token, token_client):
    response = token_client(make_token(Role.COLLEGE)).get("/api/practice/students/")
    assert response.status_code == 200


def test_revoked_token_is_refused(client_as, make_token, token_client):
    raw = make_token(Role.COLLEGE)
    token = PersonalToken.objects.get()
    response = client_as(Role.COLLEGE).post(f"/profile/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    response = token_client(raw).get("/api/practice/students/")
    assert response.status_code == 401
    assert "отозван" in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_another_users_token_cannot_be_revoked(client_as, make_token):
    make_token("college2")
    token = PersonalToken.objects.get()
    assert client_as(Role.COLLEGE).post(f"/profile/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_expired_token_is_refused(make_token, token_client):
    raw = make_token(Role.COLLEGE)
    PersonalToken.objects.update(expires_on=timezone.localdate() - dt.timedelta(days=1))
    assert token_client(raw).get("/api/practice/students/").status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(users, make_token, token_client):
    raw = make_token(Role.COLLEGE)
    users[Role.COLLEGE].is_active = False
    users[Role.COLLEGE].save()
    assert token_client(raw).get("/api/practice/students/").status_code == 401


def test_a_made_up_token_is_refused(token_client):
    assert token_client("cp_" + "x" * 43).get("/api/practice/students/").status_code == 401


def test_requests_over_the_rate_are_refused(make_token, token_client):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "user": "3/minute"}
    client = token_client(make_token(Role.COLLEGE))
    # The throttle's history is in the cache: requests of an earlier test by a user of the same id count.
    cache.clear()
    with override_settings(REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}):
        codes = [client.get("/api/programs/specialties/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


@pytest.fixture
def other_college_data(other_college_org):
    """Another college's students, placements and outcomes, with marks that must never be served."""
    program = ProgramFactory(college=other_college_org)
    students = [
        StudentFactory(program=program, record_number=f"ЧУЖОЙ-{n}", full_name=f"Чужаков{n} Пётр") for n in range(2)
    ]
    placements = [PlacementFactory(student=s, mentor_names=f"Наставников-чужой-{s.pk}") for s in students]
    outcomes = [OutcomeFactory(student=s, employer_name=f"ООО «Чужой работодатель {s.pk}»") for s in students]
    return {Student: students, Placement: placements, EmploymentOutcome: outcomes}


MARKS = ("ЧУЖОЙ-", "Чужаков", "Наставников-чужой", "Чужой работодатель")


def test_college_token_reads_nothing_of_another_colleges_students_through_any_endpoint(
    make_token, token_client, college_org, other_college_org, other_college_data
):
    own = StudentFactory(program=ProgramFactory(college=college_org))
    PlacementFactory(student=own)
    client = token_client(make_token(Role.COLLEGE))
    crafted = [
        "?page_size=500",
        f"?college={other_college_org.pk}",
        f"?student={other_college_data[Student][0].pk}",
        "?q=ЧУЖОЙ",
        "?q=Чужаков",
    ]
    for endpoint in read_endpoints():
        base = f"/api/{endpoint.path}/"
        for query in crafted:
            body = client.get(base + query).content.decode()
            assert not any(mark in body for mark in MARKS), (base + query, body[:300])
        for model, rows in other_college_data.items():
            for row in rows:
                response = client.get(f"{base}{row.pk}/")
                body = response.content.decode()
                assert not any(mark in body for mark in MARKS), (base, row.pk)
                if endpoint.model is model:
                    assert response.status_code == 404
    # The same requests find the college's own rows: the test would see a leak.
    assert str(own.record_number) in client.get("/api/practice/students/?page_size=500").content.decode()


def test_the_marks_are_served_to_who_may_read_them(make_token, token_client, other_college_data):
    """The marks of the test above are in the answers of a reader of every college (the test can fail)."""
    client = token_client(make_token(Role.COORDINATOR))
    for path in ("practice/students", "practice/placements", "practice/outcomes"):
        body = client.get(f"/api/{path}/?page_size=500").content.decode()
        assert any(mark in body for mark in MARKS), path
