"""Filter forms of the members lists."""

import django_filters

from cluster_portal.core.filters import AutocompleteFilter, SearchFilterSet, YesNoFilter
from cluster_portal.core.roles import Role

from .choices import DocumentKind, MembershipRole, OrganizationKind
from .models import Cluster, EnlargedGroup, Membership, NormativeDocument, Organization, Person, Sector, User


class OrganizationFilter(SearchFilterSet):
    search_fields = ("short_name", "name", "town", "inn")
    kind = django_filters.ChoiceFilter(label="Вид", choices=OrganizationKind.choices, empty_label="все")
    cluster = django_filters.ModelChoiceFilter(
        label="Кластер", field_name="memberships__cluster", queryset=Cluster.objects.all(), distinct=True
    )
    town = django_filters.CharFilter(label="Населённый пункт", lookup_expr="icontains")

    class Meta:
        model = Organization
        fields = ["q", "kind", "cluster", "town"]


class MembershipFilter(SearchFilterSet):
    search_fields = ("organization__short_name", "organization__name", "agreement")
    cluster = django_filters.ModelChoiceFilter(label="Кластер", queryset=Cluster.objects.all())
    role = django_filters.ChoiceFilter(label="Роль", choices=MembershipRole.choices, empty_label="все")

    class Meta:
        model = Membership
        fields = ["q", "cluster", "role"]


class ClusterFilter(SearchFilterSet):
    search_fields = ("name", "short_name", "region")

    class Meta:
        model = Cluster
        fields = ["q"]


class EnlargedGroupFilter(SearchFilterSet):
    search_fields = ("code", "name")

    class Meta:
        model = EnlargedGroup
        fields = ["q"]


class SectorFilter(SearchFilterSet):
    search_fields = ("name", "groups__code", "groups__name")
    search_distinct = True
    cluster = django_filters.ModelChoiceFilter(label="Кластер", queryset=Cluster.objects.all())
    college = AutocompleteFilter(
        label="ПОО",
        field_name="colleges",
        queryset=Organization.objects.filter(kind=OrganizationKind.COLLEGE),
        distinct=True,
        source="members.colleges",
    )

    class Meta:
        model = Sector
        fields = ["q", "cluster", "college"]


class PersonFilter(SearchFilterSet):
    search_fields = ("last_name", "first_name", "middle_name", "position", "email", "organization__short_name")
    organization = AutocompleteFilter(
        label="Организация", queryset=Organization.objects.all(), source="members.organizations"
    )

    class Meta:
        model = Person
        fields = ["q", "organization"]


class DocumentFilter(SearchFilterSet):
    search_fields = ("title", "number", "issuer")
    kind = django_filters.ChoiceFilter(label="Вид", choices=DocumentKind.choices, empty_label="все")
    cluster = django_filters.ModelChoiceFilter(label="Кластер", queryset=Cluster.objects.all())
    date = django_filters.DateFromToRangeFilter(
        label="Дата (с — по)", widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"})
    )

    class Meta:
        model = NormativeDocument
        fields = ["q", "kind", "cluster", "date"]


class UserFilter(SearchFilterSet):
    search_fields = ("username", "last_name", "first_name", "email", "organization__short_name")
    role = django_filters.ChoiceFilter(label="Роль", choices=Role.choices, empty_label="все")
    organization = AutocompleteFilter(
        label="Организация", queryset=Organization.objects.all(), source="members.organizations"
    )
    is_active = YesNoFilter(label="Активен")

    class Meta:
        model = User
        fields = ["q", "role", "organization", "is_active"]
