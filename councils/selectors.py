"""Reads of the councils app, scoped by the kernel's access rules."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from cluster_portal.core.access import restrict, with_readable
from cluster_portal.core.roles import STAFF_ROLES, role_of
from members.models import Organization, Person

from . import execution
from .choices import MeetingStatus, PlanItemStatus
from .deadlines import academic_year_of, months_of_period
from .models import (
    AgendaItem,
    Attendance,
    CalendarFeed,
    Council,
    CouncilMember,
    Decision,
    Invitation,
    Meeting,
    Minutes,
    PlanItem,
    PlanReport,
    PlanSection,
    ProtocolRevision,
    WorkPlan,
    responsible_for,
)


def is_staff(user) -> bool:
    return role_of(user) in STAFF_ROLES


def council_list(*, user, action: str = "view") -> QuerySet[Council]:
    return restrict(
        Council.objects.select_related("cluster", "regulation")
        .annotate(
            members_total=Count(
                "members", filter=Q(members__date_to__isnull=True) | Q(members__date_to__gte=timezone.localdate())
            )
        )
        .order_by("cluster", "order", "name", "pk"),
        user,
        action,
    )


def council_member_list(*, user, action: str = "view") -> QuerySet[CouncilMember]:
    return restrict(CouncilMember.objects.select_related("council", "person", "person__organization"), user, action)


def members_on(*, council: Council, date: dt.date | None = None) -> list[CouncilMember]:
    """The members of a council on a date (today by default), chair first."""
    date = date or timezone.localdate()
    seats = (
        CouncilMember.objects.filter(council=council)
        .filter(Q(date_from__isnull=True) | Q(date_from__lte=date))
        .filter(Q(date_to__isnull=True) | Q(date_to__gte=date))
        .select_related("person", "person__organization")
        .order_by("order", "person__last_name", "person__first_name", "pk")
    )
    return list(seats)


# The meeting's fields the policy keeps to the minutes' readers until the minutes are signed.
ATTENDANCE_FIELDS = ("minutes", "guests", "members_count", "present_count", "quorum_reached")


def meeting_list(*, user, action: str = "view") -> QuerySet[Meeting]:
    """Meetings, each knowing which of ATTENDANCE_FIELDS the user reads (``readable``)."""
    items = AgendaItem.objects.order_by("order", "pk")
    meetings = restrict(
        Meeting.objects.select_related("council", "council__cluster", "minutes").prefetch_related(
            Prefetch("agenda_items", queryset=items)
        ),
        user,
        action,
    )
    return with_readable(meetings, user, *ATTENDANCE_FIELDS)


def agenda_titles() -> Prefetch:
    """The list ``agenda_titles`` a list of meetings shows for a meeting without «Вопросы для обсуждения».

    Only the titles, and only of those meetings: the others show their own topics.
    """
    items = AgendaItem.objects.filter(meeting__topics="").only("meeting_id", "title").order_by("order", "pk")
    return Prefetch("agenda_items", queryset=items, to_attr="agenda_titles")


def agenda_item_list(*, user, action: str = "view") -> QuerySet[AgendaItem]:
    return restrict(AgendaItem.objects.select_related("meeting", "meeting__council", "speaker"), user, action)


def minutes_list(*, user, action: str = "view") -> QuerySet[Minutes]:
    return restrict(Minutes.objects.select_related("meeting", "meeting__council", "chair", "secretary"), user, action)


def minutes_for(*, user, meeting: Meeting) -> Minutes | None:
    """The meeting's minutes if the user may read them (drafts: staff and the council's members)."""
    return minutes_list(user=user).filter(meeting=meeting).first()


def protocol_revisions(*, user, minutes: Minutes | None) -> list[ProtocolRevision]:
    """The signed revisions of a protocol the user may read, newest first."""
    if minutes is None:
        return []
    return list(
        restrict(ProtocolRevision.objects.filter(minutes=minutes), user, "view")
        .select_related("signed_by", "reopened_by")
        .order_by("-number")
    )


def attendance_for(*, user, meeting: Meeting) -> list[Attendance]:
    return list(
        restrict(Attendance.objects.filter(meeting=meeting), user, "view")
        .select_related("person", "person__organization")
        .order_by("-present", "person__last_name", "person__first_name", "pk")
    )


def invitation_list(*, user, meeting: Meeting) -> QuerySet[Invitation]:
    return restrict(Invitation.objects.filter(meeting=meeting).select_related("person", "sent_by"), user, "view")


def decision_list(*, user, action: str = "view") -> QuerySet[Decision]:
    return restrict(
        # Joined: what the list sorts by. Fetched apart: the rest, as a nine-table join takes
        # PostgreSQL longer to plan (10-15 ms) than four small queries take to run.
        # Only minutes the user may read: a draft's number stays out of the list and its export for
        # someone who answers for a decision without sitting on the council.
        Decision.objects.select_related("agenda_item__meeting__council").prefetch_related(
            Prefetch("agenda_item__meeting__minutes", restrict(Minutes.objects.all(), user, "view")),
            "responsible_person",
            "responsible_organization",
            Prefetch("plan_item", PlanItem.objects.select_related("plan")),
        ),
        user,
        action,
    )


# What a row of the decisions list prints of the decision itself (``DecisionTable``), and the keys of its related rows.
DECISION_ROW_FIELDS = (
    "agenda_item",
    "text",
    "responsible_person",
    "responsible_organization",
    "responsible_text",
    "deadline_text",
    "due_date",
    "status",
    "done_date",
    "plan_item",
)


def decision_row_prefetches() -> tuple:
    """What a row of the decisions list shows besides the decision (the fields it prints): its meeting, who
    answers for it, its plan item."""
    return (
        Prefetch(
            "agenda_item",
            AgendaItem.objects.select_related("meeting__council").only(
                "meeting__council__name", "meeting__date", "meeting__date_text", "meeting__period"
            ),
        ),
        Prefetch("responsible_person", Person.objects.only("last_name", "first_name", "middle_name")),
        Prefetch("responsible_organization", Organization.objects.only("short_name")),
        Prefetch("plan_item", PlanItem.objects.select_related("plan").only("number", "plan__year")),
    )


def overdue_decisions(*, user) -> QuerySet[Decision]:
    """Overdue decisions the user answers for; staff see all of them."""
    qs = decision_list(user=user).filter(Decision.overdue_condition())
    if not is_staff(user):
        qs = qs.filter(responsible_for(user))
    return qs.order_by("due_date", "pk")


def workplan_list(*, user, action: str = "view") -> QuerySet[WorkPlan]:
    return restrict(
        WorkPlan.objects.select_related("cluster", "approval_meeting", "approval_meeting__council")
        .annotate(items_total=Count("items", distinct=True))
        .order_by("cluster", "-year", "pk"),
        user,
        action,
    )


def plan_section_list(*, user, action: str = "view") -> QuerySet[PlanSection]:
    return restrict(PlanSection.objects.select_related("plan"), user, action)


def plan_item_list(*, user, action: str = "view") -> QuerySet[PlanItem]:
    """Plan items with their ``report_list`` (a list: a prefetched manager per row costs a page more than its query)."""
    reports = PlanReport.objects.order_by("date", "pk")
    return restrict(
        PlanItem.objects.select_related(
            "plan", "plan__cluster", "section", "responsible_person", "council"
        ).prefetch_related(Prefetch("reports", queryset=reports, to_attr="report_list")),
        user,
        action,
    )


def overdue_plan_items(*, user) -> QuerySet[PlanItem]:
    """Items past their deadline whose computed (or manual) status is «просрочено»; staff see all."""
    qs = plan_item_list(user=user).filter(due_date__lt=timezone.localdate())
    if not is_staff(user):
        qs = qs.filter(responsible_person_id=user.person_id) if user.person_id else qs.none()
    overdue = execution.ids_with_status(qs, [PlanItemStatus.OVERDUE])
    return qs.filter(pk__in=overdue).order_by("due_date", "plan", "position")


def plan_report_list(*, user, action: str = "view") -> QuerySet[PlanReport]:
    return restrict(PlanReport.objects.select_related("item", "item__plan", "author"), user, action)


def plan_structure(*, plan: WorkPlan, user) -> list[tuple[PlanSection, list[PlanItem]]]:
    """A plan's sections, each with its items and their reports (three queries)."""
    items = list(plan_item_list(user=user).filter(plan=plan).order_by("position", "pk"))
    sections = list(plan_section_list(user=user).filter(plan=plan).order_by("number"))
    return [(section, [i for i in items if i.section_id == section.pk]) for section in sections]


