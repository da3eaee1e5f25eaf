import pytest

from members.tests.factories import ClusterFactory, EnlargedGroupFactory, MembershipFactory, SectorFactory

from .factories import (
    AdditionalProgramFactory,
    AdmissionTargetFactory,
    ProgramDocumentFactory,
    ProgramFactory,
    SpecialtyFactory,
)


@pytest.fixture
def bank(users, college_org, other_college_org, employer_org, settings, tmp_path):
    """A small cluster: one sector (15.00.00) with two colleges, a program of each, a document, targets."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    cluster = ClusterFactory()
    for college in (college_org, other_college_org):
        MembershipFactory(cluster=cluster, organization=college, role="college")
    group = EnlargedGroupFactory(code="15.00.00", name="Машиностроение")
    sector = SectorFactory(cluster=cluster, name="Машиностроение")
    sector.groups.add(group)
    sector.colleges.add(college_org, through_defaults={"order": 1})
    sector.colleges.add(other_college_org, through_defaults={"order": 2})
    specialty = SpecialtyFactory(
        code="15.02.32", name="Оператор станков с программным управлением", group=group, is_top50=True
    )
    other_specialty = SpecialtyFactory(
        code="15.02.12",
        name="Монтаж, техническая эксплуатация и ремонт промышленного оборудования (по отраслям)",
        group=group,
    )
    program = ProgramFactory(college=college_org, specialty=specialty, relevance="Нужны операторы станков с ЧПУ.")
    program.partners.add(employer_org)
    other_program = ProgramFactory(college=other_college_org, specialty=other_specialty)
    document = ProgramDocumentFactory(program=program)
    target = AdmissionTargetFactory(college=college_org, specialty=specialty, year=2023, proposed=25)
    previous = AdmissionTargetFactory(
        college=college_org, specialty=specialty, year=2022, proposed=20, agreed=20, status="agreed"
    )
    additional = AdditionalProgramFactory(college=college_org)
    return {
        "cluster": cluster,
        "group": group,
        "sector": sector,
        "specialty": specialty,
        "other_specialty": other_specialty,
        "program": program,
        "other_program": other_program,
        "document": document,
        "target": target,
        "previous": previous,
        "additional": additional,
        "org": college_org,
        "other_org": other_college_org,
        "employer": employer_org,
    }
