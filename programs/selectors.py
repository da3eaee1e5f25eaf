"""Reads of the program bank, scoped by the kernel's access rules."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from cluster_portal.core.access import restrict
from cluster_portal.core.dataversion import kept
from cluster_portal.core.demo import includes_demo
from cluster_portal.core.reporting import AcademicYear
from members.models import Cluster, EnlargedGroup, Membership, Organization, Sector, SectorCollege
from members.selectors import names_on, valid_during

from .choices import TargetStatus
from .models import (
    AdditionalProgram,
    AdmissionAgreement,
    AdmissionRound,
    AdmissionTarget,
    Program,
    ProgramDocument,
    Specialty,
)


# Lists ----------------------------------------------------------------------------------------
def specialty_list(*, user, action: str = "view") -> QuerySet[Specialty]:
    return restrict(Specialty.objects.select_related("group"), user, action)


def program_list(*, user, action: str = "view") -> QuerySet[Program]:
    """Programs with their ``partner_list`` (a list: a prefetched manager per row costs a page more than its query)."""
    return restrict(
        Program.objects.select_related("college", "specialty", "specialty__group").prefetch_related(
            Prefetch("partners", queryset=Organization.objects.order_by("short_name"), to_attr="partner_list")
        ),
        user,
        action,
    )


def program_document_list(*, user, action: str = "view") -> QuerySet[ProgramDocument]:
    return restrict(ProgramDocument.objects.select_related("program"), user, action)


def additional_program_list(*, user, action: str = "view") -> QuerySet[AdditionalProgram]:
    return restrict(AdditionalProgram.objects.select_related("college", "group"), user, action)


def admission_round_list(*, user, action: str = "view") -> QuerySet[AdmissionRound]:
    return restrict(AdmissionRound.objects.all(), user, action)


def admission_target_list(*, user, action: str = "view") -> QuerySet[AdmissionTarget]:
    return restrict(AdmissionTarget.objects.select_related("college", "specialty", "specialty__group"), user, action)


def running_in(queryset: QuerySet[Program], year: int) -> QuerySet[Program]:
    """Programs running in the academic year starting in ``year``."""
    return queryset.filter(Q(first_year__lte=year), Q(last_year__isnull=True) | Q(last_year__gte=year))


# Search ---------------------------------------------------------------------------------------
def program_search(queryset: QuerySet[Program], text: str) -> QuerySet[Program]:
    """Programs matching ``text`` by specialty code or name, qualification, college or sector.

    PostgreSQL: Russian full-text search («станков» finds «Оператор станков…», «станок» too) over
    the specialty, qualification, group and college, plus the sector names, OR a code prefix match.
    Other databases: every word must occur (icontains) in one of those fields.
    """
    text = " ".join(text.split())[:200]
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        return _search_postgresql(queryset, text)
    return _search_plain(queryset, text)


def _search_postgresql(queryset, text):
    from django.contrib.postgres.search import SearchQuery, SearchVector

    query = SearchQuery(text, config="russian", search_type="websearch")
    vector = SearchVector(
        "specialty__code",
        "specialty__name",
        "qualification",
        "specialty__group__name",
        "college__name",
        "college__short_name",
        config="russian",
    )
    sectors = Sector.objects.annotate(document=SearchVector("name", config="russian")).filter(
        groups=OuterRef("specialty__group"), document=query
    )
    return queryset.annotate(search=vector).filter(
        Q(search=query) | Q(specialty__code__icontains=text) | Q(Exists(sectors))
    )


def _case_variants(word: str) -> set[str]:
    # SQLite's LIKE folds ASCII only: try the forms a Cyrillic word is usually written in.
    return {word, word.lower(), word.capitalize(), word.upper()}


def _search_plain(queryset, text):
    fields = (
        "specialty__code",
        "specialty__name",
        "qualification",
        "specialty__group__name",
        "college__name",
        "college__short_name",
    )
    for word in text.split()[:8]:
        condition = Q()
        for variant in _case_variants(word):
            for name in fields:
                condition |= Q(**{f"{name}__icontains": variant})
            condition |= Q(Exists(Sector.objects.filter(groups=OuterRef("specialty__group"), name__icontains=variant)))
        queryset = queryset.filter(condition)
    return queryset


# Counts ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class GroupCount:
    group: EnlargedGroup
    total: int
    multi_college: int


@dataclass(frozen=True)
class ProgramCounts:
    """How many programs ran in an academic year, and how many at several colleges."""

    year: AcademicYear
    total: int
    multi_college: int
    by_group: list[GroupCount] = field(default_factory=list)
    demo: bool = False  # generated programs are among those counted

    @property
    def multi_college_groups(self) -> list[EnlargedGroup]:
        return [row.group for row in self.by_group if row.multi_college]


def member_colleges(*, cluster: Cluster, year: AcademicYear) -> QuerySet[Organization]:
    """Colleges that are members of ``cluster`` at some time during ``year``."""
    memberships = Membership.objects.filter(
        valid_during(year.first_day, year.last_day), cluster=cluster, organization=OuterRef("pk")
    )
    return Organization.objects.filter(Exists(memberships), kind="college")


PROGRAM_COUNT_READS = (Program, Organization, Membership, Specialty, EnlargedGroup)


def program_counts(*, cluster: Cluster, year: AcademicYear) -> ProgramCounts:
    """The program figures of the annual report (the seed: «29 …, из них 5 … несколькими ПОО»).

    A program counts for the year when it runs in it (``first_year <= year.start`` and
    ``last_year`` empty or ``>= year.start``) at a college that is a member of the cluster during
    the year. Programs are counted as distinct specialties: the same specialty in several forms of
    study or on several bases at one college is one program; a specialty run by two or more
    colleges is one program «реализуемая несколькими ПОО». One query, kept per data version.
    """
    return kept(
        "program_counts",
        (cluster.pk, year.start),
        reads=PROGRAM_COUNT_READS,
        compute=lambda: _program_counts(cluster, year),
    )


def _program_counts(cluster: Cluster, year: AcademicYear) -> ProgramCounts:
    running = running_in(Program.objects.filter(college__in=member_colleges(cluster=cluster, year=year)), year.start)
    rows = (
        running.values("specialty_id", "specialty__group_id", "specialty__group__code", "specialty__group__name")
        .annotate(colleges=Count("college_id", distinct=True))
        .order_by("specialty_id")
    )
    per_group: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    groups: dict[int, EnlargedGroup] = {}
    for row in rows:
        pk = row["specialty__group_id"]
        if pk not in groups:
            groups[pk] = EnlargedGroup(pk=pk, code=row["specialty__group__code"], name=row["specialty__group__name"])
        counts = per_group[pk]
        counts[0] += 1
        counts[1] += row["colleges"] >= 2
    by_group = [
        GroupCount(groups[pk], total, multi)
        for pk, (total, multi) in sorted(per_group.items(), key=lambda i: groups[i[0]].code)
    ]
    return ProgramCounts(
        year=year,
        total=sum(g.total for g in by_group),
        multi_college=sum(g.multi_college for g in by_group),
        by_group=by_group,
        demo=includes_demo(running),
    )


@dataclass
class SectorRow:
    """A sector with its groups, its colleges and how many programs each runs in the sector's groups."""

    sector: Sector
    groups: list[EnlargedGroup]
    colleges: list[tuple[Organization, int]]
    total: int
    multi_college: int


