"""Factories of the expertise tests; programs are built from the program bank's model fields only."""

import datetime as dt

import factory

from cluster_portal.core.roles import Role
from members.tests.factories import (
    ClusterFactory,
    PersonFactory,
    UserFactory,
)
from programs.tests import factories as bank

from ..models import Expert, ExpertCertificate, ExpertSession
from ..seed import CHECKLIST
from ..services import template_save


class SpecialtyFactory(bank.SpecialtyFactory):
    code = factory.Sequence(lambda n: f"15.02.{n % 80 + 10:02d}")
    level = "ppssz"


class ProgramFactory(bank.ProgramFactory):
    specialty = factory.SubFactory(SpecialtyFactory)
    relevance = "Кадры для машиностроения региона"


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert
        skip_postgeneration_save = True

    person = factory.SubFactory(PersonFactory)
    user = factory.LazyAttribute(
        lambda e: UserFactory(role=Role.EXPERT, organization=e.person.organization, person=e.person)
    )


class CertificateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertCertificate

    expert = factory.SubFactory(ExpertFactory)
    kind = "exam"
    title = "Право оценки демонстрационного экзамена"
    number = factory.Sequence(lambda n: f"ДЭ-{n:04d}")
    issued_on = dt.date(2022, 12, 15)


def seed_template():
    template, _new = template_save(
        template=None, title="Экспертный лист для оценки программы", note="", sections=CHECKLIST
    )
    return template


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpertSession

    cluster = factory.SubFactory(ClusterFactory)
    title = "Экспертиза образовательных программ"
    date_from = dt.date(2022, 6, 21)
    date_to = dt.date(2022, 6, 30)
    template = factory.LazyFunction(seed_template)
