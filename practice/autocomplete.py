"""Searchable-select sources of the practice app (registered in ``PracticeConfig.ready()``)."""

from cluster_portal.core.access import may
from cluster_portal.core.autocomplete import Source
from members.autocomplete import ENTERPRISE_KINDS, person_label
from members.models import Person

from .models import Placement
from .selectors import practice_base_list, student_list


def student_label(student) -> str:
    # No name: the record number and group are how the forms have always shown a student.
    return f"{student}, {student.college.short_name}"


def mentors(user):
    """Enterprise staff, for those who record placements: name and organization, never contacts.

    Offered only for a chosen base (``required``), and then only its enterprise's people: a college
    names the mentors of its own placements, it does not browse every enterprise's staff.
    """
    if not may(user, Placement, "change"):
        return Person.objects.none()
    return Person.objects.filter(organization__kind__in=ENTERPRISE_KINDS)


SOURCES = (
    Source(
        "practice.students",
        queryset=lambda user: student_list(user=user),
        search_fields=("record_number", "group_name"),
        label=student_label,
        ordering=("record_number", "pk"),
        related=("college",),
    ),
    Source(
        "practice.bases",
        queryset=lambda user: practice_base_list(user=user),
        search_fields=("enterprise__short_name", "enterprise__name", "address"),
        ordering=("enterprise__short_name", "address", "pk"),
        related=("enterprise",),
    ),
    Source(
        "practice.mentors",
        queryset=mentors,
        search_fields=("last_name", "first_name", "middle_name", "organization__short_name"),
        label=person_label,
        ordering=("last_name", "first_name", "middle_name", "pk"),
        related=("organization",),
        forward={"base": "organization__practice_bases"},
        required=("base",),
    ),
)