def sector_programs(*, cluster: Cluster, year: AcademicYear) -> list[SectorRow]:
    """Sectors of the cluster with their colleges and program counts for the year (five queries).

    A sector lists the colleges that are members of the cluster during the year, named as it ended.

    A sector's programs are the running programs in its enlarged groups, counted as distinct
    specialties as in ``program_counts``; a college's figure is its distinct specialties there.
    """
    members = member_colleges(cluster=cluster, year=year)
    colleges = SectorCollege.objects.filter(college__in=members).select_related("college").order_by("order", "pk")
    sectors = list(
        Sector.objects.filter(cluster=cluster)
        .prefetch_related(
            Prefetch("groups", queryset=EnlargedGroup.objects.order_by("code")),
            Prefetch("college_links", queryset=colleges),
        )
        .order_by("order", "name")
    )
    names_on((link.college for sector in sectors for link in sector.college_links.all()), year.last_day)
    pairs = set(
        running_in(Program.objects.filter(college__in=members), year.start)
        .values_list("specialty__group_id", "specialty_id", "college_id")
        .order_by()
        .distinct()
    )
    result = []
    for sector in sectors:
        group_ids = {g.pk for g in sector.groups.all()}
        in_sector = [(spec, college) for group, spec, college in pairs if group in group_ids]
        by_specialty: dict[int, set[int]] = defaultdict(set)
        by_college: dict[int, set[int]] = defaultdict(set)
        for spec, college in in_sector:
            by_specialty[spec].add(college)
            by_college[college].add(spec)
        result.append(
            SectorRow(
                sector=sector,
                groups=list(sector.groups.all()),
                colleges=[
                    (link.college, len(by_college.get(link.college_id, ()))) for link in sector.college_links.all()
                ],
                total=len(by_specialty),
                multi_college=sum(1 for c in by_specialty.values() if len(c) >= 2),
            )
        )
    return result


