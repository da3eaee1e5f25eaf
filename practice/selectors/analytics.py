"""The analytics page: employment rates by program, college, sector and year; practice factors."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Q, QuerySet

from cluster_portal.core import disclosure
from cluster_portal.core.dataversion import kept
from cluster_portal.core.demo import includes_demo
from members.models import Cluster, EnlargedGroup, Organization, Sector
from members.selectors import default_cluster
from programs.models import Program, Specialty

from ..choices import MentoringFormat
from ..models import EmploymentOutcome, Placement, Student
from ..stats import Comparison, compare
from .conditions import employment_outcomes, percent
from .tally import roll_up, tally


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


# What the figures of this module read: they are kept per data version of these tables.
OUTCOME_READS = (Student, EmploymentOutcome)
COHORT_READS = (Student, EmploymentOutcome, Placement)
ANALYTICS_READS = (
    Student,
    EmploymentOutcome,
    Placement,
    Program,
    Specialty,
    Organization,
    Cluster,
    Sector,
    EnlargedGroup,
)


def latest_monitored_year() -> int | None:
    """The latest graduation year with any employment outcome: later cohorts are not monitored yet."""
    return kept("latest_monitored_year", (), reads=OUTCOME_READS, compute=_latest_monitored_year)


def _latest_monitored_year() -> int | None:
    return (
        EmploymentOutcome.objects.order_by("-student__graduation_year")
        .values_list("student__graduation_year", flat=True)
        .first()
    )


@dataclass(frozen=True)
class Cohort:
    """The latest monitored cohort for the dashboard, with the job offers of all practices."""

    year: int
    graduates: int
    employed_by_specialty: int
    job_offers: int
    demo: bool = False  # the cohort or the practices counted include generated rows

    @property
    def employed_share(self) -> Decimal | None:
        return percent(self.employed_by_specialty, self.graduates)


def latest_cohort() -> Cohort | None:
    """The latest monitored graduation year, its graduates employed by specialty within the year, job offers."""
    return kept("latest_cohort", (), reads=COHORT_READS, compute=_latest_cohort)


def _latest_cohort() -> Cohort | None:
    year = latest_monitored_year()  # kept apart: a change of placements alone leaves it as it is
    if year is None:
        return None
    graduates = Student.objects.filter(graduation_year=year).count()
    # Counted from the outcomes' side: a third of the time of an EXISTS per graduate at x100.
    employed = (
        employment_outcomes(by_specialty=True, graduation_year=year)
        .filter(student__graduation_year=year)
        .values("student")
        .distinct()
        .count()
    )
    offers = Placement.objects.filter(job_offer=True)
    demo = includes_demo(Student.objects.filter(graduation_year=year)) or includes_demo(offers)
    return Cohort(year, graduates, employed, offers.count(), demo)


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
    demo: bool = False  # the graduates counted include generated ones

    def chart_data(self) -> dict:
        """Numbers for the charts of the page (read by practice/static/practice/analytics.js)."""

        def series(rows):
            return {
                "labels": [r.label for r in rows],
                "employed": [disclosure.plotted(r.employed_rate) for r in rows],
                "by_specialty": [disclosure.plotted(r.by_specialty_rate) for r in rows],
            }

        def rounded(value):
            value = disclosure.plotted(value)
            return None if value is None else round(value, 1)

        totals = [f for f in self.factors if f.label == "Всего"]
        return {
            "by_year": series(self.by_year),
            "by_college": series(self.by_college),
            "by_sector": series(self.by_sector),
            "formats": {
                "labels": [f["label"] for f in self.formats],
                "rate": [disclosure.plotted(f["rate"]) for f in self.formats],
                "graduates": [disclosure.plotted(f["graduates"]) for f in self.formats],
            },
            "factors": {
                "labels": [f.factor.label for f in totals],
                "exposed": [rounded(f.comparison.exposed_rate) for f in totals],
                "unexposed": [rounded(f.comparison.unexposed_rate) for f in totals],
            },
        }


@dataclass(frozen=True)
class ShownRateRow:
    """A RateRow as it is printed: counts and rates of small groups hidden (``core.disclosure``)."""

    label: str
    graduates: object
    with_outcome: object
    employed: object
    by_specialty: object
    employed_rate: object
    by_specialty_rate: object
    coverage: object
    extra: str = ""


def shown_rate(row: RateRow) -> ShownRateRow:
    base = row.graduates
    return ShownRateRow(
        row.label,
        disclosure.count(row.graduates),
        disclosure.count(row.with_outcome),
        disclosure.count(row.employed),
        disclosure.count(row.by_specialty),
        disclosure.share(row.employed_rate, base),
        disclosure.share(row.by_specialty_rate, base),
        disclosure.share(row.coverage, base),
        row.extra,
    )


@dataclass(frozen=True)
class ShownComparison:
    """A Comparison as it is printed: its small cells hidden; the test's figures stay (they are of the whole)."""

    a: object
    b: object
    c: object
    d: object
    exposed: object
    unexposed: object
    exposed_rate: object
    unexposed_rate: object
    odds: object
    p_value: float | None
    enough_data: bool
    significant: bool


