"""The session form's participant rows: the chosen colleges, enterprises and programs only."""

import pytest

from cluster_portal.core.roles import Role
from cluster_portal.core.testing.autocomplete import options
from members.tests.factories import OrganizationFactory
from programs.autocomplete import program_label

from .factories import ProgramFactory

pytestmark = pytest.mark.django_db


def test_participant_rows_carry_their_choices_only(client_as, world, college_org, employer_org):
    OrganizationFactory.create_batch(3, kind="college")
    ProgramFactory.create_batch(3, college=college_org)
    html = client_as(Role.COORDINATOR).get(f"/expertise/{world.session.pk}/edit/").content.decode()
    assert options(html, "p-0-college") == ["---------", college_org.short_name]
    assert options(html, "p-0-enterprises") == [employer_org.short_name]
    assert options(html, "p-0-programs") == [program_label(world.program.program)]
    assert options(html, "p-2-college") == ["---------"]  # an empty row: nothing to look up
    assert "data-autocomplete-forward" in html


def test_a_program_of_another_college_is_refused(client_as, world, college_org):
    data = {
        "cluster": world.session.cluster_id,
        "title": world.session.title,
        "date_from": "2022-06-21",
        "date_to": "2022-06-30",
        "template": world.session.template_id,
        "p-TOTAL_FORMS": "1",
        "p-INITIAL_FORMS": "0",
        "p-0-college": college_org.pk,
        "p-0-programs": [world.other_program.program_id],
        "p-0-order": "1",
    }
    response = client_as(Role.COORDINATOR).post(f"/expertise/{world.session.pk}/edit/", data)
    assert response.status_code == 200
    errors = response.context["participants"].forms[0].errors
    assert "принадлежит другой ПОО" in errors["programs"][0]