# Admission targets summary --------------------------------------------------------------------
@dataclass
class TargetRow:
    sector: str
    college: Organization
    previous: int | None
    proposed: int | None
    agreed: int | None
    pending: int

    @property
    def current(self) -> int | None:
        return self.agreed if self.agreed is not None else self.proposed

    @property
    def change(self) -> int | None:
        if self.previous is None or self.current is None:
            return None
        return self.current - self.previous

    @property
    def change_percent(self) -> float | None:
        if self.change is None or not self.previous:
            return None
        return round(100 * self.change / self.previous, 1)


NO_SECTOR = "Вне отраслей кластера"


def admission_target_summary(*, user, cluster: Cluster | None, year: int) -> list[TargetRow]:
    """КЦП by sector and college for ``year`` beside ``year - 1`` (agreed, else proposed).

    A target belongs to the sector of the cluster whose enlarged groups include its specialty's
    group. Rows are the targets the user may see; three queries whatever their number.
    """
    sector_of: dict[int, str] = {}
    order: dict[str, int] = {}
    if cluster is not None:
        for position, sector in enumerate(
            Sector.objects.filter(cluster=cluster).prefetch_related("groups").order_by("order", "name")
        ):
            order[sector.name] = position
            for group in sector.groups.all():
                sector_of.setdefault(group.pk, sector.name)
    rows = (
        admission_target_list(user=user)
        .filter(year__in=[year - 1, year])
        .values_list("college_id", "specialty__group_id", "year", "proposed", "agreed", "status")
        .order_by()
    )
    table: dict[tuple[str, int], dict] = {}
    for college_id, group_id, target_year, proposed, agreed, status in rows:
        key = (sector_of.get(group_id, NO_SECTOR), college_id)
        cell = table.setdefault(key, {"previous": None, "proposed": None, "agreed": None, "pending": 0})
        if target_year == year - 1:
            value = agreed if agreed is not None else proposed
            cell["previous"] = (cell["previous"] or 0) + value
        else:
            cell["proposed"] = (cell["proposed"] or 0) + proposed
            if agreed is not None:
                cell["agreed"] = (cell["agreed"] or 0) + agreed
            if status != "agreed":
                cell["pending"] += 1
    colleges = Organization.objects.in_bulk([college for _sector, college in table])
    result = [TargetRow(sector=sector, college=colleges[college], **cell) for (sector, college), cell in table.items()]
    result.sort(key=lambda r: (order.get(r.sector, len(order)), r.sector, r.college.short_name))
    return result


def admission_target_totals(rows: list[TargetRow]) -> dict:
    """The summary's column sums; the change only over colleges and sectors with figures in both years."""
    compared = [r for r in rows if r.change is not None]
    change = _total(r.change for r in compared)
    base = _total(r.previous for r in compared)
    return {
        "previous": _total(r.previous for r in rows),
        "proposed": _total(r.proposed for r in rows),
        "agreed": _total(r.agreed for r in rows),
        "change": change,
        "change_percent": round(100 * change / base, 1) if change is not None and base else None,
        "pending": sum(r.pending for r in rows),
    }


def _total(values) -> int | None:
    """The sum of the figures present; None when there is none."""
    present = [v for v in values if v is not None]
    return sum(present) if present else None


# Admission targets agreed in a year (the annual report) ---------------------------------------
@dataclass
class AgreementRound:
    """The targets agreed on one date for one admission year (the seed: КЦП на 2023 год, 16.05.2022)."""

    agreed_on: dt.date
    year: int
    rows: list[AdmissionAgreement] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.agreed for row in self.rows)

    @property
    def colleges(self) -> int:
        return len({row.target.college_id for row in self.rows})

    @property
    def specialties(self) -> int:
        return len({row.target.specialty_id for row in self.rows})

    @property
    def by_college(self) -> list[tuple[Organization, list[AdmissionAgreement]]]:
        grouped: dict[int, list[AdmissionAgreement]] = {}
        for row in self.rows:
            grouped.setdefault(row.target.college_id, []).append(row)
        return [(rows[0].target.college, rows) for rows in grouped.values()]

    @property
    def demo(self) -> bool:
        return any(row.is_demo for row in self.rows)


