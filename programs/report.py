"""The program bank's sections of the annual report: sectors with their colleges and program
counts (the seed's «29 … из них 5 …» sentence), and the structure of an ОПОП presentation."""

from __future__ import annotations

from cluster_portal.core.reporting import AcademicYear, ReportSection, Sheet
from cluster_portal.core.xlsx import Column
from members.models import Cluster
from members.report import cluster_genitive

from .card import CARD_SECTIONS, PRESENTATION_TITLE
from .selectors import AgreementRound, ProgramCounts, agreed_in, program_counts, sector_programs


def plural(number: int, one: str, few: str, many: str) -> str:
    """The Russian noun form for a number: 1 программа, 2 программы, 5 программ."""
    tail = number % 100
    if 11 <= tail <= 14:
        return many
    return {1: one, 2: few, 3: few, 4: few}.get(number % 10, many)


def counts_sentence(counts: ProgramCounts) -> str:
    """«29 основных профессиональных образовательных программ реализовывались в 2021/2022 уч. году…»."""
    total, multi = counts.total, counts.multi_college
    text = (
        f"{total} "
        + plural(
            total,
            "основная профессиональная образовательная программа реализовывалась",
            "основные профессиональные образовательные программы реализовывались",
            "основных профессиональных образовательных программ реализовывались",
        )
        + f" в {counts.year.label} уч. году в рамках кластера"
    )
    if not multi:
        return text + "."
    groups = ", ".join(f"УГПС {g.code}" if i == 0 else g.code for i, g in enumerate(counts.multi_college_groups))
    verb = "реализуется" if multi % 10 == 1 and multi % 100 != 11 else "реализуются"
    return (
        f"{text}, из них {multi} "
        + plural(multi, "образовательная программа", "образовательные программы", "образовательных программ")
        + f" {verb} несколькими ПОО из {groups}"
    )


def agreement_sentence(round_: AgreementRound) -> str:
    """«16.05.2022 согласованы контрольные цифры приёма в ПОО кластера на 2023 год: 245 мест по 12 …»."""
    places, specialties = round_.total, round_.specialties
    return (
        f"{round_.agreed_on:%d.%m.%Y} согласованы контрольные цифры приёма в ПОО кластера на {round_.year} год: "
        f"{places} {plural(places, 'место', 'места', 'мест')} по {specialties} "
        + plural(specialties, "специальности (профессии)", "специальностям (профессиям)", "специальностям (профессиям)")
        + f" в {round_.colleges} ПОО."
    )


ADMISSION_COLUMNS = [
    Column("Дата согласования", "d", width=14),
    Column("Год приёма", "y", width=10),
    Column("ПОО", "c", width=40),
    Column("Код", "k", width=10),
    Column("Специальность (профессия)", "s", width=60),
    Column("Мест", "n", width=8),
]


def admission_section(*, cluster: Cluster, year: AcademicYear) -> ReportSection:
    """The КЦП per college and specialty agreed during the year, computed from the dated agreements."""
    rounds = agreed_in(cluster=cluster, year=year)
    rows = [
        (
            r.agreed_on,
            r.year,
            d.target.college.short_name,
            d.target.specialty.code,
            d.target.specialty.name,
            d.agreed,
        )
        for r in rounds
        for d in r.rows
    ]
    return ReportSection(
        key="admission_targets",
        title=ADMISSION_TITLE.format(year=year.label),
        template="reports/sections/programs_admission_targets.html",
        context={
            "rounds": [(r, agreement_sentence(r)) for r in rounds],
            "year": year,
            "demo": any(r.demo for r in rounds),
        },
        sheets=[Sheet("КЦП согласованные", ADMISSION_COLUMNS, rows)],
        empty=not rounds,
    )


ADMISSION_TITLE = "Контрольные цифры приёма, согласованные в {year} учебном году"


def sections(*, cluster: Cluster, year: AcademicYear) -> list[ReportSection]:
    counts = program_counts(cluster=cluster, year=year)
    sectors = sector_programs(cluster=cluster, year=year)
    sector_rows = [
        (
            row.sector.name,
            ", ".join(g.code for g in row.groups),
            college.name,
            number,
        )
        for row in sectors
        for college, number in row.colleges
    ]
    return [
        ReportSection(
            key="programs_sectors",
            title=f"Особенность {cluster_genitive(cluster)}",
            template="reports/sections/programs_sectors.html",
            context={
                "sectors": sectors,
                "counts": counts,
                "sentence": counts_sentence(counts),
                "year": year,
                "basis": cluster.composition_order,
            },
            sheets=[
                Sheet(
                    "Отрасли и ПОО",
                    [
                        Column("Отрасль", "s", width=35),
                        Column("УГПС", "g", width=12),
                        Column("ПОО", "c", width=60),
                        Column(f"Программ в {year.label}", "n", width=14),
                    ],
                    sector_rows,
                ),
                Sheet(
                    "Программы по УГПС",
                    [
                        Column("УГПС", "g", width=60),
                        Column("Программ", "t", width=12),
                        Column("Из них несколькими ПОО", "m", width=16),
                    ],
                    [(str(row.group), row.total, row.multi_college) for row in counts.by_group],
                ),
            ],
            empty=not sectors and not counts.total,
        ),
        admission_section(cluster=cluster, year=year),
        ReportSection(
            key="presentation_structure",
            title=PRESENTATION_TITLE,
            template="reports/sections/programs_presentation_structure.html",
            context={"sections": CARD_SECTIONS},
        ),
    ]
