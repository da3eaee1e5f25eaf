"""Benchmark data and pages of the program bank (``make bench``)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from cluster_portal.bench import registry
from cluster_portal.bench.registry import BenchPage
from cluster_portal.bench.scenarios.members import bench_organizations
from cluster_portal.core.roles import Role
from members.choices import OrganizationKind
from members.models import User
from programs.choices import BaseEducation, StudyForm, TargetStatus
from programs.models import AdmissionAgreement, AdmissionTarget, Program, Specialty
from programs.seed import AGREED_2023, AGREED_2023_ON
from programs.services import admission_target_agree

PROGRAMS_PER_COLLEGE = 3
# The coordinator agrees most of a year's proposals at the spring council of the academic year before
# admission (the seed: КЦП 2023 on 16.05.2022, in the 2021/2022 report); the rest stay proposed. The
# later year is agreed less often: its round is still open for part of the colleges.
AGREEMENT_ROUNDS = {
    2023: (AGREED_2023_ON, AGREED_2023, 0.8),
    2024: (dt.date(2023, 5, 15), "Согласовано на заседании Координационного совета 15.05.2023.", 0.5),
}


def generated_colleges():
    """The colleges the members scenario adds at scales above the seed."""
    return bench_organizations().filter(kind=OrganizationKind.COLLEGE)


def generate(*, factor: int, rng) -> str:
    """Three programs per generated college and their admission targets for two years."""
    if factor <= 1:
        return "только данные отчёта"
    specialties = list(Specialty.objects.order_by("code").values_list("pk", flat=True))
    programs = []
    for college_id in generated_colleges().order_by("pk").values_list("pk", flat=True):
        for specialty_id in rng.sample(specialties, PROGRAMS_PER_COLLEGE):
            programs.append(
                Program(
                    college_id=college_id,
                    specialty_id=specialty_id,
                    qualification="техник",
                    study_form=StudyForm.FULL_TIME,
                    base_education=rng.choice(BaseEducation.values),
                    duration="3 г. 10 мес.",
                    first_year=rng.randint(2005, 2020),
                    dual_training=rng.random() < 0.3,
                    network_form=rng.random() < 0.2,
                    is_demo=True,
                )
            )
    Program.objects.bulk_create(programs, batch_size=2000, ignore_conflicts=True)
    targets = [
        AdmissionTarget(
            college_id=p.college_id,
            specialty_id=p.specialty_id,
            year=year,
            proposed=rng.randint(15, 75),
            status=TargetStatus.PROPOSED,
            is_demo=True,
        )
        for p in Program.objects.filter(is_demo=True, college__in=generated_colleges()).only("college", "specialty")
        for year in (2023, 2024)
    ]
    AdmissionTarget.objects.bulk_create(targets, batch_size=5000, ignore_conflicts=True)
    agree(rng=rng)
    return (
        f"программ {Program.objects.count()}, КЦП {AdmissionTarget.objects.count()}, "
        f"согласований {AdmissionAgreement.objects.count()}"
    )


def agree(*, rng) -> int:
    """The coordinator agrees a share of the generated proposals through the service the form uses (a dated
    ``AdmissionAgreement`` per target, read by the annual report of the round's academic year): the proposed
    number, or one cut or raised by five places as a council does."""
    coordinator = User.objects.filter(role=Role.COORDINATOR).order_by("pk").first()
    proposals = (
        AdmissionTarget.objects.filter(
            is_demo=True, status=TargetStatus.PROPOSED, college__in=generated_colleges(), year__in=AGREEMENT_ROUNDS
        )
        .select_related("college", "specialty")
        .order_by("pk")
    )
    count = 0
    with transaction.atomic():
        for target in proposals:
            agreed_on, comment, share = AGREEMENT_ROUNDS[target.year]
            if rng.random() >= share:
                continue
            number = max(5, target.proposed + rng.choice((-5, 0, 0, 0, 5)))
            admission_target_agree(target=target, agreed=number, agreed_on=agreed_on, comment=comment, user=coordinator)
            count += 1
    return count


PAGES = [
    BenchPage(
        "Банк программ",
        "/programs/",
        "coordinator",
        "programs.Program",
        (
            "specialty__code",
            "specialty__name",
            "college__short_name",
            "specialty__level",
            "study_form",
            "base_education",
            "first_year",
            "last_year",
            "network_form",
            "dual_training",
            "is_published",
            "specialty__is_top50",
            "specialty__is_regional_priority",
            "specialty__is_advanced_competence",
            "partners__short_name",
        ),
    ),
    BenchPage(
        "Контрольные цифры приёма",
        "/programs/targets/",
        "coordinator",
        "programs.AdmissionTarget",
        (
            "year",
            "college__short_name",
            "specialty__code",
            "specialty__name",
            "proposed",
            "agreed",
            "status",
            "comment",
        ),
    ),
    BenchPage(
        "Банк программ: первый показ после изменения программ",
        "/programs/",
        "coordinator",
        after_change="programs.Program",
    ),
    BenchPage("Каталог для абитуриентов", "/catalog/", "coordinator"),
]


def register() -> None:
    """Called by ``registry.load()`` (``manage.py bench``), never at start-up."""
    registry.register_generator("Банк программ", generate)
    registry.register_pages(PAGES)
