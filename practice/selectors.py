"""Reads of the practice app: scoped lists, collection progress, analytics and checklist figures.

Definitions used everywhere (the analytics page, the report and the expert's checklist):

* A graduate of year Y is a student with ``graduation_year == Y``.
* Graduation is taken as 30 June of Y (vocational colleges graduate in June–July), so
  «трудоустроен в течение года» means an outcome dated no later than 30 June of Y + 1.
* Employed by specialty within a year: an outcome with status «по специальности» in that window.
  Employed (total): status by specialty, not by specialty or self-employed, in that window.
* Job offers after practice: placements marked «получено приглашение на работу».
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse

from cluster_portal.core.access import may, restrict
from members.models import Sector
from members.selectors import default_cluster

from .choices import EMPLOYED_STATUSES, CollectionTopic, MentoringFormat, OutcomeStatus, SubmissionStatus
from .models import (
    DataCollection,
    EmploymentOutcome,
    Placement,
    PracticeAgreement,
    PracticeBase,
    Student,
    StudentDataAccess,
    Submission,
    TeacherInternship,
)
from .stats import Comparison, compare

GRADUATION_MONTH_DAY = (6, 30)


# Lists -----------------------------------------------------------------------------------------
def practice_base_list(*, user, action: str = "view") -> QuerySet[PracticeBase]:
    return restrict(
        PracticeBase.objects.select_related("enterprise", "added_by").prefetch_related("specialties"), user, action
    )


def agreement_list(*, user, action: str = "view") -> QuerySet[PracticeAgreement]:
    return restrict(PracticeAgreement.objects.select_related("college", "enterprise"), user, action)


def student_list(*, user, action: str = "view") -> QuerySet[Student]:
    return restrict(Student.objects.select_related("college", "program__specialty", "program__college"), user, action)


def placement_list(*, user, action: str = "view") -> QuerySet[Placement]:
    return restrict(
        Placement.objects.select_related(
            "student__college", "student__program__specialty", "base__enterprise"
        ).prefetch_related("mentors"),
        user,
        action,
    )


def outcome_list(*, user, action: str = "view") -> QuerySet[EmploymentOutcome]:
    return restrict(
        EmploymentOutcome.objects.select_related("student__college", "student__program__specialty", "employer"),
        user,
        action,
    )


def internship_list(*, user, action: str = "view") -> QuerySet[TeacherInternship]:
    return restrict(TeacherInternship.objects.select_related("college", "enterprise"), user, action)


def collection_list(*, user, action: str = "view") -> QuerySet[DataCollection]:
    counts = {
        f"n_{status}": Count("submissions", filter=Q(submissions__status=status))
        for status in ("pending", "submitted", "returned", "accepted")
    }
    return restrict(
        DataCollection.objects.select_related("cluster").annotate(**counts).order_by("-deadline", "pk"), user, action
    )


def submission_list(*, user, action: str = "view") -> QuerySet[Submission]:
    return restrict(
        Submission.objects.select_related("collection__cluster", "college", "submitted_by", "reviewed_by"), user, action
    )


def access_log_list(*, user, action: str = "view") -> QuerySet[StudentDataAccess]:
    return restrict(StudentDataAccess.objects.select_related("user__organization"), user, action)


# Shared conditions -----------------------------------------------------------------------------
def within_year_of_graduation(prefix: str = "") -> Q:
    """Outcomes dated no later than 30 June of the year after the (outer) student's graduation."""
    grad = OuterRef(f"{prefix}graduation_year")
    month = GRADUATION_MONTH_DAY[0]
    return Q(date__year__lte=grad) | Q(date__year=grad + 1, date__month__lte=month)


def employed_exists(*, by_specialty: bool, prefix: str = "") -> Exists:
    statuses = [OutcomeStatus.BY_SPECIALTY] if by_specialty else list(EMPLOYED_STATUSES)
    return Exists(
        EmploymentOutcome.objects.filter(
            within_year_of_graduation(prefix), student=OuterRef(f"{prefix}pk"), status__in=statuses
        )
    )


def outcome_exists() -> Exists:
    return Exists(EmploymentOutcome.objects.filter(student=OuterRef("pk")))


def placement_exists(condition: Q | None = None) -> Exists:
    qs = Placement.objects.filter(student=OuterRef("pk"))
    return Exists(qs.filter(condition) if condition is not None else qs)


