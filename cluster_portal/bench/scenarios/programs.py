"""Benchmark data and pages of the program bank (``make bench``)."""

from __future__ import annotations

from cluster_portal.bench import registry
from cluster_portal.bench.registry import BenchPage
from members.choices import OrganizationKind
from members.models import Organization
from programs.choices import BaseEducation, StudyForm, TargetStatus
from programs.models import AdmissionTarget, Program, Specialty

PROGRAMS_PER_COLLEGE = 3


def generated_colleges():
    """The colleges the members scenario adds at scales above the seed."""
    return Organization.objects.filter(is_demo=True, kind=OrganizationKind.COLLEGE, short_name__contains="-")


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
    return f"программ {Program.objects.count()}, КЦП {AdmissionTarget.objects.count()}"


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
