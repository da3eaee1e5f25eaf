"""Reads of the events app, scoped by the kernel's access rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from cluster_portal.core.access import restrict
from members.models import Organization, Sector
from programs.models import Specialty

from .choices import EventStatus, FileKind
from .models import (
    CompetitionExpert,
    Event,
    EventFile,
    EventKind,
    ExamPanelMember,
    ExamResult,
    ExamSession,
    Participant,
)

UPCOMING_LIMIT = 6


# Events -----------------------------------------------------------------------------------------
def event_kind_list(*, user, action: str = "view") -> QuerySet[EventKind]:
    return restrict(EventKind.objects.annotate(events_total=Count("events")), user, action)


def event_list(*, user, action: str = "view") -> QuerySet[Event]:
    """Events with ``sector_list``, ``specialty_list``, ``participant_list`` and ``plan_item_list`` fetched as lists."""
    return restrict(
        Event.objects.select_related("kind", "organizer", "proposed_by").prefetch_related(
            Prefetch("sectors", queryset=Sector.objects.order_by("order", "name"), to_attr="sector_list"),
            Prefetch("specialties", queryset=Specialty.objects.order_by("code"), to_attr="specialty_list"),
            Prefetch("participants", queryset=Organization.objects.order_by("short_name"), to_attr="participant_list"),
            Prefetch("plan_items", queryset=plan_items_ordered(), to_attr="plan_item_list"),
        ),
        user,
        action,
    )


def plan_items_ordered():
    from councils.models import PlanItem

    return PlanItem.objects.select_related("plan").order_by("plan__year", "position", "pk")


def competitions(*, user) -> QuerySet[Event]:
    """Competitions a user may add participants or experts to (the lean list of a form's choices)."""
    return restrict(Event.objects.filter(kind__is_competition=True), user, "view").order_by("-starts_on", "pk")


def event_files(*, event: Event, user) -> tuple[list[EventFile], list[EventFile]]:
    """(photos, documents) of an event the user may see."""
    rows = list(restrict(EventFile.objects.filter(event=event), user, "view").order_by("pk"))
    return [f for f in rows if f.kind == FileKind.PHOTO], [f for f in rows if f.kind == FileKind.DOCUMENT]


def event_file_list(*, user, action: str = "view") -> QuerySet[EventFile]:
    return restrict(EventFile.objects.select_related("event"), user, action)


def participant_list(*, user, action: str = "view") -> QuerySet[Participant]:
    return restrict(
        Participant.objects.select_related(
            "event", "student__college", "student__program__specialty", "mentor__organization"
        ),
        user,
        action,
    )


def competition_expert_list(*, user, action: str = "view") -> QuerySet[CompetitionExpert]:
    return restrict(CompetitionExpert.objects.select_related("event", "person__organization"), user, action)


@dataclass
class CompetitionSummary:
    """The counts of a competition everyone who sees it may read (no student is named)."""

    participants: int = 0
    colleges: int = 0
    with_mentor: int = 0
    prize_places: int = 0


def competition_summary(event: Event) -> CompetitionSummary:
    figures = Participant.objects.filter(event=event).aggregate(
        participants=Count("pk"),
        colleges=Count("student__college", distinct=True),
        with_mentor=Count("pk", filter=Q(mentor__isnull=False)),
        prize_places=Count("pk", filter=Q(place__lte=3)),
    )
    return CompetitionSummary(**figures)


def upcoming_public_events(*, today: dt.date | None = None, specialty=None, college=None, limit=UPCOMING_LIMIT):
    """Published public events not over yet, soonest first; narrowed to a program's specialty or college."""
    today = today or timezone.localdate()
    queryset = Event.objects.filter(status=EventStatus.PUBLISHED, is_public=True, ends_on__gte=today)
    if specialty is not None or college is not None:
        related = Q()
        if specialty is not None:
            related |= Q(specialties=specialty)
        if college is not None:
            related |= Q(organizer=college) | Q(participants=college)
        queryset = queryset.filter(pk__in=Event.objects.filter(related).values("pk"))
    return list(queryset.select_related("kind", "organizer").order_by("starts_on", "pk")[:limit])


def public_event(pk: int) -> Event | None:
    return (
        Event.objects.filter(pk=pk, status=EventStatus.PUBLISHED, is_public=True)
        .select_related("kind", "organizer")
        .prefetch_related(
            Prefetch("specialties", queryset=Specialty.objects.order_by("code"), to_attr="specialty_list")
        )
        .first()
    )


def feed_events(*, today: dt.date | None = None, months: int = 12) -> QuerySet[Event]:
    """Published public events with a date, from a year back: the public .ics feed."""
    today = today or timezone.localdate()
    since = today - dt.timedelta(days=31 * months)
    return (
        Event.objects.filter(status=EventStatus.PUBLISHED, is_public=True, date_start__isnull=False, ends_on__gte=since)
        .select_related("kind", "organizer")
        .order_by("starts_on", "pk")
    )


def events_to_publish(*, user) -> QuerySet[Event]:
    return restrict(Event.objects.filter(status=EventStatus.PROPOSED), user, "view")


# Exams ------------------------------------------------------------------------------------------
def exam_session_list(*, user, action: str = "view") -> QuerySet[ExamSession]:
    """Sessions with their panel size and the counts of results (no student named)."""
    return restrict(
        ExamSession.objects.select_related("college", "specialty", "site_organization").annotate(
            panel_total=Count("panel", distinct=True),
            assessed=Count("results", distinct=True),
            passed_total=Count("results", filter=Q(results__passed=True), distinct=True),
        ),
        user,
        action,
    )


def exam_panel(session: ExamSession) -> list[ExamPanelMember]:
    return list(
        ExamPanelMember.objects.filter(session=session)
        .select_related("expert__person__organization")
        .order_by("role", "expert__person__last_name", "pk")
    )


def exam_panel_member_list(*, user, action: str = "view") -> QuerySet[ExamPanelMember]:
    return restrict(
        ExamPanelMember.objects.select_related("session__college", "session__specialty", "expert__person"), user, action
    )


def exam_result_list(*, user, action: str = "view") -> QuerySet[ExamResult]:
    return restrict(
        ExamResult.objects.select_related("session__college", "session__specialty", "student__college"),
        user,
        action,
    )


def pool_experts(*, user):
    """Experts of the pool, with their certificates, for an exam's panel."""
    from expertise.models import Expert

    queryset = Expert.objects.filter(is_active=True).select_related("person__organization")
    return restrict(queryset, user, "view").order_by("person__last_name", "person__first_name", "pk")


@dataclass
class AssessmentFigures:
    """Criterion 3.1 of the checklist from the exam results: one program's graduates of one year."""

    year: int | None
    assessed: int = 0
    passed: int = 0
    sessions: list[ExamSession] = field(default_factory=list)

    @property
    def share(self) -> Decimal | None:
        if not self.assessed:
            return None
        return (Decimal(100 * self.passed) / self.assessed).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def assessment_figures(*, program, until: dt.date) -> AssessmentFigures:
    """The latest cohort of ``program`` with exam results recorded by ``until``: assessed, passed and the sessions.

    A graduate counts once: passed if any of their exams that year was passed.
    """
    sessions = ExamSession.objects.filter(
        Exists(ExamResult.objects.filter(session=OuterRef("pk"), student__program=program)),
        college_id=program.college_id,
        specialty_id=program.specialty_id,
        date_from__lte=until,
    )
    year = sessions.order_by("-year").values_list("year", flat=True).first()
    if year is None:
        return AssessmentFigures(year=None)
    results = ExamResult.objects.filter(session__in=sessions.filter(year=year), student__program=program)
    figures = results.aggregate(
        assessed=Count("student", distinct=True),
        passed=Count("student", filter=Q(passed=True), distinct=True),
    )
    chosen = list(sessions.filter(year=year).order_by("date_from", "pk"))
    return AssessmentFigures(year=year, sessions=chosen, **figures)
