"""Excel columns and import kinds of the practice app.

Students, placements and outcomes are imported with a natural key (documented on the template's
«Инструкция» sheet), so a corrected file updates its rows instead of adding them again. A college
representative imports rows of their own college only.
"""

from __future__ import annotations

from cluster_portal.core.imports import (
    ByName,
    Choice,
    Code,
    ImportKind,
    Name,
    Reference,
    RowError,
    found_rows,
    own_college,
)
from cluster_portal.core.imports.cells import plain_text, word
from cluster_portal.core.imports.kinds import short_list
from cluster_portal.core.roles import Role, role_of
from cluster_portal.core.xlsx import Column
from members.choices import OrganizationKind
from members.models import Organization
from programs.choices import StudyForm
from programs.models import Program

from . import locks, selectors
from .models import EmploymentOutcome, Placement, PracticeBase, Student

COLLEGE_CELL = {
    "help": "Краткое наименование ПОО, как в портале. Представитель ПОО загружает данные своей ПОО.",
    "cell": Name(),
    "required": True,
    "example": "ОГБПОУ «ТЭПК»",
    "preset": own_college,
}
RECORD_CELL = {"help": "Номер личного дела, присвоенный ПОО.", "cell": Code(), "required": True, "example": "2021-0457"}


def _join(values) -> str:
    return "; ".join(str(v) for v in values)


