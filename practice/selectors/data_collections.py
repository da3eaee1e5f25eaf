"""Data collections: each college's progress, late submissions and where to fill them in."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse

from cluster_portal.core.access import can_add, may
from cluster_portal.core.imports.kinds import get_kind

from .. import locks
from ..choices import CollectionTopic, MentoringFormat, SubmissionStatus
from ..models import DataCollection, EmploymentOutcome, Placement, Student, Submission
from .conditions import percent, placement_exists


@dataclass(frozen=True)
class Progress:
    """What a college has entered for a collection."""

    expected: int  # e.g. graduates of the year
    filled: int  # e.g. graduates with an outcome for the year
    records: int  # rows of the topic (outcomes, placements, students)

    @property
    def missing(self) -> int:
        return max(self.expected - self.filled, 0)

    @property
    def share(self) -> Decimal | None:
        return percent(self.filled, self.expected)


PROGRESS_LABELS = {
    CollectionTopic.EMPLOYMENT: ("Выпускников года", "Со сведениями о трудоустройстве", "Записей о трудоустройстве"),
    CollectionTopic.PRACTICE: ("Студентов на практике", "Из них с отметкой о наставничестве", "Записей о практике"),
    CollectionTopic.STUDENTS: ("Студентов выпуска года", "С указанной группой", "Записей о студентах"),
}


def academic_year_bounds(year: int) -> tuple[dt.date, dt.date]:
    """The academic year ending in ``year``: 1 September ``year`` − 1 … 31 August ``year``."""
    return dt.date(year - 1, 9, 1), dt.date(year, 8, 31)


def collection_progress(collection: DataCollection, colleges: list[int] | None = None) -> dict[int, Progress]:
    """Per college id, what is entered for the collection (one aggregate query)."""
    year = collection.year
    if collection.topic == CollectionTopic.PRACTICE:
        start, end = academic_year_bounds(year)
        in_year = Q(date_end__gte=start, date_start__lte=end)
        qs = Student.objects.filter(placement_exists(in_year))
        rows = qs.values("college").annotate(
            expected=Count("pk"),
            filled=Count(
                "pk",
                filter=Q(
                    placement_exists(
                        in_year & Q(mentoring_format__in=[MentoringFormat.INDIVIDUAL, MentoringFormat.SHIFTS])
                    )
                ),
            ),
            records=Count("placements", filter=Q(placements__date_end__gte=start, placements__date_start__lte=end)),
        )
    elif collection.topic == CollectionTopic.EMPLOYMENT:
        qs = Student.objects.filter(graduation_year=year)
        rows = qs.values("college").annotate(
            expected=Count("pk"),
            filled=Count("pk", filter=Q(Exists(EmploymentOutcome.objects.filter(student=OuterRef("pk"), year=year)))),
            records=Count("outcomes", filter=Q(outcomes__year=year)),
        )
    else:
        qs = Student.objects.filter(graduation_year=year)
        rows = qs.values("college").annotate(
            expected=Count("pk"), filled=Count("pk", filter=~Q(group_name="")), records=Count("pk")
        )
    if colleges is not None:
        rows = rows.filter(college__in=colleges)
    return {
        row["college"]: Progress(row["expected"], row["filled"], row["records"]) for row in rows.order_by("college")
    }


def submission_is_late(submission: Submission, today: dt.date) -> bool:
    """Not (yet) handed in although the deadline has passed."""
    return submission.collection.deadline < today and submission.status in (
        SubmissionStatus.PENDING,
        SubmissionStatus.RETURNED,
    )


def collection_links(collection: DataCollection, user, college=None, *, writable: bool = True) -> list[tuple[str, str]]:
    """Where a college fills in a collection: the filtered lists and, if ``writable``, the form and the Excel
    upload; only the links the user may follow."""
    suffix = f"&college={college.pk}" if college is not None else ""
    year = collection.year
    if collection.topic == CollectionTopic.EMPLOYMENT:
        lists = [
            (
                "Записи о трудоустройстве",
                f"{reverse('practice:employmentoutcome_list')}?year={year}{suffix}",
                EmploymentOutcome,
            ),
            ("Выпускники года", f"{reverse('practice:student_list')}?graduation_year={year}{suffix}", Student),
        ]
        writes = [
            ("Добавить запись", f"{reverse('practice:employmentoutcome_add')}?year={year}", EmploymentOutcome),
            ("Загрузить из Excel", reverse("core:import", args=["outcomes"]), "outcomes"),
        ]
    elif collection.topic == CollectionTopic.PRACTICE:
        start, end = academic_year_bounds(year)
        lists = [
            (
                "Практики учебного года",
                f"{reverse('practice:placement_list')}?date_start_min={start}&date_start_max={end}{suffix}",
                Placement,
            )
        ]
        writes = [
            ("Добавить практику", reverse("practice:placement_add"), Placement),
            ("Загрузить из Excel", reverse("core:import", args=["placements"]), "placements"),
        ]
    else:
        lists = [("Студенты выпуска", f"{reverse('practice:student_list')}?graduation_year={year}{suffix}", Student)]
        writes = [
            ("Добавить студента", f"{reverse('practice:student_add')}?graduation_year={year}", Student),
            ("Загрузить из Excel", reverse("core:import", args=["students"]), "students"),
        ]
    shown = [(label, url) for label, url, model in lists if may(user, model, "view")]
    if writable:
        shown += [(label, url) for label, url, target in writes if _may_write(user, target)]
    return shown


def _may_write(user, target) -> bool:
    """Whether the user may add rows of a model, or load an import kind (named by its key)."""
    if not isinstance(target, str):
        return can_add(user, target)
    try:
        get_kind(target).check_permission(user)
    except (LookupError, PermissionDenied):
        return False
    return True


def handed_in_answers(college_id: int) -> locks.Locks:
    """A college's answers under review or accepted, by (topic, college id, year): what locks its rows."""
    queryset = Submission.objects.filter(status__in=locks.LOCKING, college=college_id).select_related("collection")
    return {(s.collection.topic, s.college_id, s.collection.year): s for s in queryset.order_by("pk")}


def read_only_reason(user, obj) -> str | None:
    """Why a college representative sees this row of their college without «Изменить», or None."""
    coverage = locks.coverage_of(type(obj)) if locks.writes_checked(user) else None
    if coverage is None:
        return None
    college_id = coverage.college_of(obj)
    if college_id != user.organization_id:
        return None
    years = coverage.years({name: getattr(obj, name) for name in (coverage.first, coverage.last)})
    return locks.lock_error(handed_in_answers(college_id), coverage.topic, college_id, years or ())
