"""Every members URL for every role and for anonymous users, scoping, crafted requests, query counts."""

import io

import pytest
from openpyxl import load_workbook

from cluster_portal.core.roles import Role
from cluster_portal.core.testing.views import Measured, Page, PageTests, everyone, only, policy_pages
from members.models import Organization, Person
from members.tests.factories import (
    ClusterFactory,
    EnlargedGroupFactory,
    MembershipFactory,
    NormativeDocumentFactory,
    OrganizationFactory,
    PersonFactory,
    SectorFactory,
)

EVERYONE = everyone()


@pytest.fixture
def world(users, college_org, other_college_org, employer_org):
    cluster = ClusterFactory()
    membership = MembershipFactory(cluster=cluster, organization=college_org, role="college")
    group = EnlargedGroupFactory(code="15.00.00")
    sector = SectorFactory(cluster=cluster)
    sector.groups.add(group)
    person = PersonFactory(organization=college_org)
    document = NormativeDocumentFactory(cluster=cluster)
    return {
        "cluster": cluster,
        "membership": membership,
        "group": group,
        "sector": sector,
        "person": person,
        "document": document,
        "org": college_org,
        "other_org": other_college_org,
    }


def matrix(w):
    org, other = w["org"].pk, w["other_org"].pk
    staff = (Role.COORDINATOR, Role.SECRETARY)
    return [
        ("/", EVERYONE),
        ("/members/", EVERYONE),
        ("/members/?export=xlsx", EVERYONE),
        (f"/members/{org}/", EVERYONE),
        ("/members/add/", only(Role.COORDINATOR)),
        (f"/members/{org}/edit/", only(Role.COORDINATOR, Role.COLLEGE)),
        (f"/members/{other}/edit/", only(Role.COORDINATOR, "college2")),
        (f"/members/{org}/delete/", only(Role.COORDINATOR)),
        ("/members/clusters/", EVERYONE),
        (f"/members/clusters/{w['cluster'].pk}/", EVERYONE),
        ("/members/clusters/add/", only(Role.COORDINATOR)),
        (f"/members/clusters/{w['cluster'].pk}/edit/", only(Role.COORDINATOR)),
        ("/members/memberships/", EVERYONE),
        (f"/members/memberships/{w['membership'].pk}/", EVERYONE),
        (f"/members/memberships/{w['membership'].pk}/edit/", only(Role.COORDINATOR)),
        ("/members/sectors/", EVERYONE),
        (f"/members/sectors/{w['sector'].pk}/", EVERYONE),
        ("/members/sectors/add/", only(Role.COORDINATOR)),
        ("/members/groups/", EVERYONE),
        (f"/members/groups/{w['group'].pk}/", EVERYONE),
        ("/members/persons/", only(*staff, Role.COLLEGE, Role.EXPERT, Role.EMPLOYER, "college2")),
        (f"/members/persons/{w['person'].pk}/", only(*staff, Role.COLLEGE, otherwise=404)),
        ("/members/persons/add/", only(*staff, Role.COLLEGE, "college2")),
        (f"/members/persons/{w['person'].pk}/edit/", {**only(*staff, Role.COLLEGE, otherwise=404), Role.OBSERVER: 404}),
        ("/members/documents/", EVERYONE),
        (f"/members/documents/{w['document'].pk}/", EVERYONE),
        ("/members/documents/add/", only(*staff)),
        (f"/members/documents/{w['document'].pk}/edit/", only(*staff)),
        ("/members/users/", only(Role.COORDINATOR)),
        ("/members/users/add/", only(Role.COORDINATOR)),
        ("/import/organizations/", only(Role.COORDINATOR)),
        ("/import/organizations/template/", only(Role.COORDINATOR)),
        ("/import/persons/", only(*staff, Role.COLLEGE, "college2")),
    ]


class TestPages(PageTests):
    @pytest.fixture
    def pages(self, world):
        by_policy = [world[name] for name in ("org", "cluster", "membership", "sector", "person", "document")]
        return [Page(url, expected) for url, expected in matrix(world)] + [
            page for obj in by_policy for page in policy_pages(obj)
        ]

    @pytest.fixture
    def measured(self, world):
        details = [world["org"], world["cluster"], world["sector"], world["person"]]
        urls = LIST_URLS + [obj.get_absolute_url() for obj in details]
        return Measured(urls=urls, grow=lambda n, start: grow(world, n))


@pytest.mark.django_db
def test_college_cannot_change_another_college_by_crafted_request(client_as, world):
    other = world["other_org"]
    client = client_as(Role.COLLEGE)
    response = client.post(f"/members/{other.pk}/edit/", {"name": "Захвачено", "short_name": other.short_name})
    assert response.status_code == 403
    assert Organization.objects.get(pk=other.pk).name != "Захвачено"
    response = client.post(f"/members/{other.pk}/delete/")
    assert response.status_code == 403
    assert Organization.objects.filter(pk=other.pk).exists()


