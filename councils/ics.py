"""iCalendar (RFC 5545) files of meetings: invitations and the subscription feed."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from cluster_portal.core import ics
from cluster_portal.core.ics import escape

from .choices import MeetingStatus
from .models import Meeting

PRODID = "-//Портал образовательно-отраслевого кластера//Заседания советов//RU"
STATUS = {MeetingStatus.PLANNED: "CONFIRMED", MeetingStatus.HELD: "CONFIRMED", MeetingStatus.CANCELLED: "CANCELLED"}


def describe(meeting: Meeting) -> str:
    lines = []
    if meeting.topics:
        lines.append(meeting.topics)
    items = list(meeting.agenda_items.all())
    if items:
        lines.append("Повестка дня:")
        lines.extend(f"{item.order}. {item.title}" + (f" ({item.speakers})" if item.speakers else "") for item in items)
    if meeting.online_link:
        lines.append(f"Видеоконференция: {meeting.online_link}")
    lines.append(f"Формат: {meeting.get_format_display()}")
    lines.append(ics.absolute(meeting.get_absolute_url()))
    return "\n".join(lines)


def event(meeting: Meeting) -> list[str]:
    """The VEVENT lines of a dated meeting (an all-day event when the time is not set)."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{ics.host()}",
        f"DTSTAMP:{ics.utc(timezone.now())}",
        f"LAST-MODIFIED:{ics.utc(meeting.updated_at)}",
        # A growing SEQUENCE tells calendars that a re-sent invitation replaces the old one.
        f"SEQUENCE:{int(meeting.updated_at.timestamp()) - 1_600_000_000}",
    ]
    start, end = meeting.starts_at(), meeting.ends_at()
    if start is not None:
        lines += [f"DTSTART:{ics.utc(start)}", f"DTEND:{ics.utc(end)}"]
    else:
        lines += ics.all_day(meeting.date)
    summary = f"Заседание: {meeting.council.name}"
    if meeting.status == MeetingStatus.CANCELLED:
        summary = f"ОТМЕНЕНО. {summary}"
    lines += [
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(describe(meeting))}",
        f"STATUS:{STATUS[meeting.status]}",
        f"URL:{ics.absolute(meeting.get_absolute_url())}",
    ]
    if meeting.place:
        lines.append(f"LOCATION:{escape(meeting.place)}")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings: Iterable[Meeting], *, name: str, method: str = "PUBLISH") -> str:
    """A VCALENDAR with the dated meetings among ``meetings``."""
    return ics.calendar((event(m) for m in meetings if m.date), name=name, prodid=PRODID, method=method)
