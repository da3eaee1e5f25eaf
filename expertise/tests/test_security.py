"""Issue 17, finding 2: the observer reads the verdicts without the experts' names — in every output."""

import io

import pytest
from openpyxl import load_workbook

from cluster_portal.core.access import readable
from cluster_portal.core.roles import Role
from expertise.models import Review

from .test_views import fill_data


def _texts(response) -> str:
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return "\n".join(
        str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for value in row if value
    )


@pytest.fixture
def submitted(client_as, world):
    client_as(Role.EXPERT).post(
        f"/expertise/reviews/{world.review.pk}/fill/", fill_data(world, version=0, action="submit")
    )
    return world


@pytest.mark.django_db
def test_the_observer_gets_no_expert_names_from_the_results_exports(client_as, submitted):
    client = client_as(Role.OBSERVER)
    session_export = _texts(client.get(f"/expertise/{submitted.session.pk}/results/?export=xlsx"))
    program_export = _texts(client.get(f"/expertise/programs/{submitted.program.pk}/?export=xlsx"))
    for text in (session_export, program_export):
        assert "Экспертов" not in text and "Эксперт\n" not in text
        assert "ООО «Тестовый завод»" in text  # the expert's enterprise, as on the page
    assert "соответствует" in program_export  # the verdicts are there
    page = client.get(f"/expertise/{submitted.session.pk}/results/").content.decode()
    assert "Экспертов" not in page


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.SECRETARY, Role.COLLEGE])
def test_those_who_read_names_get_them_in_the_exports(client_as, submitted, role):
    client = client_as(role)
    assert "Экспертов Иван Иванович" in _texts(client.get(f"/expertise/programs/{submitted.program.pk}/?export=xlsx"))
    assert "Экспертов" in _texts(client.get(f"/expertise/{submitted.session.pk}/results/?export=xlsx"))


@pytest.mark.django_db
def test_the_rule_is_the_reviews_field_rule(users):
    assert readable(users[Role.COORDINATOR], Review, "expert")
    assert not readable(users[Role.OBSERVER], Review, "expert")
    assert not readable(users[Role.EMPLOYER], Review, "expert")
    assert readable(users[Role.OBSERVER], Review, "conclusion")  # a field the policy leaves with the row