def held_meetings_by_council(*, councils: set[int], year: int) -> dict[int, list[Meeting]]:
    """Meetings held in a calendar year, per council (one query)."""
    result: dict[int, list[Meeting]] = {pk: [] for pk in councils}
    if not councils:
        return result
    meetings = Meeting.objects.filter(council_id__in=councils, status=MeetingStatus.HELD, date__year=year).order_by(
        "date", "pk"
    )
    for meeting in meetings:
        result[meeting.council_id].append(meeting)
    return result


def upcoming_meetings(*, user, limit: int = 5) -> list[Meeting]:
    today = timezone.localdate()
    return list(
        meeting_list(user=user)
        .filter(status=MeetingStatus.PLANNED)
        .filter(Q(date__gte=today) | Q(date__isnull=True, academic_year__gte=academic_year_of(today)))
        .order_by("academic_year", "date", "council__order", "pk")[:limit]
    )


def meetings_of_month(*, user, year: int, month: int) -> tuple[list[Meeting], list[Meeting]]:
    """Meetings dated in a month, and planned ones whose period («ноябрь», «IV квартал») covers it."""
    first = dt.date(year, month, 1)
    dated = list(
        meeting_list(user=user)
        .filter(date__year=year, date__month=month)
        .order_by("date", "start_time", "council__order", "pk")
    )
    undated = [
        meeting
        for meeting in meeting_list(user=user)
        .filter(date__isnull=True, academic_year=academic_year_of(first))
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("council__order", "pk")
        if (year, month) in months_of_period(meeting.period, academic_year=meeting.academic_year)
    ]
    return dated, undated


def feed_meetings(*, user) -> QuerySet[Meeting]:
    """Dated meetings for a calendar subscription: the last two years and everything ahead."""
    since = timezone.localdate() - dt.timedelta(days=730)
    return meeting_list(user=user).filter(date__gte=since).order_by("date", "pk")


def feed_of(*, user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def feed_by_token(token: str) -> CalendarFeed | None:
    return (
        CalendarFeed.objects.select_related("user", "user__organization", "user__person")
        .filter(token=token, user__is_active=True)
        .first()
    )
