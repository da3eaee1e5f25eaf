"""Searchable-select sources of the program bank (registered in ``ProgramsConfig.ready()``)."""

from cluster_portal.core.autocomplete import Source
from members.autocomplete import ORGANIZATION_SEARCH
from members.choices import OrganizationKind
from members.models import Organization

from .choices import BaseEducation
from .models import Specialty
from .selectors import catalog_programs, program_list


def program_label(program) -> str:
    # A college may run one specialty in several forms: the form and the entry class tell them apart.
    grade = "9" if program.base_education == BaseEducation.BASIC else "11"
    return f"{program} ({program.get_study_form_display().lower()}, после {grade} кл.)"


def catalog_colleges(user=None):
    """Colleges with a program in the public catalog: public data, asked for by anonymous visitors."""
    return Organization.objects.filter(kind=OrganizationKind.COLLEGE, pk__in=catalog_programs().values("college"))


def catalog_specialties(user=None):
    """Specialties with a program in the public catalog: public data, asked for by anonymous visitors."""
    return Specialty.objects.filter(pk__in=catalog_programs().values("specialty"))


SOURCES = (
    Source(
        "programs.programs",
        queryset=lambda user: program_list(user=user),
        search_fields=("specialty__code", "specialty__name", "qualification", "college__short_name"),
        label=program_label,
        ordering=("college__short_name", "specialty__code", "pk"),
        related=("college", "specialty"),
        forward={"college": "college"},
    ),
    Source(
        "programs.catalog-colleges",
        queryset=catalog_colleges,
        search_fields=ORGANIZATION_SEARCH,
        ordering=("short_name", "pk"),
        public=True,
    ),
    Source(
        "programs.catalog-specialties",
        queryset=catalog_specialties,
        search_fields=("code", "name"),
        ordering=("code", "pk"),
        public=True,
    ),
)
