"""Benchmark data, pages and the outcome import of the practice app (``make bench``).

* ``generate``: practice bases at the generated employers, students of the generated colleges'
  programs, three placements per student (training, industrial, pre-diploma) and an employment
  outcome per graduate — about 1,000,000 placements at ×100 — with ``bulk_create`` in batches
  from the benchmark's seeded random generator.
* ``analytics_summary``: the analytics page's figures are computed by a worker (``jobs.summaries``); no worker
  runs in the bench, so the pages are timed with the default filter's summary stored as a worker stores it,
  and this extra times the page when the data has changed since (the stored one shown, a job queued) and
  the worker's job itself.
* ``outcome_import``: an xlsx of employment outcome rows (generated with openpyxl) through the
  kernel's import pipeline as a college representative — dry run, saving run, re-import of the same
  file (every row unchanged) — beside openpyxl's own read of the file.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import time

from django.core.cache import cache
from django.test import Client
from openpyxl import Workbook, load_workbook

from cluster_portal.bench import registry
from cluster_portal.bench.registry import BenchPage
from cluster_portal.bench.scenarios.members import bench_organizations
from cluster_portal.core import dataversion
from cluster_portal.core.imports import get_kind, run_import
from cluster_portal.core.roles import Role
from cluster_portal.jobs.models import Summary
from cluster_portal.jobs.summaries import summary_compute
from members.choices import OrganizationKind
from members.models import EnlargedGroup, Organization, User
from practice.analytics_summary import NAME as ANALYTICS
from practice.choices import MentoringFormat, OutcomeStatus, PlacementKind
from practice.io import OUTCOME_COLUMNS
from practice.models import EmploymentOutcome, Placement, PracticeBase, Student
from programs.models import Program, Specialty

COLLEGE = "ОГБПОУ «БЕНЧМАРК»"
ENTERPRISE = "ООО «Бенчмарк»"
STUDENTS_PER_PROGRAM = 124
BATCH = 5000


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


def generate(*, factor: int, rng) -> str:
    """Bases, students, placements and outcomes for the generated colleges and employers."""
    if factor <= 1:
        return "только данные отчёта"
    employers = bench_organizations().filter(kind=OrganizationKind.EMPLOYER)
    PracticeBase.objects.bulk_create(
        [
            PracticeBase(
                enterprise_id=pk,
                address="",
                capacity=rng.randint(5, 60),
                has_mentoring_program=rng.random() < 0.4,
                usual_format=rng.choice(MentoringFormat.values),
                is_demo=True,
            )
            for pk in employers.order_by("pk").values_list("pk", flat=True)
        ],
        batch_size=2000,
        ignore_conflicts=True,
    )
    bases = list(PracticeBase.objects.filter(is_demo=True).order_by("pk").values_list("pk", flat=True))
    programs = list(
        Program.objects.filter(is_demo=True, college__in=bench_organizations())
        .order_by("pk")
        .values_list("pk", "college_id")
    )
    kinds, formats, statuses = PlacementKind.values, MentoringFormat.values, OutcomeStatus.values
    students: list[Student] = []
    placements: list[Placement] = []
    outcomes: list[EmploymentOutcome] = []

    def flush(final=False):
        nonlocal students, placements, outcomes
        if students and (final or len(students) >= BATCH):
            Student.objects.bulk_create(students)
            for student in students:
                _practice_of(student, rng, bases, kinds, formats, statuses, placements, outcomes)
            students = []
        if placements and (final or len(placements) >= BATCH):
            Placement.objects.bulk_create(placements)
            placements = []
        if outcomes and (final or len(outcomes) >= BATCH):
            EmploymentOutcome.objects.bulk_create(outcomes)
            outcomes = []

    for program_id, college_id in programs:
        for i in range(STUDENTS_PER_PROGRAM):
            admission = 2016 + i % 6
            students.append(
                Student(
                    college_id=college_id,
                    program_id=program_id,
                    record_number=f"{program_id}-{i:04d}",
                    group_name=f"{program_id % 100}-{admission % 100}",
                    admission_year=admission,
                    graduation_year=admission + 4,
                    is_demo=True,
                )
            )
        flush()
    flush(final=True)
    return (
        f"студентов {Student.objects.count()}, практик {Placement.objects.count()}, "
        f"записей о трудоустройстве {EmploymentOutcome.objects.count()}"
    )


def _practice_of(student, rng, bases, kinds, formats, statuses, placements, outcomes) -> None:
    base = rng.choice(bases)
    for year_offset, kind in enumerate(kinds, start=1):
        start = dt.date(student.admission_year + year_offset, 5, 1) + dt.timedelta(days=rng.randint(0, 60))
        mentoring = rng.choice(formats)
        placements.append(
            Placement(
                student_id=student.pk,
                base_id=base,
                kind=kind,
                date_start=start,
                date_end=start + dt.timedelta(days=27),
                mentoring_format=mentoring,
                real_assignment=rng.random() < 0.5,
                paid_employment=rng.random() < 0.2,
                job_offer=rng.random() < (0.35 if mentoring == MentoringFormat.INDIVIDUAL else 0.15),
                is_demo=True,
            )
        )
    if student.graduation_year <= 2023:
        year = student.graduation_year
        outcomes.append(
            EmploymentOutcome(
                student_id=student.pk,
                year=year,
                status=rng.choice(statuses),
                date=dt.date(year, 7, 1) + dt.timedelta(days=rng.randint(0, 120)),
                is_demo=True,
            )
        )


def outcome_import(*, factor: int) -> list[tuple[str, str, str]]:
    """Rows per second of the outcome import (dry run, save, re-import) beside openpyxl's read.

    openpyxl reads the file right before each run and the run is compared with that read: on a shared
    machine the speed changes within a minute, and a read timed once at the start misstates later runs.
    """
    rows = min(50_000, 5_000 * factor)
    college, program, _base, user = _world()
    _students(college, program, rows)
    content = outcome_workbook(rows)
    kind = get_kind("outcomes")
    figures, reads = [], []
    runs = (("dry run", True), ("save", False), ("re-import of unchanged rows", False))
    for label, dry_run in runs:
        count, read = openpyxl_read(content)
        reads.append(read)
        start = time.perf_counter()
        result = run_import(kind, io.BytesIO(content), user=user, dry_run=dry_run)
        elapsed = time.perf_counter() - start
        assert result.ok, [str(e) for e in result.errors[:5]]
        figures.append(
            f"{label} {rows / elapsed:,.0f} rows/s ({elapsed:.1f} s, {elapsed / read:.1f}× the read just before it)"
        )
    timed = ", ".join(f"{count / read:,.0f}" for read in reads)
    return [
        (
            f"Import of {rows} employment outcomes (as a college)",
            "; ".join(figures),
            f"openpyxl read alone, before each run: {timed} rows/s",
        )
    ]


def openpyxl_read(content: bytes) -> tuple[int, float]:
    """The rows of the file as openpyxl reads them (read-only, values) and the seconds it took."""
    start = time.perf_counter()
    book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count, time.perf_counter() - start


def coordinator() -> Client:
    client = Client()
    client.force_login(User.objects.get(username="coordinator"))
    return client


def store_analytics_summary() -> None:
    """The default filter's analytics summary as the worker stores it after a change (computed when not current)."""
    assert coordinator().get("/practice/").status_code == 200  # queues it when it is not current
    for pk in Summary.objects.filter(name=ANALYTICS, queued_at__isnull=False).values_list("pk", flat=True):
        summary_compute(summary_id=pk)


