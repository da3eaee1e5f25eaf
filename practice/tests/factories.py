import datetime as dt

import factory

from members.tests.factories import EnlargedGroupFactory, OrganizationFactory
from practice.models import (
    DataCollection,
    EmploymentOutcome,
    Placement,
    PracticeAgreement,
    PracticeBase,
    Student,
    TeacherInternship,
)
from programs.tests import factories as bank


class SpecialtyFactory(bank.SpecialtyFactory):
    code = factory.Sequence(lambda n: f"15.02.{n % 90 + 10:02d}")
    level = "ppssz"
    group = factory.SubFactory(EnlargedGroupFactory, code="15.00.00")


class ProgramFactory(bank.ProgramFactory):
    class Meta:
        skip_postgeneration_save = False

    specialty = factory.SubFactory(SpecialtyFactory)
    qualification = "техник"
    first_year = 2015


class PracticeBaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeBase

    enterprise = factory.SubFactory(OrganizationFactory, kind="employer")
    address = factory.Sequence(lambda n: f"г. Томск, ул. Заводская, {n}")


class PracticeAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeAgreement

    college = factory.SubFactory(OrganizationFactory, kind="college")
    enterprise = factory.SubFactory(OrganizationFactory, kind="employer")
    number = factory.Sequence(lambda n: f"П-{n}")
    date = dt.date(2022, 1, 10)
    form = "regional"


class StudentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Student

    program = factory.SubFactory(ProgramFactory)
    college = factory.SelfAttribute("program.college")
    record_number = factory.Sequence(lambda n: f"Л-{n:05d}")
    full_name = factory.Sequence(lambda n: f"Студентов{n} Иван")
    group_name = "521"
    admission_year = 2018
    graduation_year = 2022


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    student = factory.SubFactory(StudentFactory)
    base = factory.SubFactory(PracticeBaseFactory)
    kind = "industrial"
    date_start = factory.Sequence(lambda n: dt.date(2021, 1, 1) + dt.timedelta(days=n))
    date_end = factory.LazyAttribute(lambda p: p.date_start + dt.timedelta(days=27))
    mentoring_format = "individual"


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmploymentOutcome

    student = factory.SubFactory(StudentFactory)
    year = factory.SelfAttribute("student.graduation_year")
    status = "by_specialty"
    date = factory.LazyAttribute(lambda o: dt.date(o.student.graduation_year, 9, 1))


class InternshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TeacherInternship

    college = factory.SubFactory(OrganizationFactory, kind="college")
    enterprise = factory.SubFactory(OrganizationFactory, kind="employer")
    teacher = factory.Sequence(lambda n: f"Преподавателев{n} П. П.")
    topic = "Наладка оборудования"
    date_start = dt.date(2022, 3, 1)
    date_end = dt.date(2022, 3, 10)


class CollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataCollection

    title = factory.Sequence(lambda n: f"Трудоустройство выпускников {2000 + n}")
    topic = "employment"
    year = factory.Sequence(lambda n: 2000 + n)
    deadline = dt.date(2022, 12, 1)
