"""Conditions shared by the analytics, the report and the expert's checklist.

Definitions used everywhere (the analytics page, the report and the expert's checklist):

* A graduate of year Y is a student with ``graduation_year == Y``.
* Graduation is taken as 30 June of Y (vocational colleges graduate in June–July), so
  «трудоустроен в течение года» means an outcome dated no later than 30 June of Y + 1.
* Employed by specialty within a year: an outcome with status «по специальности» in that window.
  Employed (total): status by specialty, not by specialty or self-employed, in that window.
* Job offers after practice: placements marked «получено приглашение на работу».
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet

from ..choices import EMPLOYED_STATUSES, OutcomeStatus
from ..models import EmploymentOutcome, Placement

GRADUATION_MONTH_DAY = (6, 30)


def within_year_of_graduation(graduation_year) -> Q:
    """Outcomes dated no later than 30 June of the year after ``graduation_year`` (an expression)."""
    month = GRADUATION_MONTH_DAY[0]
    return Q(date__year__lte=graduation_year) | Q(date__year=graduation_year + 1, date__month__lte=month)


def employment_statuses(*, by_specialty: bool) -> list[str]:
    return [OutcomeStatus.BY_SPECIALTY] if by_specialty else list(EMPLOYED_STATUSES)


def employment_outcomes(*, by_specialty: bool, graduation_year) -> QuerySet:
    """Outcomes counted as employment within a year of ``graduation_year`` (a year or an expression)."""
    return EmploymentOutcome.objects.filter(
        within_year_of_graduation(graduation_year), status__in=employment_statuses(by_specialty=by_specialty)
    )


def employed_exists(*, by_specialty: bool, prefix: str = "") -> Exists:
    """Whether the (outer) student has an outcome counted as employment within a year of graduation."""
    outcomes = employment_outcomes(by_specialty=by_specialty, graduation_year=OuterRef(f"{prefix}graduation_year"))
    return Exists(outcomes.filter(student=OuterRef(f"{prefix}pk")))


def placement_exists(condition: Q | None = None) -> Exists:
    qs = Placement.objects.filter(student=OuterRef("pk"))
    return Exists(qs.filter(condition) if condition is not None else qs)


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent with one decimal, or None when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