@pytest.mark.django_db
def test_college_cannot_create_a_person_of_another_college(client_as, world):
    client = client_as(Role.COLLEGE)
    response = client.post(
        "/members/persons/add/",
        {"last_name": "Чужой", "first_name": "Сотрудник", "organization": world["other_org"].pk},
    )
    assert response.status_code == 200
    assert "organization" in response.context["form"].errors
    assert not Person.objects.filter(last_name="Чужой").exists()


@pytest.mark.django_db
def test_college_representative_edits_own_contacts_but_not_identity(client_as, world):
    org = world["org"]
    client = client_as(Role.COLLEGE)
    response = client.post(
        f"/members/{org.pk}/edit/",
        {"kind": "employer", "name": org.name, "short_name": "Другое имя", "phone": "(3822) 000-000"},
    )
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.phone == "(3822) 000-000"
    assert org.kind == "college" and org.short_name == "ОГБПОУ «ТЕСТ-1»"


@pytest.mark.django_db
def test_form_error_keeps_input_and_saves_nothing(client_as):
    client = client_as(Role.COORDINATOR)
    response = client.post("/members/add/", {"kind": "college", "name": "Новый колледж", "short_name": "", "inn": "12"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Новый колледж" in body and "ИНН — 10 или 12 цифр." in body
    assert not Organization.objects.filter(name="Новый колледж").exists()


@pytest.mark.django_db
def test_create_edit_delete_with_history(client_as, users):
    client = client_as(Role.COORDINATOR)
    response = client.post("/members/add/", {"kind": "school", "name": "Школа № 1", "short_name": "СОШ № 1"})
    org = Organization.objects.get(short_name="СОШ № 1")
    assert response["Location"] == org.get_absolute_url()
    client.post(f"/members/{org.pk}/edit/", {"kind": "school", "name": "Школа № 1 г. Томска", "short_name": "СОШ № 1"})
    page = client.get(org.get_absolute_url()).content.decode()
    assert "История изменений" in page and "Школа № 1 г. Томска" in page and "t-coordinator" in page
    response = client.post(f"/members/{org.pk}/delete/")
    assert response.status_code == 302
    assert not Organization.objects.filter(pk=org.pk).exists()


@pytest.mark.django_db
def test_history_prints_an_empty_value_as_a_dash(client_as, users):
    client = client_as(Role.COORDINATOR)
    parent = Organization.objects.create(kind="school", name="Управление образования", short_name="УО")
    org = Organization.objects.create(kind="school", name="Школа № 2", short_name="СОШ № 2")
    data = {"kind": "school", "name": "Школа № 2", "short_name": "СОШ № 2", "parent": parent.pk}
    client.post(f"/members/{org.pk}/edit/", data)
    history = client.get(org.get_absolute_url()).content.decode().split("История изменений")[1]
    assert "— → УО" in history and "None" not in history


@pytest.mark.django_db
def test_delete_refused_when_records_depend(client_as, world):
    response = client_as(Role.COORDINATOR).post(f"/members/{world['org'].pk}/delete/", follow=True)
    assert "Нельзя удалить" in response.content.decode()
    assert Organization.objects.filter(pk=world["org"].pk).exists()


@pytest.mark.django_db
def test_export_is_the_filtered_set(client_as, world):
    response = client_as(Role.OBSERVER).get("/members/?kind=college&export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "Вид"
    names = {row[2] for row in rows[1:]}
    assert names == {"ОГБПОУ «ТЕСТ-1»", "ОГБПОУ «ТЕСТ-2»"}


@pytest.mark.django_db
def test_college_export_of_people_holds_only_its_own(client_as, world):
    PersonFactory(organization=world["other_org"], last_name="Чужаков")
    response = client_as(Role.COLLEGE).get("/members/persons/?export=xlsx")
    content = b"".join(response.streaming_content)
    rows = list(load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True))
    assert all(row[0] != "Чужаков" for row in rows)
    assert len(rows) == 2


LIST_URLS = [
    "/members/",
    "/members/persons/",
    "/members/sectors/",
    "/members/memberships/",
    "/members/documents/",
    "/members/clusters/",
    "/members/users/",
]


def grow(world, n):
    for i in range(n):
        org = OrganizationFactory(kind="college")
        MembershipFactory(cluster=world["cluster"], organization=org, role="college")
        PersonFactory(organization=org)
        sector = SectorFactory(cluster=world["cluster"])
        sector.groups.add(world["group"])
        sector.colleges.add(org, through_defaults={"order": i})
        NormativeDocumentFactory(cluster=world["cluster"])


@pytest.mark.django_db
def test_a_rule_checked_by_a_service_is_shown_on_the_form(client_as, monkeypatch):
    from django.core.exceptions import ValidationError

    from members import views

    def refuse(self, form):
        raise ValidationError({"short_name": "Занято другим кластером.", "no_such_field": "Общая ошибка."})

    monkeypatch.setattr(views.OrganizationEditView, "save", refuse)
    response = client_as(Role.COORDINATOR).post("/members/add/", {"kind": "school", "name": "Школа", "short_name": "Ш"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["short_name"] == ["Занято другим кластером."]
    assert "Общая ошибка." in form.non_field_errors()
    assert not Organization.objects.filter(short_name="Ш").exists()
