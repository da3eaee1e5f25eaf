"""Excel columns and import kinds of the program bank: specialties, programs, additional programs,
admission targets."""

from __future__ import annotations

from cluster_portal.core.imports import (
    ByName,
    Code,
    ImportKind,
    ManyByName,
    Name,
    Names,
    RowError,
    Saving,
    Shown,
    own_college,
)
from cluster_portal.core.roles import Role, role_of
from cluster_portal.core.xlsx import Column
from members.choices import OrganizationKind
from members.models import EnlargedGroup, Organization

from .card import CARD_TEXT_FIELDS
from .choices import TargetStatus
from .models import AdditionalProgram, AdmissionTarget, Program, Specialty
from .services import AGREED_LOCKED, admission_target_propose

COLLEGE_CELL = {
    "help": "Краткое наименование ПОО, как в портале. Представитель ПОО загружает данные своей ПОО.",
    "cell": Name(),
    "example": "ОГБПОУ «ТЭПК»",
    "preset": own_college,
}
CODE_CELL = {"help": "Код специальности (профессии) из справочника портала.", "cell": Code(), "example": "15.02.32"}


SPECIALTY_COLUMNS = [
    Column(
        "Код",
        "code",
        width=12,
        help="Уникален: по нему строка находит запись.",
        cell=Code(),
        example="15.02.32",
    ),
    Column("Наименование", "name", width=60, help="Обязательно."),
    Column("Уровень", "level", getter=lambda s: s.get_level_display(), width=40),
    Column("УГПС", "group", getter=lambda s: s.group.code, width=12, cell=Name(), example="15.00.00"),
    Column("ТОП-50", "is_top50", width=10),
    Column("Региональный приоритет", "is_regional_priority", width=14),
    Column("Опережающая подготовка", "is_advanced_competence", width=14),
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
    Column("ПОО", "college", getter=lambda p: p.college.short_name, width=25, **COLLEGE_CELL),
    Column("Код специальности", "specialty", getter=lambda p: p.specialty.code, width=12, **CODE_CELL),
    Column(
        "Специальность (профессия)",
        "specialty_name",
        getter=lambda p: p.specialty.name,
        width=50,
        help="Только для чтения: наименование берётся из справочника по коду.",
        cell=Shown(),
    ),
    Column("Форма обучения", "study_form", getter=lambda p: p.get_study_form_display()),
    Column(
        "На базе",
        "base_education",
        getter=lambda p: p.get_base_education_display(),
        width=28,
    ),
    Column("Квалификация", "qualification", width=35, help="Обязательно."),
    Column("Срок освоения", "duration", width=14, help="Например: 3 г. 10 мес. Обязательно."),
    Column("Реализуется с", "first_year", width=10, help="Год начала учебного года: 2021 — с 2021/2022."),
    Column("Реализуется по", "last_year", width=10, help="Пусто — реализуется и сейчас."),
    Column("Сетевая форма", "network_form", width=10),
    Column("Дуальное обучение", "dual_training", width=10),
    Column(
        "Предприятия-партнёры",
        "partners",
        getter=lambda p: "; ".join(o.short_name for o in p.partner_list),
        width=40,
        help="Краткие наименования через «;».",
        cell=Names(),
    ),
    Column("В открытом каталоге", "is_published", width=10),
    *(Column(_CARD_HEADERS[name], name, width=40) for name in CARD_TEXT_FIELDS),
]

ADDITIONAL_COLUMNS = [
    Column("ПОО", "college", getter=lambda a: a.college.short_name, width=25, **COLLEGE_CELL),
    Column("Вид", "kind", getter=lambda a: a.get_kind_display(), width=32),
    Column("Наименование", "title", width=50, help="Обязательно."),
    Column(
        "УГПС",
        "group",
        getter=lambda a: a.group.code if a.group_id else "",
        help="Код УГПС из справочника портала. Можно оставить пустым.",
        cell=Name(),
        example="15.00.00",
    ),
    Column("Часов", "hours", width=8, help="Объём программы, часов."),
    Column("Год", "year", width=8, help="Год реализации.", example="2022"),
    Column("Опережающая подготовка", "is_advanced_competence", width=12),
    Column("Описание", "description", width=60),
]