def shown_comparison(c: Comparison) -> ShownComparison:
    count, share = disclosure.count, disclosure.share
    return ShownComparison(
        count(c.a),
        count(c.b),
        count(c.c),
        count(c.d),
        count(c.exposed),
        count(c.unexposed),
        share(c.exposed_rate, c.exposed),
        share(c.unexposed_rate, c.unexposed),
        c.odds,
        c.p_value,
        c.enough_data,
        c.significant,
    )


def _shown_format(row: dict) -> dict:
    return {
        **row,
        "graduates": disclosure.count(row["graduates"]),
        "employed": disclosure.count(row["employed"]),
        "rate": disclosure.share(row["rate"], row["graduates"]),
    }


def _shown_offer(row: dict) -> dict:
    return {
        **row,
        "practiced": disclosure.count(row["practiced"]),
        "offered": disclosure.count(row["offered"]),
        "offer_share": disclosure.share(row["offer_share"], row["practiced"]),
        "offered_employed": disclosure.count(row["offered_employed"]),
        "offered_employed_share": disclosure.share(row["offered_employed_share"], row["offered"]),
    }


def shown(result: Analytics) -> Analytics:
    """``result`` as the page, its Excel export and the report print it: small groups shown as «< 5»."""

    def rows(items):
        return [shown_rate(r) for r in items]

    return replace(
        result,
        by_year=rows(result.by_year),
        by_college=rows(result.by_college),
        by_sector=rows(result.by_sector),
        by_specialty=rows(result.by_specialty),
        by_program=rows(result.by_program),
        total=shown_rate(result.total),
        formats=[_shown_format(f) for f in result.formats],
        offers=[_shown_offer(o) for o in result.offers],
        factors=[FactorRow(f.factor, f.label, shown_comparison(f.comparison)) for f in result.factors],
    )


RATE_COUNTS = ("graduates", "with_outcome", "employed", "by_specialty")
OFFER_COUNTS = ("practiced", "x_offer", "x_offer_by_specialty")
FACTOR_COUNTS = (
    "practiced",
    "practiced_by_specialty",
    *(f"x_{f.key}{s}" for f in FACTORS for s in ("", "_by_specialty")),
)
FORMAT_COUNTS = tuple(
    f"{p}{v}{s}" for v in MentoringFormat.values for p, s in (("n_", ""), ("fmt_", ""), ("fmt_", "_by_specialty"))
)


class Cuts:
    """The tally of some graduates with the names of their programs and colleges, cut several ways."""

    def __init__(self, students: QuerySet[Student]):
        self.rows = tally(students, FACTORS)
        self.programs = {
            p["pk"]: p
            for p in Program.objects.filter(pk__in={r["program_id"] for r in self.rows}).values(
                "pk", "specialty__code", "specialty__name", "specialty__group", "college__short_name"
            )
        }
        self.colleges = dict(
            Organization.objects.filter(pk__in={r["college_id"] for r in self.rows}).values_list("pk", "short_name")
        )

    def specialty(self, row) -> tuple[str, str]:
        program = self.programs[row["program_id"]]
        return (program["specialty__code"], program["specialty__name"])

    def by(self, key, names) -> dict:
        return roll_up(self.rows, key, names)

    def by_year(self, names=RATE_COUNTS) -> dict:
        return self.by(lambda r: r["graduation_year"], names)

    def by_college(self, names=RATE_COUNTS) -> dict:
        return self.by(lambda r: self.colleges[r["college_id"]], names)

    def by_specialty(self, names=RATE_COUNTS) -> dict:
        return self.by(self.specialty, names)

    def by_program(self, names=RATE_COUNTS) -> dict:
        return self.by(lambda r: (*self.specialty(r), self.programs[r["program_id"]]["college__short_name"]), names)

    def by_group(self, names=RATE_COUNTS) -> dict:
        return self.by(lambda r: self.programs[r["program_id"]]["specialty__group"], names)

    def overall(self, names) -> Counter:
        return self.by(lambda r: None, names).get(None, Counter())


def _specialty_label(code_name) -> str:
    return f"{code_name[0]} {code_name[1]}"


def rates_by_specialty(students: QuerySet[Student]) -> list[RateRow]:
    """Employment of ``students`` per specialty, ordered by code (the annual report's table)."""
    return _rate_rows(Cuts(students).by_specialty(), _specialty_label)


