"""Factories of the events tests."""

import datetime as dt

import factory

from members.tests.factories import ClusterFactory, OrganizationFactory
from practice.tests.factories import ProgramFactory, StudentFactory

from ..choices import EventStatus, ExamKind
from ..models import Event, EventKind, ExamResult, ExamSession

__all__ = [
    "EventFactory",
    "EventKindFactory",
    "ExamResultFactory",
    "ExamSessionFactory",
    "ProgramFactory",
    "StudentFactory",
]


class EventKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventKind
        django_get_or_create = ("name",)

    name = "День открытых дверей"
    public_by_default = True


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event
        skip_postgeneration_save = True

    cluster = factory.SubFactory(ClusterFactory)
    kind = factory.SubFactory(EventKindFactory)
    title = factory.Sequence(lambda n: f"Мероприятие {n}")
    date_start = dt.date(2022, 4, 15)
    organizer = factory.SubFactory(OrganizationFactory, kind="college")
    status = EventStatus.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        event = model_class(*args, **kwargs)
        event.clean()  # the period bounds, as the service computes them
        event.save()
        return event


class ExamSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExamSession

    cluster = factory.SubFactory(ClusterFactory)
    college = factory.SubFactory(OrganizationFactory, kind="college")
    specialty = factory.SubFactory("practice.tests.factories.SpecialtyFactory")
    year = 2022
    kind = ExamKind.DE_BASIC
    date_from = dt.date(2022, 6, 14)
    site = "Мастерская станков с ЧПУ"


def program_of(college, specialty):
    """The college's program of the specialty, made once."""
    from programs.models import Program

    return Program.objects.filter(college=college, specialty=specialty).first() or ProgramFactory(
        college=college, specialty=specialty
    )


class ExamResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExamResult

    session = factory.SubFactory(ExamSessionFactory)
    student = factory.LazyAttribute(
        lambda r: StudentFactory(
            program=program_of(r.session.college, r.session.specialty), graduation_year=r.session.year
        )
    )
    passed = True
