"""Forms of the councils app."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.forms import inlineformset_factory
from django.utils import timezone

from cluster_portal.core.autocomplete import AutocompleteSelect, explain_invalid_choices
from cluster_portal.core.forms import PortalForm
from members.models import Organization, Person

from . import evidence
from .choices import DecisionStatus, MinutesStatus, PlanItemStatus
from .deadlines import academic_year_of
from .models import (
    AgendaItem,
    Council,
    CouncilMember,
    Decision,
    Meeting,
    PlanItem,
    PlanReport,
    PlanSection,
    WorkPlan,
    votes_problem,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME_INPUT = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
PERSON_SELECT = AutocompleteSelect("members.persons")


def academic_year_choices() -> list[tuple[str, str]]:
    current = academic_year_of(timezone.localdate())
    years = range(2015, current + 4)
    return [("", "— по дате заседания —")] + [(str(y), f"{y}/{y + 1}") for y in reversed(years)]


class CouncilForm(PortalForm):
    class Meta:
        model = Council
        fields = ["cluster", "kind", "name", "name_genitive", "quorum_rule", "regulation", "description", "order"]


class CouncilMemberForm(PortalForm):
    class Meta:
        model = CouncilMember
        fields = ["council", "person", "role", "date_from", "date_to", "order"]
        widgets = {"date_from": DATE_INPUT, "date_to": DATE_INPUT, "person": PERSON_SELECT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.select_related("organization")
        if self.instance.pk:
            self.fields["council"].disabled = True


class MeetingForm(PortalForm):
    academic_year = forms.TypedChoiceField(
        label="Учебный год", coerce=int, empty_value=None, required=False, choices=academic_year_choices
    )

    class Meta:
        model = Meeting
        fields = [
            "council",
            "status",
            "academic_year",
            "date",
            "period",
            "start_time",
            "end_time",
            "format",
            "place",
            "online_link",
            "topics",
        ]
        widgets = {
            "date": DATE_INPUT,
            "start_time": TIME_INPUT,
            "end_time": TIME_INPUT,
            "topics": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["academic_year"].help_text = "Для заседаний без даты; при известной дате определяется по ней"
        if self.instance.pk:
            self.fields["council"].disabled = True


class AgendaItemForm(PortalForm):
    class Meta:
        model = AgendaItem
        fields = ["meeting", "title", "speaker", "speaker_text"]
        widgets = {"title": forms.Textarea(attrs={"rows": 3}), "speaker": PERSON_SELECT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = Meeting.objects.select_related("council").order_by("-academic_year", "-date")
        self.fields["speaker"].queryset = Person.objects.select_related("organization")
        if self.instance.pk:
            self.fields["meeting"].disabled = True


class AttendanceForm(forms.Form):
    """Checkboxes for the council's members; the service refuses anyone who is not one."""

    present = forms.ModelMultipleChoiceField(
        label="Присутствовали",
        queryset=Person.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guests = forms.CharField(
        label="Приглашённые (не члены совета)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="ФИО, должность, организация — по одному на строку",
    )

    def __init__(self, *args, seats=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].widget.choices = [
            (
                seat.person_id,
                f"{seat.person.full_name} — {seat.get_role_display().lower()}"
                + (f", {seat.person.organization.short_name}" if seat.person.organization_id else ""),
            )
            for seat in seats
        ]


class MinutesForm(forms.Form):
    """The header of a protocol; the per-item «слушали» come from ``MinutesItemForm`` rows."""

    number = forms.CharField(label="Номер протокола", max_length=30)
    date = forms.DateField(label="Дата протокола", widget=DATE_INPUT)
    chair = forms.ModelChoiceField(label="Председательствующий", queryset=Person.objects.none(), required=False)
    secretary = forms.ModelChoiceField(
        label="Секретарь", queryset=Person.objects.none(), required=False, widget=PERSON_SELECT
    )
    status = forms.ChoiceField(label="Статус протокола", choices=MinutesStatus.choices)
    signed_scan = forms.FileField(
        label="Скан подписанного протокола",
        required=False,
        help_text="PDF или изображение; приложенный скан означает, что протокол подписан",
    )

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        queryset = people if people is not None else Person.objects.all()
        self.fields["chair"].queryset = queryset
        self.fields["secretary"].queryset = Person.objects.select_related("organization")
        explain_invalid_choices(self)

    def clean_signed_scan(self):
        from cluster_portal.core.files import document_validator

        scan = self.cleaned_data.get("signed_scan")
        if scan:
            document_validator(scan)
        return scan


class MinutesItemForm(forms.Form):
    """What was heard on one agenda item and the vote; the votes never exceed the members present."""

    heard = forms.CharField(
        label="Слушали",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Как в протоколе, с докладчиком в нужном падеже: «Пояркову О.Н. о …»; печатается как написано",
    )
    votes_for = forms.IntegerField(label="«За»", min_value=0, required=False)
    votes_against = forms.IntegerField(label="«Против»", min_value=0, required=False)
    votes_abstained = forms.IntegerField(label="«Воздержались»", min_value=0, required=False)

    def __init__(self, *args, present: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.present = present

    def clean(self):
        data = super().clean()
        problem = votes_problem(
            votes_for=data.get("votes_for"),
            votes_against=data.get("votes_against"),
            votes_abstained=data.get("votes_abstained"),
            present=self.present,
        )
        if problem:
            self.add_error("votes_for", problem)
        return data


class MinutesDecisionForm(PortalForm):
    """One decision («РЕШИЛИ») on an agenda item, entered in the minutes form."""

    class Meta:
        model = Decision
        fields = [
            "text",
            "responsible_person",
            "responsible_organization",
            "responsible_text",
            "deadline_text",
            "due_date",
            "plan_item",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "due_date": DATE_INPUT,
            "responsible_person": PERSON_SELECT,
            "responsible_organization": AutocompleteSelect("members.organizations"),
        }
        labels = {"text": "Решили", "deadline_text": "Срок (как в протоколе)"}

    def __init__(self, *args, plan_items=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_person"].queryset = Person.objects.select_related("organization")
        self.fields["responsible_organization"].queryset = Organization.objects.all()
        self.fields["plan_item"].queryset = plan_items if plan_items is not None else PlanItem.objects.none()
        self.fields["plan_item"].label_from_instance = lambda i: f"{i.plan.year}: {i.display_number} {i.title[:80]}"
        self.fields["text"].required = False  # a blank row is no decision; a filled one needs its text (clean)
        explain_invalid_choices(self)

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip() and not data.get("DELETE"):
            self.add_error("text", "Запишите текст решения: ответственный и срок без него не сохраняются.")
        return data


MinutesDecisionFormSet = inlineformset_factory(
    AgendaItem, Decision, form=MinutesDecisionForm, fk_name="agenda_item", extra=1, can_delete=True
)


class AmendForm(forms.Form):
    """«Внести изменения» in a signed protocol: the reason goes into its history."""

    reason = forms.CharField(
        label="Причина изменений",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Что и почему меняется; запись видна на странице заседания и в истории протокола",
        error_messages={"required": "Укажите причину изменений: она записывается в историю протокола."},
    )


class InvitationForm(forms.Form):
    extra_emails = forms.CharField(
        label="Дополнительные адреса",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Для приглашённых не из состава совета: адреса через запятую или с новой строки",
    )
    message = forms.CharField(label="Текст к приглашению", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_extra_emails(self):
        raw = self.cleaned_data["extra_emails"].replace(";", ",").replace("\n", ",")
        emails = [e.strip() for e in raw.split(",") if e.strip()]
        bad = []
        for email in emails:
            try:
                validate_email(email)
            except ValidationError:
                bad.append(email)
        if bad:
            raise ValidationError("Неверные адреса электронной почты: " + ", ".join(bad))
        return emails


class DecisionForm(PortalForm):
    class Meta:
        model = Decision
        fields = [
            "agenda_item",
            "text",
            "responsible_person",
            "responsible_organization",
            "responsible_text",
            "deadline_text",
            "due_date",
            "status",
            "done_date",
            "result",
        ]
        widgets = {
            "due_date": DATE_INPUT,
            "done_date": DATE_INPUT,
            "text": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 2}),
            "responsible_person": PERSON_SELECT,
            "responsible_organization": AutocompleteSelect("members.organizations"),
        }
        help_texts = {"due_date": "Если не указан, определяется по сроку: «до 01.12.2022», «IV квартал 2022»"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = AgendaItem.objects.select_related("meeting", "meeting__council").filter(
            meeting__minutes__isnull=False
        )
        self.fields["agenda_item"].label_from_instance = lambda i: f"{i.meeting} — {i.order}. {i.title[:90]}"
        self.fields["responsible_person"].queryset = Person.objects.select_related("organization")
        self.fields["responsible_organization"].queryset = Organization.objects.all()
        if self.instance.pk:
            self.fields["agenda_item"].disabled = True

    def clean(self):
        data = super().clean()
        if data.get("status") == DecisionStatus.DONE and not data.get("done_date"):
            data["done_date"] = timezone.localdate()
        return data


class DecisionPlanForm(forms.Form):
    """Link a decision to the work plan: an existing item, or a new one in a section."""

    plan_item = forms.ModelChoiceField(
        label="Существующий пункт плана", queryset=PlanItem.objects.none(), required=False
    )
    update_deadline = forms.BooleanField(label="Перенести в пункт срок из решения", required=False, initial=True)
    section = forms.ModelChoiceField(
        label="…или новый пункт в разделе", queryset=PlanSection.objects.none(), required=False
    )
    number = forms.CharField(label="Номер нового пункта", max_length=10, required=False, help_text="Например: 2.10")

    def __init__(self, *args, items=None, sections=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan_item"].queryset = items if items is not None else PlanItem.objects.none()
        self.fields["plan_item"].label_from_instance = lambda i: f"{i.plan.year}: {i.display_number} {i.title[:90]}"
        self.fields["section"].queryset = sections if sections is not None else PlanSection.objects.none()
        self.fields["section"].label_from_instance = lambda s: f"{s.plan.year}: {s.number}. {s.title[:90]}"

    def clean(self):
        data = super().clean()
        if data.get("plan_item") and data.get("section"):
            raise ValidationError("Выберите что-то одно: существующий пункт или раздел для нового.")
        if not data.get("plan_item") and not data.get("section"):
            raise ValidationError("Выберите существующий пункт плана или раздел для нового пункта.")
        if data.get("section") and not data.get("number"):
            self.add_error("number", "Укажите номер нового пункта.")
        return data


class WorkPlanForm(PortalForm):
    class Meta:
        model = WorkPlan
        fields = ["cluster", "year", "title", "approved_by", "approved_date", "approval_meeting"]
        widgets = {"approved_date": DATE_INPUT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["approval_meeting"].queryset = Meeting.objects.select_related("council").order_by("-date")


class PlanSectionForm(PortalForm):
    class Meta:
        model = PlanSection
        fields = ["plan", "number", "title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["plan"].disabled = True


class PlanItemForm(PortalForm):
    class Meta:
        model = PlanItem
        fields = [
            "section",
            "number",
            "title",
            "executors",
            "responsible_person",
            "deadline_text",
            "due_date",
            "expected_result",
            "council",
            "evidence_source",
        ]
        widgets = {
            "due_date": DATE_INPUT,
            "title": forms.Textarea(attrs={"rows": 3}),
            "executors": forms.Textarea(attrs={"rows": 2}),
            "expected_result": forms.Textarea(attrs={"rows": 2}),
            "responsible_person": PERSON_SELECT,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = PlanSection.objects.select_related("plan").order_by("-plan__year", "number")
        self.fields["section"].label_from_instance = lambda s: f"{s.plan.year}: {s.number}. {s.title[:90]}"
        self.fields["responsible_person"].queryset = Person.objects.select_related("organization")
        self.fields["evidence_source"] = forms.ChoiceField(
            label=PlanItem._meta.get_field("evidence_source").verbose_name.capitalize(),
            help_text=PlanItem._meta.get_field("evidence_source").help_text,
            choices=[("", "—"), *evidence.sources()],
            required=False,
        )

    def clean(self):
        data = super().clean()
        section = data.get("section")
        number = data.get("number")
        if section and number:
            from .models import normalize_plan_number

            number = normalize_plan_number(number)
            taken = PlanItem.objects.filter(plan_id=section.plan_id, number=number).exclude(pk=self.instance.pk)
            if taken.exists():
                self.add_error("number", f"Пункт {number} уже есть в плане на {section.plan.year} год.")
            else:
                self.instance.plan_id = section.plan_id
        return data


class PlanItemStatusForm(PortalForm):
    """A manual status of a plan item, with the reason the computed one is set aside."""

    class Meta:
        model = PlanItem
        fields = ["status_override", "status_override_reason"]
        widgets = {"status_override_reason": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status_override"].choices = [("", "— рассчитывать по подтверждениям"), *PlanItemStatus.choices]


class PlanReportForm(PortalForm):
    class Meta:
        model = PlanReport
        fields = ["item", "date", "text", "completes", "file", "link"]
        widgets = {"date": DATE_INPUT, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = PlanItem.objects.select_related("plan").order_by("-plan__year", "position")
        self.fields["item"].label_from_instance = lambda i: f"{i.plan.year}: {i.display_number} {i.title[:90]}"
        if self.instance.pk:
            self.fields["item"].disabled = True
