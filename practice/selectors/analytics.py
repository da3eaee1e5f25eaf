"""The analytics page: employment rates by program, college, sector and year; practice factors."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from members.models import Sector
from members.selectors import default_cluster

from ..choices import MentoringFormat
from ..models import EmploymentOutcome, Placement, Student
from ..stats import Comparison, compare
from .conditions import employed_exists, outcome_exists, percent, placement_exists


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
