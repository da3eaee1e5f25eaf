"""What every list page does beyond its rows: why it is empty, and the yes/no filters."""

import re

import pytest

from cluster_portal.core.roles import Role
from members.tests.factories import OrganizationFactory, UserFactory


def _tbody(response) -> str:
    return re.search(r"<tbody.*?</tbody>", response.content.decode(), re.S).group(0)


@pytest.mark.django_db
def test_an_empty_list_says_there_is_nothing_yet(client_as):
    body = _tbody(client_as(Role.COORDINATOR).get("/expertise/experts/"))
    assert "Записей пока нет." in body


@pytest.mark.django_db
def test_a_filter_that_finds_nothing_says_so(client_as):
    OrganizationFactory(short_name="ООО «Есть»")
    client = client_as(Role.COORDINATOR)
    assert "Ничего не найдено" not in _tbody(client.get("/members/"))
    body = _tbody(client.get("/members/?q=такой-организации-нет"))
    assert "Ничего не найдено: измените или сбросьте фильтр." in body
    assert "Ничего не найдено" not in _tbody(client.get("/members/?sort=short_name"))  # sorting is not filtering


@pytest.mark.django_db
def test_an_invalid_filter_says_so_in_the_table_and_at_its_field(client_as):
    response = client_as(Role.COORDINATOR).get("/councils/decisions/?due_date_after=не-дата")
    assert "Фильтр заполнен с ошибками: исправьте отмеченные поля." in _tbody(response)
    assert "is-invalid" in response.content.decode()


@pytest.mark.django_db
def test_a_yes_no_filter_offers_all_yes_and_no(client_as, users):
    UserFactory(username="gone", is_active=False)
    client = client_as(Role.COORDINATOR)
    page = client.get("/members/users/").content.decode()
    assert '<option value="unknown" selected>все</option>' in page
    assert '<option value="true">да</option>' in page and "Неизвестно" not in page
    inactive = client.get("/members/users/?is_active=false")
    assert '<option value="false" selected>нет</option>' in inactive.content.decode()
    assert [u.username for u in inactive.context["table"].data] == ["gone"]
    everyone = client.get("/members/users/?is_active=unknown").context["table"].data
    assert "gone" in [u.username for u in everyone] and len(everyone) > 1
