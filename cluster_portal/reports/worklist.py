"""«Мои задачи» of the reports app: the department's observer reads the annual reports approved lately."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from cluster_portal.core.roles import Role, role_of
from cluster_portal.worklist.registry import Task

from .selectors import versions_approved_since

RECENT = dt.timedelta(days=30)


def observer_tasks(user, today):
    """Every version of an annual report approved in the last 30 days, newest first: a link to that version."""
    if role_of(user) != Role.OBSERVER:
        return []
    since = timezone.make_aware(dt.datetime.combine(today - RECENT, dt.time.min))
    return [
        Task(
            f"{version}: {version.cluster}",
            version.get_absolute_url(),
            note=f"Утверждён {timezone.localtime(version.approved_at):%d.%m.%Y}"
            + (f", {version.approved_by.get_full_name()}" if version.approved_by else "")
            + ".",
            action="прочитать",
        )
        for version in versions_approved_since(user=user, since=since)
    ]