def percent(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent with one decimal, or None when ``whole`` is 0."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


# Checklist figures (criteria 3.2 and 3.3 of the expert's checklist) ---------------------------
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


# Data collections ------------------------------------------------------------------------------
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


# Analytics -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Scope:
    """The graduates the analytics is about."""

    year_from: int | None = None
    year_to: int | None = None
    college: object | None = None
    sector: object | None = None

    def students(self) -> QuerySet[Student]:
        qs = Student.objects.all()
        if self.year_from:
            qs = qs.filter(graduation_year__gte=self.year_from)
        if self.year_to:
            qs = qs.filter(graduation_year__lte=self.year_to)
        if self.college is not None:
            qs = qs.filter(college=self.college)
        if self.sector is not None:
            qs = qs.filter(program__specialty__group__in=self.sector.groups.all())
        return qs


def latest_monitored_year() -> int | None:
    """The latest graduation year with any employment outcome: later cohorts are not monitored yet."""
    return (
        EmploymentOutcome.objects.order_by("-student__graduation_year")
        .values_list("student__graduation_year", flat=True)
        .first()
    )


@dataclass
class RateRow:
    """One line of an employment table."""

    label: str
    graduates: int
    with_outcome: int
    employed: int
    by_specialty: int
    extra: str = ""

    @property
    def employed_rate(self) -> Decimal | None:
        return percent(self.employed, self.graduates)

    @property
    def by_specialty_rate(self) -> Decimal | None:
        return percent(self.by_specialty, self.graduates)

    @property
    def coverage(self) -> Decimal | None:
        return percent(self.with_outcome, self.graduates)


RATE_AGGREGATES = {
    "graduates": lambda: Count("pk"),
    "with_outcome": lambda: Count("pk", filter=Q(outcome_exists())),
    "employed": lambda: Count("pk", filter=Q(employed_exists(by_specialty=False))),
    "by_specialty": lambda: Count("pk", filter=Q(employed_exists(by_specialty=True))),
}


def _rates(qs: QuerySet, *fields: str) -> list[dict]:
    return list(
        qs.values(*fields).annotate(**{name: make() for name, make in RATE_AGGREGATES.items()}).order_by(*fields)
    )


def rate_row(label: str, row: dict, extra: str = "") -> RateRow:
    return RateRow(label, row["graduates"], row["with_outcome"], row["employed"], row["by_specialty"], extra)


def total_row(rows: list[RateRow], label: str = "Всего") -> RateRow:
    return RateRow(
        label,
        sum(r.graduates for r in rows),
        sum(r.with_outcome for r in rows),
        sum(r.employed for r in rows),
        sum(r.by_specialty for r in rows),
    )


@dataclass(frozen=True)
class Factor:
    key: str
    label: str
    exposed: str
    unexposed: str
    condition: Q


FACTORS = (
    Factor(
        "mentor",
        "Наставник от предприятия",
        "с наставником (индивидуальным или сменными)",
        "только руководитель группы",
        Q(mentoring_format__in=[MentoringFormat.INDIVIDUAL, MentoringFormat.SHIFTS]),
    ),
    Factor(
        "individual",
        "Индивидуальный наставник",
        "с индивидуальным наставником",
        "без индивидуального наставника",
        Q(mentoring_format=MentoringFormat.INDIVIDUAL),
    ),
    Factor(
        "assignment",
        "Реальное производственное задание",
        "выполняли реальное задание",
        "не выполняли",
        Q(real_assignment=True),
    ),
    Factor(
        "paid", "Оплачиваемое трудоустройство на практике", "были трудоустроены", "не были", Q(paid_employment=True)
    ),
    Factor(
        "offer", "Приглашение на работу по итогам практики", "получили приглашение", "не получили", Q(job_offer=True)
    ),
)


@dataclass
class FactorRow:
    """A factor's 2×2 comparison within one specialty (or in total)."""

    factor: Factor
    label: str
    comparison: Comparison


@dataclass
class Analytics:
    scope: Scope
    by_year: list[RateRow]
    by_college: list[RateRow]
    by_sector: list[RateRow]
    by_specialty: list[RateRow]
    by_program: list[RateRow]
    total: RateRow
    formats: list[dict]
    offers: list[dict]
    factors: list[FactorRow]

    def chart_data(self) -> dict:
        """Numbers for the charts of the page (read by practice/static/practice/analytics.js)."""

        def series(rows):
            return {
                "labels": [r.label for r in rows],
                "employed": [float(r.employed_rate or 0) for r in rows],
                "by_specialty": [float(r.by_specialty_rate or 0) for r in rows],
            }

        totals = [f for f in self.factors if f.label == "Всего"]
        return {
            "by_year": series(self.by_year),
            "by_college": series(self.by_college),
            "by_sector": series(self.by_sector),
            "formats": {
                "labels": [f["label"] for f in self.formats],
                "rate": [float(f["rate"] or 0) for f in self.formats],
                "graduates": [f["graduates"] for f in self.formats],
            },
            "factors": {
                "labels": [f.factor.label for f in totals],
                "exposed": [round(f.comparison.exposed_rate or 0, 1) for f in totals],
                "unexposed": [round(f.comparison.unexposed_rate or 0, 1) for f in totals],
            },
        }


def analytics(scope: Scope) -> Analytics:
    """Every table of the analytics page, by aggregate queries only (their number is constant)."""
    students = scope.students()
    by_year = [rate_row(str(r["graduation_year"]), r) for r in _rates(students, "graduation_year")]
    by_college = [rate_row(r["college__short_name"], r) for r in _rates(students, "college__short_name")]
    by_specialty = [
        rate_row(f"{r['program__specialty__code']} {r['program__specialty__name']}", r)
        for r in _rates(students, "program__specialty__code", "program__specialty__name")
    ]
    by_program = [
        rate_row(
            f"{r['program__specialty__code']} {r['program__specialty__name']}", r, r["program__college__short_name"]
        )
        for r in _rates(
            students, "program__specialty__code", "program__specialty__name", "program__college__short_name"
        )
    ]
    by_group = {r["program__specialty__group"]: r for r in _rates(students, "program__specialty__group")}
    by_sector = _sector_rows(by_group)
    return Analytics(
        scope=scope,
        by_year=by_year,
        by_college=by_college,
        by_sector=by_sector,
        by_specialty=by_specialty,
        by_program=by_program,
        total=total_row(by_year),
        formats=_formats(students),
        offers=_offers(students),
        factors=_factors(students),
    )


def _sector_rows(by_group: dict) -> list[RateRow]:
    """Sectors of the cluster from their enlarged groups (a student belongs to one group)."""
    cluster = default_cluster()
    sectors = (
        Sector.objects.filter(cluster=cluster).prefetch_related("groups").order_by("order", "name") if cluster else []
    )
    rows = []
    for sector in sectors:
        sums = defaultdict(int)
        codes = []
        for group in sector.groups.all():
            codes.append(group.code)
            for name in RATE_AGGREGATES:
                sums[name] += by_group.get(group.pk, {}).get(name, 0)
        rows.append(
            RateRow(
                sector.name,
                sums["graduates"],
                sums["with_outcome"],
                sums["employed"],
                sums["by_specialty"],
                ", ".join(codes),
            )
        )
    return rows


def _formats(students: QuerySet[Student]) -> list[dict]:
    """Graduates by the mentoring format of their practice, with employment by specialty."""
    with_spec = Q(employed_exists(by_specialty=True))
    aggregates = {}
    for value, _label in MentoringFormat.choices:
        has = Q(placement_exists(Q(mentoring_format=value)))
        aggregates[f"{value}_n"] = Count("pk", filter=has)
        aggregates[f"{value}_e"] = Count("pk", filter=has & with_spec)
    placements = dict(
        Placement.objects.filter(student__in=students.values("pk"))
        .values("mentoring_format")
        .annotate(n=Count("pk"))
        .order_by("mentoring_format")
        .values_list("mentoring_format", "n")
    )
    row = students.aggregate(**aggregates)
    return [
        {
            "key": value,
            "label": label,
            "placements": placements.get(value, 0),
            "graduates": row[f"{value}_n"],
            "employed": row[f"{value}_e"],
            "rate": percent(row[f"{value}_e"], row[f"{value}_n"]),
        }
        for value, label in MentoringFormat.choices
    ]


def _offers(students: QuerySet[Student]) -> list[dict]:
    """Job offers after practice by college: who got one and how many of them work by specialty."""
    offer = Q(placement_exists(Q(job_offer=True)))
    rows = students.values("college__short_name").annotate(
        practiced=Count("pk", filter=Q(placement_exists())),
        offered=Count("pk", filter=offer),
        offered_employed=Count("pk", filter=offer & Q(employed_exists(by_specialty=True))),
    )
    result = []
    for r in rows.order_by("college__short_name"):
        result.append(
            {
                "label": r["college__short_name"],
                "practiced": r["practiced"],
                "offered": r["offered"],
                "offer_share": percent(r["offered"], r["practiced"]),
                "offered_employed": r["offered_employed"],
                "offered_employed_share": percent(r["offered_employed"], r["offered"]),
            }
        )
    return result


def _factors(students: QuerySet[Student]) -> list[FactorRow]:
    """2×2 tables of each factor against employment by specialty, per specialty and in total.

    Only graduates with at least one recorded practice are compared; a graduate is «exposed»
    when any of their placements has the factor.
    """
    employed = Q(employed_exists(by_specialty=True))
    aggregates = {}
    for f in FACTORS:
        exposed = Q(placement_exists(f.condition))
        aggregates[f"{f.key}_a"] = Count("pk", filter=exposed & employed)
        aggregates[f"{f.key}_b"] = Count("pk", filter=exposed & ~employed)
        aggregates[f"{f.key}_c"] = Count("pk", filter=~exposed & employed)
        aggregates[f"{f.key}_d"] = Count("pk", filter=~exposed & ~employed)
    fields = ("program__specialty__code", "program__specialty__name")
    rows = list(students.filter(placement_exists()).values(*fields).annotate(**aggregates).order_by(*fields))
    result = []
    for f in FACTORS:
        cells = [[r[f"{f.key}_{x}"] for x in "abcd"] for r in rows]
        total = [sum(c[i] for c in cells) for i in range(4)]
        result.append(FactorRow(f, "Всего", compare(*total)))
        for r, c in zip(rows, cells, strict=True):
            result.append(FactorRow(f, f"{r[fields[0]]} {r[fields[1]]}", compare(*c)))
    return result


# Pages -----------------------------------------------------------------------------------------
def base_figures(*, base: PracticeBase) -> dict:
    """Aggregate figures of a practice base (no student rows; one query)."""
    return Placement.objects.filter(base=base).aggregate(
        placements=Count("pk"),
        students=Count("student", distinct=True),
        job_offers=Count("pk", filter=Q(job_offer=True)),
        real_assignments=Count("pk", filter=Q(real_assignment=True)),
        **{f"format_{value}": Count("pk", filter=Q(mentoring_format=value)) for value in MentoringFormat.values},
    )


def submission_is_late(submission: Submission, today: dt.date) -> bool:
    """Not (yet) handed in although the deadline has passed."""
    return submission.collection.deadline < today and submission.status in (
        SubmissionStatus.PENDING,
        SubmissionStatus.RETURNED,
    )


def collection_links(collection: DataCollection, college=None) -> list[tuple[str, str]]:
    """Where a college fills in a collection: the filtered list, the form and the Excel upload."""
    suffix = f"&college={college.pk}" if college is not None else ""
    year = collection.year
    if collection.topic == CollectionTopic.EMPLOYMENT:
        return [
            ("Записи о трудоустройстве", f"{reverse('practice:employmentoutcome_list')}?year={year}{suffix}"),
            ("Добавить запись", f"{reverse('practice:employmentoutcome_add')}?year={year}"),
            ("Загрузить из Excel", reverse("core:import", args=["outcomes"])),
            ("Выпускники года", f"{reverse('practice:student_list')}?graduation_year={year}{suffix}"),
        ]
    if collection.topic == CollectionTopic.PRACTICE:
        start, end = academic_year_bounds(year)
        return [
            (
                "Практики учебного года",
                f"{reverse('practice:placement_list')}?date_start_min={start}&date_start_max={end}{suffix}",
            ),
            ("Добавить практику", reverse("practice:placement_add")),
            ("Загрузить из Excel", reverse("core:import", args=["placements"])),
        ]
    return [
        ("Студенты выпуска", f"{reverse('practice:student_list')}?graduation_year={year}{suffix}"),
        ("Добавить студента", f"{reverse('practice:student_add')}?graduation_year={year}"),
        ("Загрузить из Excel", reverse("core:import", args=["students"])),
    ]


def overview(*, user) -> list[tuple[str, int, str]]:
    """Counts of the practice records the user may see, with links (constant queries)."""
    sections = [
        ("Базы практики", PracticeBase, practice_base_list, "practice:practicebase_list"),
        ("Договоры о практике", PracticeAgreement, agreement_list, "practice:practiceagreement_list"),
        ("Студенты", Student, student_list, "practice:student_list"),
        ("Практики студентов", Placement, placement_list, "practice:placement_list"),
        ("Трудоустройство выпускников", EmploymentOutcome, outcome_list, "practice:employmentoutcome_list"),
        ("Стажировки преподавателей", TeacherInternship, internship_list, "practice:teacherinternship_list"),
        ("Сборы данных", DataCollection, collection_list, "practice:datacollection_list"),
    ]
    result = []
    for label, model, selector, url_name in sections:
        if may(user, model, "view"):
            qs = selector(user=user)
            result.append((label, qs.order_by().values("pk").count(), reverse(url_name)))
    return result
