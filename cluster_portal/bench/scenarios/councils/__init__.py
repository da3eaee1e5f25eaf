"""Benchmark data and pages of the councils app (``make bench``).

``generate`` (in ``generator.py``) gives the seed's two councils (factor − 1) copies of the seed's volume,
naming only people and organizations of the members scenario: one-year seats, meetings of 2015–2027 with
agenda, attendance, minutes and tracked decisions, work plans for the years the seed has none; statuses
follow the dates. Its texts are in ``texts.py``.
"""

from __future__ import annotations

from django.db.models import Count

from cluster_portal.bench import registry
from cluster_portal.bench.registry import BenchPage
from councils.choices import MeetingStatus
from councils.models import Meeting, WorkPlan

from .generator import generate


# Pages ------------------------------------------------------------------------------------------
def latest_minuted_meeting_url() -> str:
    """The newest held meeting, preferring one with minutes: its page has every block filled."""
    held = Meeting.objects.filter(status=MeetingStatus.HELD).order_by("-date", "-pk")
    meeting = held.filter(minutes__isnull=False).first() or held.first() or Meeting.objects.order_by("pk").first()
    return meeting.get_absolute_url()


def largest_plan_url() -> str:
    """The plan with the most items (the newest among equals): the plan page lists them all."""
    plan = WorkPlan.objects.annotate(n=Count("items")).order_by("-n", "-year", "-pk").first()
    return plan.get_absolute_url()


# Bare views show the columns of the portal's tables (aggregates and to-many relations aside).
PAGES = [
    BenchPage(
        "Заседания советов",
        "/councils/meetings/",
        "secretary",
        "councils.Meeting",
        ("date", "period", "council__name", "academic_year", "status", "format", "topics", "minutes__number"),
    ),
    BenchPage("Заседание (карточка)", latest_minuted_meeting_url, "secretary"),
    BenchPage("Календарь заседаний", "/councils/calendar/", "secretary"),
    BenchPage(
        "Решения советов",
        "/councils/decisions/",
        "secretary",
        "councils.Decision",
        (
            "agenda_item__meeting__date",
            "text",
            "responsible_person__last_name",
            "responsible_organization__short_name",
            "responsible_text",
            "deadline_text",
            "due_date",
            "status",
            "done_date",
            "plan_item__number",
        ),
    ),
    BenchPage("Члены советов", "/councils/members/", "secretary"),  # seats have no admin change list, only an inline
    BenchPage(
        "Пункты планов работы",
        "/councils/plans/items/",
        "secretary",
        "councils.PlanItem",
        ("plan__year", "number", "title", "executors", "deadline_text", "due_date", "status_override", "count:reports"),
    ),
    BenchPage("План работы (карточка)", largest_plan_url, "secretary"),
]


def register() -> None:
    """Called by ``registry.load()`` (``manage.py bench``), never at start-up."""
    registry.register_generator("Советы и план работы", generate)
    registry.register_pages(PAGES)
