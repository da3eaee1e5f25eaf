"""Dashboard panel of the events app: what waits for publication, and the coming events."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from cluster_portal.core import dashboard
from cluster_portal.core.dashboard import Figure, Panel

from . import selectors
from .choices import EventStatus

COMING_DAYS = 31


@dashboard.reads("events", "programs", "councils", "members")
def events_panel(user):
    """Proposals awaiting the coordinator (or one's own), returned proposals, and events of the coming month."""
    if not user.is_authenticated:
        return None
    today = timezone.localdate()
    counts = (
        selectors.event_list(user=user)
        .prefetch_related(None)
        .aggregate(
            proposed=Count("pk", filter=Q(status=EventStatus.PROPOSED)),
            returned=Count("pk", filter=Q(status=EventStatus.RETURNED)),
            coming=Count(
                "pk",
                filter=Q(
                    status=EventStatus.PUBLISHED,
                    ends_on__gte=today,
                    starts_on__lte=today + dt.timedelta(days=COMING_DAYS),
                ),
            ),
        )
    )
    if not any(counts.values()):
        return None
    url = reverse("events:event_list")
    figures = [Figure("Ждут публикации", counts["proposed"], f"{url}?status={EventStatus.PROPOSED}")]
    if counts["returned"]:
        figures.append(Figure("Возвращены на доработку", counts["returned"], f"{url}?status={EventStatus.RETURNED}"))
    figures.append(Figure("Ближайшие мероприятия", counts["coming"], f"{url}?period_after={today:%Y-%m-%d}"))
    return Panel(title="Мероприятия кластера", order=35, figures=figures)
