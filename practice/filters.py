"""Filter forms of the practice lists."""

import django_filters

from cluster_portal.core.filters import AutocompleteFilter, SearchFilterSet, YesNoFilter
from members.choices import OrganizationKind
from members.models import Organization
from programs.models import Specialty

from .choices import AgreementForm, CollectionTopic, MentoringFormat, OutcomeStatus, PlacementKind, SubmissionStatus
from .models import (
    DataCollection,
    EmploymentOutcome,
    Placement,
    PracticeAgreement,
    PracticeBase,
    Student,
    StudentDataAccess,
    Submission,
    TeacherInternship,
)

YES_NO = [(True, "да"), (False, "нет")]


def _colleges(request=None):
    return Organization.objects.filter(kind=OrganizationKind.COLLEGE).order_by("short_name")


def _enterprises(request=None):
    return Organization.objects.exclude(kind__in=[OrganizationKind.COLLEGE, OrganizationKind.SCHOOL]).order_by(
        "short_name"
    )


class PracticeBaseFilter(SearchFilterSet):
    search_fields = ("enterprise__short_name", "enterprise__name", "address", "mentoring_notes", "special_requirements")
    specialty = django_filters.ModelChoiceFilter(
        label="Специальность", field_name="specialties", queryset=Specialty.objects.order_by("code"), distinct=True
    )
    has_mentoring_program = YesNoFilter(label="Корпоративная программа наставничества")
    usual_format = django_filters.ChoiceFilter(
        label="Формат наставничества", choices=MentoringFormat.choices, empty_label="все"
    )

    class Meta:
        model = PracticeBase
        fields = ["q", "specialty", "has_mentoring_program", "usual_format"]


class PracticeAgreementFilter(SearchFilterSet):
    search_fields = ("number", "enterprise__short_name", "college__short_name", "comment")
    college = AutocompleteFilter(label="ПОО", queryset=_colleges, source="members.colleges")
    enterprise = AutocompleteFilter(label="Предприятие", queryset=_enterprises, source="members.enterprises")
    form = django_filters.ChoiceFilter(label="Форма договора", choices=AgreementForm.choices, empty_label="все")

    class Meta:
        model = PracticeAgreement
        fields = ["q", "college", "enterprise", "form"]


class StudentFilter(SearchFilterSet):
    search_fields = ("record_number", "full_name", "group_name", "program__specialty__code", "program__specialty__name")
    college = AutocompleteFilter(label="ПОО", queryset=_colleges, source="members.colleges")
    specialty = django_filters.ModelChoiceFilter(
        label="Специальность", field_name="program__specialty", queryset=Specialty.objects.order_by("code")
    )
    graduation_year = django_filters.NumberFilter(label="Год выпуска")
    admission_year = django_filters.NumberFilter(label="Год поступления")

    class Meta:
        model = Student
        fields = ["q", "college", "specialty", "graduation_year", "admission_year"]


class PlacementFilter(SearchFilterSet):
    search_fields = ("student__record_number", "student__group_name", "base__enterprise__short_name", "mentor_names")
    college = AutocompleteFilter(
        label="ПОО", field_name="student__college", queryset=_colleges, source="members.colleges"
    )
    enterprise = AutocompleteFilter(
        label="Предприятие", field_name="base__enterprise", queryset=_enterprises, source="members.enterprises"
    )
    kind = django_filters.ChoiceFilter(label="Вид практики", choices=PlacementKind.choices, empty_label="все")
    mentoring_format = django_filters.ChoiceFilter(
        label="Формат наставничества", choices=MentoringFormat.choices, empty_label="все"
    )
    job_offer = YesNoFilter(label="Приглашение на работу")
    real_assignment = YesNoFilter(label="Реальное задание")
    date_start = django_filters.DateFromToRangeFilter(
        label="Начало (с — по)", widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"})
    )

    class Meta:
        model = Placement
        fields = [
            "q",
            "college",
            "enterprise",
            "kind",
            "mentoring_format",
            "job_offer",
            "real_assignment",
            "date_start",
        ]


class EmploymentOutcomeFilter(SearchFilterSet):
    search_fields = (
        "student__record_number",
        "student__group_name",
        "employer_name",
        "employer__short_name",
        "position",
    )
    college = AutocompleteFilter(
        label="ПОО", field_name="student__college", queryset=_colleges, source="members.colleges"
    )
    year = django_filters.NumberFilter(label="Год мониторинга")
    status = django_filters.ChoiceFilter(label="Статус", choices=OutcomeStatus.choices, empty_label="все")
    specialty = django_filters.ModelChoiceFilter(
        label="Специальность", field_name="student__program__specialty", queryset=Specialty.objects.order_by("code")
    )

    class Meta:
        model = EmploymentOutcome
        fields = ["q", "college", "year", "status", "specialty"]


class TeacherInternshipFilter(SearchFilterSet):
    search_fields = ("teacher", "topic", "enterprise__short_name", "college__short_name")
    college = AutocompleteFilter(label="ПОО", queryset=_colleges, source="members.colleges")
    enterprise = AutocompleteFilter(label="Предприятие", queryset=_enterprises, source="members.enterprises")
    date_start = django_filters.DateFromToRangeFilter(
        label="Начало (с — по)", widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"})
    )

    class Meta:
        model = TeacherInternship
        fields = ["q", "college", "enterprise", "date_start"]


class DataCollectionFilter(SearchFilterSet):
    search_fields = ("title", "instructions")
    topic = django_filters.ChoiceFilter(label="Что собирается", choices=CollectionTopic.choices, empty_label="все")
    year = django_filters.NumberFilter(label="Год")
    is_closed = YesNoFilter(label="Закрыт")

    class Meta:
        model = DataCollection
        fields = ["q", "topic", "year", "is_closed"]


class SubmissionFilter(SearchFilterSet):
    search_fields = ("collection__title", "college__short_name", "review_comment", "note")
    collection = django_filters.ModelChoiceFilter(
        label="Сбор данных", queryset=DataCollection.objects.order_by("-deadline")
    )
    college = AutocompleteFilter(label="ПОО", queryset=_colleges, source="members.colleges")
    status = django_filters.ChoiceFilter(label="Статус", choices=SubmissionStatus.choices, empty_label="все")

    class Meta:
        model = Submission
        fields = ["q", "collection", "college", "status"]


class StudentDataAccessFilter(SearchFilterSet):
    search_fields = ("user__username", "user__last_name", "page", "path")
    exported = YesNoFilter(label="Выгрузка в Excel")
    at = django_filters.DateFromToRangeFilter(
        label="Когда (с — по)", widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"})
    )

    class Meta:
        model = StudentDataAccess
        fields = ["q", "exported", "at"]