def analytics_summary(*, factor: int) -> list[tuple[str, str, str]]:
    """The page after a change of practice data (the stored summary shown, a job queued), then that job."""
    if not dataversion.enabled():
        return [("Analytics summary job", "not measured", "without data versions (SQLite) the page computes it")]
    store_analytics_summary()
    summary = Summary.objects.filter(name=ANALYTICS).order_by("-computed_at").first()
    if summary is None:  # a transaction that wrote the data computes the page in the request and keeps nothing
        return [("Analytics summary job", "not measured", "the data were written in the measuring transaction")]
    Summary.objects.filter(pk=summary.pk).update(version="")  # as after a change: the stored one is not current
    client = coordinator()
    start = time.perf_counter()
    page = client.get("/practice/")
    shown = time.perf_counter() - start
    assert page.status_code == 200 and Summary.objects.get(pk=summary.pk).queued_at is not None
    cache.clear()  # the analytics kept per data version too: the job computes them as after a change
    start = time.perf_counter()
    summary_compute(summary_id=summary.pk)
    computed = time.perf_counter() - start
    return [
        (
            "«Аналитика» after a change of the data",
            f"{shown * 1000:.0f} ms (the stored summary shown, its recomputation queued)",
            "target under 1 s at x100",
        ),
        (
            "Analytics summary job in the worker (default filter)",
            f"{computed:.1f} s (every table computed and rendered)",
            "before: the first view after a change waited this long",
        ),
    ]


PAGES = [
    BenchPage("Аналитика: практика и трудоустройство", "/practice/", "coordinator", prepare=store_analytics_summary),
    BenchPage(
        "Аналитика: первый показ после изменения практик",
        "/practice/",
        "coordinator",
        after_change="practice.Placement",
        prepare=store_analytics_summary,
    ),
    BenchPage(
        "Практики студентов",
        "/practice/placements/",
        "coordinator",
        "practice.Placement",
        (
            "student__record_number",
            "student__college__short_name",
            "base__enterprise__short_name",
            "kind",
            "date_start",
            "date_end",
            "mentoring_format",
            "real_assignment",
            "paid_employment",
            "job_offer",
            "grade",
        ),
    ),
    BenchPage(
        "Студенты",
        "/practice/students/",
        "coordinator",
        "practice.Student",
        (
            "record_number",
            "full_name",
            "college__short_name",
            "program__specialty__code",
            "group_name",
            "admission_year",
            "graduation_year",
        ),
    ),
    BenchPage(
        "Трудоустройство выпускников",
        "/practice/employment/",
        "coordinator",
        "practice.EmploymentOutcome",
        (
            "year",
            "student__record_number",
            "student__college__short_name",
            "student__program__specialty__code",
            "status",
            "date",
            "employer_name",
            "employer__short_name",
            "position",
        ),
    ),
    # The search box over the large tables (a surname of the seed; an enterprise of the seed's bases).
    BenchPage("Студенты: поиск «Иванов»", "/practice/students/?q=Иванов", "coordinator"),
    BenchPage("Практики студентов: поиск «ТЭТЗ»", "/practice/placements/?q=ТЭТЗ", "coordinator"),
    BenchPage("Трудоустройство: поиск «ТЭТЗ»", "/practice/employment/?q=ТЭТЗ", "coordinator"),
    BenchPage(
        "Базы практики",
        "/practice/bases/",
        "coordinator",
        "practice.PracticeBase",
        ("enterprise__short_name", "address", "specialties__code", "capacity", "has_mentoring_program", "usual_format"),
    ),
]


def register() -> None:
    """Called by ``registry.load()`` (``manage.py bench``), never at start-up."""
    registry.register_generator("Практика и трудоустройство", generate)
    registry.register_pages(PAGES)
    registry.register_extra("Импорт трудоустройства", outcome_import)
    registry.register_extra("Аналитика в фоне", analytics_summary)
