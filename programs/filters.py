"""Filter forms of the program bank's lists and of the public catalog."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from cluster_portal.core.filters import AutocompleteFilter, SearchFilterSet, YesNoFilter
from members.choices import OrganizationKind
from members.models import EnlargedGroup, Organization, Sector

from .choices import AdditionalKind, BaseEducation, Level, StudyForm, TargetStatus
from .models import AdditionalProgram, AdmissionRound, AdmissionTarget, Program, Specialty
from .selectors import program_search, running_in


def colleges(request=None):
    return Organization.objects.filter(kind=OrganizationKind.COLLEGE).order_by("short_name")


def sectors(request=None):
    return Sector.objects.select_related("cluster").order_by("cluster", "order", "name")


def groups_in_use(request=None):
    return EnlargedGroup.objects.filter(specialties__isnull=False).distinct().order_by("code")


@extend_schema_field(OpenApiTypes.INT)  # the sector's id, for the API's schema (the filter has a method)
class SectorFilter(django_filters.ModelChoiceFilter):
    """Programs whose specialty belongs to one of the sector's enlarged groups."""

    def __init__(self, *, path: str = "specialty__group", **kwargs):
        self.path = path
        super().__init__(label="Отрасль", queryset=sectors, method=self.by_sector, **kwargs)

    def by_sector(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{self.path}__in": value.groups.all()})


class SpecialtyFilter(SearchFilterSet):
    search_fields = ("code", "name")
    group = django_filters.ModelChoiceFilter(label="УГПС", queryset=groups_in_use)
    level = django_filters.ChoiceFilter(label="Уровень", choices=Level.choices, empty_label="все")
    is_top50 = YesNoFilter(label="ТОП-50")
    is_regional_priority = YesNoFilter(label="Региональный приоритет")
    is_advanced_competence = YesNoFilter(label="Опережающая подготовка")

    class Meta:
        model = Specialty
        fields = ["q", "group", "level", "is_top50", "is_regional_priority", "is_advanced_competence"]


class ProgramFilter(SearchFilterSet):
    """Search by code, name, qualification, college and sector (full-text on PostgreSQL)."""

    sector = SectorFilter()
    group = django_filters.ModelChoiceFilter(label="УГПС", field_name="specialty__group", queryset=groups_in_use)
    college = AutocompleteFilter(label="ПОО", queryset=colleges, source="members.colleges")
    level = django_filters.ChoiceFilter(
        label="Уровень", field_name="specialty__level", choices=Level.choices, empty_label="все"
    )
    study_form = django_filters.ChoiceFilter(label="Форма обучения", choices=StudyForm.choices, empty_label="все")
    base_education = django_filters.ChoiceFilter(label="На базе", choices=BaseEducation.choices, empty_label="все")
    is_top50 = YesNoFilter(label="ТОП-50", field_name="specialty__is_top50")
    is_regional_priority = YesNoFilter(label="Региональный приоритет", field_name="specialty__is_regional_priority")
    is_advanced_competence = YesNoFilter(label="Опережающая подготовка", field_name="specialty__is_advanced_competence")
    year = django_filters.NumberFilter(
        label="Реализуется в учебном году (год начала)", method="in_year", min_value=1990, max_value=2100
    )
    network_form = YesNoFilter(label="Сетевая форма")
    dual_training = YesNoFilter(label="Дуальное обучение")

    class Meta:
        model = Program
        fields = [
            "q",
            "sector",
            "group",
            "college",
            "level",
            "study_form",
            "base_education",
            "is_top50",
            "is_regional_priority",
            "is_advanced_competence",
            "year",
            "network_form",
            "dual_training",
        ]

    def search(self, queryset, name, value):
        return program_search(queryset, value)

    def in_year(self, queryset, name, value):
        return running_in(queryset, int(value)) if value is not None else queryset


class CatalogFilter(django_filters.FilterSet):
    """The public catalog: what a school leaver or a parent looks for."""

    q = django_filters.CharFilter(label="Поиск", method="search")
    sector = SectorFilter(empty_label="все отрасли")
    specialty = AutocompleteFilter(
        label="Специальность, профессия",
        queryset=Specialty.objects.all(),
        empty_label="все",
        source="programs.catalog-specialties",
    )
    college = AutocompleteFilter(
        label="Колледж, техникум", queryset=colleges, empty_label="все", source="programs.catalog-colleges"
    )
    town = django_filters.ChoiceFilter(label="Населённый пункт", field_name="college__town", empty_label="все")
    level = django_filters.ChoiceFilter(
        label="Уровень", field_name="specialty__level", choices=Level.choices, empty_label="все"
    )
    base_education = django_filters.ChoiceFilter(
        label="Поступление после", choices=BaseEducation.choices, empty_label="любого класса"
    )
    study_form = django_filters.ChoiceFilter(label="Форма обучения", choices=StudyForm.choices, empty_label="любая")

    class Meta:
        model = Program
        fields = ["q", "sector", "specialty", "college", "town", "level", "base_education", "study_form"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        towns = colleges().exclude(town="").order_by("town").values_list("town", flat=True).distinct()
        self.filters["town"].extra["choices"] = [(town, town) for town in towns]

    def search(self, queryset, name, value):
        return program_search(queryset, value)


class AdditionalProgramFilter(SearchFilterSet):
    search_fields = ("title", "description", "college__short_name")
    college = AutocompleteFilter(label="ПОО", queryset=colleges, source="members.colleges")
    kind = django_filters.ChoiceFilter(label="Вид", choices=AdditionalKind.choices, empty_label="все")
    group = django_filters.ModelChoiceFilter(label="УГПС", queryset=groups_in_use)
    year = django_filters.NumberFilter(label="Год")
    is_advanced_competence = YesNoFilter(label="Опережающая подготовка")

    class Meta:
        model = AdditionalProgram
        fields = ["q", "college", "kind", "group", "year", "is_advanced_competence"]


class AdmissionTargetFilter(SearchFilterSet):
    search_fields = ("specialty__code", "specialty__name", "college__short_name")
    sector = SectorFilter()
    college = AutocompleteFilter(label="ПОО", queryset=colleges, source="members.colleges")
    year = django_filters.NumberFilter(label="Год приёма")
    status = django_filters.ChoiceFilter(label="Статус", choices=TargetStatus.choices, empty_label="все")

    class Meta:
        model = AdmissionTarget
        fields = ["q", "sector", "college", "year", "status"]


class AdmissionRoundFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="Год приёма")

    class Meta:
        model = AdmissionRound
        fields = ["year"]
