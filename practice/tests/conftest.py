import datetime as dt

import pytest

from members.tests.factories import ClusterFactory, EnlargedGroupFactory, MembershipFactory, SectorFactory

from .factories import (
    OutcomeFactory,
    PlacementFactory,
    PracticeAgreementFactory,
    PracticeBaseFactory,
    ProgramFactory,
    SpecialtyFactory,
    StudentFactory,
)


@pytest.fixture
def cluster(college_org, other_college_org):
    cluster = ClusterFactory()
    MembershipFactory(cluster=cluster, organization=college_org, role="lead_college", order=1)
    MembershipFactory(cluster=cluster, organization=other_college_org, role="college", order=2)
    return cluster


@pytest.fixture
def small_world(cluster, college_org, other_college_org, employer_org):
    """The hand-computed data set of the analytics tests (see test_analytics.py)."""
    machine = EnlargedGroupFactory(code="15.00.00", name="Машиностроение")
    energy = EnlargedGroupFactory(code="13.00.00", name="Энергетика")
    s1 = SpecialtyFactory(code="15.02.32", name="Оператор станков с программным управлением", group=machine)
    s2 = SpecialtyFactory(code="13.02.11", name="Техническая эксплуатация оборудования", group=energy)
    sector_m = SectorFactory(cluster=cluster, name="Машиностроение", order=1)
    sector_m.groups.add(machine)
    sector_e = SectorFactory(cluster=cluster, name="Энерго-теплоэнергетика", order=2)
    sector_e.groups.add(energy)
    p1 = ProgramFactory(college=college_org, specialty=s1)
    p2 = ProgramFactory(college=other_college_org, specialty=s2)
    base = PracticeBaseFactory(enterprise=employer_org, address="г. Томск, ул. Тестовая, 1")

    def student(program, number, year):
        return StudentFactory(program=program, record_number=number, graduation_year=year, admission_year=year - 4)

    s = {
        "s1": student(p1, "A-1", 2022),
        "s2": student(p1, "A-2", 2022),
        "s3": student(p1, "A-3", 2022),
        "s4": student(p1, "A-4", 2022),
        "u1": student(p1, "A-5", 2021),
        "t1": student(p2, "B-1", 2022),
        "t2": student(p2, "B-2", 2022),
    }
    OutcomeFactory(student=s["s1"], status="by_specialty", date=dt.date(2022, 9, 1))
    OutcomeFactory(student=s["s2"], status="not_by_specialty", date=dt.date(2022, 10, 1))
    OutcomeFactory(student=s["s3"], status="by_specialty", date=dt.date(2023, 8, 1))  # after the 12 months
    OutcomeFactory(student=s["u1"], status="self_employed", date=dt.date(2021, 12, 1))
    OutcomeFactory(student=s["t1"], status="by_specialty", date=dt.date(2023, 6, 30))  # the last day that counts
    OutcomeFactory(student=s["t2"], status="army", date=dt.date(2022, 7, 1))

    def placement(key, fmt, start, **flags):
        return PlacementFactory(
            student=s[key],
            base=base,
            mentoring_format=fmt,
            date_start=start,
            date_end=start + dt.timedelta(days=27),
            **flags,
        )

    placement("s1", "individual", dt.date(2022, 5, 2), real_assignment=True, job_offer=True)
    placement("s2", "group", dt.date(2021, 6, 1), job_offer=True)  # ended before the 2021/2022 year
    placement("s3", "group", dt.date(2022, 4, 1))
    placement("u1", "individual", dt.date(2021, 4, 1))
    placement("t1", "shifts", dt.date(2022, 4, 4), real_assignment=True)
    placement("t2", "group", dt.date(2022, 4, 4))
    agreement = PracticeAgreementFactory(college=college_org, enterprise=employer_org)
    return {"programs": (p1, p2), "students": s, "base": base, "agreement": agreement, "sectors": (sector_m, sector_e)}