def analytics(scope: Scope) -> Analytics:
    """Every table of the analytics page from one tally of the graduates (a constant number of queries).

    Kept per data version and scope.
    """
    key = (scope.year_from, scope.year_to, getattr(scope.college, "pk", None), getattr(scope.sector, "pk", None))
    return kept("analytics", key, reads=ANALYTICS_READS, compute=lambda: _analytics(scope))


def _analytics(scope: Scope) -> Analytics:
    cuts = Cuts(scope.students())
    by_year = _rate_rows(cuts.by_year(), str)
    by_college_sums = cuts.by_college((*RATE_COUNTS, *OFFER_COUNTS))
    by_specialty_sums = cuts.by_specialty((*RATE_COUNTS, *FACTOR_COUNTS))
    by_program = [
        RateRow(_specialty_label(key[:2]), *_rates_of(sums), extra=key[2])
        for key, sums in sorted(cuts.by_program().items())
    ]
    return Analytics(
        scope=scope,
        by_year=by_year,
        by_college=_rate_rows(by_college_sums, str),
        by_sector=_sector_rows(cuts.by_group()),
        by_specialty=_rate_rows(by_specialty_sums, _specialty_label),
        by_program=by_program,
        total=total_row(by_year),
        formats=_formats(cuts.overall(FORMAT_COUNTS)),
        offers=_offers(by_college_sums),
        factors=_factors(by_specialty_sums, _specialty_label),
        demo=includes_demo(scope.students()),
    )


def _rates_of(sums: Counter) -> tuple[int, ...]:
    return tuple(sums[name] for name in RATE_COUNTS)


def _rate_rows(sums: dict, label) -> list[RateRow]:
    return [RateRow(label(key), *_rates_of(counts)) for key, counts in sorted(sums.items())]


def _sector_rows(by_group: dict) -> list[RateRow]:
    """Sectors of the cluster from their enlarged groups (a student belongs to one group)."""
    cluster = default_cluster(with_relations=False)
    sectors = (
        Sector.objects.filter(cluster=cluster).prefetch_related("groups").order_by("order", "name") if cluster else []
    )
    rows = []
    for sector in sectors:
        groups = list(sector.groups.all())
        sums = sum((by_group.get(group.pk, Counter()) for group in groups), Counter())
        rows.append(RateRow(sector.name, *_rates_of(sums), ", ".join(group.code for group in groups)))
    return rows


def _formats(sums: Counter) -> list[dict]:
    """Graduates by the mentoring format of their practice, with employment by specialty."""
    return [
        {
            "key": value,
            "label": label,
            "placements": sums[f"n_{value}"],
            "graduates": sums[f"fmt_{value}"],
            "employed": sums[f"fmt_{value}_by_specialty"],
            "rate": percent(sums[f"fmt_{value}_by_specialty"], sums[f"fmt_{value}"]),
        }
        for value, label in MentoringFormat.choices
    ]


def _offers(by_college: dict) -> list[dict]:
    """Job offers after practice by college: who got one and how many of them work by specialty."""
    return [
        {
            "label": college,
            "practiced": sums["practiced"],
            "offered": sums["x_offer"],
            "offer_share": percent(sums["x_offer"], sums["practiced"]),
            "offered_employed": sums["x_offer_by_specialty"],
            "offered_employed_share": percent(sums["x_offer_by_specialty"], sums["x_offer"]),
        }
        for college, sums in sorted(by_college.items())
    ]


def _factors(by_specialty: dict, label) -> list[FactorRow]:
    """2×2 tables of each factor against employment by specialty, per specialty and in total.

    Only graduates with at least one recorded practice are compared; a graduate is «exposed»
    when any of their placements has the factor.
    """
    practiced = [(key, sums) for key, sums in sorted(by_specialty.items()) if sums["practiced"]]
    result = []
    for f in FACTORS:
        cells = [(key, _two_by_two(sums, f)) for key, sums in practiced]
        total = [sum(c[i] for _key, c in cells) for i in range(4)]
        result.append(FactorRow(f, "Всего", compare(*total)))
        result.extend(FactorRow(f, label(key), compare(*c)) for key, c in cells)
    return result


def _two_by_two(sums: Counter, factor: Factor) -> tuple[int, int, int, int]:
    """(exposed & employed, exposed & not, unexposed & employed, unexposed & not) among the practiced."""
    practiced, employed = sums["practiced"], sums["practiced_by_specialty"]
    exposed, both = sums[f"x_{factor.key}"], sums[f"x_{factor.key}_by_specialty"]
    return both, exposed - both, employed - both, practiced - exposed - employed + both
