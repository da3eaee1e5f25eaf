"""The practice app's section of the annual report: practice, mentoring and employment figures."""

from __future__ import annotations

from django.db.models import Count, Q

from cluster_portal.core import disclosure
from cluster_portal.core.charts import bar_chart
from cluster_portal.core.reporting import AcademicYear, ReportSection, Sheet
from cluster_portal.core.xlsx import Column
from members.models import Cluster
from members.selectors import names_on, valid_during

from .choices import AgreementForm, MentoringFormat
from .models import Placement, PracticeAgreement, PracticeBase, Student
from .selectors import percent, rates_by_specialty, shown_rate, total_row

DEMO_NOTE = "демонстрационные данные: сгенерированы для показа портала, это не сведения ПОО"


def _fmt(value) -> str:
    if isinstance(value, disclosure.Small):
        return str(value)
    return "—" if value is None else f"{value} %".replace(".", ",")


def sections(*, cluster: Cluster, year: AcademicYear) -> list[ReportSection]:
    """Section «practice» for the academic year ``year``; graduates are those of ``year.plan_year``."""
    colleges = cluster.memberships.filter(valid_during(year.first_day, year.last_day)).values("organization")
    graduation = year.plan_year
    students = Student.objects.filter(college__in=colleges)
    counts = students.aggregate(
        studying=Count("pk", filter=Q(admission_year__lte=year.start, graduation_year__gte=year.start + 1)),
        graduates=Count("pk", filter=Q(graduation_year=graduation)),
    )
    placements = Placement.objects.filter(
        student__college__in=colleges, date_start__gte=year.first_day, date_start__lte=year.last_day
    )
    placement_counts = placements.aggregate(
        total=Count("pk"),
        students=Count("student", distinct=True),
        offers=Count("pk", filter=Q(job_offer=True)),
        offer_students=Count("student", filter=Q(job_offer=True), distinct=True),
        real=Count("pk", filter=Q(real_assignment=True)),
        paid=Count("pk", filter=Q(paid_employment=True)),
        **{f"f_{v}": Count("pk", filter=Q(mentoring_format=v)) for v in MentoringFormat.values},
    )
    formats = [
        (label, placement_counts[f"f_{value}"], percent(placement_counts[f"f_{value}"], placement_counts["total"]))
        for value, label in MentoringFormat.choices
    ]
    counted = rates_by_specialty(students.filter(graduation_year=graduation))
    # Printed (page, PDF, Excel) with small groups hidden: a specialty of two graduates names them.
    specialty_rows = [shown_rate(r) for r in counted]
    total = shown_rate(total_row(counted))
    # The bases taking students during the year, their enterprises named as the year ended.
    bases = list(
        PracticeBase.objects.select_related("enterprise")
        .filter(valid_during(year.first_day, year.last_day))
        .filter(
            Q(has_mentoring_program=True)
            | ~Q(special_requirements="")
            | Q(usual_format__in=[MentoringFormat.SHIFTS, MentoringFormat.GROUP])
        )
        .order_by("enterprise__short_name", "pk")
    )
    names_on((b.enterprise for b in bases), year.last_day)
    own_form = (
        PracticeAgreement.objects.filter(college__in=colleges, form=AgreementForm.ENTERPRISE, date__lte=year.last_day)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=year.first_day))
        .aggregate(n=Count("pk"), enterprises=Count("enterprise", distinct=True))
    )
    charts = []
    if specialty_rows:
        charts.append(
            bar_chart(
                [(r.label, disclosure.plotted(r.by_specialty_rate), _fmt(r.by_specialty_rate)) for r in specialty_rows],
                title=f"Трудоустройство по специальности в течение года, выпуск {graduation}",
            )
        )
    if placement_counts["total"]:
        charts.append(
            bar_chart(
                [(label, share, f"{n} ({_fmt(share)})") for label, n, share in formats],
                title=f"Практики {year.label} по формату наставничества",
            )
        )
    # Generated rows (``is_demo``) are never printed as fact: the section and its sheets say so.
    demo = (
        students.filter(is_demo=True).filter(Q(graduation_year=graduation) | Q(admission_year__lte=year.start)).exists()
        or placements.filter(is_demo=True).exists()
    )
    figure_rows = [
        *([("Источник", DEMO_NOTE)] if demo else []),
        ("Студентов в учебном году", counts["studying"]),
        (f"Выпускников {graduation} г.", disclosure.count(counts["graduates"])),
        ("Практик в учебном году", placement_counts["total"]),
        ("Студентов, прошедших практику", disclosure.count(placement_counts["students"])),
        ("Практик с реальным производственным заданием", placement_counts["real"]),
        ("Практик с оплачиваемым трудоустройством", placement_counts["paid"]),
        (
            "Студентов, получивших приглашение на работу по итогам практики",
            disclosure.count(placement_counts["offer_students"]),
        ),
        ("Договоров о практике по форме предприятия", own_form["n"]),
    ]
    rate_columns = [
        Column("Специальность", "s", width=60),
        Column("Выпускников", "g", width=12),
        Column("Трудоустроено", "e", width=12),
        Column("Трудоустроено, %", "er", width=12),
        Column("По специальности", "b", width=12),
        Column("По специальности, %", "br", width=12),
    ]
    rate_rows = [
        (r.label, r.graduates, r.employed, r.employed_rate, r.by_specialty, r.by_specialty_rate)
        for r in [*specialty_rows, total]
    ]
    empty = not (counts["studying"] or counts["graduates"] or placement_counts["total"] or bases)
    return [
        ReportSection(
            key="practice",
            title="Практика, наставничество и трудоустройство выпускников",
            template="reports/sections/practice_practice.html",
            context={
                "year": year,
                "graduation": graduation,
                "figures": figure_rows,
                "formats": formats,
                "specialties": specialty_rows,
                "total": total,
                "charts": charts,
                "bases": bases,
                "own_form": own_form,
                "demo_note": DEMO_NOTE if demo else "",
            },
            sheets=[
                Sheet(
                    "Практика: показатели", [Column("Показатель", "l", width=60), Column("Значение", "v")], figure_rows
                ),
                Sheet(
                    "Практика: наставничество",
                    [Column("Формат", "f", width=45), Column("Практик", "n"), Column("Доля, %", "s")],
                    formats,
                ),
                Sheet(f"Трудоустройство {graduation}", rate_columns, rate_rows),
                Sheet(
                    "Базы практики: наставничество",
                    [
                        Column("Предприятие", "e", width=35),
                        Column("Корпоративная программа", "c", width=14),
                        Column("Формат", "f", width=35),
                        Column("Наставничество", "n", width=80),
                        Column("Особые требования", "r", width=80),
                    ],
                    [
                        (
                            b.enterprise.short_name,
                            b.has_mentoring_program,
                            b.get_usual_format_display(),
                            b.mentoring_notes,
                            b.special_requirements,
                        )
                        for b in bases
                    ],
                ),
            ],
            empty=empty,
        )
    ]
