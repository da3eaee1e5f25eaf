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


@pytest.mark.django_db
def test_program_page_gives_the_budget_places_of_the_coming_year_or_the_latest(client, bank):
    from datetime import date

    from programs.selectors import catalog_admission_places

    program = bank["program"]
    # bank: 2022 agreed 20, 2023 proposed only; in June 2022 the coming admission is 2022.
    june = catalog_admission_places(program, today=date(2022, 6, 1))
    assert (june.year, june.places, june.coming) == (2022, 20, True)
    later = catalog_admission_places(program, today=date(2026, 12, 6))
    assert (later.year, later.places, later.coming) == (2022, 20, False)  # the proposal of 2023 is not agreed
    assert catalog_admission_places(bank["other_program"]) is None
    text = client.get(f"/catalog/{program.pk}/").content.decode()
    assert "Бюджетные места (КЦП)" in text and "в 2022 году было <strong>20</strong>" in text
    other = client.get(f"/catalog/{bank['other_program'].pk}/").content.decode()
    assert "сведений о бюджетных местах пока нет" in other


@pytest.mark.django_db
def test_program_page_shows_only_the_contacts_the_college_has(client, bank):
    college = bank["org"]
    college.phone, college.email, college.website = "(3822) 645-700", "", ""
    college.save()
    text = client.get(f"/catalog/{bank['program'].pk}/").content.decode()
    assert 'href="tel:3822645700"' in text
    assert "mailto:" not in text and "Телефон и сайт колледжа портал пока не знает" not in text
    other = client.get(f"/catalog/{bank['other_program'].pk}/").content.decode()
    assert "tel:" not in other and "Телефон и сайт колледжа портал пока не знает" in other


@pytest.mark.django_db
def test_catalog_filters_by_form_and_specialty_and_shares_them(client, bank):
    evening = ProgramFactory(college=bank["org"], specialty=bank["other_specialty"], study_form="part")
    response = client.get(f"/catalog/?study_form=part&specialty={bank['other_specialty'].pk}&q=")
    assert [p.pk for p in response.context["object_list"]] == [evening.pk]
    text = response.content.decode()
    share = f"http://testserver/catalog/?study_form=part&amp;specialty={bank['other_specialty'].pk}"
    assert f'value="{share}"' in text and f'data-copy-link="{share}"' in text  # the empty q is left out
    assert 'href="#share"' in text and '<span class="badge text-bg-primary">2</span>' in text


@pytest.mark.django_db
def test_catalog_marks_invented_programs_as_demo(client, bank):
    program = bank["program"]
    program.is_demo = True
    program.save()
    assert "условная программа" in client.get("/catalog/?q=станков").content.decode()
    assert "Демонстрационные данные" in client.get(f"/catalog/{program.pk}/").content.decode()
    assert "Демонстрационные данные" not in client.get(f"/catalog/{bank['other_program'].pk}/").content.decode()
