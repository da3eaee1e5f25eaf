"""Data a college has handed in is the college's no more to change.

While a college's answer to a data collection is under review (``SUBMITTED``) or accepted
(``ACCEPTED``), the college's rows that the collection covers are read-only for the college:
- «Трудоустройство выпускников» of year Y: its employment outcomes of monitoring year Y;
- «Контингент студентов» of year Y: its students graduating in Y;
- «Практика и наставничество» of year Y: its placements overlapping the academic year that ends
  in Y (1 September Y − 1 … 31 August Y).
The college may not change or delete those rows, nor add rows to them, by form or by Excel; the
coordinator still may (and the change history records it). A returned answer unlocks the rows; a
college that sent its answer too early withdraws it (``services.submission_withdraw``).

Which rows an answer covers is said once per model (``Coverage``: topic, path to the college,
fields of the years). From it, the change and delete rules of the three models exclude the locked
rows in SQL (``OwnOpenRows``), so every view and import that scopes by ``restrict(…, "change")``
leaves them alone; the forms and import rows refuse the rows they would create or move
(``forms.refuse_locked``, the import's check); a row's page says why it cannot be changed
(``selectors.read_only_reason``); the answers that lock are read by ``selectors.handed_in_answers``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.apps import apps
from django.db.models import Case, Exists, F, OuterRef, QuerySet, Value, When
from django.db.models.functions import ExtractYear

from cluster_portal.core.access import Rule, own
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import Role, role_of

from .choices import CollectionTopic, SubmissionStatus

LOCKING = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)
Locks = dict[tuple[str, int, int], object]  # (topic, college id, year) → the Submission


def academic_year(day: dt.date) -> int:
    """The year a data collection names the academic year by: the year it ends in (2021/2022 → 2022)."""
    return AcademicYear.current(day).plan_year


def academic_years(start: dt.date, end: dt.date) -> range:
    """Every academic year a period overlaps."""
    return range(academic_year(start), academic_year(max(start, end)) + 1)


def _academic_year_of(field: str):
    return ExtractYear(field) + Case(When(**{f"{field}__month__gte": 9}, then=Value(1)), default=Value(0))


@dataclass(frozen=True)
class Coverage:
    """Which rows of a model a college's answer to a data collection covers — the one place that says it.

    ``college``: the path from a row to its college; ``first``/``last``: the row's fields its years
    run between — years, or dates counted by the academic year they fall in (``by_date``);
    ``field``: where a form or an Excel row is told why it is refused.
    """

    topic: str
    college: str
    first: str
    last: str
    by_date: bool = False

    @property
    def field(self) -> str:
        return self.first

    def years(self, values: Mapping[str, object]) -> range | None:
        """The years a row with ``values`` (a form's cleaned data, an instance's fields) falls in."""
        first, last = values.get(self.first), values.get(self.last)
        if first is None or last is None:
            return None
        if self.by_date:
            return academic_years(first, last)
        return range(first, max(first, last) + 1)

    def open_rows(self, queryset: QuerySet) -> QuerySet:
        """``queryset`` without the rows that a handed-in answer of their college covers (SQL)."""
        if self.by_date:
            first, last = _academic_year_of(self.first), _academic_year_of(self.last)
        else:
            first, last = F(self.first), F(self.last)
        locked = _handed_in(self.topic).filter(
            college=OuterRef(self.college),
            collection__year__gte=OuterRef("_lock_first"),
            collection__year__lte=OuterRef("_lock_last"),
        )
        return queryset.alias(_lock_first=first, _lock_last=last).exclude(Exists(locked))

    def college_of(self, obj) -> int | None:
        *hops, last = self.college.split("__")
        for hop in hops:
            obj = getattr(obj, hop)
        return getattr(obj, f"{last}_id")


STUDENT_ROWS = Coverage(CollectionTopic.STUDENTS, "college", "graduation_year", "graduation_year")
OUTCOME_ROWS = Coverage(CollectionTopic.EMPLOYMENT, "student__college", "year", "year")
PLACEMENT_ROWS = Coverage(CollectionTopic.PRACTICE, "student__college", "date_start", "date_end", by_date=True)
COVERAGE = {
    "practice.Student": STUDENT_ROWS,
    "practice.EmploymentOutcome": OUTCOME_ROWS,
    "practice.Placement": PLACEMENT_ROWS,
}


def coverage_of(model) -> Coverage | None:
    return COVERAGE.get(model._meta.label)


def _handed_in(topic: str) -> QuerySet:
    # The models declare their rules with this module, so the answers' model is taken from the
    # app registry when a rule runs (as a lazy "practice.Submission" reference), not imported.
    submission = apps.get_model("practice", "Submission")
    return submission.objects.filter(collection__topic=topic, status__in=LOCKING)


class OwnOpenRows(Rule):
    """The rows of the user's college, except those its handed-in answers lock."""

    def __init__(self, coverage: Coverage):
        self.own = own(coverage.college)
        self.coverage = coverage

    def apply(self, queryset, user):
        return self.coverage.open_rows(self.own.apply(queryset, user))

    def __repr__(self):
        return f"OwnOpenRows({self.coverage.college!r})"


def lock_error(locks: Locks, topic: str, college_id: int | None, years: Iterable[int]) -> str | None:
    """Why a college may not write rows of ``topic`` for these years, or None."""
    for year in years:
        submission = locks.get((topic, college_id, year))
        if submission is not None:
            return _message(submission)
    return None


def _message(submission) -> str:
    title = submission.collection.title
    if submission.status == SubmissionStatus.ACCEPTED:
        return f"Данные сбора «{title}» приняты координатором: изменить их может только координатор."
    return (
        f"Данные сбора «{title}» отправлены координатору на проверку: чтобы изменить их, "
        "отзовите ответ или дождитесь возврата на доработку."
    )


def writes_checked(user) -> bool:
    """Whose writes the locks apply to: a college's representatives (the coordinator corrects freely)."""
    return not getattr(user, "is_superuser", False) and role_of(user) == Role.COLLEGE
