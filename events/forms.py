"""Forms of the events app; the choices a user may pick are scoped like the rows they may see."""

from __future__ import annotations

from django import forms

from cluster_portal.core.autocomplete import AutocompleteSelect, AutocompleteSelectMultiple, plain_select
from cluster_portal.core.forms import PortalForm
from cluster_portal.core.roles import Role, role_of
from members.choices import OrganizationKind
from members.models import Organization, Person, Sector
from programs.models import Specialty

from . import selectors, services
from .models import (
    CompetitionExpert,
    Event,
    EventFile,
    EventKind,
    ExamPanelMember,
    ExamResult,
    ExamSession,
    Participant,
)
from .models.competitions import ENTERPRISE_KINDS
from .models.exams import required_certificate

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
PLAN_YEARS_BACK = 3


def plan_item_choices(instance_items=()):
    """Items of the recent plans (and those already linked), labelled «2022: 2.8. …»."""
    from councils.models import PlanItem

    queryset = PlanItem.objects.select_related("plan").order_by("-plan__year", "position", "pk")
    latest = PlanItem.objects.order_by("-plan__year").values_list("plan__year", flat=True).first()
    if latest:
        queryset = queryset.filter(plan__year__gt=latest - PLAN_YEARS_BACK) | queryset.filter(
            pk__in=[i.pk for i in instance_items]
        )
    return queryset.distinct()


class PlanItemsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        title = obj.title if len(obj.title) <= 110 else obj.title[:107] + "…"
        return f"{obj.plan.year}: {obj.display_number} {title}"


def enterprise_staff():
    return Person.objects.filter(organization__kind__in=ENTERPRISE_KINDS).select_related("organization")


class EventKindForm(PortalForm):
    class Meta:
        model = EventKind
        fields = ["name", "is_competition", "public_by_default", "order"]


