"""Practice, mentoring and employment: bases, agreements, students, placements, outcomes,
teacher internships, data collections and the log of who looked at student-level data."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from cluster_portal.core.access import ALL, Policy, everyone, own
from cluster_portal.core.files import document_validator, upload_to
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import PERSONAL_DATA_ROLES, Role
from cluster_portal.core.urls_helpers import object_url
from members.choices import OrganizationKind
from members.models import Cluster, Organization, Person

from .choices import (
    AgreementForm,
    CollectionTopic,
    Grade,
    MentoringFormat,
    OutcomeStatus,
    PlacementKind,
    SubmissionStatus,
)
from .locks import OUTCOME_ROWS, PLACEMENT_ROWS, STUDENT_ROWS, OwnOpenRows

YEAR = [MinValueValidator(1990), MaxValueValidator(2100)]
C, S, CO, EM, OB = Role.COORDINATOR, Role.SECRETARY, Role.COLLEGE, Role.EMPLOYER, Role.OBSERVER
EMPLOYERS = {"kind__in": [OrganizationKind.EMPLOYER, OrganizationKind.EMPLOYERS_UNION, OrganizationKind.OTHER]}
COLLEGES = {"kind": OrganizationKind.COLLEGE}

# Student-level rows (personal data): the coordinator and the student's own college only; the
# college changes only the rows it has not handed in (``locks``).
PERSONAL = Policy(
    view={C: ALL, CO: own("college")}, add=PERSONAL_DATA_ROLES, change={C: ALL, CO: OwnOpenRows(STUDENT_ROWS)}
)


class PracticeBase(TimeStampedModel):
    """An enterprise site where students do their practice (база практики)."""

    enterprise = models.ForeignKey(
        Organization,
        verbose_name="предприятие",
        on_delete=models.PROTECT,
        related_name="practice_bases",
        limit_choices_to=EMPLOYERS,
    )
    address = models.CharField("адрес площадки", max_length=300, blank=True)
    specialties = models.ManyToManyField(
        "programs.Specialty",
        verbose_name="специальности, по которым принимает",
        related_name="practice_bases",
        blank=True,
    )
    capacity = models.PositiveIntegerField("мест для практикантов в год", null=True, blank=True)
    has_mentoring_program = models.BooleanField("корпоративная программа наставничества", default=False)
    usual_format = models.CharField(
        "обычный формат наставничества", max_length=20, choices=MentoringFormat.choices, blank=True
    )
    mentoring_notes = models.TextField("наставничество на предприятии", blank=True)
    special_requirements = models.TextField(
        "особые требования к практикантам", blank=True, help_text="Медосмотры, справки, допуски"
    )
    date_from = models.DateField("принимает практикантов с", null=True, blank=True, help_text="Пусто — с начала учёта")
    date_to = models.DateField("принимает практикантов по", null=True, blank=True, help_text="Пусто — по сей день")
    added_by = models.ForeignKey(
        Organization,
        verbose_name="внесено организацией",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(
        view=everyone(),
        add=(C, CO, EM),
        change={C: ALL, EM: own("enterprise"), CO: own("added_by")},
    )

    class Meta:
        verbose_name = "база практики"
        verbose_name_plural = "базы практики"
        ordering = ["enterprise__short_name", "address", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "address"],
                name="practicebase_unique_site",
                violation_error_message="База практики этого предприятия по этому адресу уже есть.",
            ),
            models.CheckConstraint(
                condition=Q(date_to__isnull=True) | Q(date_from__isnull=True) | Q(date_to__gte=models.F("date_from")),
                name="practicebase_dates_ordered",
                violation_error_message="Дата окончания приёма практикантов раньше даты начала.",
            ),
        ]

    def __str__(self):
        return f"{self.enterprise.short_name}, {self.address}" if self.address else self.enterprise.short_name

    def get_absolute_url(self):
        return object_url("practice:practicebase_detail", self.pk)


class PracticeAgreement(TimeStampedModel):
    """A practice agreement between a college and an enterprise."""

    college = models.ForeignKey(
        Organization, verbose_name="ПОО", on_delete=models.PROTECT, related_name="+", limit_choices_to=COLLEGES
    )
    enterprise = models.ForeignKey(
        Organization,
        verbose_name="предприятие",
        on_delete=models.PROTECT,
        related_name="practice_agreements",
        limit_choices_to=EMPLOYERS,
    )
    number = models.CharField("номер", max_length=50)
    date = models.DateField("дата")
    valid_until = models.DateField("действует до", null=True, blank=True, help_text="Пусто — бессрочно")
    form = models.CharField("форма договора", max_length=20, choices=AgreementForm.choices)
    mentors_assigned = models.BooleanField("предприятие назначает наставников", default=True)
    file = models.FileField(
        "файл договора", upload_to=upload_to, validators=[document_validator], blank=True, max_length=200
    )
    comment = models.TextField("примечание", blank=True)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    protected_file_fields = ("file",)
    access_policy = Policy(
        view={C: ALL, S: ALL, OB: ALL, CO: own("college"), EM: own("enterprise")},
        add=(C, CO),
        change={C: ALL, CO: own("college")},
    )

    class Meta:
        verbose_name = "договор о практике"
        verbose_name_plural = "договоры о практике"
        ordering = ["-date", "college__short_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["college", "number", "date"],
                name="practiceagreement_unique_number",
                violation_error_message="Договор с таким номером и датой у этой ПОО уже есть.",
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("date")),
                name="practiceagreement_dates_ordered",
                violation_error_message="Срок действия договора заканчивается раньше даты договора.",
            ),
        ]

    def __str__(self):
        return (
            f"Договор № {self.number} от {self.date:%d.%m.%Y}: {self.college.short_name} — {self.enterprise.short_name}"
        )

    def get_absolute_url(self):
        return object_url("practice:practiceagreement_detail", self.pk)

    def download_name(self, field):
        suffix = self.file.name.rsplit(".", 1)[-1] if "." in self.file.name else "bin"
        return f"dogovor-{self.pk}.{suffix}"


class Student(TimeStampedModel):
    """A student, with the minimum of personal data: no passport data, no birth date."""

    college = models.ForeignKey(
        Organization, verbose_name="ПОО", on_delete=models.PROTECT, related_name="+", limit_choices_to=COLLEGES
    )
    record_number = models.CharField(
        "номер личного дела", max_length=40, help_text="Присваивается ПОО; уникален в пределах ПОО"
    )
    full_name = models.CharField(
        "ФИО", max_length=200, blank=True, help_text="Необязательно; удаляется при обезличивании"
    )
    program = models.ForeignKey(
        "programs.Program", verbose_name="образовательная программа", on_delete=models.PROTECT, related_name="students"
    )
    group_name = models.CharField("группа", max_length=30)
    admission_year = models.PositiveSmallIntegerField("год поступления", validators=YEAR)
    graduation_year = models.PositiveSmallIntegerField("год выпуска", validators=YEAR)
    anonymized_at = models.DateTimeField("обезличено", null=True, blank=True, editable=False)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = PERSONAL

    class Meta:
        verbose_name = "студент"
        verbose_name_plural = "студенты"
        ordering = ["college__short_name", "group_name", "record_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["college", "record_number"],
                name="student_unique_record_number",
                violation_error_message="Студент с таким номером личного дела в этой ПОО уже есть.",
            ),
            models.CheckConstraint(
                condition=Q(graduation_year__gte=F("admission_year")),
                name="student_years_ordered",
                violation_error_message="Год выпуска раньше года поступления.",
            ),
        ]
        indexes = [
            models.Index(fields=["college", "graduation_year"]),
            models.Index(fields=["program", "graduation_year"]),
            models.Index(fields=["graduation_year"]),
            # The order of the student search (autocomplete): its first page is read from this index.
            models.Index(fields=["record_number", "id"], name="student_record_order"),
        ]

    def __str__(self):
        # No name here: the string lands in the change history, which outlives anonymization.
        return f"№ {self.record_number}, гр. {self.group_name}"

    def get_absolute_url(self):
        return object_url("practice:student_detail", self.pk)

    def clean(self):
        if self.program_id and self.college_id and self.program.college_id != self.college_id:
            raise ValidationError({"program": "Программа принадлежит другой ПОО."})


class Placement(TimeStampedModel):
    """One practice of one student at a base: kind, period, mentoring and what came of it."""

    student = models.ForeignKey(Student, verbose_name="студент", on_delete=models.PROTECT, related_name="placements")
    base = models.ForeignKey(
        PracticeBase, verbose_name="база практики", on_delete=models.PROTECT, related_name="placements"
    )
    kind = models.CharField("вид практики", max_length=20, choices=PlacementKind.choices)
    date_start = models.DateField("начало")
    date_end = models.DateField("окончание")
    mentoring_format = models.CharField("формат наставничества", max_length=20, choices=MentoringFormat.choices)
    mentors = models.ManyToManyField(Person, verbose_name="наставники", related_name="mentored_placements", blank=True)
    mentor_names = models.CharField(
        "наставники (ФИО)", max_length=300, blank=True, help_text="Если наставники не внесены в портал как персоны"
    )
    real_assignment = models.BooleanField("реальное производственное задание", default=False)
    paid_employment = models.BooleanField("оплачиваемое трудоустройство на период практики", default=False)
    job_offer = models.BooleanField("получено приглашение на работу", default=False)
    grade = models.PositiveSmallIntegerField("оценка", choices=Grade.choices, null=True, blank=True)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(
        view={C: ALL, CO: own("student__college"), EM: own("base__enterprise")},
        add=(C, CO),
        change={C: ALL, CO: OwnOpenRows(PLACEMENT_ROWS)},
    )

    class Meta:
        verbose_name = "практика студента"
        verbose_name_plural = "практики студентов"
        ordering = ["-date_start", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "date_start"],
                name="placement_unique_start",
                violation_error_message="У студента уже есть практика с той же датой начала.",
            ),
            models.CheckConstraint(
                condition=Q(date_end__gte=F("date_start")),
                name="placement_dates_ordered",
                violation_error_message="Практика заканчивается раньше, чем начинается.",
            ),
        ]
        indexes = [
            models.Index(fields=["date_end"]),
            models.Index(fields=["student", "mentoring_format"]),
            # The list's default order: its first page is read from this index, not sorted.
            models.Index(fields=["-date_start", "id"], name="placement_list_order"),
            # The dashboard counts job offers over all placements: a fifth of a million rows at a region's scale.
            models.Index(fields=["id"], condition=Q(job_offer=True), name="placement_job_offers"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} практика: {self.student}, {self.base.enterprise.short_name}"

    def get_absolute_url(self):
        return object_url("practice:placement_detail", self.pk)


STATUS_NAMES = dict(OutcomeStatus.choices)


class EmploymentOutcome(TimeStampedModel):
    """Where a graduate is, as recorded by the college for a monitoring year."""

    # No index of its own: the unique (student, year) and the (student, status, date) index lead with it.
    student = models.ForeignKey(
        Student, verbose_name="студент", on_delete=models.PROTECT, related_name="outcomes", db_index=False
    )
    year = models.PositiveSmallIntegerField(
        "год мониторинга", validators=YEAR, help_text="Обычно год выпуска: «Трудоустройство выпускников 2022»"
    )
    status = models.CharField("статус", max_length=20, choices=OutcomeStatus.choices)
    date = models.DateField("дата", help_text="С какой даты действует статус (дата трудоустройства)")
    employer = models.ForeignKey(
        Organization,
        verbose_name="работодатель (участник портала)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    employer_name = models.CharField("работодатель (наименование)", max_length=300, blank=True)
    position = models.CharField("должность", max_length=200, blank=True)
    comment = models.CharField("примечание", max_length=300, blank=True)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(
        view={C: ALL, CO: own("student__college")},
        add=(C, CO),
        change={C: ALL, CO: OwnOpenRows(OUTCOME_ROWS)},
    )

    class Meta:
        verbose_name = "трудоустройство выпускника"
        verbose_name_plural = "трудоустройство выпускников"
        ordering = ["-year", "student__college__short_name", "student__record_number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["student", "year"],
                name="outcome_unique_year",
                violation_error_message="Для этого студента запись о трудоустройстве за этот год уже есть.",
            )
        ]
        indexes = [
            models.Index(fields=["student", "status", "date"]),
            # Also the index of «year» alone: a B-tree is read both ways.
            models.Index(fields=["-year", "-date"], name="outcome_list_order"),
        ]

    def __str__(self):
        # The label read from a dict made once: get_status_display() makes a dict of the choices on every call,
        # and an import of 50,000 rows names each saved row in its history.
        return f"{self.year}: {self.student} — {STATUS_NAMES.get(self.status, self.status)}"

    def get_absolute_url(self):
        return object_url("practice:employmentoutcome_detail", self.pk)

    @property
    def employer_label(self) -> str:
        return self.employer.short_name if self.employer_id else self.employer_name

    def clean(self):
        if self.student_id and self.year and self.year < self.student.admission_year:
            raise ValidationError({"year": "Год мониторинга раньше года поступления студента."})


class TeacherInternship(TimeStampedModel):
    """An internship (стажировка) of a college teacher at a partner enterprise."""

    college = models.ForeignKey(
        Organization, verbose_name="ПОО", on_delete=models.PROTECT, related_name="+", limit_choices_to=COLLEGES
    )
    teacher = models.CharField("преподаватель (ФИО)", max_length=200)
    position = models.CharField("должность", max_length=200, blank=True, help_text="Преподаватель, мастер п/о")
    enterprise = models.ForeignKey(
        Organization,
        verbose_name="предприятие",
        on_delete=models.PROTECT,
        related_name="teacher_internships",
        limit_choices_to=EMPLOYERS,
    )
    topic = models.CharField("тема (программа) стажировки", max_length=300)
    date_start = models.DateField("начало")
    date_end = models.DateField("окончание")
    hours = models.PositiveSmallIntegerField("часов", null=True, blank=True)
    mentor = models.CharField("наставник от предприятия", max_length=200, blank=True)
    document = models.CharField("документ о стажировке", max_length=200, blank=True)
    document_file = models.FileField(
        "скан документа о стажировке",
        upload_to=upload_to,
        validators=[document_validator],
        blank=True,
        max_length=200,
        help_text="Удостоверение, справка или отчёт; скачивают те, кто видит стажировку",
    )
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    protected_file_fields = ("document_file",)
    access_policy = Policy(
        view={C: ALL, S: ALL, OB: ALL, CO: own("college"), EM: own("enterprise")},
        add=(C, CO),
        change={C: ALL, CO: own("college")},
    )

    class Meta:
        verbose_name = "стажировка преподавателя"
        verbose_name_plural = "стажировки преподавателей"
        ordering = ["-date_start", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_end__gte=F("date_start")),
                name="internship_dates_ordered",
                violation_error_message="Стажировка заканчивается раньше, чем начинается.",
            )
        ]

    def __str__(self):
        return f"{self.teacher}: {self.enterprise.short_name}, {self.date_start:%d.%m.%Y}"

    def get_absolute_url(self):
        return object_url("practice:teacherinternship_detail", self.pk)


class DataCollection(TimeStampedModel):
    """A request of the coordinator to every college: fill in the data of a topic for a year."""

    cluster = models.ForeignKey(Cluster, verbose_name="кластер", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("наименование", max_length=200, help_text="Например: Трудоустройство выпускников 2022")
    topic = models.CharField("что собирается", max_length=20, choices=CollectionTopic.choices)
    year = models.PositiveSmallIntegerField(
        "год",
        validators=YEAR,
        help_text=(
            "Трудоустройство и контингент — год выпуска; практика — год окончания учебного года (2022 — 2021/2022)"
        ),
    )
    deadline = models.DateField("срок представления")
    instructions = models.TextField("пояснения для ПОО", blank=True)
    is_closed = models.BooleanField("сбор закрыт", default=False)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(view={C: ALL, S: ALL, OB: ALL, CO: ALL}, add=(C,), change={C: ALL})

    class Meta:
        verbose_name = "сбор данных"
        verbose_name_plural = "сборы данных"
        ordering = ["-deadline", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "topic", "year"],
                name="collection_unique_topic_year",
                violation_error_message="Сбор этих данных за этот год в кластере уже открыт.",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("practice:datacollection_detail", self.pk)


class Submission(TimeStampedModel):
    """One college's part of a data collection and where it stands."""

    demo_lookup = "collection__is_demo"  # an answer to a demo data collection (core.demo)

    collection = models.ForeignKey(
        DataCollection, verbose_name="сбор данных", on_delete=models.CASCADE, related_name="submissions"
    )
    college = models.ForeignKey(
        Organization, verbose_name="ПОО", on_delete=models.PROTECT, related_name="+", limit_choices_to=COLLEGES
    )
    status = models.CharField(
        "статус", max_length=20, choices=SubmissionStatus.choices, default=SubmissionStatus.PENDING
    )
    note = models.TextField("комментарий ПОО", blank=True)
    submitted_at = models.DateTimeField("отправлено", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="отправил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("проверено", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="проверил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_comment = models.TextField("комментарий координатора", blank=True)

    access_policy = Policy(view={C: ALL, S: ALL, OB: ALL, CO: own("college")}, change={C: ALL, CO: own("college")})

    class Meta:
        verbose_name = "ответ ПОО на сбор данных"
        verbose_name_plural = "ответы ПОО на сборы данных"
        ordering = ["collection", "college__short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["collection", "college"],
                name="submission_unique_college",
                violation_error_message="Эта ПОО уже участвует в сборе.",
            )
        ]

    def __str__(self):
        return f"{self.collection}: {self.college.short_name}"

    def get_absolute_url(self):
        return object_url("practice:submission_detail", self.pk)


class StudentDataAccess(models.Model):
    """Who looked at student-level data (lists, cards, exports), shown to the coordinator."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="пользователь", on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField("когда", auto_now_add=True, db_index=True)
    page = models.CharField("что открыто", max_length=100)
    path = models.CharField("адрес", max_length=500)
    exported = models.BooleanField("выгрузка в Excel", default=False)

    access_policy = Policy(view={C: ALL})

    class Meta:
        verbose_name = "просмотр данных студентов"
        verbose_name_plural = "журнал просмотров данных студентов"
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%d.%m.%Y %H:%M} {self.user}: {self.page}"

    def get_absolute_url(self):
        return reverse("practice:studentdataaccess_list")
