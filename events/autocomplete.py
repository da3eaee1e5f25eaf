"""Searchable-select sources of the events app (registered in ``EventsConfig.ready()``)."""

from cluster_portal.core.access import may
from cluster_portal.core.autocomplete import Source
from members.autocomplete import person_label

from .forms import enterprise_staff
from .models import CompetitionExpert, Participant


def staff_of_enterprises(user):
    """Enterprise staff, for those who record mentors and experts of competitions."""
    if not (may(user, Participant, "add") or may(user, CompetitionExpert, "add")):
        return enterprise_staff().none()
    return enterprise_staff()


SOURCES = (
    Source(
        "events.enterprise-staff",
        queryset=staff_of_enterprises,
        search_fields=("last_name", "first_name", "middle_name", "organization__short_name"),
        label=person_label,
        ordering=("last_name", "first_name", "middle_name", "pk"),
        related=("organization",),
    ),
)
