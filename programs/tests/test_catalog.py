"""The public catalog: no login, published programs only, search, filters, no personal data, fast."""

import pytest

from cluster_portal.core.testing.views import Measured, Page, PageTests, everyone
from members.tests.factories import OrganizationFactory, PersonFactory

from .factories import ProgramFactory, SpecialtyFactory


@pytest.mark.django_db
def test_catalog_works_without_login_and_finds_stankov(client, bank):
    response = client.get("/catalog/?q=станков")
    assert response.status_code == 200
    assert [p.specialty.code for p in response.context["object_list"]] == ["15.02.32"]
    body = response.content.decode()
    assert "15.02.32 Оператор станков с программным управлением" in body
    assert 'name="viewport" content="width=device-width, initial-scale=1"' in body
    page = client.get(f"/catalog/{bank['program'].pk}/")
    assert page.status_code == 200
    text = page.content.decode()
    for heading in (
        "Визитная карточка ПОО",
        "Характеристика ОПОП",
        "Ожидаемые результаты",
        "Условия реализации программы",
        "Перспективы развития ОПОП",
    ):
        assert heading in text
    assert text.index("Визитная карточка ПОО") < text.index("Характеристика ОПОП") < text.index("Перспективы")
    assert "Нужны операторы станков с ЧПУ." in text


@pytest.mark.django_db
def test_catalog_shows_published_current_programs_only(client, bank):
    hidden = ProgramFactory(college=bank["org"], specialty=SpecialtyFactory(code="15.02.10"), is_published=False)
    closed = ProgramFactory(
        college=bank["org"], specialty=SpecialtyFactory(code="15.02.01"), first_year=2010, last_year=2015
    )
    listed = {p.pk for p in client.get("/catalog/").context["object_list"]}
    assert listed == {bank["program"].pk, bank["other_program"].pk}
    assert client.get(f"/catalog/{hidden.pk}/").status_code == 404
    assert client.get(f"/catalog/{closed.pk}/").status_code == 404


@pytest.mark.django_db
def test_catalog_filters_by_sector_college_town_and_level(client, bank):
    village = OrganizationFactory(kind="college", short_name="ОГБПОУ «КТАБ»", town="Кожевниково")
    worker = ProgramFactory(
        college=village, specialty=SpecialtyFactory(code="15.01.05", level="ppkrs", group=bank["group"])
    )
    chemistry = ProgramFactory(college=bank["org"], specialty=SpecialtyFactory(code="18.02.12"))

    def found(query):
        return {p.pk for p in client.get(f"/catalog/?{query}").context["object_list"]}

    assert found("town=Кожевниково") == {worker.pk}
    assert found("level=ppkrs") == {worker.pk}
    assert found(f"college={bank['other_org'].pk}") == {bank["other_program"].pk}
    assert chemistry.pk not in found(f"sector={bank['sector'].pk}")
    assert found(f"sector={bank['sector'].pk}") == {bank["program"].pk, bank["other_program"].pk, worker.pk}
    assert found("q=тест-2") == {bank["other_program"].pk}


@pytest.mark.django_db
def test_catalog_has_no_personal_data(client, bank):
    PersonFactory(organization=bank["org"], last_name="Секретов", email="secret@example.org")
    body = client.get("/catalog/").content.decode() + client.get(f"/catalog/{bank['program'].pk}/").content.decode()
    assert "Секретов" not in body and "secret@example.org" not in body
    assert "t-college" not in body and "/files/" not in body


def grow_programs(bank, n, start):
    for i in range(start, start + n):
        program = ProgramFactory(
            college=bank["org"] if i % 2 else bank["other_org"],
            specialty=SpecialtyFactory(code=f"15.02.{40 + i}", group=bank["group"], name=f"Станков {i}"),
        )
        program.partners.add(bank["employer"])


class TestCatalogPages(PageTests):
    """The public catalog: open to everyone, logged in or not; its queries do not grow with programs."""

    @pytest.fixture
    def pages(self, bank):
        urls = ["/catalog/", f"/catalog/{bank['program'].pk}/"]
        return [Page(url, everyone(), public=True) for url in urls]

    @pytest.fixture
    def measured(self, bank):
        urls = [
            "/catalog/",
            "/catalog/?q=станков",
            f"/catalog/?sector={bank['sector'].pk}&level=ppssz",
            f"/catalog/{bank['program'].pk}/",
        ]
        return Measured(urls=urls, role=None, max_queries=8, grow=lambda n, start: grow_programs(bank, n, start))