class EventForm(PortalForm):
    plan_items = PlanItemsField(
        label="Выполняет пункты плана",
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Пункты плана работы кластера, которые подтверждает мероприятие",
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "description",
            "date_start",
            "date_end",
            "period",
            "place",
            "organizer",
            "organizer_text",
            "participants",
            "sectors",
            "specialties",
            "students_count",
            "schoolchildren_count",
            "teachers_count",
            "employer_staff_count",
            "plan_items",
            "results",
            "news_url",
            "is_public",
        ]
        widgets = {
            "date_start": DATE_INPUT,
            "date_end": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 3}),
            "results": forms.Textarea(attrs={"rows": 3}),
            "organizer": AutocompleteSelect("members.organizations"),
            "participants": AutocompleteSelectMultiple("members.organizations"),
            "sectors": forms.SelectMultiple(attrs={"size": 5}),
            "specialties": forms.SelectMultiple(attrs={"size": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sectors"].queryset = Sector.objects.order_by("order", "name")
        self.fields["specialties"].queryset = Specialty.objects.order_by("code")
        linked = list(self.instance.plan_items.all()) if self.instance.pk else []
        self.fields["plan_items"].queryset = plan_item_choices(linked)
        if not self.instance.pk and self.user is not None and self.user.organization_id:
            self.initial.setdefault("organizer", self.user.organization_id)
        for name in services.locked_fields(self.user, self.instance):
            self.fields[name].disabled = True
            self.fields[name].help_text = "Мероприятие опубликовано: это поле меняет координатор."

    def relations(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("participants", "sectors", "specialties", "plan_items")}


class EventReturnForm(forms.Form):
    comment = forms.CharField(label="Что исправить", widget=forms.Textarea(attrs={"rows": 3}))


class EventFileForm(PortalForm):
    class Meta:
        model = EventFile
        fields = ["event", "kind", "file", "caption"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = selectors.event_list(user=self.user, action="change").prefetch_related(None)
        self.fields["event"].widget = forms.HiddenInput()
        self.fields["file"].help_text = "Фотография — JPEG или PNG; документ — PDF, DOCX, XLSX, ODT и др."


class ParticipantForm(PortalForm):
    class Meta:
        model = Participant
        fields = ["event", "competence", "student", "mentor", "place", "result"]
        widgets = {
            "student": AutocompleteSelect("practice.students"),
            "mentor": AutocompleteSelect("events.enterprise-staff"),
        }

    def __init__(self, *args, **kwargs):
        from practice.selectors import student_list

        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = selectors.competitions(user=self.user)
        self.fields["event"].widget = forms.HiddenInput()
        self.fields["student"].queryset = student_list(user=self.user)
        self.fields["student"].help_text = "Номер личного дела: студенты своей ПОО"
        self.fields["mentor"].queryset = enterprise_staff()


class CompetitionExpertForm(PortalForm):
    class Meta:
        model = CompetitionExpert
        fields = ["event", "person", "competence", "role"]
        widgets = {"person": AutocompleteSelect("events.enterprise-staff")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].queryset = selectors.competitions(user=self.user)
        self.fields["event"].widget = forms.HiddenInput()
        self.fields["person"].queryset = enterprise_staff()
        self.fields["person"].help_text = "Специалист предприятия — участника кластера"


class ExamSessionForm(PortalForm):
    plan_items = PlanItemsField(
        label="Выполняет пункты плана", queryset=None, required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )

    class Meta:
        model = ExamSession
        fields = [
            "college",
            "specialty",
            "year",
            "kind",
            "competence",
            "date_from",
            "date_to",
            "site",
            "site_organization",
            "plan_items",
            "review_meetings",
            "notes",
        ]
        widgets = {
            "date_from": DATE_INPUT,
            "date_to": DATE_INPUT,
            "college": AutocompleteSelect("members.colleges"),
            "site_organization": AutocompleteSelect("members.organizations"),
            "review_meetings": forms.SelectMultiple(attrs={"size": 5}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        from councils.models import Meeting

        super().__init__(*args, **kwargs)
        college = self.fields["college"]
        if role_of(self.user) == Role.COLLEGE:
            college.queryset = Organization.objects.filter(pk=self.user.organization_id)
            college.empty_label = None
            plain_select(college)
            college.disabled = True  # whatever is posted, the exam belongs to the user's college
            if not self.instance.pk:
                self.initial["college"] = self.user.organization_id
        else:
            college.queryset = Organization.objects.filter(kind=OrganizationKind.COLLEGE)
        self.fields["specialty"].queryset = Specialty.objects.order_by("code")
        linked = list(self.instance.plan_items.all()) if self.instance.pk else []
        self.fields["plan_items"].queryset = plan_item_choices(linked)
        self.fields["review_meetings"].queryset = Meeting.objects.select_related("council").order_by("-date", "pk")


class ExamPanelMemberForm(PortalForm):
    class Meta:
        model = ExamPanelMember
        fields = ["session", "expert", "role"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = selectors.exam_session_list(user=self.user, action="change")
        self.fields["session"].widget = forms.HiddenInput()
        self.fields["expert"].queryset = selectors.pool_experts(user=self.user)
        self.fields["expert"].help_text = "Из пула экспертов; нужно свидетельство, действующее на даты экзамена"
        session = self.session()
        if session is not None:
            self.fields["expert"].help_text = (
                f"Из пула экспертов; нужно свидетельство «{required_certificate(session.kind).label}», "
                f"действующее на даты экзамена {session.dates}"
            )

    def session(self):
        if self.instance.session_id:
            return self.instance.session
        value = self.data.get("session") or self.initial.get("session")
        if value and str(value).isdigit():
            return self.fields["session"].queryset.filter(pk=value).first()
        return None


class ExamResultForm(PortalForm):
    class Meta:
        model = ExamResult
        fields = ["session", "student", "score", "grade", "passed"]
        widgets = {"student": AutocompleteSelect("practice.students")}

    def __init__(self, *args, **kwargs):
        from practice.selectors import student_list

        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = selectors.exam_session_list(user=self.user, action="change")
        self.fields["session"].widget = forms.HiddenInput()
        self.fields["student"].queryset = student_list(user=self.user)
        self.fields["student"].help_text = "Выпускник ПОО по специальности экзамена; поиск по номеру личного дела"
