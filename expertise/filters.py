"""Filter forms of the expertise lists."""

import django_filters
from django.db.models import Q
from django.utils import timezone

from cluster_portal.core.filters import AutocompleteFilter, SearchFilterSet, YesNoFilter
from members.choices import OrganizationKind
from members.models import Organization, Sector

from .choices import ReviewStatus
from .models import EXPIRY_WARNING_DAYS, ChecklistTemplate, Expert, ExpertSession, Review


class SessionFilter(SearchFilterSet):
    search_fields = ("title", "description")
    # A date's year lookup takes years 1–9999 only (year 0 would be a server error).
    year = django_filters.NumberFilter(
        label="Год", field_name="date_from", lookup_expr="year", min_value=1, max_value=9999
    )
    college = AutocompleteFilter(
        label="ПОО",
        field_name="participants__college",
        queryset=Organization.objects.filter(kind=OrganizationKind.COLLEGE),
        distinct=True,
        source="members.colleges",
    )

    class Meta:
        model = ExpertSession
        fields = ["q", "year", "college"]


class ExpertFilter(SearchFilterSet):
    search_fields = ("person__last_name", "person__first_name", "person__organization__short_name", "specialization")
    organization = AutocompleteFilter(
        label="Организация",
        field_name="person__organization",
        source="members.organizations",
        queryset=Organization.objects.all(),
    )
    sector = django_filters.ModelChoiceFilter(
        label="Отрасль", field_name="sectors", queryset=Sector.objects.all(), distinct=True
    )
    expiring = YesNoFilter(label="Сертификат истекает (60 дней)", method="filter_expiring")
    is_active = YesNoFilter(label="Привлекается к экспертизе")

    class Meta:
        model = Expert
        fields = ["q", "organization", "sector", "expiring", "is_active"]

    def filter_expiring(self, queryset, name, value):
        if value is None:
            return queryset
        limit = timezone.localdate() + timezone.timedelta(days=EXPIRY_WARNING_DAYS)
        soon = Q(certificates__valid_until__lte=limit)
        return queryset.filter(soon).distinct() if value else queryset.exclude(soon)


def _sessions(request):
    from .selectors import session_choices

    if request is None:
        return ExpertSession.objects.none()
    return session_choices(user=request.user)


class ReviewFilter(SearchFilterSet):
    search_fields = (
        "session_program__program__specialty__code",
        "session_program__program__specialty__name",
        "session_program__program__college__short_name",
        "expert__person__last_name",
    )
    session = django_filters.ModelChoiceFilter(
        label="Сессия", field_name="session_program__participant__session", queryset=_sessions
    )
    status = django_filters.ChoiceFilter(label="Состояние", choices=ReviewStatus.choices, empty_label="все")
    college = AutocompleteFilter(
        label="ПОО",
        field_name="session_program__program__college",
        queryset=Organization.objects.filter(kind=OrganizationKind.COLLEGE),
        source="members.colleges",
    )

    class Meta:
        model = Review
        fields = ["q", "session", "status", "college"]


class TemplateFilter(SearchFilterSet):
    search_fields = ("title", "note")
    is_archived = YesNoFilter(label="В архиве")

    class Meta:
        model = ChecklistTemplate
        fields = ["q", "is_archived"]
