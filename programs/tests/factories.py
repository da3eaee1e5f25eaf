import factory

from members.tests.factories import EnlargedGroupFactory, OrganizationFactory
from programs.choices import AdditionalKind, Level
from programs.models import AdditionalProgram, AdmissionTarget, Program, ProgramDocument, Specialty


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty
        django_get_or_create = ("code",)

    # Not a code the tests name (15.02.32, 15.02.12, ...): a factory specialty never is one of theirs.
    # 810 distinct codes (90.02.10 … 98.02.99; 99 stays unknown) before one repeats: a repeated code is
    # get-or-created, and two programs of one college on one specialty break program_unique_per_college.
    code = factory.Sequence(lambda n: f"{90 + n // 90 % 9}.02.{n % 90 + 10:02d}")
    name = factory.Sequence(lambda n: f"Специальность {n}")
    level = Level.MID_LEVEL
    group = factory.LazyAttribute(lambda s: EnlargedGroupFactory(code=f"{s.code[:2]}.00.00"))


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        skip_postgeneration_save = True

    college = factory.SubFactory(OrganizationFactory, kind="college")
    specialty = factory.SubFactory(SpecialtyFactory)
    qualification = "Техник"
    duration = "3 г. 10 мес."
    first_year = 2019


class ProgramDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgramDocument

    program = factory.SubFactory(ProgramFactory)
    title = factory.Sequence(lambda n: f"Учебный план {n}")
    file = factory.django.FileField(filename="plan.pdf", data=b"%PDF-1.4 test")


class AdditionalProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdditionalProgram

    college = factory.SubFactory(OrganizationFactory, kind="college")
    kind = AdditionalKind.VOCATIONAL
    title = factory.Sequence(lambda n: f"Программа профобучения {n}")
    year = 2021
    hours = 72


class AdmissionTargetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdmissionTarget

    college = factory.SubFactory(OrganizationFactory, kind="college")
    specialty = factory.SubFactory(SpecialtyFactory)
    year = 2023
    proposed = 25
