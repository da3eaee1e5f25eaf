"""Dashboard panels of the councils app."""

from django.urls import reverse

from cluster_portal.core import dashboard
from cluster_portal.core.dashboard import Figure, Panel

from . import selectors

LISTED = 5


@dashboard.reads("councils", "members")
def overdue_panel(user):
    """Overdue decisions and plan items: all of them for staff, one's own for the responsible."""
    if not user.is_authenticated:
        return None
    decisions = selectors.overdue_decisions(user=user)
    items = selectors.overdue_plan_items(user=user)
    decisions_count, items_count = decisions.count(), items.count()
    if not decisions_count and not items_count:
        return None
    mine = "" if selectors.is_staff(user) else "&mine=true"
    return Panel(
        title="Просроченные решения и пункты плана",
        order=15,
        figures=[
            Figure("Решения советов", decisions_count, reverse("councils:decision_list") + f"?overdue=true{mine}"),
            Figure("Пункты плана работы", items_count, reverse("councils:planitem_list") + "?overdue=true"),
        ],
        template="councils/partials/_overdue_panel.html",
        context={"decisions": list(decisions[:LISTED]), "items": list(items[:LISTED])},
    )


@dashboard.reads("councils", "members")
def upcoming_panel(user):
    if not user.is_authenticated:
        return None
    meetings = selectors.upcoming_meetings(user=user, limit=LISTED)
    if not meetings:
        return None
    return Panel(
        title="Ближайшие заседания советов",
        order=30,
        template="councils/partials/_upcoming_panel.html",
        context={"meetings": meetings, "calendar_url": reverse("councils:calendar")},
    )
