"""The daily digest and deadline sweep: each user is told what is due within three days and what is overdue."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from cluster_portal.notifications.choices import NotificationKind
from cluster_portal.notifications.models import Notification
from cluster_portal.notifications.services import notify

from .registry import Line, tasks_for

DUE_WITHIN = 3  # days
TITLE = "Сроки: что просрочено и что нужно сделать в ближайшие 3 дня"


def due_lines(user, today: dt.date) -> list[Line]:
    """The user's tasks overdue or due within ``DUE_WITHIN`` days, most urgent first."""
    return [line for line in tasks_for(user, today) if line.days is not None and line.days <= DUE_WITHIN]


def digest_text(lines: list[Line]) -> str:
    return "\n".join(f"— {line.task.title}: срок {line.task.deadline:%d.%m.%Y}, {line.days_text}" for line in lines)


def send_digests(*, today: dt.date | None = None) -> int:
    """One digest notification per active user with something due (e-mailed by a job if they chose so).

    Runs once a day: a user who already has today's digest is skipped, so a second run sends nothing.
    """
    today = today or timezone.localdate()
    already = set(
        Notification.objects.filter(kind=NotificationKind.DEADLINE, title=TITLE, created_at__date=today).values_list(
            "user_id", flat=True
        )
    )
    sent = 0
    for user in get_user_model().objects.filter(is_active=True).exclude(pk__in=already).select_related("person"):
        lines = due_lines(user, today)
        if lines:
            notify(users=[user], kind=NotificationKind.DEADLINE, title=TITLE, text=digest_text(lines), url="/")
            sent += 1
    return sent
