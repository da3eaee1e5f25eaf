"""iCalendar (RFC 5545) text: escaping, line folding and the VCALENDAR around the apps' VEVENTs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings


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


def utc(value: dt.datetime) -> str:
    """A date-time in UTC, as DTSTAMP and DTSTART write it."""
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def host() -> str:
    """The portal's host name, for the UIDs of its events."""
    return urlsplit(settings.PORTAL_BASE_URL).hostname or "cluster.local"


def absolute(path: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def all_day(start: dt.date, end: dt.date | None = None) -> list[str]:
    """DTSTART and DTEND of an event of whole days (DTEND is the day after the last)."""
    last = end or start
    return [f"DTSTART;VALUE=DATE:{start:%Y%m%d}", f"DTEND;VALUE=DATE:{last + dt.timedelta(days=1):%Y%m%d}"]


def calendar(events: Iterable[list[str]], *, name: str, prodid: str, method: str = "PUBLISH") -> str:
    """A VCALENDAR holding the given VEVENTs (each a list of content lines)."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{prodid}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{settings.TIME_ZONE}",
    ]
    for event in events:
        lines += event
    lines.append("END:VCALENDAR")
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