# Export columns --------------------------------------------------------------------------------
BASE_COLUMNS = [
    Column("Предприятие", "enterprise", getter=lambda b: b.enterprise.short_name, width=35),
    Column("Адрес площадки", "address", width=40),
    Column("Специальности", "specialties", getter=lambda b: _join(s.code for s in b.specialty_list), width=30),
    Column("Мест в год", "capacity", width=10),
    Column("Корпоративная программа наставничества", "has_mentoring_program", width=16),
    Column("Обычный формат наставничества", "usual_format", getter=lambda b: b.get_usual_format_display(), width=30),
    Column("Наставничество на предприятии", "mentoring_notes", width=60),
    Column("Особые требования", "special_requirements", width=60),
]
AGREEMENT_COLUMNS = [
    Column("ПОО", "college", getter=lambda a: a.college.short_name, width=25),
    Column("Предприятие", "enterprise", getter=lambda a: a.enterprise.short_name, width=35),
    Column("Номер", "number", width=12),
    Column("Дата", "date", width=12),
    Column("Действует до", "valid_until", width=12),
    Column("Форма договора", "form", getter=lambda a: a.get_form_display(), width=36),
    Column("Наставники назначаются", "mentors_assigned", width=12),
    Column("Примечание", "comment", width=50),
]
STUDENT_COLUMNS = [
    Column("ПОО", "college", getter=lambda s: s.college.short_name, width=25, **COLLEGE_CELL),
    Column("Номер личного дела", "record_number", width=18, **RECORD_CELL),
    Column("ФИО", "full_name", width=35, help="Необязательно. Паспортные данные и дату рождения не указывайте."),
    Column(
        "Код специальности",
        "specialty_code",
        getter=lambda s: s.program.specialty.code,
        width=14,
        help="Код специальности программы ПОО.",
        cell=Code(),
        required=True,
        example="15.02.32",
    ),
    Column(
        "Форма обучения",
        "study_form",
        getter=lambda s: s.program.get_study_form_display(),
        width=14,
        help="Нужна, если у ПОО несколько программ по специальности.",
        cell=Choice(StudyForm.choices),
    ),
    Column("Группа", "group_name", width=12, cell=Code(), example="ТМ-21"),
    Column("Год поступления", "admission_year", width=10, example="2021"),
    Column("Год выпуска", "graduation_year", width=10, help="Не раньше года поступления.", example="2025"),
]
PLACEMENT_COLUMNS = [
    Column("ПОО", "college", getter=lambda p: p.student.college.short_name, width=25, **COLLEGE_CELL),
    Column("Номер личного дела", "record_number", getter=lambda p: p.student.record_number, width=18, **RECORD_CELL),
    Column(
        "Предприятие",
        "enterprise",
        getter=lambda p: p.base.enterprise.short_name,
        width=30,
        help="Краткое наименование предприятия, у которого в портале есть база практики.",
        cell=Name(),
        required=True,
        example="ООО «Томский инструментальный завод»",
    ),
    Column(
        "Адрес площадки",
        "base_address",
        getter=lambda p: p.base.address,
        width=30,
        help="Нужен, если у предприятия несколько баз практики.",
    ),
    Column(
        "Вид практики",
        "kind",
        getter=lambda p: p.get_kind_display(),
        width=16,
    ),
    Column("Начало", "date_start", width=12, example="04.05.2022"),
    Column("Окончание", "date_end", width=12, help="Не раньше начала.", example="31.05.2022"),
    Column(
        "Формат наставничества",
        "mentoring_format",
        getter=lambda p: p.get_mentoring_format_display(),
        width=36,
    ),
    Column(
        "Наставники",
        "mentor_names",
        getter=lambda p: _join(
            [*(m.short_name for m in p.mentors.all()), *([p.mentor_names] if p.mentor_names else [])]
        ),
        width=35,
        help="ФИО наставников через «;».",
    ),
    Column("Реальное производственное задание", "real_assignment", width=14),
    Column("Оплачиваемое трудоустройство", "paid_employment", width=14),
    Column("Приглашение на работу", "job_offer", width=14),
    Column("Оценка", "grade", width=8, help="Можно оставить пустым."),
]
OUTCOME_COLUMNS = [
    Column("ПОО", "college", getter=lambda o: o.student.college.short_name, width=25, **COLLEGE_CELL),
    Column("Номер личного дела", "record_number", getter=lambda o: o.student.record_number, width=18, **RECORD_CELL),
    Column("Год мониторинга", "year", width=10, help="Обычно год выпуска.", example="2022"),
    Column(
        "Статус",
        "status",
        getter=lambda o: o.get_status_display(),
        width=32,
    ),
    Column("Дата", "date", width=12, help="С какой даты действует статус.", example="01.09.2022"),
    Column(
        "Работодатель",
        "employer_text",
        getter=lambda o: o.employer_label,
        width=35,
        help="Краткое наименование, как в портале, или наименование организации.",
        cell=Name(),
    ),
    Column("Должность", "position", width=25),
    Column("Примечание", "comment", width=35),
]
INTERNSHIP_COLUMNS = [
    Column("ПОО", "college", getter=lambda t: t.college.short_name, width=25),
    Column("Преподаватель", "teacher", width=30),
    Column("Должность", "position", width=20),
    Column("Предприятие", "enterprise", getter=lambda t: t.enterprise.short_name, width=30),
    Column("Тема", "topic", width=40),
    Column("Начало", "date_start", width=12),
    Column("Окончание", "date_end", width=12),
    Column("Часов", "hours", width=8),
    Column("Наставник", "mentor", width=25),
    Column("Документ", "document", width=25),
]
COLLECTION_COLUMNS = [
    Column("Сбор данных", "title", width=40),
    Column("Что собирается", "topic", getter=lambda c: c.get_topic_display(), width=30),
    Column("Год", "year", width=8),
    Column("Срок", "deadline", width=12),
    Column("Закрыт", "is_closed", width=8),
    Column("Принято", "n_accepted", width=10),
    Column("На проверке", "n_submitted", width=10),
    Column("Возвращено", "n_returned", width=10),
    Column("Не отправлено", "n_pending", width=10),
]
SUBMISSION_COLUMNS = [
    Column("Сбор данных", "collection", getter=lambda s: s.collection.title, width=40),
    Column("ПОО", "college", getter=lambda s: s.college.short_name, width=25),
    Column("Статус", "status", getter=lambda s: s.get_status_display(), width=25),
    Column("Срок", "deadline", getter=lambda s: s.collection.deadline, width=12),
    Column("Отправлено", "submitted_at", width=18),
    Column("Последняя проверка", "reviewed_at", width=18),
    Column("Комментарий координатора", "review_comment", width=50),
]
ACCESS_LOG_COLUMNS = [
    Column("Когда", "at", width=18),
    Column("Пользователь", "user", getter=lambda a: a.user.username, width=20),
    Column("Организация", "organization", getter=lambda a: a.user.organization or "", width=25),
    Column("Что открыто", "page", width=30),
    Column("Адрес", "path", width=60),
    Column("Выгрузка", "exported", width=10),
]


# Import ----------------------------------------------------------------------------------------
def _colleges(user):
    return Organization.objects.filter(kind=OrganizationKind.COLLEGE).only("pk", "short_name")


def _organizations(user):
    return Organization.objects.only("pk", "short_name")