def in_force(decisions: list[AdmissionAgreement]) -> list[AdmissionAgreement]:
    """A target's decisions (in the order recorded) less those a later-recorded one replaced: a decision
    dated on or before an earlier-recorded one's date corrects it from that date on."""
    kept, earliest_later = [], None
    for decision in reversed(decisions):
        if earliest_later is None or decision.agreed_on < earliest_later:
            kept.append(decision)
        earliest_later = decision.agreed_on if earliest_later is None else min(earliest_later, decision.agreed_on)
    return kept[::-1]


def agreed_in(*, cluster: Cluster, year: AcademicYear) -> list[AgreementRound]:
    """The КЦП agreed during ``year`` for the cluster's colleges, as the decisions dated in it read: per target
    its last decision of the year, unless that withdrew the agreement. Colleges are named as at the year's end.
    One query whatever the number of targets; decisions dated after the year are not read."""
    decisions = (
        AdmissionAgreement.objects.filter(
            target__college__in=member_colleges(cluster=cluster, year=year), agreed_on__lte=year.last_day
        )
        .select_related("target__college", "target__specialty")
        .order_by("target_id", "pk")
    )
    per_target: dict[int, list[AdmissionAgreement]] = defaultdict(list)
    for decision in decisions:
        per_target[decision.target_id].append(decision)
    last = []
    for history in per_target.values():
        dated = [d for d in in_force(history) if d.agreed_on >= year.first_day]
        if dated:
            final = max(dated, key=lambda d: (d.agreed_on, d.pk))
            if final.agreed is not None:
                last.append(final)
    names_on([d.target.college for d in last], year.last_day)
    rounds: dict[tuple, AgreementRound] = {}
    for decision in sorted(
        last, key=lambda d: (d.agreed_on, d.target.year, d.target.college.short_name, d.target.specialty.code)
    ):
        key = (decision.agreed_on, decision.target.year)
        rounds.setdefault(key, AgreementRound(agreed_on=decision.agreed_on, year=decision.target.year)).rows.append(
            decision
        )
    return list(rounds.values())


# Public catalog -------------------------------------------------------------------------------
def catalog_programs() -> QuerySet[Program]:
    """Published programs offered now (no end year, or ending this academic year or later)."""
    year = AcademicYear.current().start
    return (
        Program.objects.filter(is_published=True)
        .filter(Q(last_year__isnull=True) | Q(last_year__gte=year))
        .select_related("college", "specialty", "specialty__group")
    )


@dataclass(frozen=True)
class AdmissionPlaces:
    """State-funded places (agreed КЦП) of a college for a specialty in one admission year."""

    year: int
    places: int
    is_demo: bool
    coming: bool  # the year is the coming admission, not an earlier one


def coming_admission_year(today=None) -> int:
    """The summer a school leaver applies for now: the end of the current academic year."""
    return AcademicYear.current(today).start + 1


def catalog_admission_places(program: Program, *, today=None) -> AdmissionPlaces | None:
    """The agreed КЦП of the program's college and specialty for the coming admission, else the latest before it."""
    year = coming_admission_year(today)
    target = (
        AdmissionTarget.objects.filter(
            college_id=program.college_id,
            specialty_id=program.specialty_id,
            year__lte=year,
            status=TargetStatus.AGREED,
            agreed__isnull=False,
        )
        .order_by("-year")
        .only("year", "agreed", "is_demo")
        .first()
    )
    if target is None:
        return None
    return AdmissionPlaces(year=target.year, places=target.agreed, is_demo=target.is_demo, coming=target.year == year)


def brochure_sectors(*, cluster: Cluster | None, year: AcademicYear) -> list[tuple[str, list[Program]]]:
    """Published programs running in ``year``, grouped by the cluster's sectors (by enlarged group)."""
    programs = list(
        running_in(catalog_programs_all(), year.start)
        .prefetch_related(Prefetch("partners", queryset=Organization.objects.order_by("short_name")))
        .order_by("specialty__code", "college__short_name", "study_form", "base_education")
    )
    sectors = (
        list(Sector.objects.filter(cluster=cluster).prefetch_related("groups").order_by("order", "name"))
        if cluster
        else []
    )
    placed: set[int] = set()
    result = []
    for sector in sectors:
        group_ids = {g.pk for g in sector.groups.all()}
        chosen = [p for p in programs if p.specialty.group_id in group_ids]
        placed.update(p.pk for p in chosen)
        if chosen:
            result.append((sector.name, chosen))
    rest = [p for p in programs if p.pk not in placed]
    if rest:
        result.append(("Другие программы", rest))
    return result


def catalog_programs_all() -> QuerySet[Program]:
    return Program.objects.filter(is_published=True).select_related("college", "specialty", "specialty__group")
