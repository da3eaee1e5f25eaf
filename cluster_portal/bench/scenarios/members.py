"""Benchmark data and pages of the members app (``make bench``)."""

from __future__ import annotations

import tempfile
import time

from openpyxl import Workbook, load_workbook

from cluster_portal.bench import registry
from cluster_portal.bench.registry import BenchPage
from cluster_portal.core.imports import get_kind, run_import
from cluster_portal.core.system_user import SYSTEM_USER
from cluster_portal.core.xlsx import write_sheet
from members.choices import MembershipRole, OrganizationKind
from members.models import Membership, Organization, Person
from members.selectors import default_cluster

TOWNS = ["Томск", "Северск", "Асино", "Колпашево", "Стрежевой", "Кожевниково", "Парабель", "Каргасок"]


# The organizations this generator makes are named «Колледж 2-5» and «Предприятие 2-5» (copy-number); other
# demo organizations (the demo seed's invented «Демо-…» employers, the demo IT cluster's) are not the bench's.
BENCH_NAME = r"«(Колледж|Предприятие) [0-9]+-[0-9]+»"


def bench_organizations():
    """The organizations the bench generated, by its own naming (not every demo organization)."""
    return Organization.objects.filter(is_demo=True, short_name__regex=BENCH_NAME)


def generate(*, factor: int, rng) -> str:
    """(factor - 1) more copies of the seed's composition: 9 colleges and 16 other organizations each."""
    if factor <= 1:
        return "только данные отчёта"
    cluster = default_cluster()
    orgs = []
    for copy in range(1, factor):
        for n in range(9):
            orgs.append(
                Organization(
                    kind=OrganizationKind.COLLEGE,
                    short_name=f"ОГБПОУ «Колледж {copy}-{n}»",
                    name=f"ОГБПОУ «Демонстрационный колледж № {copy}-{n}»",
                    town=rng.choice(TOWNS),
                    is_demo=True,
                )
            )
        for n in range(16):
            orgs.append(
                Organization(
                    kind=OrganizationKind.EMPLOYER,
                    short_name=f"ООО «Предприятие {copy}-{n}»",
                    name=f"ООО «Демонстрационное предприятие № {copy}-{n}»",
                    town=rng.choice(TOWNS),
                    is_demo=True,
                )
            )
    Organization.objects.bulk_create(orgs, batch_size=2000)
    created = bench_organizations()
    Membership.objects.bulk_create(
        [
            Membership(
                cluster=cluster,
                organization=o,
                role=MembershipRole.COLLEGE if o.kind == OrganizationKind.COLLEGE else MembershipRole.EMPLOYER,
            )
            for o in created
        ],
        batch_size=2000,
    )
    people = [
        Person(
            last_name=f"Сотрудник{o.pk}-{i}",
            first_name="Иван",
            middle_name="Петрович",
            position="Специалист",
            organization=o,
            is_demo=True,
        )
        for o in created.iterator(chunk_size=2000)
        for i in range(3)
    ]
    Person.objects.bulk_create(people, batch_size=5000)
    return f"организаций {Organization.objects.count()}, персон {Person.objects.count()}"


def import_rate(*, factor: int) -> list[tuple[str, str, str]]:
    """Rows per second of the organizations import beside openpyxl's own read of the same file."""
    rows = 500 * factor
    kind = get_kind("organizations")
    workbook = Workbook(write_only=True)
    data = [
        (
            "Работодатель (предприятие)",
            f"ООО «Импорт {i}» полное",
            f"ООО «Импорт {i}»",
            "",
            "Томск",
            "",
            "",
            "",
            "",
            "",
            "",
        )
        for i in range(rows)
    ]
    write_sheet(workbook, "Данные", kind.columns, data)
    with tempfile.NamedTemporaryFile(suffix=".xlsx") as spool:
        workbook.save(spool.name)
        start = time.perf_counter()
        book = load_workbook(spool.name, read_only=True, data_only=True)
        count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
        book.close()
        read = time.perf_counter() - start
        with open(spool.name, "rb") as handle:
            start = time.perf_counter()
            result = run_import(kind, handle, user=SYSTEM_USER, dry_run=False)
            total = time.perf_counter() - start
    assert result.saved, result.errors[:3]
    return [
        (
            f"Import of {rows} organizations",
            f"{rows / total:.0f} rows/s ({total:.1f} s)",
            f"openpyxl read alone: {count / read:.0f} rows/s ({read:.2f} s)",
        )
    ]


def lead_college_url() -> str:
    return default_cluster().lead_college.get_absolute_url()


PAGES = [
    BenchPage("Главная", "/", "coordinator"),
    BenchPage("Главная: первый показ после изменения практик", "/", "coordinator", after_change="practice.Placement"),
    BenchPage(
        "Организации",
        "/members/",
        "coordinator",
        "members.Organization",
        ("short_name", "name", "kind", "town", "phone", "email"),
    ),
    BenchPage(
        "Персоны",
        "/members/persons/",
        "coordinator",
        "members.Person",
        ("last_name", "first_name", "middle_name", "position", "organization__short_name", "email", "phone"),
    ),
    BenchPage("Организация (карточка)", lead_college_url, "coordinator"),
]


def register() -> None:
    """Called by ``registry.load()`` (``manage.py bench``), never at start-up."""
    registry.register_generator("Участники", generate)
    registry.register_extra("Импорт организаций", import_rate)
    registry.register_pages(PAGES)
