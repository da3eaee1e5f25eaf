"""Excel columns and import kinds of the program bank: specialties, programs, additional programs,
admission targets."""

from __future__ import annotations

from django import forms
from django.db.models import Case, CharField, Value, When

from cluster_portal.core.imports import ImportKind
from cluster_portal.core.io_fields import ImportForm, LabelChoiceField, reference_field
from cluster_portal.core.roles import Role, role_of
from cluster_portal.core.xlsx import Column
from members.choices import OrganizationKind
from members.models import EnlargedGroup, Organization

from .card import CARD_TEXT_FIELDS
from .choices import AdditionalKind, BaseEducation, Level, StudyForm, TargetStatus
from .models import AdditionalProgram, AdmissionTarget, Program, Specialty
from .services import AGREED_LOCKED, admission_target_propose

COLLEGE_HELP = "Краткое наименование ПОО, как в портале, например: ОГБПОУ «ТЭПК». Обязательно."
CODE_HELP = "Код специальности (профессии) из справочника портала, например: 15.02.32. Обязательно."


def _labels(choices) -> str:
    return "Одно из: " + "; ".join(choices.labels) + "."


SPECIALTY_COLUMNS = [
    Column("Код", "code", width=12, help="Например: 15.02.32. Обязательно, уникально: по нему строка находит запись."),
    Column("Наименование", "name", width=60, help="Обязательно."),
    Column("Уровень", "level", getter=lambda s: s.get_level_display(), width=40, help=_labels(Level)),
    Column("УГПС", "group", getter=lambda s: s.group.code, width=12, help="Код УГПС, например: 15.00.00."),
    Column("ТОП-50", "is_top50", width=10, help="да / нет"),
    Column("Региональный приоритет", "is_regional_priority", width=14, help="да / нет"),
    Column("Опережающая подготовка", "is_advanced_competence", width=14, help="да / нет"),
]

_CARD_HEADERS = {
    "card": "Визитная карточка ПОО",
    "relevance": "Актуальность",
    "goals": "Цели",
    "tasks": "Задачи",
    "demand": "Востребованность выпускников",
    "variable_part": "Вариативная часть",
    "quality_assessment": "Оценка качества",
    "expected_results": "Ожидаемые результаты",
    "equipment": "Материальная база",
    "staff": "Кадровое обеспечение",
    "prospects_network": "Перспективы: сетевая форма",
    "prospects_dual": "Перспективы: дуальное обучение",
}

PROGRAM_COLUMNS = [
    Column("ПОО", "college", getter=lambda p: p.college.short_name, width=25, help=COLLEGE_HELP),
    Column("Код специальности", "specialty", getter=lambda p: p.specialty.code, width=12, help=CODE_HELP),
    Column(
        "Специальность (профессия)",
        "specialty_name",
        getter=lambda p: p.specialty.name,
        width=50,
        help="Только для чтения: наименование берётся из справочника по коду.",
    ),
    Column("Форма обучения", "study_form", getter=lambda p: p.get_study_form_display(), help=_labels(StudyForm)),
    Column(
        "На базе",
        "base_education",
        getter=lambda p: p.get_base_education_display(),
        width=28,
        help=_labels(BaseEducation),
    ),
    Column("Квалификация", "qualification", width=35, help="Обязательно."),
    Column("Срок освоения", "duration", width=14, help="Например: 3 г. 10 мес. Обязательно."),
    Column("Реализуется с", "first_year", width=10, help="Год начала учебного года: 2021 — с 2021/2022."),
    Column("Реализуется по", "last_year", width=10, help="Пусто — реализуется и сейчас."),
    Column("Сетевая форма", "network_form", width=10, help="да / нет"),
    Column("Дуальное обучение", "dual_training", width=10, help="да / нет"),
    Column(
        "Предприятия-партнёры",
        "partners",
        getter=lambda p: "; ".join(o.short_name for o in p.partner_list),
        width=40,
        help="Краткие наименования через «;».",
    ),
    Column("В открытом каталоге", "is_published", width=10, help="да / нет"),
    *(Column(_CARD_HEADERS[name], name, width=40) for name in CARD_TEXT_FIELDS),
]

ADDITIONAL_COLUMNS = [
    Column("ПОО", "college", getter=lambda a: a.college.short_name, width=25, help=COLLEGE_HELP),
    Column("Вид", "kind", getter=lambda a: a.get_kind_display(), width=32, help=_labels(AdditionalKind)),
    Column("Наименование", "title", width=50, help="Обязательно."),
    Column(
        "УГПС",
        "group",
        getter=lambda a: a.group.code if a.group_id else "",
        help="Код УГПС из справочника портала, например: 15.00.00. Можно оставить пустым.",
    ),
    Column("Часов", "hours", width=8, help="Объём программы, часов."),
    Column("Год", "year", width=8, help="Год реализации, например: 2022. Обязательно."),
    Column("Опережающая подготовка", "is_advanced_competence", width=12, help="да / нет"),
    Column("Описание", "description", width=60),
]

TARGET_COLUMNS = [
    Column("ПОО", "college", getter=lambda t: t.college.short_name, width=25, help=COLLEGE_HELP),
    Column("Код специальности", "specialty", getter=lambda t: t.specialty.code, width=12, help=CODE_HELP),
    Column(
        "Специальность (профессия)",
        "specialty_name",
        getter=lambda t: t.specialty.name,
        width=50,
        help="Только для чтения: наименование берётся из справочника по коду.",
    ),
    Column("Год приёма", "year", width=10, help="Например: 2023. Обязательно."),
    Column("Предложено ПОО", "proposed", width=12, help="Число мест. Обязательно."),
    Column("Согласовано", "agreed", width=12, help="Число мест; заполняет только координатор."),
    Column(
        "Статус",
        "status_label",
        getter=lambda t: t.get_status_display(),
        width=22,
        help="Только для чтения: статус ставит портал.",
    ),
    Column("Комментарий", "comment", width=40),
]