TARGET_COLUMNS = [
    Column("ПОО", "college", getter=lambda t: t.college.short_name, width=25, **COLLEGE_CELL),
    Column("Код специальности", "specialty", getter=lambda t: t.specialty.code, width=12, **CODE_CELL),
    Column(
        "Специальность (профессия)",
        "specialty_name",
        getter=lambda t: t.specialty.name,
        width=50,
        help="Только для чтения: наименование берётся из справочника по коду.",
        cell=Shown(),
    ),
    Column("Год приёма", "year", width=10, help="Например: 2023. Обязательно."),
    Column("Предложено ПОО", "proposed", width=12, help="Число мест. Обязательно."),
    Column("Согласовано", "agreed", width=12, help="Число мест; заполняет только координатор."),
    Column(
        "Дата согласования",
        "agreed_on",
        width=14,
        help="Дата решения о согласовании (например, протокола совета); пусто — сегодня. Заполняет только координатор.",
        example="16.05.2022",
    ),
    Column(
        "Статус",
        "status_label",
        getter=lambda t: t.get_status_display(),
        width=22,
        help="Только для чтения: статус ставит портал.",
        cell=Shown(),
    ),
    Column("Комментарий", "comment", width=40),
]


# Kinds -----------------------------------------------------------------------------------------
def _colleges(user):
    return Organization.objects.filter(kind=OrganizationKind.COLLEGE).only("pk", "short_name")


def _groups(user):
    return EnlargedGroup.objects.only("pk", "code")


def _specialties(user):
    return Specialty.objects.only("pk", "code", "name")


def _partners(user):
    kinds = [OrganizationKind.EMPLOYER, OrganizationKind.EMPLOYERS_UNION]
    return Organization.objects.filter(kind__in=kinds).only("pk", "short_name")


COLLEGE = ByName("college", "college", _colleges, "short_name", missing="ПОО не найдена в портале.")
SPECIALTY = ByName(
    "specialty",
    "specialty",
    _specialties,
    "code",
    missing="Специальность (профессия) с таким кодом не найдена в портале.",
)


class SpecialtyImport(ImportKind):
    key = "specialties"
    label = "Специальности и профессии СПО"
    model = Specialty
    columns = SPECIALTY_COLUMNS
    references = (ByName("group", "group", _groups, "code", missing="УГПС не найдена в портале."),)
    natural_key = ("code",)
    natural_key_help = "Строка с уже известным кодом обновляет специальность, а не создаёт новую."
    success_url_name = "programs:specialty_list"


class ProgramImport(ImportKind):
    key = "programs"
    label = "Образовательные программы (ОПОП)"
    model = Program
    columns = PROGRAM_COLUMNS
    references = (
        COLLEGE,
        SPECIALTY,
        ManyByName("partners", "partners", _partners, "short_name", missing="Предприятие не найдено в портале."),
    )
    natural_key = ("college", "specialty", "study_form", "base_education")
    natural_key_help = (
        "Строка с той же ПОО, кодом специальности, формой обучения и базой обновляет программу, "
        "а не создаёт новую. Две такие строки в одном файле — ошибка."
    )
    m2m = ("partners",)
    saving = Saving.EACH  # the partners are a many-to-many field, whose history auditlog's signals write
    success_url_name = "programs:program_list"


class AdditionalProgramImport(ImportKind):
    key = "additional-programs"
    label = "Дополнительные программы (ДПО, профобучение)"
    model = AdditionalProgram
    columns = ADDITIONAL_COLUMNS
    references = (COLLEGE, ByName("group", "group", _groups, "code", missing="УГПС не найдена в портале."))
    natural_key = ("college", "title", "year")
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
    references = (COLLEGE, SPECIALTY)
    natural_key = ("college", "specialty", "year")
    natural_key_help = "Строка с той же ПОО, кодом специальности и годом приёма обновляет КЦП, а не создаёт новые."
    saving = Saving.EACH  # a proposal goes through the service, which sets its status
    success_url_name = "programs:admissiontarget_list"

    def check_row(self, row, ctx):
        if role_of(ctx.user) == Role.COORDINATOR:
            return
        row.attrs.pop("agreed", None)  # only the coordinator agrees numbers: a college's file proposes
        row.attrs.pop("agreed_on", None)
        if row.old is not None and row.old["status"] == TargetStatus.AGREED:
            row.add_error(RowError(row.number, "", AGREED_LOCKED))

    def save_row(self, row, ctx):
        return admission_target_propose(target=row.instance, user=ctx.user)