COLLEGE = ByName("college", "college", _colleges, "short_name", missing="ПОО не найдена в портале.")


class OfCollege(Reference):
    """A row of the row's college («ПОО», resolved first), found by the value of one more column."""

    def key_of(self, row):
        college, value = row.refs.get("college"), row.values.get(self.columns[0])
        return (college.pk, value) if college is not None and value else None


class StudentByRecord(OfCollege):
    """The student of a college by record number: the batch's students in one query (those the user sees)."""

    def __init__(self):
        missing = "студент с таким номером личного дела в этой ПОО не найден: сначала загрузите студентов."
        super().__init__("student", ("record_number",), missing=missing)

    def load(self, keys, ctx):
        numbers = {number for _college, number in keys}
        colleges = {college for college, _number in keys}
        queryset = (
            selectors.student_list(user=ctx.user)
            .select_related(None)
            .filter(college_id__in=colleges, record_number__in=numbers)
            .order_by()  # the default ordering would join the colleges to sort by their names
        )
        # As values: a row found unchanged builds no student. Student.__str__ and the outcome's rules read
        # these fields: a saved row's history names the student without a query.
        found: dict = {}
        for student in found_rows(queryset, STUDENT_READ):
            found.setdefault((student.value("college_id"), student.value("record_number")), []).append(student)
        return found

    def name(self, student):
        return str(student.instance())


STUDENT_READ = ("college_id", "record_number", "group_name", "admission_year", "graduation_year")


class ProgramOfCollege(OfCollege):
    """A student's program: the college's program of the specialty code (and form of study, if it has several)."""

    def __init__(self):
        missing = "у этой ПОО нет программы по специальности с таким кодом."
        super().__init__("program", ("specialty_code",), missing=missing)

    def load(self, keys, ctx):
        def everything():
            programs: dict = {}
            for program in Program.objects.select_related("specialty").order_by("pk"):
                programs.setdefault((program.college_id, program.specialty.code), []).append(program)
            return programs

        return ctx.once("programs", everything)

    def settle(self, row, found, headers):
        form = row.values.get("study_form")
        if form:
            found = [p for p in found if p.study_form == form]
        if len(found) > 1:
            message = "у ПОО несколько программ по специальности: укажите форму обучения."
            row.add_error(RowError(row.number, headers["study_form"], message))
            return
        super().settle(row, found, headers)

    def choices(self, user):
        """The codes of the programs of a college representative's college."""
        programs = Program.objects.filter(college_id=user.organization_id) if role_of(user) == Role.COLLEGE else None
        return short_list(programs.values_list("specialty__code", flat=True)) if programs is not None else None

    def name(self, program):
        return program.specialty.code


class BaseOfEnterprise(Reference):
    """A practice base: the enterprise's only base, or the one at the address given."""

    def __init__(self):
        super().__init__("base", ("enterprise",), missing="")

    def key_of(self, row):
        enterprise = row.values.get("enterprise")
        return (word(enterprise), word(row.values.get("base_address") or "")) if enterprise else None

    def load(self, keys, ctx):
        def everything():
            bases: dict = {}
            for base in PracticeBase.objects.select_related("enterprise").order_by("pk"):
                enterprise = word(base.enterprise.short_name)
                bases.setdefault((enterprise, ""), []).append(base)
                if base.address.strip():
                    bases.setdefault((enterprise, word(base.address)), []).append(base)
            return bases

        return ctx.once("bases", everything)

    def resolve(self, rows, ctx, headers):
        self.ctx_enterprises = ctx.once(
            "organization names",
            lambda: {word(name) for name in Organization.objects.values_list("short_name", flat=True)},
        )
        super().resolve(rows, ctx, headers)

    def settle(self, row, found, headers):
        if len(found) > 1 and not row.values.get("base_address"):
            message = "у предприятия несколько баз практики: укажите адрес площадки."
            row.add_error(RowError(row.number, headers["base_address"], message))
            return
        super().settle(row, found, headers)

    def missing(self, row):
        if word(row.values["enterprise"]) not in self.ctx_enterprises:
            return "предприятие не найдено в портале."
        if row.values.get("base_address"):
            return "у предприятия нет базы практики по этому адресу: добавьте её в портале."
        return "у предприятия нет базы практики в портале: добавьте её."

    def name(self, base):
        return base.enterprise.short_name

    def choices(self, user):
        """The enterprises that have practice bases."""
        return short_list(PracticeBase.objects.values_list("enterprise__short_name", flat=True))


