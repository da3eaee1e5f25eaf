"""Benchmarks of the practice app (``manage.py bench_practice``; not run by the tests).

* ``time_outcome_import``: an xlsx of N employment outcome rows (generated with openpyxl) through
  the kernel's import runner, as a college representative: a dry run (validation and preview), then
  the saving run, then a re-import of the same file (every row an update).
* ``time_analytics``: the analytics page (every aggregate, as one request would compute them) and
  its query count, at N placements.

The data is generated under a dedicated college and enterprise marked as demo data, and removed
afterwards unless ``keep``.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import time
from collections.abc import Iterator

from auditlog.context import disable_auditlog
from django.db import connection, transaction
from openpyxl import Workbook

from cluster_portal.core.imports import get_kind, run_import
from cluster_portal.core.roles import Role
from members.models import EnlargedGroup, Organization, User
from programs.models import Program, Specialty

from .choices import MentoringFormat, OutcomeStatus, PlacementKind
from .io import OUTCOME_COLUMNS
from .models import EmploymentOutcome, Placement, PracticeBase, Student
from .selectors import Scope, analytics

COLLEGE = "ОГБПОУ «БЕНЧМАРК»"
ENTERPRISE = "ООО «Бенчмарк»"


def _world():
    group, _ = EnlargedGroup.objects.get_or_create(code="15.00.00", defaults={"name": "Машиностроение"})
    specialty, _ = Specialty.objects.get_or_create(
        code="15.02.99", defaults={"name": "Специальность для замера", "level": "ppssz", "group": group}
    )
    college, _ = Organization.objects.get_or_create(short_name=COLLEGE, defaults={"kind": "college", "name": COLLEGE})
    enterprise, _ = Organization.objects.get_or_create(
        short_name=ENTERPRISE, defaults={"kind": "employer", "name": ENTERPRISE}
    )
    program, _ = Program.objects.get_or_create(
        college=college,
        specialty=specialty,
        defaults={"qualification": "техник", "duration": "3 г. 10 мес.", "first_year": 2015, "is_demo": True},
    )
    base, _ = PracticeBase.objects.get_or_create(enterprise=enterprise, address="", defaults={"is_demo": True})
    user, _ = User.objects.get_or_create(
        username="bench-college", defaults={"role": Role.COLLEGE, "organization": college}
    )
    return college, program, base, user


def _students(college, program, n: int) -> list[int]:
    existing = Student.objects.filter(college=college).count()
    Student.objects.bulk_create(
        [
            Student(
                college=college,
                program=program,
                record_number=f"Б-{i:06d}",
                group_name=f"Б-{i % 40}",
                admission_year=2016 + i % 5,
                graduation_year=2020 + i % 5,
                is_demo=True,
            )
            for i in range(existing, n)
        ],
        batch_size=2000,
    )
    return list(Student.objects.filter(college=college).order_by("pk").values_list("pk", flat=True)[:n])


def outcome_workbook(rows: int) -> bytes:
    """An outcomes file of ``rows`` rows for the benchmark college (write-only openpyxl)."""
    rng = random.Random(2022)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Данные")
    sheet.append([c.header for c in OUTCOME_COLUMNS])
    statuses = OutcomeStatus.labels
    for i in range(rows):
        graduation = 2020 + i % 5
        sheet.append(
            [
                COLLEGE,
                f"Б-{i:06d}",
                graduation,
                rng.choice(statuses),
                dt.date(graduation, 7, 1) + dt.timedelta(days=rng.randint(0, 360)),
                ENTERPRISE if rng.random() < 0.5 else "ООО «Другое»",
                "техник",
                "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def time_outcome_import(rows: int = 50_000) -> list[str]:
    college, program, _base, user = _world()
    started = time.perf_counter()
    _students(college, program, rows)
    prepared = time.perf_counter() - started
    started = time.perf_counter()
    content = outcome_workbook(rows)
    built = time.perf_counter() - started
    kind = get_kind("outcomes")
    lines = [f"Файл трудоустройства: {rows} строк, {len(content) / 1048576:.1f} МБ, сформирован за {built:.1f} с"]
    lines.append(f"  подготовка студентов: {prepared:.1f} с")
    for label, dry_run in (("проверка (предпросмотр)", True), ("загрузка", False), ("повторная загрузка", False)):
        started = time.perf_counter()
        result = run_import(kind, io.BytesIO(content), user=user, dry_run=dry_run)
        elapsed = time.perf_counter() - started
        assert result.ok, [str(e) for e in result.errors[:5]]
        lines.append(
            f"  {label}: {elapsed:.1f} с ({rows / elapsed:,.0f} строк/с); "
            f"новых {result.created}, изменённых {result.updated}"
        )
    return lines


def time_analytics(placements: int = 100_000) -> list[str]:
    college, program, base, _user = _world()
    started = time.perf_counter()
    students = _students(college, program, max(placements // 2, 1))
    existing = Placement.objects.filter(student__college=college).count()
    rng = random.Random(2022)
    formats = MentoringFormat.values
    batch = []
    for i in range(existing, placements):
        student = students[i % len(students)]
        start = dt.date(2019, 1, 1) + dt.timedelta(days=(i // len(students)) * 200 + rng.randint(0, 100))
        batch.append(
            Placement(
                student_id=student,
                base=base,
                kind=PlacementKind.INDUSTRIAL,
                date_start=start,
                date_end=start + dt.timedelta(days=27),
                mentoring_format=rng.choice(formats),
                real_assignment=rng.random() < 0.5,
                paid_employment=rng.random() < 0.2,
                job_offer=rng.random() < 0.2,
                is_demo=True,
            )
        )
        if len(batch) == 5000:
            Placement.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    Placement.objects.bulk_create(batch, ignore_conflicts=True)
    prepared = time.perf_counter() - started
    total = Placement.objects.count()
    timings = []
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    for _ in range(3):
        queries.clear()
        started = time.perf_counter()
        with connection.execute_wrapper(count):
            result = analytics(Scope())
            result.chart_data()
        timings.append(time.perf_counter() - started)
    return [
        f"Аналитика: практик {total}, выпускников {result.total.graduates} (подготовка данных {prepared:.1f} с)",
        f"  расчёт страницы: лучший {min(timings):.2f} с, худший {max(timings):.2f} с; SQL-запросов {len(queries)}",
    ]


def cleanup() -> None:
    college = Organization.objects.filter(short_name=COLLEGE).first()
    if college is None:
        return
    with transaction.atomic(), disable_auditlog():
        EmploymentOutcome.objects.filter(student__college=college).delete()
        Placement.objects.filter(student__college=college).delete()
        Student.objects.filter(college=college).delete()
        PracticeBase.objects.filter(enterprise__short_name=ENTERPRISE).delete()
        User.objects.filter(username="bench-college").delete()
        Program.objects.filter(college=college).delete()
        Specialty.objects.filter(code="15.02.99").delete()
        Organization.objects.filter(short_name__in=[COLLEGE, ENTERPRISE]).delete()


def run(*, rows: int = 50_000, placements: int = 100_000, keep: bool = False) -> Iterator[str]:
    try:
        yield from time_outcome_import(rows)
        yield from time_analytics(placements)
    finally:
        if not keep:
            cleanup()
