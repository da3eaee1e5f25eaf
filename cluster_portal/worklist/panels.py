"""The «Мои задачи» panel, first on every role's home page."""

from cluster_portal.core.dashboard import Panel

from .registry import tasks_for

SHOWN = 15  # the most urgent; the rest are counted


def my_tasks_panel(user):
    """The user's tasks; kept by the dashboard until a table of an app with a provider changes (``reads``)."""
    if not user.is_authenticated:
        return None
    lines = tasks_for(user)
    return Panel(
        title="Мои задачи",
        order=0,
        template="worklist/_panel.html",
        context={"lines": lines[:SHOWN], "more": max(0, len(lines) - SHOWN)},
    )
