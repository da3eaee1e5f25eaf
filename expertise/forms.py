"""Forms of the expertise app: the checklist, template versions, experts, sessions."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.forms import formset_factory, inlineformset_factory

from cluster_portal.core.autocomplete import AutocompleteSelect, AutocompleteSelectMultiple, explain_invalid_choices
from cluster_portal.core.forms import PortalForm
from cluster_portal.core.roles import Role
from members.choices import OrganizationKind
from members.models import Organization, Person, User

from .choices import NormKind, PracticeFigure, Verdict
from .models import (
    CRITERION_NUMBER,
    ChecklistTemplate,
    Criterion,
    Expert,
    ExpertCertificate,
    ExpertSession,
    format_share,
)
from .services import AnswerInput, answer_errors, answers_filled

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
YES_NO = [("yes", "Да"), ("no", "Нет")]
ENTERPRISE_KINDS = [OrganizationKind.EMPLOYER, OrganizationKind.EMPLOYERS_UNION]


# The expert's checklist -------------------------------------------------------------------------
@dataclass
class ChecklistRow:
    criterion: Criterion
    value: forms.BoundField
    remark: forms.BoundField
    answer: object = None  # the answer as it stands: the cleaned input, else the saved ReviewAnswer
    figure: str = ""
    stored: object = None  # the saved ReviewAnswer, shown when a stale save is refused

    @property
    def verdict(self) -> str:
        return getattr(self.answer, "verdict", "") or ""

    @property
    def verdict_label(self) -> str:
        return Verdict(self.verdict).label if self.verdict else ""

    @property
    def needs_remark(self) -> bool:
        return self.verdict == Verdict.FAILS

    @property
    def errors(self) -> list[str]:
        return [*self.value.errors, *self.remark.errors]


class ReviewForm(forms.Form):
    """One control per criterion: the yes/no answer is the verdict, a share's verdict comes from its norm."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    conclusion = forms.CharField(
        label="Общее заключение эксперта",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Рекомендации ПОО по доработке программы, если есть.",
    )

    def __init__(self, *args, structure, answers, figures=None, submit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.structure = structure
        self.stored = answers
        self.figures = figures or {}
        self.submit = submit
        self.criteria = [c for _section, criteria in structure for c in criteria]
        for criterion in self.criteria:
            stored = answers.get(criterion.pk)
            key = f"c{criterion.pk}"
            if criterion.is_share:
                self.fields[f"{key}-value"] = forms.DecimalField(
                    label=f"Значение критерия {criterion.label}, %",
                    required=False,
                    min_value=Decimal(0),
                    max_value=Decimal(100),
                    max_digits=5,
                    decimal_places=2,
                    localize=True,
                    widget=forms.TextInput(
                        attrs={"inputmode": "decimal", "class": "form-control", "aria-describedby": f"state-{key}"}
                    ),
                    error_messages={"invalid": "Введите число, например 62,5."},
                )
                # «62,5», not «62,50»: the value as the expert typed it.
                initial_value = format_share(stored.value_share).rstrip("%") if stored else None
            else:
                self.fields[f"{key}-value"] = forms.ChoiceField(
                    label=f"Ответ по критерию {criterion.label}",
                    choices=YES_NO,
                    required=False,
                    widget=forms.RadioSelect(attrs={"class": "btn-check", "aria-describedby": f"state-{key}"}),
                )
                initial_value = "" if not stored or stored.value_yes is None else ("yes" if stored.value_yes else "no")
            self.initial[f"{key}-value"] = initial_value
            self.fields[f"{key}-remark"] = forms.CharField(
                label=f"Замечание к критерию {criterion.label}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control", "aria-describedby": f"state-{key}"}),
            )
            self.initial[f"{key}-remark"] = stored.remark if stored else ""

    def current_answers(self) -> dict:
        """The answers as they stand: what the expert sent once it is cleaned, else what is saved."""
        return getattr(self, "answers", None) or self.stored

    def rows(self) -> list[tuple[object, list[ChecklistRow]]]:
        current = self.current_answers()
        result = []
        for section, criteria in self.structure:
            rows = []
            for criterion in criteria:
                key = f"c{criterion.pk}"
                rows.append(
                    ChecklistRow(
                        criterion=criterion,
                        value=self[f"{key}-value"],
                        remark=self[f"{key}-remark"],
                        answer=current.get(criterion.pk),
                        figure=self.figures.get(criterion.pk, ""),
                        stored=self.stored.get(criterion.pk),
                    )
                )
            result.append((section, rows))
        return result

    def progress(self) -> tuple[int, int]:
        """(criteria answered as a submit needs them, all criteria)."""
        return answers_filled(self.criteria, self.current_answers()), len(self.criteria)

    def clean(self):
        cleaned = super().clean()
        answers: dict[int, AnswerInput] = {}
        for criterion in self.criteria:
            key = f"c{criterion.pk}"
            if f"{key}-value" in self.errors:
                continue
            value = cleaned.get(f"{key}-value")
            answer = AnswerInput(remark=cleaned.get(f"{key}-remark", ""))
            if criterion.is_share:
                answer.value_share = value
            else:
                answer.value_yes = {"yes": True, "no": False}.get(value)
            answers[criterion.pk] = answer
        valid = [c for c in self.criteria if c.pk in answers]
        for (criterion_id, part), message in answer_errors(valid, answers, submit=self.submit).items():
            self.add_error(f"c{criterion_id}-{part}", message)
        self.answers = answers
        return cleaned


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="Что нужно доработать",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Укажите, что нужно доработать: причина сохранится в истории листа."},
    )


