"""Open data of the catalog: programs, colleges and agreed КЦП without a token, as JSON and CSV."""

import csv
import io

import pytest

from members.tests.factories import OrganizationFactory
from practice.tests.factories import ProgramFactory, SpecialtyFactory
from programs.choices import TargetStatus
from programs.models import AdmissionTarget

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalog(college_org, other_college_org):
    shown = ProgramFactory(college=college_org, specialty=SpecialtyFactory(code="15.02.32", name="Оператор станков"))
    ProgramFactory(college=other_college_org, is_published=False)
    OrganizationFactory(kind="college", short_name="ОГБПОУ «Без программ»")
    specialty = shown.specialty
    AdmissionTarget.objects.create(
        college=college_org, specialty=specialty, year=2026, proposed=30, agreed=25, status=TargetStatus.AGREED
    )
    AdmissionTarget.objects.create(college=college_org, specialty=specialty, year=2027, proposed=40)
    return shown


def test_programs_without_a_token_as_json(client, catalog):
    response = client.get("/api/open/programs/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(r["specialty_code"], r["college_name"]) for r in rows] == [("15.02.32", "ОГБПОУ «ТЕСТ-1»")]
    assert rows[0]["catalog_url"] == f"/catalog/{catalog.pk}/"


def test_colleges_are_those_of_the_catalog(client, catalog):
    rows = client.get("/api/open/colleges/").json()["results"]
    assert [r["short_name"] for r in rows] == ["ОГБПОУ «ТЕСТ-1»"]


def test_only_agreed_places_are_open(client, catalog):
    rows = client.get("/api/open/admission-targets/").json()["results"]
    assert [(r["year"], r["places"]) for r in rows] == [(2026, 25)]
    assert client.get("/api/open/admission-targets/?year=2027").json()["results"] == []


def test_csv_has_every_row_and_no_formula(client, college_org, catalog):
    ProgramFactory(college=college_org, qualification='=HYPERLINK("http://evil")')
    response = client.get("/api/open/programs/?format=csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == 'attachment; filename="programs.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == 2
    assert {r["qualification"] for r in rows} == {"техник", '\'=HYPERLINK("http://evil")'}
    assert rows[0]["network_form"] == "нет"


def test_a_bad_token_does_not_matter_to_open_data(client, catalog):
    response = client.get("/api/open/colleges/", HTTP_AUTHORIZATION="Bearer nonsense")
    assert response.status_code == 200


def test_open_data_is_rate_limited_per_address(client, catalog, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "anon": "2/minute"},
    }
    from django.core.cache import cache

    cache.clear()
    codes = [client.get("/api/open/colleges/").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
