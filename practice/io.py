"""Excel columns and import kinds of the practice app.

Students, placements and outcomes are imported with a natural key (documented on the template's
«Инструкция» sheet), so a corrected file updates its rows instead of adding them again. A college
representative imports rows of their own college only.
"""

from __future__ import annotations

from django import forms

from cluster_portal.core.imports import ImportCache, ImportKind
from cluster_portal.core.io_fields import ImportForm, LabelChoiceField
from cluster_portal.core.roles import Role, role_of
from cluster_portal.core.xlsx import Column
from members.choices import OrganizationKind
from members.models import Organization
from programs.choices import StudyForm
from programs.models import Program

from . import locks
from .choices import Grade, MentoringFormat, OutcomeStatus, PlacementKind
from .models import EmploymentOutcome, Placement, PracticeBase, Student

COLLEGE_HELP = (
    "Краткое наименование ПОО, как в портале (ОГБПОУ «ТЭПК»). Обязательно; представитель ПОО указывает свою ПОО."
)
RECORD_HELP = "Номер личного дела, присвоенный ПОО. Обязательно."


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
    Column("ПОО", "college", getter=lambda s: s.college.short_name, width=25, help=COLLEGE_HELP),
    Column("Номер личного дела", "record_number", width=18, help=RECORD_HELP),
    Column("ФИО", "full_name", width=35, help="Необязательно. Паспортные данные и дату рождения не указывайте."),
    Column(
        "Код специальности",
        "specialty_code",
        getter=lambda s: s.program.specialty.code,
        width=14,
        help="Код специальности программы ПОО, например 15.02.32. Обязательно.",
    ),
    Column(
        "Форма обучения",
        "study_form",
        getter=lambda s: s.program.get_study_form_display(),
        width=14,
        help="Очная, очно-заочная или заочная — если у ПОО несколько программ по специальности.",
    ),
    Column("Группа", "group_name", width=12, help="Обязательно."),
    Column("Год поступления", "admission_year", width=10, help="Четыре цифры. Обязательно."),
    Column("Год выпуска", "graduation_year", width=10, help="Четыре цифры, не раньше года поступления. Обязательно."),
]
PLACEMENT_COLUMNS = [
    Column("ПОО", "college", getter=lambda p: p.student.college.short_name, width=25, help=COLLEGE_HELP),
    Column("Номер личного дела", "record_number", getter=lambda p: p.student.record_number, width=18, help=RECORD_HELP),
    Column(
        "Предприятие",
        "enterprise",
        getter=lambda p: p.base.enterprise.short_name,
        width=30,
        help="Краткое наименование предприятия, у которого в портале есть база практики. Обязательно.",
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
        help="Одно из: " + "; ".join(PlacementKind.labels) + ". Обязательно.",
    ),
    Column("Начало", "date_start", width=12, help="Дата (ДД.ММ.ГГГГ). Обязательно."),
    Column("Окончание", "date_end", width=12, help="Дата, не раньше начала. Обязательно."),
    Column(
        "Формат наставничества",
        "mentoring_format",
        getter=lambda p: p.get_mentoring_format_display(),
        width=36,
        help="Одно из: " + "; ".join(MentoringFormat.labels) + ". Обязательно.",
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
    Column("Реальное производственное задание", "real_assignment", width=14, help="да или нет."),
    Column("Оплачиваемое трудоустройство", "paid_employment", width=14, help="да или нет."),
    Column("Приглашение на работу", "job_offer", width=14, help="да или нет."),
    Column("Оценка", "grade", width=8, help="2, 3, 4 или 5; можно оставить пустым."),
]
OUTCOME_COLUMNS = [
    Column("ПОО", "college", getter=lambda o: o.student.college.short_name, width=25, help=COLLEGE_HELP),
    Column("Номер личного дела", "record_number", getter=lambda o: o.student.record_number, width=18, help=RECORD_HELP),
    Column("Год мониторинга", "year", width=10, help="Обычно год выпуска. Обязательно."),
    Column(
        "Статус",
        "status",
        getter=lambda o: o.get_status_display(),
        width=32,
        help="Одно из: " + "; ".join(OutcomeStatus.labels) + ". Обязательно.",
    ),
    Column("Дата", "date", width=12, help="С какой даты действует статус. Обязательно."),
    Column(
        "Работодатель",
        "employer_text",
        getter=lambda o: o.employer_label,
        width=35,
        help="Краткое наименование, как в портале, или наименование организации.",
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
def _key(value) -> str:
    return " ".join(str(value or "").split()).lower()


class PracticeImportCache(ImportCache):
    """Colleges, students, programs and practice bases, loaded once per file."""

    @property
    def own_college_id(self):
        return self.user.organization_id if role_of(self.user) == Role.COLLEGE else None

    def _organizations(self) -> dict[str, tuple[int, str]]:
        return self.once(
            "organizations",
            lambda: {
                _key(short): (pk, kind)
                for pk, short, kind in Organization.objects.values_list("pk", "short_name", "kind")
            },
        )

    def colleges(self) -> dict[str, int]:
        return self.once(
            "colleges",
            lambda: {k: pk for k, (pk, kind) in self._organizations().items() if kind == OrganizationKind.COLLEGE},
        )

    def organization(self, short_name: str) -> int | None:
        found = self._organizations().get(_key(short_name))
        return found[0] if found else None

    def students(self) -> dict[tuple[int, str], Student]:
        def load():
            from .selectors import student_list

            # The fields of Student.__str__ are loaded too: the change history names the student.
            # The students the user sees (a college: its own): rows of a handed-in year are refused
            # by the lock check of the row, with its reason, not as an unknown student.
            qs = (
                student_list(user=self.user)
                .select_related(None)
                .only("pk", "college_id", "record_number", "group_name", "admission_year", "graduation_year")
            )
            return {(s.college_id, _key(s.record_number)): s for s in qs.iterator(chunk_size=5000)}

        return self.once("students", load)

    def handed_in(self) -> locks.Locks:
        """The college's handed-in answers (none checked for the coordinator)."""
        return self.once(
            "locks", lambda: locks.locks_of(self.own_college_id) if locks.writes_checked(self.user) else {}
        )

    def programs(self) -> dict[tuple[int, str], list[Program]]:
        def load():
            programs: dict[tuple[int, str], list[Program]] = {}
            for program in Program.objects.select_related("specialty").order_by("pk"):
                programs.setdefault((program.college_id, program.specialty.code), []).append(program)
            return programs

        return self.once("programs", load)

    def bases(self) -> dict[int, list[PracticeBase]]:
        def load():
            bases: dict[int, list[PracticeBase]] = {}
            for base in PracticeBase.objects.select_related("enterprise").order_by("pk"):
                bases.setdefault(base.enterprise_id, []).append(base)
            return bases

        return self.once("bases", load)


class PracticeImportForm(ImportForm):
    """Resolves «ПОО» (own college for a college representative) and, if asked, the student."""

    college = forms.CharField(label="ПОО")
    record_number = forms.CharField(label="Номер личного дела", max_length=40)

    resolves_student = True
    cache: PracticeImportCache

    def refuse_locked(self, college_id: int | None, values=None, field: str | None = None) -> None:
        locks.refuse_locked(self, college_id, values, handed_in=self.cache.handed_in(), field=field)

    def clean_college(self):
        value = self.cleaned_data["college"]
        own = self.cache.own_college_id
        college_id = self.cache.colleges().get(_key(value))
        if college_id is None:
            raise forms.ValidationError(f"ПОО «{value}» не найдена в портале.")
        if own and college_id != own:
            raise forms.ValidationError("Можно загружать только данные своей ПОО.")
        return college_id

    def clean(self):
        data = super().clean()
        if self.resolves_student and data.get("college") and data.get("record_number"):
            student = self.cache.students().get((data["college"], _key(data["record_number"])))
            if student is None:
                self.add_error(
                    "record_number",
                    f"Студент с номером личного дела «{data['record_number']}» в этой ПОО не найден: "
                    "сначала загрузите студентов.",
                )
            else:
                self.instance.student = student
        return data


class StudentImportForm(PracticeImportForm):
    specialty_code = forms.CharField(label="Код специальности")
    study_form = LabelChoiceField(label="Форма обучения", choices=[("", ""), *StudyForm.choices], required=False)
    resolves_student = False

    class Meta:
        model = Student
        fields = ["full_name", "group_name", "admission_year", "graduation_year"]

    def clean(self):
        data = super().clean()
        college_id, code = data.get("college"), data.get("specialty_code")
        if college_id and code:
            programs = self.cache.programs().get((college_id, code.strip()), [])
            if data.get("study_form"):
                programs = [p for p in programs if p.study_form == data["study_form"]]
            if not programs:
                self.add_error("specialty_code", f"У этой ПОО нет программы по специальности «{code}».")
            elif len(programs) > 1:
                self.add_error("study_form", "У ПОО несколько программ по специальности: укажите форму обучения.")
            else:
                self.instance.program = programs[0]
        if college_id:
            self.instance.college_id = college_id
            self.instance.record_number = data.get("record_number", "").strip()
            self.refuse_locked(college_id)
            if self.instance.pk is None and self.cache.handed_in():
                # A student the college has but may not change (so the row looks new): say why.
                known = self.cache.students().get((college_id, _key(self.instance.record_number)))
                if known is not None:
                    self.refuse_locked(college_id, {"graduation_year": known.graduation_year}, "record_number")
        return data


class PlacementImportForm(PracticeImportForm):
    enterprise = forms.CharField(label="Предприятие")
    base_address = forms.CharField(label="Адрес площадки", required=False)
    kind = LabelChoiceField(label="Вид практики", choices=PlacementKind.choices)
    mentoring_format = LabelChoiceField(label="Формат наставничества", choices=MentoringFormat.choices)
    grade = forms.TypedChoiceField(
        label="Оценка",
        choices=[("", ""), *[(str(v), str(v)) for v in Grade.values]],
        coerce=int,
        empty_value=None,
        required=False,
    )

    class Meta:
        model = Placement
        fields = [
            "kind",
            "date_start",
            "date_end",
            "mentoring_format",
            "mentor_names",
            "real_assignment",
            "paid_employment",
            "job_offer",
            "grade",
        ]

    def clean(self):
        data = super().clean()
        name = data.get("enterprise")
        if name:
            enterprise_id = self.cache.organization(name)
            bases = self.cache.bases().get(enterprise_id, []) if enterprise_id else []
            address = _key(data.get("base_address"))
            if address:
                bases = [b for b in bases if _key(b.address) == address]
            if enterprise_id is None:
                self.add_error("enterprise", f"Предприятие «{name}» не найдено в портале.")
            elif not bases:
                self.add_error("enterprise", f"У предприятия «{name}» нет такой базы практики в портале: добавьте её.")
            elif len(bases) > 1:
                self.add_error("base_address", "У предприятия несколько баз практики: укажите адрес площадки.")
            else:
                self.instance.base = bases[0]
        self.refuse_locked(data.get("college"))
        return data


class OutcomeImportForm(PracticeImportForm):
    status = LabelChoiceField(label="Статус", choices=OutcomeStatus.choices)
    employer_text = forms.CharField(label="Работодатель", required=False, max_length=300)

    class Meta:
        model = EmploymentOutcome
        fields = ["year", "status", "date", "position", "comment"]

    def clean(self):
        data = super().clean()
        text = data.get("employer_text", "")
        employer_id = self.cache.organization(text) if text else None
        self.instance.employer_id = employer_id
        self.instance.employer_name = "" if employer_id else text
        self.refuse_locked(data.get("college"))
        return data


class PracticeImportKind(ImportKind):
    cache_class = PracticeImportCache


class StudentImport(PracticeImportKind):
    key = "students"
    label = "Студенты"
    model = Student
    columns = STUDENT_COLUMNS
    form_class = StudentImportForm
    natural_key = (("college", "college__short_name"), ("record_number", "record_number"))
    natural_key_help = (
        "Студент определяется по ПОО и номеру личного дела: строка с уже известным номером обновляет запись "
        "о студенте, а не создаёт новую. Представитель ПОО загружает только студентов своей ПОО."
    )
    success_url_name = "practice:student_list"


class PlacementImport(PracticeImportKind):
    key = "placements"
    label = "Практики студентов"
    model = Placement
    columns = PLACEMENT_COLUMNS
    form_class = PlacementImportForm
    natural_key = (
        ("college", "student__college__short_name"),
        ("record_number", "student__record_number"),
        ("date_start", "date_start"),
    )
    natural_key_help = (
        "Практика определяется по ПОО, номеру личного дела студента и дате начала: строка с теми же значениями "
        "обновляет запись о практике, а не создаёт новую. Студенты и базы практики должны быть в портале."
    )
    success_url_name = "practice:placement_list"


class OutcomeImport(PracticeImportKind):
    key = "outcomes"
    label = "Трудоустройство выпускников"
    model = EmploymentOutcome
    columns = OUTCOME_COLUMNS
    form_class = OutcomeImportForm
    natural_key = (
        ("college", "student__college__short_name"),
        ("record_number", "student__record_number"),
        ("year", "year"),
    )
    natural_key_help = (
        "Запись определяется по ПОО, номеру личного дела и году мониторинга: исправленный файл обновляет "
        "записи, а не дублирует их. Студенты должны быть загружены заранее."
    )
    success_url_name = "practice:employmentoutcome_list"
