"""«Мои задачи» of the reports app: annual reports changed lately, for the department's observer."""

from __future__ import annotations

import datetime as dt

from cluster_portal.core.roles import Role, role_of
from cluster_portal.worklist.registry import Task

from .selectors import annual_report_list

RECENT = dt.timedelta(days=30)


def observer_tasks(user, today):
    """Annual reports whose texts the secretary changed in the last 30 days."""
    if role_of(user) != Role.OBSERVER:
        return []
    changed = annual_report_list(user=user).filter(updated_at__date__gte=today - RECENT).order_by("-year")
    return [
        Task(
            f"{report}: {report.cluster}",
            report.get_absolute_url(),
            note=f"Изменён {report.updated_at:%d.%m.%Y}.",
            action="прочитать",
        )
        for report in changed
    ]
