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

The change and delete rules of the three models exclude the locked rows (``OwnOpenRows``), so
every view and import that scopes by ``restrict(…, "change")`` leaves them alone; the forms and
import rows check the rows they would create or move with ``lock_error``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from django.db.models import Case, Exists, OuterRef, QuerySet, Value, When
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


def _handed_in(topic: str) -> QuerySet:
    from .models import Submission

    return Submission.objects.filter(collection__topic=topic, status__in=LOCKING)


def open_students(queryset: QuerySet) -> QuerySet:
    locked = _handed_in(CollectionTopic.STUDENTS).filter(
        college=OuterRef("college"), collection__year=OuterRef("graduation_year")
    )
    return queryset.exclude(Exists(locked))


def open_outcomes(queryset: QuerySet) -> QuerySet:
    locked = _handed_in(CollectionTopic.EMPLOYMENT).filter(
        college=OuterRef("student__college"), collection__year=OuterRef("year")
    )
    return queryset.exclude(Exists(locked))


def open_placements(queryset: QuerySet) -> QuerySet:
    queryset = queryset.alias(_year_from=_academic_year_of("date_start"), _year_to=_academic_year_of("date_end"))
    locked = _handed_in(CollectionTopic.PRACTICE).filter(
        college=OuterRef("student__college"),
        collection__year__gte=OuterRef("_year_from"),
        collection__year__lte=OuterRef("_year_to"),
    )
    return queryset.exclude(Exists(locked))


class OwnOpenRows(Rule):
    """The rows of the user's college (``path``), except those its handed-in answers lock."""

    def __init__(self, path: str, open_rows: Callable[[QuerySet], QuerySet]):
        self.own = own(path)
        self.open_rows = open_rows

    def apply(self, queryset, user):
        return self.open_rows(self.own.apply(queryset, user))

    def __repr__(self):
        return f"OwnOpenRows({self.own.path!r})"


def locks_of(college_id: int) -> Locks:
    """A college's answers under review or accepted, by (topic, college id, year)."""
    from .models import Submission

    queryset = Submission.objects.filter(status__in=LOCKING, college=college_id).select_related("collection")
    return {(s.collection.topic, s.college_id, s.collection.year): s for s in queryset.order_by("pk")}


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


def form_lock_error(user, topic: str, college_id: int | None, years: Iterable[int]) -> str | None:
    """``lock_error`` for one form of ``user`` (one query, for a college representative only)."""
    if college_id is None or not writes_checked(user):
        return None
    return lock_error(locks_of(college_id), topic, college_id, years)


def refuse_locked(form, field: str, topic: str, college_id: int | None, years: Iterable[int]) -> None:
    """Put ``form_lock_error`` of the form's user on ``field``, if the rows it would write are locked."""
    error = form_lock_error(form.user, topic, college_id, years)
    if error:
        form.add_error(field, error)


# What locks one row of each model: its topic, its college and its years.
def row_lock(obj) -> tuple[str, int, range] | None:
    from .models import EmploymentOutcome, Placement, Student

    if isinstance(obj, Student):
        return CollectionTopic.STUDENTS, obj.college_id, range(obj.graduation_year, obj.graduation_year + 1)
    if isinstance(obj, EmploymentOutcome):
        return CollectionTopic.EMPLOYMENT, obj.student.college_id, range(obj.year, obj.year + 1)
    if isinstance(obj, Placement):
        return CollectionTopic.PRACTICE, obj.student.college_id, academic_years(obj.date_start, obj.date_end)
    return None


def read_only_reason(user, obj) -> str | None:
    """Why a college representative sees this row of their college without «Изменить», or None."""
    lock = row_lock(obj) if writes_checked(user) else None
    if lock is None or lock[1] != user.organization_id:
        return None
    topic, college_id, years = lock
    return lock_error(locks_of(college_id), topic, college_id, years)
