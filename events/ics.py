"""The public calendar of the cluster's open events (.ics)."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from cluster_portal.core import ics
from cluster_portal.core.ics import escape

from .models import Event

PRODID = "-//Портал образовательно-отраслевого кластера//Мероприятия//RU"


def describe(event: Event, url: str) -> str:
    lines = [f"{event.kind.name}. Организатор: {event.organizer_label}."]
    if event.description:
        lines.append(event.description)
    if event.news_url:
        lines.append(f"Новость: {event.news_url}")
    lines.append(url)
    return "\n".join(lines)


def vevent(event: Event, *, url: str) -> list[str]:
    """The VEVENT of a dated event: whole days from its first to its last date."""
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{ics.host()}",
        f"DTSTAMP:{ics.utc(timezone.now())}",
        f"LAST-MODIFIED:{ics.utc(event.updated_at)}",
        *ics.all_day(event.date_start, event.date_end),
        f"SUMMARY:{escape(event.title)}",
        f"DESCRIPTION:{escape(describe(event, url))}",
        f"CATEGORIES:{escape(event.kind.name)}",
        "STATUS:CONFIRMED",
        f"URL:{url}",
    ]
    if event.place:
        lines.append(f"LOCATION:{escape(event.place)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[Event], *, name: str, url_of) -> str:
    """A VCALENDAR of the dated events; ``url_of(event)`` is the page an event links to."""
    return ics.calendar((vevent(e, url=url_of(e)) for e in events if e.date_start), name=name, prodid=PRODID)