# Checklist templates ----------------------------------------------------------------------------
class TemplateForm(forms.Form):
    title = forms.CharField(label="Наименование", max_length=300)
    note = forms.CharField(label="Что изменено", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SectionForm(forms.Form):
    number = forms.IntegerField(label="№ раздела", min_value=1, max_value=99)
    title = forms.CharField(label="Наименование раздела", max_length=300)


class CriterionForm(forms.Form):
    section = forms.IntegerField(label="Раздел", min_value=1, max_value=99)
    number = forms.CharField(label="№", max_length=5, validators=[CRITERION_NUMBER])
    text = forms.CharField(label="Название критерия", widget=forms.Textarea(attrs={"rows": 2}))
    norm_kind = forms.ChoiceField(label="Норматив", choices=NormKind.choices)
    norm_share = forms.DecimalField(
        label="Доля, %", required=False, min_value=Decimal("0.01"), max_value=Decimal(100), localize=True
    )
    practice_figure = forms.ChoiceField(label="Показатель базы практик", choices=PracticeFigure.choices, required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("norm_kind") == NormKind.SHARE and cleaned.get("norm_share") is None:
            self.add_error("norm_share", "Для норматива-доли укажите значение, например 62,5.")
        return cleaned


SectionFormSet = formset_factory(SectionForm, extra=1, can_delete=True)
CriterionFormSet = formset_factory(CriterionForm, extra=2, can_delete=True)


def kept_rows(formset) -> list[dict]:
    """The cleaned rows of a valid formset, without the blank and the deleted ones."""
    return [f.cleaned_data for f in formset.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]


def template_initial(template: ChecklistTemplate | None, structure) -> tuple[dict, list[dict], list[dict]]:
    if template is None:
        return {"title": "Экспертный лист для оценки программы"}, [], []
    sections = [{"number": s.number, "title": s.title} for s, _criteria in structure]
    criteria = [
        {
            "section": s.number,
            "number": c.number,
            "text": c.text,
            "norm_kind": c.norm_kind,
            "norm_share": c.norm_share,
            "practice_figure": c.practice_figure,
        }
        for s, items in structure
        for c in items
    ]
    return {"title": template.title, "note": ""}, sections, criteria


# Experts ----------------------------------------------------------------------------------------
class ExpertForm(PortalForm):
    class Meta:
        model = Expert
        fields = ["user", "person", "specialization", "sectors", "affiliations", "is_active"]
        widgets = {
            "sectors": forms.SelectMultiple(attrs={"size": 6}),
            "person": AutocompleteSelect("members.persons"),
            "affiliations": AutocompleteSelectMultiple("members.organizations"),
        }
        help_texts = {"person": "Пусто — персона, привязанная к пользователю."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.filter(role=Role.EXPERT).order_by("last_name", "username")
        self.fields["person"].queryset = Person.objects.filter(organization__isnull=False).select_related(
            "organization"
        )
        self.fields["person"].required = False
        self.fields["affiliations"].queryset = Organization.objects.order_by("short_name")

    def clean(self):
        cleaned = super().clean()
        user = cleaned.get("user")
        if user is not None and cleaned.get("person") is None:
            if user.person_id is None:
                self.add_error("person", "У пользователя нет персоны: выберите её.")
            else:
                cleaned["person"] = user.person
                self.instance.person = user.person
        return cleaned


CertificateFormSet = inlineformset_factory(
    Expert,
    ExpertCertificate,
    fields=["kind", "title", "competence", "number", "issued_by", "issued_on", "valid_until"],
    widgets={"issued_on": DATE_INPUT, "valid_until": DATE_INPUT},
    extra=1,
    can_delete=True,
)


# Sessions ---------------------------------------------------------------------------------------
class SessionForm(PortalForm):
    class Meta:
        model = ExpertSession
        fields = ["cluster", "title", "date_from", "date_to", "checklist_deadline", "template", "description"]
        widgets = {
            "date_from": DATE_INPUT,
            "date_to": DATE_INPUT,
            "checklist_deadline": DATE_INPUT,
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        templates = ChecklistTemplate.objects.filter(is_archived=False)
        if self.instance.template_id:
            templates = ChecklistTemplate.objects.filter(pk=self.instance.template_id) | templates
        self.fields["template"].queryset = templates.order_by("title", "-version")


class ParticipantForm(forms.Form):
    college = forms.ModelChoiceField(
        label="ПОО",
        queryset=Organization.objects.filter(kind=OrganizationKind.COLLEGE).order_by("short_name"),
        widget=AutocompleteSelect("members.colleges"),
    )
    enterprises = forms.ModelMultipleChoiceField(
        label="Эксперты со стороны предприятий",
        queryset=Organization.objects.filter(kind__in=ENTERPRISE_KINDS).order_by("short_name"),
        required=False,
        widget=AutocompleteSelectMultiple("members.employers"),
    )
    programs = forms.ModelMultipleChoiceField(
        label="Программы на экспертизе",
        queryset=None,
        required=False,
        widget=AutocompleteSelectMultiple("programs.programs", forward={"college": "college"}),
        help_text="Может быть пусто: ПОО участвует без программы.",
    )
    order = forms.IntegerField(label="№", min_value=0, max_value=999, required=False)

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        from programs.models import Program

        self.fields["programs"].queryset = Program.objects.select_related("specialty", "college").order_by(
            "college__short_name", "specialty__code", "pk"
        )
        # Rendering a formset would look up the chosen rows once per row; share them instead.
        for name, values in (choices or {}).items():
            self.fields[name].choices = values
        explain_invalid_choices(self)

    def clean(self):
        cleaned = super().clean()
        college = cleaned.get("college")
        for program in cleaned.get("programs") or ():
            if college is not None and program.college_id != college.pk:
                self.add_error("programs", f"Программа «{program}» принадлежит другой ПОО.")
        return cleaned


ParticipantFormSet = formset_factory(ParticipantForm, extra=2, can_delete=True)


def participant_choices(rows: list[dict]) -> dict[str, list]:
    """The chosen rows of all participant rows with their labels: one query per field and page."""
    base = ParticipantForm()
    chosen = {
        "college": {row["college"] for row in rows if row.get("college")},
        "enterprises": {pk for row in rows for pk in row.get("enterprises") or ()},
        "programs": {pk for row in rows for pk in row.get("programs") or ()},
    }
    result = {}
    for name, keys in chosen.items():
        field = base.fields[name]
        empty = [("", field.empty_label)] if getattr(field, "empty_label", None) is not None else []
        result[name] = empty + field.widget.selected_choices(sorted(keys))
    return result


class ExtendDeadlineForm(forms.Form):
    """The coordinator extends the checklist deadline for every expert of a session or for one."""

    until = forms.DateField(label="Новый срок", widget=DATE_INPUT)
    expert = forms.ModelChoiceField(
        label="Кому", queryset=Expert.objects.none(), required=False, empty_label="всем экспертам сессии"
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expert"].queryset = (
            Expert.objects.filter(reviews__session_program__participant__session=session)
            .select_related("person")
            .distinct()
            .order_by("person__last_name", "pk")
        )
