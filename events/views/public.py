"""What anyone may see: an open event's page, the .ics feed, and the upcoming events on the catalog."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from cluster_portal.core.fragments import Fragment

from .. import ics, selectors

FEED_NAME = "Открытые мероприятия кластера"


@login_not_required
def public_event(request, pk: int):
    """A published public event, for school leavers and parents (no login)."""
    event = selectors.public_event(pk)
    if event is None:
        raise Http404
    return render(request, "events/public_event.html", {"event": event, "title": event.title})


@login_not_required
def calendar_feed(request):
    """The .ics feed of the cluster's open events, for any calendar app."""
    body = ics.calendar(
        selectors.feed_events(),
        name=FEED_NAME,
        url_of=lambda e: request.build_absolute_uri(reverse("events:public_event", args=[e.pk])),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response


def catalog_upcoming(request, **values):
    """The catalog's list of upcoming open events."""
    events = selectors.upcoming_public_events()
    return Fragment(
        "events/partials/_upcoming_public.html", {"events": events, "heading": "Ближайшие мероприятия"}, order=10
    )


def program_upcoming(request, *, program=None, **values):
    """Upcoming open events of a program's specialty or college, on its catalog page."""
    if program is None:
        return None
    events = selectors.upcoming_public_events(specialty=program.specialty_id, college=program.college_id)
    if not events:
        return None
    return Fragment(
        "events/partials/_upcoming_public.html", {"events": events, "heading": "Приходите на мероприятия"}, order=10
    )