# Forms -----------------------------------------------------------------------------------------
def _colleges():
    return Organization.objects.filter(kind=OrganizationKind.COLLEGE)


class SpecialtyImportForm(ImportForm):
    level = LabelChoiceField(label="Уровень", choices=Level.choices)
    group = reference_field(EnlargedGroup.objects.all(), "code", "УГПС")

    class Meta:
        model = Specialty
        fields = [c.field for c in SPECIALTY_COLUMNS]


class OwnCollegeImportMixin:
    def clean_college(self):
        college = self.cleaned_data["college"]
        if role_of(self.user) == Role.COLLEGE and college.pk != self.user.organization_id:
            raise forms.ValidationError("Можно загружать только данные своей ПОО.")
        return college


class ProgramImportForm(OwnCollegeImportMixin, ImportForm):
    college = reference_field(_colleges(), "short_name", "ПОО")
    specialty = reference_field(Specialty.objects.all(), "code", "Специальность")
    study_form = LabelChoiceField(label="Форма обучения", choices=StudyForm.choices)
    base_education = LabelChoiceField(label="На базе", choices=BaseEducation.choices)
    partners = forms.ModelMultipleChoiceField(
        queryset=Organization.objects.filter(kind__in=[OrganizationKind.EMPLOYER, OrganizationKind.EMPLOYERS_UNION]),
        to_field_name="short_name",
        required=False,
        error_messages={"invalid_choice": "Предприятие «%(value)s» не найдено в портале."},
    )

    class Meta:
        model = Program
        fields = [c.field for c in PROGRAM_COLUMNS if c.field != "specialty_name"]


class AdditionalProgramImportForm(OwnCollegeImportMixin, ImportForm):
    college = reference_field(_colleges(), "short_name", "ПОО")
    kind = LabelChoiceField(label="Вид", choices=AdditionalKind.choices)
    group = reference_field(EnlargedGroup.objects.all(), "code", "УГПС", required=False)

    class Meta:
        model = AdditionalProgram
        fields = [c.field for c in ADDITIONAL_COLUMNS]


class AdmissionTargetImportForm(OwnCollegeImportMixin, ImportForm):
    college = reference_field(_colleges(), "short_name", "ПОО")
    specialty = reference_field(Specialty.objects.all(), "code", "Специальность")

    class Meta:
        model = AdmissionTarget
        fields = ["college", "specialty", "year", "proposed", "agreed", "comment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if role_of(self.user) != Role.COORDINATOR:
            self.fields["agreed"].disabled = True

    def clean(self):
        data = super().clean()
        if role_of(self.user) != Role.COORDINATOR and self.instance.pk and self.instance.status == TargetStatus.AGREED:
            raise forms.ValidationError(AGREED_LOCKED)
        return data


# Kinds -----------------------------------------------------------------------------------------
class SpecialtyImport(ImportKind):
    key = "specialties"
    label = "Специальности и профессии СПО"
    model = Specialty
    columns = SPECIALTY_COLUMNS
    form_class = SpecialtyImportForm
    natural_key = (("code", "code"),)
    natural_key_help = "Строка с уже известным кодом обновляет специальность, а не создаёт новую."
    success_url_name = "programs:specialty_list"


def _label_case(field: str, choices) -> Case:
    """A choice field's Russian label in SQL, so a natural key written as labels finds its row."""
    return Case(
        *(When(**{field: value}, then=Value(str(label))) for value, label in choices.choices),
        default=field,
        output_field=CharField(),
    )


class ProgramImport(ImportKind):
    key = "programs"
    label = "Образовательные программы (ОПОП)"
    model = Program
    columns = PROGRAM_COLUMNS
    form_class = ProgramImportForm
    natural_key = (
        ("college", "college__short_name"),
        ("specialty", "specialty__code"),
        ("study_form", "study_form_label"),
        ("base_education", "base_label"),
    )
    natural_key_help = (
        "Строка с той же ПОО, кодом специальности, формой обучения и базой обновляет программу, "
        "а не создаёт новую. Две такие строки в одном файле — ошибка."
    )
    success_url_name = "programs:program_list"

    def queryset(self, user):
        return (
            super()
            .queryset(user)
            .annotate(
                study_form_label=_label_case("study_form", StudyForm),
                base_label=_label_case("base_education", BaseEducation),
            )
        )


class AdditionalProgramImport(ImportKind):
    key = "additional-programs"
    label = "Дополнительные программы (ДПО, профобучение)"
    model = AdditionalProgram
    columns = ADDITIONAL_COLUMNS
    form_class = AdditionalProgramImportForm
    natural_key = (("college", "college__short_name"), ("title", "title"), ("year", "year"))
    natural_key_help = (
        "Строка с той же ПОО, наименованием и годом обновляет программу, а не создаёт новую. "
        "Представитель ПОО загружает только программы своей ПОО."
    )
    success_url_name = "programs:additionalprogram_list"


class AdmissionTargetImport(ImportKind):
    key = "admission-targets"
    label = "Контрольные цифры приёма (КЦП)"
    model = AdmissionTarget
    columns = TARGET_COLUMNS
    form_class = AdmissionTargetImportForm
    natural_key = (("college", "college__short_name"), ("specialty", "specialty__code"), ("year", "year"))
    natural_key_help = "Строка с той же ПОО, кодом специальности и годом приёма обновляет КЦП, а не создаёт новые."
    success_url_name = "programs:admissiontarget_list"

    def save(self, form, user):
        return admission_target_propose(target=form.save(commit=False), user=user)
