"""Forms of the practice app; the choices a user may pick are scoped like the rows they may see."""

from django import forms
from django.utils import timezone

from cluster_portal.core.autocomplete import AutocompleteSelect, AutocompleteSelectMultiple, plain_select
from cluster_portal.core.forms import PortalForm
from cluster_portal.core.roles import PROPOSER_ROLES, Role, role_of
from members.choices import OrganizationKind
from members.models import Organization, Person, Sector
from programs.models import Program, Specialty

from . import locks, selectors, services
from .models import (
    DataCollection,
    EmploymentOutcome,
    Placement,
    PracticeAgreement,
    PracticeBase,
    Student,
    TeacherInternship,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
ENTERPRISE_KINDS = [OrganizationKind.EMPLOYER, OrganizationKind.EMPLOYERS_UNION, OrganizationKind.OTHER]


def college_select():
    return AutocompleteSelect("members.colleges")


def enterprise_select():
    return AutocompleteSelect("members.enterprises")


def colleges():
    return Organization.objects.filter(kind=OrganizationKind.COLLEGE).order_by("short_name")


def enterprises():
    return Organization.objects.filter(kind__in=ENTERPRISE_KINDS).order_by("short_name")


def refuse_locked(form, college_id: int | None) -> None:
    """Refuse the form's row if it falls in an answer its college has handed in (college users only)."""
    coverage = locks.coverage_of(form._meta.model)
    years = coverage.years(form.cleaned_data)
    if college_id is None or not years or not locks.writes_checked(form.user):
        return
    error = locks.lock_error(selectors.handed_in_answers(college_id), coverage.topic, college_id, years)
    if error:
        form.add_error(coverage.field, error)


class OwnCollegeMixin:
    """A college representative enters rows of their own college only."""

    college_field = "college"

    def limit_college(self):
        field = self.fields[self.college_field]
        if role_of(self.user) == Role.COLLEGE:
            field.queryset = Organization.objects.filter(pk=self.user.organization_id)
            field.empty_label = None
            plain_select(field)
            field.disabled = True  # whatever is posted, the row belongs to the user's college
            if not self.instance.pk:
                self.initial[self.college_field] = self.user.organization_id
        else:
            field.queryset = colleges()


class PracticeBaseForm(PortalForm):
    class Meta:
        model = PracticeBase
        fields = [
            "enterprise",
            "address",
            "specialties",
            "capacity",
            "has_mentoring_program",
            "usual_format",
            "mentoring_notes",
            "special_requirements",
            "date_from",
            "date_to",
        ]
        widgets = {
            "specialties": forms.SelectMultiple(attrs={"size": 8}),
            "enterprise": enterprise_select(),
            "date_from": DATE_INPUT,
            "date_to": DATE_INPUT,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialties"].queryset = Specialty.objects.order_by("code")
        if self.instance.pk is None:
            self.fields["date_from"].help_text = "Пусто — с сегодняшнего дня"
        if role_of(self.user) == Role.EMPLOYER:
            self.fields["enterprise"].queryset = Organization.objects.filter(pk=self.user.organization_id)
            self.fields["enterprise"].empty_label = None
            plain_select(self.fields["enterprise"])
        else:
            self.fields["enterprise"].queryset = enterprises()

    def clean_date_from(self):
        # A new base enters the annual reports from the day it starts taking students, today unless told.
        value = self.cleaned_data.get("date_from")
        return value or (timezone.localdate() if self.instance.pk is None else None)

    def clean_enterprise(self):
        enterprise = self.cleaned_data["enterprise"]
        error = services.base_enterprise_change_error(base=self.instance, enterprise=enterprise, user=self.user)
        if error:
            raise forms.ValidationError(error)
        return enterprise

    def save(self, commit=True):
        if self.instance.pk is None and role_of(self.user) in PROPOSER_ROLES:
            # The college that entered a base may keep it current; the coordinator's bases stay his.
            self.instance.added_by_id = self.user.organization_id
        return super().save(commit=commit)


class PracticeAgreementForm(OwnCollegeMixin, PortalForm):
    class Meta:
        model = PracticeAgreement
        fields = [
            "college",
            "enterprise",
            "number",
            "date",
            "valid_until",
            "form",
            "mentors_assigned",
            "file",
            "comment",
        ]
        widgets = {
            "date": DATE_INPUT,
            "valid_until": DATE_INPUT,
            "college": college_select(),
            "enterprise": enterprise_select(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_college()
        self.fields["enterprise"].queryset = enterprises()


class StudentForm(OwnCollegeMixin, PortalForm):
    class Meta:
        model = Student
        fields = ["college", "record_number", "full_name", "program", "group_name", "admission_year", "graduation_year"]
        widgets = {
            "college": college_select(),
            "program": AutocompleteSelect("programs.programs", forward={"college": "college"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_college()
        programs = Program.objects.select_related("specialty", "college").order_by(
            "college__short_name", "specialty__code", "pk"
        )
        if role_of(self.user) == Role.COLLEGE:
            programs = programs.filter(college=self.user.organization_id)
        self.fields["program"].queryset = programs

    def clean(self):
        data = super().clean()
        college = data.get("college")
        refuse_locked(self, college.pk if college else None)
        return data


class PlacementForm(PortalForm):
    class Meta:
        model = Placement
        fields = [
            "student",
            "base",
            "kind",
            "date_start",
            "date_end",
            "mentoring_format",
            "mentors",
            "mentor_names",
            "real_assignment",
            "paid_employment",
            "job_offer",
            "grade",
        ]
        widgets = {
            "date_start": DATE_INPUT,
            "date_end": DATE_INPUT,
            "student": AutocompleteSelect("practice.students"),
            "base": AutocompleteSelect("practice.bases"),
            "mentors": AutocompleteSelectMultiple("practice.mentors", forward={"base": "base"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = selectors.student_list(user=self.user)
        self.fields["base"].queryset = PracticeBase.objects.select_related("enterprise").order_by(
            "enterprise__short_name", "address"
        )
        self.fields["mentors"].queryset = Person.objects.filter(organization__kind__in=ENTERPRISE_KINDS).select_related(
            "organization"
        )
        self.fields["mentors"].help_text = "Сотрудники предприятия, внесённые в портал; иначе — ФИО в поле ниже."

    def clean(self):
        data = super().clean()
        base, mentors = data.get("base"), data.get("mentors")
        if base and mentors:
            foreign = [str(m) for m in mentors if m.organization_id != base.enterprise_id]
            if foreign:
                self.add_error(
                    "mentors", "Наставники должны быть сотрудниками предприятия: " + ", ".join(foreign) + "."
                )
        student = data.get("student")
        refuse_locked(self, student.college_id if student else None)
        return data


class EmploymentOutcomeForm(PortalForm):
    class Meta:
        model = EmploymentOutcome
        fields = ["student", "year", "status", "date", "employer", "employer_name", "position", "comment"]
        widgets = {
            "date": DATE_INPUT,
            "student": AutocompleteSelect("practice.students"),
            "employer": enterprise_select(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["student"].queryset = selectors.student_list(user=self.user)
        self.fields["employer"].queryset = enterprises()

    def clean(self):
        data = super().clean()
        student = data.get("student")
        refuse_locked(self, student.college_id if student else None)
        return data


class TeacherInternshipForm(OwnCollegeMixin, PortalForm):
    class Meta:
        model = TeacherInternship
        fields = [
            "college",
            "teacher",
            "position",
            "enterprise",
            "topic",
            "date_start",
            "date_end",
            "hours",
            "mentor",
            "document",
            "document_file",
        ]
        widgets = {
            "date_start": DATE_INPUT,
            "date_end": DATE_INPUT,
            "college": college_select(),
            "enterprise": enterprise_select(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_college()
        self.fields["enterprise"].queryset = enterprises()


class DataCollectionForm(PortalForm):
    class Meta:
        model = DataCollection
        fields = ["title", "topic", "year", "deadline", "instructions", "is_closed"]
        widgets = {"deadline": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            del self.fields["is_closed"]
        else:
            # What is collected is fixed once colleges work on it.
            self.fields["topic"].disabled = True
            self.fields["year"].disabled = True


class SubmitForm(forms.Form):
    note = forms.CharField(
        label="Комментарий для координатора", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(forms.Form):
    ACCEPT, RETURN = "accept", "return"
    decision = forms.ChoiceField(
        label="Решение", choices=[(ACCEPT, "Принять"), (RETURN, "Вернуть на доработку")], widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label="Комментарий (при возврате — что исправить)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.RETURN and not data.get("comment", "").strip():
            self.add_error("comment", "Укажите, что нужно исправить.")
        return data


class AnalyticsFilterForm(forms.Form):
    year_from = forms.IntegerField(label="Выпуск с (год)", required=False, min_value=1990, max_value=2100)
    year_to = forms.IntegerField(label="Выпуск по (год)", required=False, min_value=1990, max_value=2100)
    college = forms.ModelChoiceField(
        label="ПОО", queryset=Organization.objects.none(), required=False, empty_label="все", widget=college_select()
    )
    sector = forms.ModelChoiceField(label="Отрасль", queryset=None, required=False, empty_label="все")

    def __init__(self, *args, cluster=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["college"].queryset = colleges()
        self.fields["sector"].queryset = Sector.objects.filter(cluster=cluster).order_by("order", "name")

    def clean(self):
        data = super().clean()
        if data.get("year_from") and data.get("year_to") and data["year_from"] > data["year_to"]:
            self.add_error("year_to", "Конец периода раньше начала.")
        return data
