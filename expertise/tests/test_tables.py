"""The experts list's row template prints what django-tables2 prints, on rows the demo data lacks; its rows are kept
between views and printed again when what they show changes (the expert, the person, a certificate, a sector)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cluster_portal.core.roles import Role
from cluster_portal.core.testing.dataversion import KEPT_FIGURE_TESTS, empty_cache  # noqa: F401 (fixture)
from cluster_portal.core.testing.tables import rows_compared
from members.models import Person
from members.tests.factories import SectorFactory

from ..models import Expert, ExpertCertificate
from .factories import CertificateFactory

EXPERTS = "/expertise/experts/"
PERSONS = 'SELECT "members_person"."id"'  # the people of the rows printed afresh


def rows(response) -> str:
    """The table's rows (the filter above lists the sectors too)."""
    return response.content.decode().split("<tbody")[1].split("</tbody>")[0]


def certificates_of_every_kind(world):
    """The first expert: two sectors, a certificate expired, one expiring soon, one far off, one without an end;
    the second: none of either, and not engaged."""
    today = timezone.localdate()
    world.expert.sectors.set([SectorFactory(name="Машиностроение"), SectorFactory(name="Энергетика")])
    CertificateFactory(expert=world.expert, number="", valid_until=today - dt.timedelta(days=3))
    CertificateFactory(expert=world.expert, title="Эксперт чемпионата", valid_until=today + dt.timedelta(days=10))
    CertificateFactory(expert=world.expert, valid_until=today + dt.timedelta(days=400))
    CertificateFactory(expert=world.expert, title="Бессрочный")
    Expert.objects.filter(pk=world.expert2.pk).update(is_active=False)


def test_experts_print_as_the_library(world, client_as):
    certificates_of_every_kind(world)
    response = client_as(Role.COORDINATOR).get(EXPERTS)
    printed = rows(response)
    assert "Срок действия истёк" in printed and "Истекает" in printed and "Бессрочный" in printed
    assert "Машиностроение, Энергетика" in printed
    assert rows_compared(response) == 2


@pytest.mark.usefixtures("empty_cache")
class TestKeptRows:
    """``ExpertTable.rows_kept``: each row's HTML is kept while the expert's own fields and every other table the list
    reads (people, organizations, certificates, sectors and the experts' sectors) are the same
    (``core.tables.kept_rows``); writes here go round the models (``update()``) or through a relation's manager."""

    pytestmark = KEPT_FIGURE_TESTS

    def test_a_changed_expert_is_printed_again_and_its_person_fetched_for_it_alone(self, world, client_as):
        client = client_as(Role.COORDINATOR)
        assert '<span class="false">' not in rows(client.get(EXPERTS))
        Expert.objects.filter(pk=world.expert2.pk).update(is_active=False)
        with CaptureQueriesContext(connection) as queries:
            printed = rows(client.get(EXPERTS))
        assert printed.count('<span class="false">') == 1 and printed.count('<span class="true">') == 1
        fetched = [q["sql"] for q in queries if q["sql"].startswith(PERSONS)]
        assert len(fetched) == 1 and fetched[0].endswith(f'("members_person"."id") IN (({world.expert2.person_id}))')

    def test_a_change_of_a_person_a_certificate_or_the_sectors_prints_the_rows_again(self, world, client_as):
        sector = SectorFactory(name="Энергетика")
        client = client_as(Role.COORDINATOR)
        assert "Экспертов" in rows(client.get(EXPERTS))
        Person.objects.filter(pk=world.expert.person_id).update(last_name="Переименованный")
        assert "Переименованный" in rows(client.get(EXPERTS))
        certificate = CertificateFactory(expert=world.expert, title="Право оценки")
        assert "Право оценки" in rows(client.get(EXPERTS))
        ExpertCertificate.objects.filter(pk=certificate.pk).update(title="Право экспертизы")
        printed = rows(client.get(EXPERTS))
        assert "Право экспертизы" in printed and "Право оценки" not in printed
        assert "Энергетика" not in printed
        world.expert.sectors.add(sector)  # a write to the experts' sectors alone
        assert "Энергетика" in rows(client.get(EXPERTS))

    def test_kept_rows_print_what_the_library_prints(self, world, client_as):
        certificates_of_every_kind(world)
        client = client_as(Role.COORDINATOR)
        client.get(EXPERTS)  # prints the rows and keeps them
        Expert.objects.filter(pk=-1).update(id=-1)  # a write to the table (no row): the table is rendered again
        with CaptureQueriesContext(connection) as queries:
            response = client.get(EXPERTS)
        assert not [q for q in queries if q["sql"].startswith(PERSONS)]  # rows kept
        assert rows_compared(response) == 2
