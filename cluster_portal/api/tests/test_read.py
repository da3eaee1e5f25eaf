"""The read endpoints: one per list page, the page's scoping, filters, cursor pages, the schema and its docs."""

import pytest
from django.urls import resolve

from cluster_portal.api.registry import read_endpoints
from cluster_portal.core.roles import Role
from cluster_portal.core.testing.pages import list_page_urls
from practice.models import StudentDataAccess
from practice.tests.factories import ProgramFactory, StudentFactory

pytestmark = pytest.mark.django_db


def test_every_list_page_has_an_endpoint():
    served = {endpoint.view for endpoint in read_endpoints()}
    pages = {resolve(url).func.view_class for url in list_page_urls()}
    assert pages - served == set()
    assert len(served) == len(read_endpoints())


@pytest.fixture
def students(college_org, other_college_org):
    own = StudentFactory.create_batch(3, program=ProgramFactory(college=college_org), graduation_year=2022)
    StudentFactory(program=ProgramFactory(college=college_org), graduation_year=2024)
    other = StudentFactory.create_batch(2, program=ProgramFactory(college=other_college_org))
    return own, other


def test_college_reads_only_its_students(client_as, students):
    own, other = students
    client = client_as(Role.COLLEGE)
    body = client.get("/api/practice/students/").json()
    ids = {row["id"] for row in body["results"]}
    assert {s.pk for s in own} <= ids
    assert ids.isdisjoint({s.pk for s in other})
    assert client.get(f"/api/practice/students/{own[0].pk}/").status_code == 200
    assert client.get(f"/api/practice/students/{other[0].pk}/").status_code == 404


def test_anonymous_gets_401_not_the_login_page(client, students):
    response = client.get("/api/practice/students/")
    assert response.status_code in (401, 403)
    assert response["Content-Type"].startswith("application/json")


def test_a_role_that_does_not_read_the_list_is_refused(client_as, students):
    response = client_as(Role.EMPLOYER).get("/api/practice/students/")
    assert response.status_code == 403
    assert "роль" in response.json()["detail"]


def test_the_page_filters_apply(client_as, students):
    body = client_as(Role.COLLEGE).get("/api/practice/students/?graduation_year=2024").json()
    assert [row["graduation_year"] for row in body["results"]] == [2024]


def test_cursor_pages_cover_the_list_once(client_as, students):
    client = client_as(Role.COORDINATOR)
    seen, url = [], "/api/practice/students/?page_size=2"
    while url:
        body = client.get(url).json()
        seen += [row["id"] for row in body["results"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 6


def test_query_count_does_not_grow_with_rows(client_as, college_org, count_queries):
    client = client_as(Role.COLLEGE)
    program = ProgramFactory(college=college_org)
    StudentFactory.create_batch(2, program=program)
    client.get("/api/practice/students/")  # the session's first request loads the user once
    with count_queries() as few:
        assert client.get("/api/practice/students/").status_code == 200
    StudentFactory.create_batch(30, program=program)
    with count_queries() as many:
        assert client.get("/api/practice/students/").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_reads_of_students_are_journalled(client_as, students):
    client_as(Role.COLLEGE).get("/api/practice/students/?graduation_year=2022")
    entry = StudentDataAccess.objects.get()
    assert entry.page == "API: Список студентов"
    assert entry.path == "/api/practice/students/?graduation_year=2022"


def test_schema_is_openapi_3_in_russian(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["title"] == "API портала кластера"
    operation = schema["paths"]["/api/practice/students/"]["get"]
    assert operation["summary"] == "Студенты: список"
    assert "graduation_year" in {p["name"] for p in operation["parameters"]}


def test_docs_are_self_hosted_and_pass_the_csp(client):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower() and "https://" not in html
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    script = client.get("/api/docs/?script=")
    assert script.status_code == 200
    assert b"SwaggerUIBundle" in script.content


@pytest.mark.parametrize("role", list(Role))
def test_every_endpoint_answers_every_role_as_its_page_does(client, users, role, students):
    client.force_login(users[role])
    page_of = {resolve(url).func.view_class: url for url in list_page_urls()}
    for endpoint in read_endpoints():
        page = client.get(page_of[endpoint.view]).status_code
        response = client.get(f"/api/{endpoint.path}/")
        assert response.status_code == page, (endpoint.path, response.status_code, page)
