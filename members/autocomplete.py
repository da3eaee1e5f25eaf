"""Searchable-select sources of the members app (registered in ``MembersConfig.ready()``)."""

from cluster_portal.core.autocomplete import Source

from .choices import OrganizationKind
from .selectors import organization_list, person_list

ORGANIZATION_SEARCH = ("short_name", "name", "town", "inn")
ENTERPRISE_KINDS = (OrganizationKind.EMPLOYER, OrganizationKind.EMPLOYERS_UNION, OrganizationKind.OTHER)
EMPLOYER_KINDS = (OrganizationKind.EMPLOYER, OrganizationKind.EMPLOYERS_UNION)


def person_label(person) -> str:
    return f"{person.full_name}, {person.organization.short_name}" if person.organization_id else person.full_name


def _organizations(**condition):
    return lambda user: organization_list(user=user).filter(**condition)


SOURCES = (
    Source(
        "members.organizations",
        queryset=_organizations(),
        search_fields=ORGANIZATION_SEARCH,
        ordering=("short_name", "pk"),
    ),
    Source(
        "members.colleges",
        queryset=_organizations(kind=OrganizationKind.COLLEGE),
        search_fields=ORGANIZATION_SEARCH,
        ordering=("short_name", "pk"),
    ),
    # Practice bases, agreements, internships, employers of graduates.
    Source(
        "members.enterprises",
        queryset=_organizations(kind__in=ENTERPRISE_KINDS),
        search_fields=ORGANIZATION_SEARCH,
        ordering=("short_name", "pk"),
    ),
    # Partners of a program, enterprises sending experts.
    Source(
        "members.employers",
        queryset=_organizations(kind__in=EMPLOYER_KINDS),
        search_fields=ORGANIZATION_SEARCH,
        ordering=("short_name", "pk"),
    ),
    Source(
        "members.persons",
        queryset=lambda user: person_list(user=user),
        search_fields=("last_name", "first_name", "middle_name", "position", "organization__short_name"),
        label=person_label,
        ordering=("last_name", "first_name", "middle_name", "pk"),
        related=("organization",),
    ),
)
