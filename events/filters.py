"""Filter forms of the events lists."""

from __future__ import annotations

import django_filters
from django.utils import timezone

from cluster_portal.core.filters import AutocompleteFilter, SearchFilterSet, YesNoFilter
from cluster_portal.core.reporting import AcademicYear
from members.choices import OrganizationKind
from members.models import Organization, Sector
from programs.models import Specialty

from .choices import EventStatus, ExamKind
from .models import CompetitionExpert, Event, EventKind, ExamResult, ExamSession, Participant

DATE_RANGE = django_filters.widgets.DateRangeWidget(attrs={"type": "date"})
FIRST_YEAR = 2015


def academic_years():
    current = AcademicYear.current().start
    return [(str(y), AcademicYear(y).label) for y in range(current + 1, FIRST_YEAR - 1, -1)]


def graduation_years():
    current = timezone.localdate().year
    return [(str(y), str(y)) for y in range(current + 1, FIRST_YEAR - 1, -1)]


def colleges():
    return Organization.objects.filter(kind=OrganizationKind.COLLEGE)


class EventKindFilter(SearchFilterSet):
    search_fields = ("name",)
    is_competition = YesNoFilter(label="Конкурс, олимпиада, чемпионат")

    class Meta:
        model = EventKind
        fields = ["q", "is_competition"]


class EventFilter(SearchFilterSet):
    search_fields = ("title", "place", "results", "period", "organizer__short_name")
    kind = django_filters.ModelChoiceFilter(label="Вид", queryset=EventKind.objects.all(), empty_label="все")
    status = django_filters.ChoiceFilter(label="Состояние", choices=EventStatus.choices, empty_label="все")
    academic_year = django_filters.ChoiceFilter(label="Учебный год", choices=academic_years, empty_label="все")
    period = django_filters.DateFromToRangeFilter(label="Проходит (с — по)", method="filter_period", widget=DATE_RANGE)
    organizer = AutocompleteFilter(
        label="Организатор", queryset=Organization.objects.all(), source="members.organizations"
    )
    sector = django_filters.ModelChoiceFilter(
        label="Отрасль", field_name="sectors", queryset=Sector.objects.all(), distinct=True, empty_label="все"
    )
    is_public = YesNoFilter(label="В открытом каталоге")

    class Meta:
        model = Event
        fields = ["q", "kind", "status", "academic_year", "period", "organizer", "sector", "is_public"]

    def filter_period(self, queryset, name, value):
        """Events whose period overlaps the chosen one."""
        if value.start:
            queryset = queryset.filter(ends_on__gte=value.start)
        if value.stop:
            queryset = queryset.filter(starts_on__lte=value.stop)
        return queryset


class ParticipantFilter(SearchFilterSet):
    search_fields = ("competence", "student__record_number", "result", "event__title")
    event = django_filters.ModelChoiceFilter(
        label="Конкурс", queryset=Event.objects.filter(kind__is_competition=True), empty_label="все"
    )
    college = AutocompleteFilter(
        label="ПОО", field_name="student__college", queryset=colleges(), source="members.colleges"
    )
    with_mentor = YesNoFilter(
        label="С наставником от предприятия", field_name="mentor", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Participant
        fields = ["q", "event", "college", "with_mentor"]


class CompetitionExpertFilter(SearchFilterSet):
    search_fields = ("person__last_name", "person__organization__short_name", "competence", "event__title")
    event = django_filters.ModelChoiceFilter(
        label="Конкурс", queryset=Event.objects.filter(kind__is_competition=True), empty_label="все"
    )

    class Meta:
        model = CompetitionExpert
        fields = ["q", "event"]


class ExamSessionFilter(SearchFilterSet):
    search_fields = ("specialty__code", "specialty__name", "site", "competence", "college__short_name")
    college = AutocompleteFilter(label="ПОО", queryset=colleges(), source="members.colleges")
    specialty = django_filters.ModelChoiceFilter(
        label="Специальность", queryset=Specialty.objects.order_by("code"), empty_label="все"
    )
    year = django_filters.ChoiceFilter(label="Год выпуска", choices=graduation_years, empty_label="все")
    kind = django_filters.ChoiceFilter(label="Вид", choices=ExamKind.choices, empty_label="все")

    class Meta:
        model = ExamSession
        fields = ["q", "college", "specialty", "year", "kind"]


class ExamResultFilter(SearchFilterSet):
    search_fields = ("student__record_number", "student__group_name", "session__specialty__code")
    college = AutocompleteFilter(
        label="ПОО", field_name="session__college", queryset=colleges(), source="members.colleges"
    )
    year = django_filters.ChoiceFilter(
        label="Год выпуска", field_name="session__year", choices=graduation_years, empty_label="все"
    )
    passed = YesNoFilter(label="Успешно прошёл")

    class Meta:
        model = ExamResult
        fields = ["q", "college", "year", "passed"]
