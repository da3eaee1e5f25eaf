"""Figures from the practice data: the checklist's criteria 3.2 and 3.3, a practice base's totals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from ..choices import MentoringFormat
from ..models import Placement, PracticeBase, Student
from .conditions import employed_exists, percent


@dataclass(frozen=True)
class ChecklistFigures:
    """What the practice database says about a program for criteria 3.2 and 3.3."""

    graduates: int
    employed_by_specialty: int
    employed_share: Decimal | None
    job_offer_students: int


def program_checklist_figures(*, program, year: int) -> ChecklistFigures:
    """Figures of ``program`` for graduation year ``year`` (two aggregate queries).

    ``graduates``: students of the program graduating in ``year``; ``employed_by_specialty``: those
    of them with an outcome «по специальности» dated within 12 months of graduation (by 30 June
    of ``year`` + 1); ``employed_share``: that in percent of graduates (one decimal), None without
    graduates; ``job_offer_students``: students of the program who received a job offer at a
    practice that ended within the academic year ending in ``year`` (1 September ``year`` − 1 to
    31 August ``year``).
    """
    row = Student.objects.filter(program=program, graduation_year=year).aggregate(
        graduates=Count("pk"),
        employed=Count("pk", filter=Q(employed_exists(by_specialty=True))),
    )
    offers = (
        Placement.objects.filter(
            student__program=program,
            job_offer=True,
            date_end__gte=dt.date(year - 1, 9, 1),
            date_end__lte=dt.date(year, 8, 31),
        )
        .values("student")
        .distinct()
        .count()
    )
    return ChecklistFigures(
        graduates=row["graduates"],
        employed_by_specialty=row["employed"],
        employed_share=percent(row["employed"], row["graduates"]),
        job_offer_students=offers,
    )


def base_figures(*, base: PracticeBase) -> dict:
    """Aggregate figures of a practice base (no student rows; one query)."""
    return Placement.objects.filter(base=base).aggregate(
        placements=Count("pk"),
        students=Count("student", distinct=True),
        job_offers=Count("pk", filter=Q(job_offer=True)),
        real_assignments=Count("pk", filter=Q(real_assignment=True)),
        **{f"format_{value}": Count("pk", filter=Q(mentoring_format=value)) for value in MentoringFormat.values},
    )