class EmployerOrName(ByName):
    """The employer: an organization of the portal when it is one, otherwise its name as written."""

    def settle(self, row, found, headers):
        if len(found) == 1:
            super().settle(row, found, headers)
        else:
            row.refs[self.target] = None


def _handed_in(ctx) -> locks.Locks:
    """The college's handed-in answers, read once per file (none are checked for the coordinator)."""

    def load():
        college = ctx.user.organization_id if role_of(ctx.user) == Role.COLLEGE else None
        return selectors.handed_in_answers(college) if locks.writes_checked(ctx.user) else {}

    return ctx.once("locks", load)


def refuse_locked(row, ctx, college_id, values: dict, column: str) -> None:
    """A row falling in data its college has handed in is refused, saying why (college users only)."""
    handed_in = _handed_in(ctx)
    if not handed_in or college_id is None:  # nothing handed in, or the coordinator's file: nothing to refuse
        return
    coverage = locks.coverage_of(ctx.kind.model)
    years = coverage.years(values)
    if not years:
        return
    error = locks.lock_error(handed_in, coverage.topic, college_id, years)
    if error:
        header = next(c.header for c in ctx.kind.bound_columns if c.field == column)
        row.add_error(RowError(row.number, header, error, plain_text(row.cells.get(column))))


class PracticeImport(ImportKind):
    """Rows of a college's practice data: refused where they fall in data the college has handed in."""

    def check_row(self, row, ctx):
        coverage = locks.coverage_of(self.model)
        values = {name: row.attrs.get(name) for name in (coverage.first, coverage.last)}
        refuse_locked(row, ctx, row.refs["college"].pk, values, coverage.field)


class StudentImport(PracticeImport):
    key = "students"
    label = "Студенты"
    model = Student
    columns = STUDENT_COLUMNS
    references = (COLLEGE, ProgramOfCollege())
    natural_key = ("college", "record_number")
    natural_key_help = (
        "Студент определяется по ПОО и номеру личного дела: строка с уже известным номером обновляет запись "
        "о студенте, а не создаёт новую. Представитель ПОО загружает только студентов своей ПОО."
    )
    success_url_name = "practice:student_list"

    def check_row(self, row, ctx):
        super().check_row(row, ctx)
        if row.ok and row.old is None and _handed_in(ctx):
            # A student the college has but may not change (so the row looks new): say why.
            self.refuse_known(row, ctx)

    def refuse_known(self, row, ctx):
        college = row.refs["college"]
        known = (
            selectors.student_list(user=ctx.user)
            .filter(college=college, record_number=row.attrs["record_number"])
            .values_list("graduation_year", flat=True)
            .first()
        )
        if known is not None:
            refuse_locked(row, ctx, college.pk, {"graduation_year": known}, "record_number")


class PlacementImport(PracticeImport):
    key = "placements"
    label = "Практики студентов"
    model = Placement
    columns = PLACEMENT_COLUMNS
    references = (COLLEGE, StudentByRecord(), BaseOfEnterprise())
    natural_key = ("student", "date_start")
    natural_key_columns = ("college", "record_number", "date_start")
    natural_key_help = (
        "Практика определяется по ПОО, номеру личного дела студента и дате начала: строка с теми же значениями "
        "обновляет запись о практике, а не создаёт новую. Студенты и базы практики должны быть в портале."
    )
    success_url_name = "practice:placement_list"


class OutcomeImport(PracticeImport):
    key = "outcomes"
    label = "Трудоустройство выпускников"
    model = EmploymentOutcome
    columns = OUTCOME_COLUMNS
    references = (
        COLLEGE,
        StudentByRecord(),
        EmployerOrName("employer", "employer_text", _organizations, "short_name", missing=""),
    )
    natural_key = ("student", "year")
    natural_key_columns = ("college", "record_number", "year")
    natural_key_help = (
        "Запись определяется по ПОО, номеру личного дела и году мониторинга: исправленный файл обновляет "
        "записи, а не дублирует их. Студенты должны быть загружены заранее."
    )
    success_url_name = "practice:employmentoutcome_list"

    def check_row(self, row, ctx):
        employer = row.refs.get("employer")
        row.attrs["employer_name"] = "" if employer is not None else row.values.get("employer_text", "")
        super().check_row(row, ctx)
