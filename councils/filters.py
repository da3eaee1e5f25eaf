"""Filter forms of the councils lists."""

import django_filters
from django import forms

from cluster_portal.core.filters import AutocompleteFilter, SearchFilterSet, YesNoFilter
from members.models import Cluster, Organization

from . import execution
from .choices import CouncilKind, DecisionStatus, MeetingStatus, MemberRole, PlanItemStatus
from .forms import academic_year_choices
from .models import Council, CouncilMember, Decision, Meeting, PlanItem, WorkPlan, responsible_for

DATE_RANGE = django_filters.widgets.DateRangeWidget(attrs={"type": "date"})
YES_NO = [("", "все"), ("true", "да"), ("false", "нет")]


def _year_choices():
    return academic_year_choices()[1:]


class CouncilFilter(SearchFilterSet):
    search_fields = ("name", "description")
    kind = django_filters.ChoiceFilter(label="Вид", choices=CouncilKind.choices, empty_label="все")
    cluster = django_filters.ModelChoiceFilter(label="Кластер", queryset=Cluster.objects.all())

    class Meta:
        model = Council
        fields = ["q", "kind", "cluster"]


class CouncilMemberFilter(SearchFilterSet):
    search_fields = ("person__last_name", "person__first_name", "person__position", "person__organization__short_name")
    council = django_filters.ModelChoiceFilter(label="Совет", queryset=Council.objects.all())
    role = django_filters.ChoiceFilter(label="Роль", choices=MemberRole.choices, empty_label="все")

    class Meta:
        model = CouncilMember
        fields = ["q", "council", "role"]


class MeetingFilter(SearchFilterSet):
    search_fields = ("topics", "place", "period")
    council = django_filters.ModelChoiceFilter(label="Совет", queryset=Council.objects.all())
    status = django_filters.ChoiceFilter(label="Статус", choices=MeetingStatus.choices, empty_label="все")
    academic_year = django_filters.ChoiceFilter(label="Учебный год", choices=_year_choices, empty_label="все")
    date = django_filters.DateFromToRangeFilter(label="Дата (с — по)", widget=DATE_RANGE)

    class Meta:
        model = Meeting
        fields = ["q", "council", "status", "academic_year", "date"]

    def search(self, queryset, name, value):
        """Also by the minutes' number, where the reader may read it (a draft's only for its readers)."""
        found = super().search(queryset, name, value)
        text = value.strip()
        if not text:
            return found
        numbered = queryset.filter(minutes_readable=True, minutes__number__icontains=text)
        return found | numbered


class DecisionFilter(SearchFilterSet):
    search_fields = ("text", "responsible_text", "result", "agenda_item__title")
    council = django_filters.ModelChoiceFilter(
        label="Совет", field_name="agenda_item__meeting__council", queryset=Council.objects.all()
    )
    status = django_filters.ChoiceFilter(label="Статус", choices=DecisionStatus.choices, empty_label="все")
    overdue = django_filters.ChoiceFilter(
        label="Просрочено", choices=YES_NO[1:], empty_label="все", method="filter_overdue"
    )
    responsible_organization = AutocompleteFilter(
        label="Ответственная организация", source="members.organizations", queryset=Organization.objects.all()
    )
    due_date = django_filters.DateFromToRangeFilter(label="Срок (с — по)", widget=DATE_RANGE)
    mine = YesNoFilter(label="Я ответственный", method="filter_mine")
    meeting = django_filters.NumberFilter(field_name="agenda_item__meeting", widget=forms.HiddenInput)

    class Meta:
        model = Decision
        fields = ["q", "council", "status", "overdue", "responsible_organization", "due_date", "mine", "meeting"]

    def filter_mine(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(responsible_for(getattr(self.request, "user", None)))

    def filter_overdue(self, queryset, name, value):
        overdue = Decision.overdue_condition()
        if value == "true":
            return queryset.filter(overdue)
        if value == "false":
            return queryset.exclude(overdue)
        return queryset


class WorkPlanFilter(SearchFilterSet):
    search_fields = ("title", "approved_by")
    cluster = django_filters.ModelChoiceFilter(label="Кластер", queryset=Cluster.objects.all())
    year = django_filters.NumberFilter(label="Год")

    class Meta:
        model = WorkPlan
        fields = ["q", "cluster", "year"]


class PlanItemFilter(SearchFilterSet):
    search_fields = ("number", "title", "executors", "expected_result", "deadline_text")
    plan = django_filters.ModelChoiceFilter(label="План", queryset=WorkPlan.objects.all())
    year = django_filters.NumberFilter(label="Год плана", field_name="plan__year")
    status = django_filters.ChoiceFilter(
        label="Статус", choices=PlanItemStatus.choices, empty_label="все", method="filter_status"
    )
    overdue = django_filters.ChoiceFilter(
        label="Просрочено", choices=YES_NO[1:], empty_label="все", method="filter_overdue"
    )
    due_date = django_filters.DateFromToRangeFilter(label="Срок для контроля (с — по)", widget=DATE_RANGE)

    class Meta:
        model = PlanItem
        fields = ["q", "plan", "year", "status", "overdue", "due_date"]

    def filter_status(self, queryset, name, value):
        # The status is computed from the evidence, not stored: the matching ids are worked out.
        return queryset.filter(pk__in=execution.ids_with_status(queryset.select_related("plan"), [value]))

    def filter_overdue(self, queryset, name, value):
        if value not in ("true", "false"):
            return queryset
        overdue = execution.ids_with_status(queryset.select_related("plan"), [PlanItemStatus.OVERDUE])
        return queryset.filter(pk__in=overdue) if value == "true" else queryset.exclude(pk__in=overdue)
