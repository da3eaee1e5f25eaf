"""Forms of the program bank; a college representative's choices are limited to their college."""

from __future__ import annotations

from crispy_forms.layout import Fieldset, Layout
from django import forms

from cluster_portal.core.autocomplete import AutocompleteSelect, AutocompleteSelectMultiple, plain_select
from cluster_portal.core.forms import PortalForm
from cluster_portal.core.roles import Role, role_of
from members.choices import OrganizationKind
from members.forms import DATE_INPUT
from members.models import Organization

from .card import CARD_SECTIONS, CARD_TEXT_FIELDS
from .choices import TargetStatus
from .models import AdditionalProgram, AdmissionRound, AdmissionTarget, Program, ProgramDocument, Specialty

TEXTAREA = forms.Textarea(attrs={"rows": 3})
PROGRAM_FIELDS = {"qualification", "duration"}
PARTNER_KINDS = [OrganizationKind.EMPLOYER, OrganizationKind.EMPLOYERS_UNION]
COLLEGE_SELECT = AutocompleteSelect("members.colleges")


class OwnCollegeMixin:
    """For a college representative the college is theirs: the only choice, preselected.

    A crafted POST naming another college fails validation («Выберите корректный вариант»).
    """

    def limit_college(self):
        field = self.fields["college"]
        field.queryset = Organization.objects.filter(kind=OrganizationKind.COLLEGE).order_by("short_name")
        if role_of(self.user) == Role.COLLEGE:
            field.queryset = field.queryset.filter(pk=self.user.organization_id)
            field.empty_label = None
            field.initial = self.user.organization_id
            field.help_text = "Программы и КЦП вносятся только от имени своей ПОО."
            plain_select(field)


class SpecialtyForm(PortalForm):
    class Meta:
        model = Specialty
        fields = ["code", "name", "level", "group", "is_top50", "is_regional_priority", "is_advanced_competence"]


class ProgramForm(OwnCollegeMixin, PortalForm):
    class Meta:
        model = Program
        fields = [
            "college",
            "specialty",
            "qualification",
            "study_form",
            "base_education",
            "duration",
            "first_year",
            "last_year",
            "network_form",
            "dual_training",
            "partners",
            "is_published",
            *CARD_TEXT_FIELDS,
        ]
        widgets = dict.fromkeys(CARD_TEXT_FIELDS, TEXTAREA) | {
            "college": COLLEGE_SELECT,
            "partners": AutocompleteSelectMultiple("members.employers"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_college()
        self.fields["specialty"].queryset = Specialty.objects.select_related("group").order_by("code")
        self.fields["partners"].queryset = Organization.objects.filter(kind__in=PARTNER_KINDS).order_by("short_name")
        self.fields["partners"].help_text = "Можно выбрать несколько предприятий."
        self.helper.layout = Layout(
            Fieldset(
                "Программа",
                "college",
                "specialty",
                "qualification",
                "study_form",
                "base_education",
                "duration",
                "first_year",
                "last_year",
                "partners",
                "is_published",
            ),
            *(
                Fieldset(section.title, *(name for name in section.fields if name not in PROGRAM_FIELDS))
                for section in CARD_SECTIONS
            ),
        )


class ProgramDocumentForm(PortalForm):
    class Meta:
        model = ProgramDocument
        fields = ["title", "file"]


class AdditionalProgramForm(OwnCollegeMixin, PortalForm):
    class Meta:
        model = AdditionalProgram
        fields = ["college", "kind", "title", "group", "hours", "year", "is_advanced_competence", "description"]
        widgets = {"description": TEXTAREA, "college": COLLEGE_SELECT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_college()


class AdmissionTargetForm(OwnCollegeMixin, PortalForm):
    """A college proposes; the coordinator may also set the agreed number here."""

    class Meta:
        model = AdmissionTarget
        fields = ["college", "specialty", "year", "proposed", "agreed", "agreed_on", "comment"]
        widgets = {"comment": TEXTAREA, "college": COLLEGE_SELECT, "agreed_on": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_college()
        self.fields["specialty"].queryset = Specialty.objects.order_by("code")
        if role_of(self.user) != Role.COORDINATOR:
            del self.fields["agreed"], self.fields["agreed_on"]
        if self.instance.pk and self.instance.status == TargetStatus.AGREED and role_of(self.user) != Role.COORDINATOR:
            for field in self.fields.values():
                field.disabled = True
        if self.instance.pk and self.instance.agreements.exists():
            # An agreement stays in its year's report: what it was agreed for does not change.
            for name in ("college", "specialty", "year"):
                self.fields[name].disabled = True


class TargetReviewForm(forms.Form):
    """The coordinator's decision on a proposal: agree with a number, or return with a comment."""

    AGREE, RETURN = "agree", "return"
    decision = forms.ChoiceField(
        label="Решение",
        choices=[(AGREE, "Согласовать"), (RETURN, "Вернуть на доработку")],
        widget=forms.RadioSelect,
    )
    agreed = forms.IntegerField(label="Согласованное число мест", min_value=0, required=False)
    agreed_on = forms.DateField(
        label="Дата согласования",
        required=False,
        widget=DATE_INPUT,
        help_text="Дата решения (например, заседания совета); пусто — сегодня.",
    )
    comment = forms.CharField(label="Комментарий", widget=TEXTAREA, required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.AGREE and data.get("agreed") is None:
            self.add_error("agreed", "Укажите согласованное число мест.")
        if data.get("decision") == self.RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", "Укажите, что нужно доработать.")
        return data


class AdmissionRoundForm(PortalForm):
    """The coordinator sets a year's deadlines of КЦП."""

    class Meta:
        model = AdmissionRound
        fields = ["year", "propose_by", "agree_by"]
        widgets = {"propose_by": DATE_INPUT, "agree_by": DATE_INPUT}
