"""The events app's part of the annual report: the year's events and figures per direction of the plan.

Directions are the sections of the year's work plan; an event or an exam belongs to the direction of
the plan items it fulfils. Events of the year that fulfil no item are listed apart. Every number is
computed from the records of the academic year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, Sum

from cluster_portal.core.reporting import AcademicYear, ReportSection, Sheet
from cluster_portal.core.xlsx import Column
from members.selectors import names_as_of

from .choices import EventStatus
from .models import CompetitionExpert, Event, ExamResult, ExamSession, Participant

SHEET = [
    Column("Направление", "direction", width=45),
    Column("Мероприятие", "title", width=55),
    Column("Вид", "kind", width=25),
    Column("Дата / период", "when", width=18),
    Column("Пункты плана", "items", width=14),
    Column("Участники", "audience", width=40),
]
OTHER = "Другие мероприятия года"


@dataclass
class Direction:
    title: str
    events: list[Event] = field(default_factory=list)
    exams: list[ExamSession] = field(default_factory=list)
    section_id: int | None = None


@dataclass
class Figures:
    """The year's totals: events and their audiences, competitions, exams."""

    events: int = 0
    students: int = 0
    schoolchildren: int = 0
    teachers: int = 0
    employer_staff: int = 0
    competitions: int = 0
    participants: int = 0
    with_mentor: int = 0
    prize_places: int = 0
    independent_experts: int = 0
    exams: int = 0
    assessed: int = 0
    passed: int = 0
    demo: bool = False

    @property
    def passed_share(self) -> str:
        if not self.assessed:
            return ""
        return f"{100 * self.passed / self.assessed:.1f}".replace(".", ",") + "%"


def plan_items_of(year: AcademicYear) -> Prefetch:
    """The items of the year's plan a record fulfils, as ``plan_item_list``."""
    from councils.models import PlanItem

    items = PlanItem.objects.filter(plan__year=year.plan_year).order_by("position")
    return Prefetch("plan_items", queryset=items, to_attr="plan_item_list")


def year_events(year: AcademicYear) -> list[Event]:
    return list(
        Event.objects.filter(status=EventStatus.PUBLISHED, academic_year=year.start)
        .select_related("kind")
        .prefetch_related(plan_items_of(year))
        .order_by("starts_on", "title", "pk")
    )


def year_exams(year: AcademicYear) -> list[ExamSession]:
    """The year's exam sessions with their figures, each college named as on its session's day."""
    sessions = list(
        ExamSession.objects.filter(date_from__range=(year.first_day, year.last_day))
        .select_related("college", "specialty")
        .prefetch_related(plan_items_of(year))
        .annotate(assessed=Count("results"), passed_total=Count("results", filter=Q(results__passed=True)))
        .order_by("date_from", "pk")
    )
    names_as_of((session.college, session.date_from) for session in sessions)
    return sessions


def directions(*, cluster, year: AcademicYear, events: list[Event], exams: list[ExamSession]) -> list[Direction]:
    """One direction per section of the year's plan, then the events that fulfil no item of it."""
    from councils.models import PlanSection

    found = [
        Direction(title=f"{s.number}. {s.title}", section_id=s.pk)
        for s in PlanSection.objects.filter(plan__cluster=cluster, plan__year=year.plan_year).order_by("number")
    ]
    by_section = {d.section_id: d for d in found}
    other = Direction(title=OTHER)
    for event in events:
        sections = {i.section_id for i in event.plan_item_list} & set(by_section)
        for section_id in sorted(sections):
            by_section[section_id].events.append(event)
        if not sections:
            other.events.append(event)
    for exam in exams:
        for section_id in sorted({i.section_id for i in exam.plan_item_list} & set(by_section)):
            by_section[section_id].exams.append(exam)
    return [d for d in [*found, other] if d.events or d.exams]


def figures(*, year: AcademicYear, events: list[Event], exams: list[ExamSession]) -> Figures:
    totals = Event.objects.filter(pk__in=[e.pk for e in events]).aggregate(
        students=Sum("students_count"),
        schoolchildren=Sum("schoolchildren_count"),
        teachers=Sum("teachers_count"),
        employer_staff=Sum("employer_staff_count"),
    )
    competitions = [e for e in events if e.kind.is_competition]
    entries = Participant.objects.filter(event__in=competitions).aggregate(
        participants=Count("pk"),
        with_mentor=Count("pk", filter=Q(mentor__isnull=False)),
        prize_places=Count("pk", filter=Q(place__lte=3)),
    )
    results = ExamResult.objects.filter(session__in=exams).aggregate(
        assessed=Count("student", distinct=True), passed=Count("student", filter=Q(passed=True), distinct=True)
    )
    return Figures(
        events=len(events),
        **{key: value or 0 for key, value in totals.items()},
        competitions=len(competitions),
        **entries,
        independent_experts=CompetitionExpert.objects.filter(event__in=competitions)
        .values("person")
        .distinct()
        .count(),
        exams=len(exams),
        **results,
        demo=any(e.is_demo for e in exams) or any(e.is_demo for e in events),
    )


def audience(event: Event) -> str:
    return ", ".join(f"{label} — {n}" for label, n in event.audience)


def sections(*, cluster, year: AcademicYear) -> list[ReportSection]:
    """Key ``events_results``: the figures of ``year`` and the events that fulfil no item of the plan.

    The events that fulfil plan items are listed per direction in «Основные направления и результаты»
    (``councils.report.results_section``, from the plan's evidence); the sheet keeps every event of the year.
    """
    events, exams = year_events(year), year_exams(year)
    found = directions(cluster=cluster, year=year, events=events, exams=exams)
    rows = [
        (d.title, e.title, e.kind.name, e.when, ", ".join(i.number for i in e.plan_item_list), audience(e))
        for d in found
        for e in d.events
    ]
    other = [d for d in found if d.section_id is None]
    return [
        ReportSection(
            key="events_results",
            title=f"Мероприятия, конкурсы и экзамены {year.label} учебного года: показатели",
            template="reports/sections/events_results.html",
            context={"directions": other, "figures": figures(year=year, events=events, exams=exams), "year": year},
            sheets=[Sheet(f"Мероприятия {year.slug}", SHEET, rows)],
            empty=not events and not exams,
        )
    ]
