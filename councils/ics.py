"""iCalendar (RFC 5545) files of meetings: invitations and the subscription feed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from .choices import MeetingStatus
from .models import Meeting

PRODID = "-//Портал образовательно-отраслевого кластера//Заседания советов//RU"
STATUS = {MeetingStatus.PLANNED: "CONFIRMED", MeetingStatus.HELD: "CONFIRMED", MeetingStatus.CANCELLED: "CANCELLED"}


def escape(text: str) -> str:
    """Escape a TEXT value: backslash, semicolon, comma and line breaks."""
    text = (text or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _utc(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _host() -> str:
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "cluster.local"


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
    lines.append(settings.PORTAL_BASE_URL.rstrip("/") + meeting.get_absolute_url())
    return "\n".join(lines)


def event(meeting: Meeting) -> list[str]:
    """The VEVENT lines of a dated meeting (an all-day event when the time is not set)."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{_host()}",
        f"DTSTAMP:{_utc(timezone.now())}",
        f"LAST-MODIFIED:{_utc(meeting.updated_at)}",
        # A growing SEQUENCE tells calendars that a re-sent invitation replaces the old one.
        f"SEQUENCE:{int(meeting.updated_at.timestamp()) - 1_600_000_000}",
    ]
    start, end = meeting.starts_at(), meeting.ends_at()
    if start is not None:
        lines += [f"DTSTART:{_utc(start)}", f"DTEND:{_utc(end)}"]
    else:
        lines += [
            f"DTSTART;VALUE=DATE:{meeting.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{meeting.date + dt.timedelta(days=1):%Y%m%d}",
        ]
    summary = f"Заседание: {meeting.council.name}"
    if meeting.status == MeetingStatus.CANCELLED:
        summary = f"ОТМЕНЕНО. {summary}"
    lines += [
        f"SUMMARY:{escape(summary)}",
        f"DESCRIPTION:{escape(describe(meeting))}",
        f"STATUS:{STATUS[meeting.status]}",
        f"URL:{settings.PORTAL_BASE_URL.rstrip('/')}{meeting.get_absolute_url()}",
    ]
    if meeting.place:
        lines.append(f"LOCATION:{escape(meeting.place)}")
    lines.append("END:VEVENT")
    return lines


def calendar(meetings: Iterable[Meeting], *, name: str, method: str = "PUBLISH") -> str:
    """A VCALENDAR with the dated meetings among ``meetings``."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    for meeting in meetings:
        if meeting.date:
            lines += event(meeting)
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
