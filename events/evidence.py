"""The events app's evidence for the work plan: published events and exams linked to plan items."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from councils.evidence import Evidence, Provider
from members.selectors import short_name_on

from .choices import EventStatus
from .models import Event, ExamSession


def events(items: Sequence) -> Iterable[Evidence]:
    """A published event fulfils the items it names once it has taken place (its last day)."""
    links = (
        Event.plan_items.through.objects.filter(planitem__in=items, event__status=EventStatus.PUBLISHED)
        .select_related("event__kind")
        .order_by("event__ends_on", "event_id")
    )
    return [
        Evidence(
            kind=f"Мероприятие: {link.event.kind.name.lower()}",
            title=link.event.title,
            date=link.event.ends_on,
            url=link.event.get_absolute_url(),
            plan_item_id=link.planitem_id,
            fulfils=True,
            when=link.event.when,
            is_demo=link.event.is_demo,
            model=Event,
            pk=link.event_id,
            first_day=link.event.starts_on,
        )
        for link in links
    ]


def session_label(session: ExamSession, college: str = "") -> str:
    """«ДЭ …: 15.02.32, ОГБПОУ «ТЭПК»»; ``college`` the college's name as on the session's day (today's by default)."""
    return f"{session.get_kind_display()}: {session.specialty.code}, {college or session.college.short_name}"


def exams(items: Sequence) -> Iterable[Evidence]:
    """A demonstration exam or НОК session fulfils the items it names once held; its college named as on its day."""
    links = (
        ExamSession.plan_items.through.objects.filter(planitem__in=items)
        .select_related("examsession__college", "examsession__specialty")
        .annotate(college_then=short_name_on("examsession__college", "examsession__date_from"))
        .order_by("examsession__date_from", "examsession_id")
    )
    return [
        Evidence(
            kind="Демонстрационный экзамен, НОК",
            title=session_label(link.examsession, link.college_then),
            date=link.examsession.date_to or link.examsession.date_from,
            url=link.examsession.get_absolute_url(),
            plan_item_id=link.planitem_id,
            fulfils=True,
            is_demo=link.examsession.is_demo,
            model=ExamSession,
            pk=link.examsession_id,
            first_day=link.examsession.date_from,
            when=link.examsession.dates,
        )
        for link in links
    ]


PROVIDERS = (Provider("events.events", events), Provider("events.exams", exams))
