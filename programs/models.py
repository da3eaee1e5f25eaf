"""The program bank: specialties, programs (ОПОП) with their presentation card, admission targets."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from cluster_portal.core.access import ALL, Policy, everyone, own, roles
from cluster_portal.core.collation import NAME_COLLATION
from cluster_portal.core.files import document_validator, upload_to
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import COORDINATION, Role
from cluster_portal.core.urls_helpers import object_url
from members.choices import OrganizationKind
from members.models import EnlargedGroup, Organization

from .choices import AdditionalKind, BaseEducation, Level, StudyForm, TargetStatus

YEAR = [MinValueValidator(1990), MaxValueValidator(2100)]
# The middle pair of a code: 01 — professions (skilled workers), 02 — specialties (mid-level).
LEVEL_BY_CODE = {"01": Level.SKILLED_WORKERS, "02": Level.MID_LEVEL}


class Specialty(models.Model):
    """A specialty or profession of secondary vocational education, e.g. 15.02.32."""

    code = models.CharField(
        "код",
        max_length=8,
        unique=True,
        validators=[RegexValidator(r"^\d{2}\.\d{2}\.\d{2}$", "Код специальности записывается как 15.02.32.")],
        error_messages={"unique": "Специальность с таким кодом уже есть."},
    )
    name = models.CharField("наименование", max_length=300, db_collation=NAME_COLLATION)
    level = models.CharField("уровень", max_length=10, choices=Level.choices)
    group = models.ForeignKey(EnlargedGroup, verbose_name="УГПС", on_delete=models.PROTECT, related_name="specialties")
    is_top50 = models.BooleanField("ТОП-50", default=False)
    is_regional_priority = models.BooleanField("региональный приоритет", default=False)
    is_advanced_competence = models.BooleanField("компетенция опережающей профессиональной подготовки", default=False)

    access_policy = Policy(view=everyone(), add=COORDINATION, change=roles(COORDINATION))

    class Meta:
        verbose_name = "специальность (профессия)"
        verbose_name_plural = "специальности и профессии"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    def get_absolute_url(self):
        return object_url("programs:specialty_detail", self.pk)

    def clean(self):
        """The code tells the group (15.xx.xx → 15.00.00) and the level (xx.01 workers, xx.02 specialists)."""
        errors = {}
        if self.code and self.group_id and not self.group.code.startswith(self.code[:3]):
            errors["group"] = f"Код {self.code} относится к УГПС {self.code[:2]}.00.00, а не к {self.group.code}."
        expected = LEVEL_BY_CODE.get(self.code[3:5]) if self.code else None
        if expected and self.level and self.level != expected:
            errors["level"] = f"Код {self.code} означает уровень «{Level(expected).label}»."
        if errors:
            raise ValidationError(errors)


class Program(TimeStampedModel):
    """A main vocational program (ОПОП) of a college, with the presentation card of the seed."""

    college = models.ForeignKey(
        Organization,
        verbose_name="ПОО",
        on_delete=models.PROTECT,
        related_name="programs",
        limit_choices_to={"kind": OrganizationKind.COLLEGE},
    )
    specialty = models.ForeignKey(
        Specialty, verbose_name="специальность", on_delete=models.PROTECT, related_name="programs"
    )
    qualification = models.CharField("присваиваемая квалификация", max_length=300)
    study_form = models.CharField(
        "форма обучения", max_length=10, choices=StudyForm.choices, default=StudyForm.FULL_TIME
    )
    base_education = models.CharField(
        "на базе", max_length=10, choices=BaseEducation.choices, default=BaseEducation.BASIC
    )
    duration = models.CharField("нормативный срок освоения", max_length=50, help_text="Например: 3 г. 10 мес.")
    first_year = models.PositiveSmallIntegerField(
        "реализуется с (год начала учебного года)", validators=YEAR, help_text="2021 — с 2021/2022 учебного года"
    )
    last_year = models.PositiveSmallIntegerField(
        "реализуется по (год начала учебного года)",
        validators=YEAR,
        null=True,
        blank=True,
        help_text="Пусто — реализуется и сейчас",
    )
    network_form = models.BooleanField("сетевая форма реализации", default=False)
    dual_training = models.BooleanField("дуальное обучение", default=False)
    partners = models.ManyToManyField(
        Organization,
        verbose_name="предприятия-партнёры",
        related_name="partner_programs",
        blank=True,
        limit_choices_to={"kind__in": [OrganizationKind.EMPLOYER, OrganizationKind.EMPLOYERS_UNION]},
    )
    is_published = models.BooleanField("показывать в открытом каталоге", default=True)
    is_demo = models.BooleanField("демонстрационные данные", default=False)
    # The presentation card (структура презентации ОПОП).
    card = models.TextField("визитная карточка ПОО", blank=True)
    relevance = models.TextField("актуальность", blank=True)
    goals = models.TextField("цели", blank=True)
    tasks = models.TextField("задачи", blank=True)
    demand = models.TextField("востребованность выпускников на рынке труда", blank=True)
    variable_part = models.TextField("возможности вариативной части (под заказ партнёров)", blank=True)
    quality_assessment = models.TextField(
        "оценка качества (участие работодателей в промежуточной и итоговой аттестации)", blank=True
    )
    expected_results = models.TextField("ожидаемые результаты", blank=True)
    equipment = models.TextField("материальная база", blank=True)
    staff = models.TextField("кадровое обеспечение", blank=True)
    prospects_network = models.TextField("перспективы: сетевая форма реализации", blank=True)
    prospects_dual = models.TextField("перспективы: дуальное обучение", blank=True)

    access_policy = Policy(
        view=everyone(),
        add=(Role.COORDINATOR, Role.COLLEGE),
        change={Role.COORDINATOR: ALL, Role.COLLEGE: own("college")},
    )

    class Meta:
        verbose_name = "образовательная программа (ОПОП)"
        verbose_name_plural = "образовательные программы (ОПОП)"
        ordering = ["specialty__code", "college__short_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["college", "specialty", "study_form", "base_education"],
                name="program_unique_per_college",
                violation_error_message="Такая программа (специальность, форма обучения, база) у этой ПОО уже есть.",
            ),
            models.CheckConstraint(
                condition=Q(last_year__isnull=True) | Q(last_year__gte=F("first_year")),
                name="program_years_ordered",
                violation_error_message="Последний год реализации раньше первого.",
            ),
        ]

    def __str__(self):
        return f"{self.specialty.code} {self.specialty.name} — {self.college.short_name}"

    def get_absolute_url(self):
        return object_url("programs:program_detail", self.pk)

    def runs_in(self, year: int) -> bool:
        """Whether the program runs in the academic year starting in ``year``."""
        return self.first_year <= year and (self.last_year is None or self.last_year >= year)


class ProgramDocument(TimeStampedModel):
    """A document attached to a program: the program text, curriculum, agreements."""

    program = models.ForeignKey(Program, verbose_name="программа", on_delete=models.CASCADE, related_name="documents")
    title = models.CharField("наименование", max_length=300)
    file = models.FileField("файл", upload_to=upload_to, validators=[document_validator], max_length=200)

    protected_file_fields = ("file",)
    access_policy = Policy(
        view=everyone(),
        add=(Role.COORDINATOR, Role.COLLEGE),
        change={Role.COORDINATOR: ALL, Role.COLLEGE: own("program__college")},
    )

    class Meta:
        verbose_name = "документ программы"
        verbose_name_plural = "документы программ"
        ordering = ["program", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.program.get_absolute_url()


class AdditionalProgram(TimeStampedModel):
    """An additional program of a college: ДПО or vocational training (профобучение)."""

    college = models.ForeignKey(
        Organization,
        verbose_name="ПОО",
        on_delete=models.PROTECT,
        related_name="additional_programs",
        limit_choices_to={"kind": OrganizationKind.COLLEGE},
    )
    kind = models.CharField("вид", max_length=10, choices=AdditionalKind.choices)
    title = models.CharField("наименование", max_length=400)
    group = models.ForeignKey(
        EnlargedGroup, verbose_name="УГПС", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    hours = models.PositiveIntegerField("объём, часов", null=True, blank=True)
    description = models.TextField("описание", blank=True)
    year = models.PositiveSmallIntegerField("год", validators=YEAR)
    is_advanced_competence = models.BooleanField("компетенция опережающей подготовки", default=False)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(
        view=everyone(),
        add=(Role.COORDINATOR, Role.COLLEGE),
        change={Role.COORDINATOR: ALL, Role.COLLEGE: own("college")},
    )

    class Meta:
        verbose_name = "дополнительная программа"
        verbose_name_plural = "дополнительные программы (ДПО, профобучение)"
        ordering = ["college__short_name", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("programs:additionalprogram_detail", self.pk)


class AdmissionTarget(TimeStampedModel):
    """Admission target (КЦП): a college's proposed and the agreed number for a specialty and year."""

    college = models.ForeignKey(
        Organization,
        verbose_name="ПОО",
        on_delete=models.PROTECT,
        related_name="admission_targets",
        limit_choices_to={"kind": OrganizationKind.COLLEGE},
    )
    specialty = models.ForeignKey(Specialty, verbose_name="специальность", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("год приёма", validators=YEAR)
    proposed = models.PositiveIntegerField("предложено ПОО")
    agreed = models.PositiveIntegerField("согласовано", null=True, blank=True)
    agreed_on = models.DateField(
        "дата согласования",
        null=True,
        blank=True,
        help_text="Дата решения (например, заседания совета). Новое число мест без новой даты "
        "датируется сегодняшним днём: прежнее согласование остаётся в отчёте своего года.",
    )
    status = models.CharField("статус", max_length=10, choices=TargetStatus.choices, default=TargetStatus.PROPOSED)
    comment = models.TextField("комментарий", blank=True)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(
        view={
            Role.COORDINATOR: ALL,
            Role.SECRETARY: ALL,
            Role.OBSERVER: ALL,
            Role.EMPLOYER: ALL,
            Role.COLLEGE: own("college"),
        },
        add=(Role.COORDINATOR, Role.COLLEGE),
        change={Role.COORDINATOR: ALL, Role.COLLEGE: own("college")},
    )

    class Meta:
        verbose_name = "контрольные цифры приёма (КЦП)"
        verbose_name_plural = "контрольные цифры приёма (КЦП)"
        ordering = ["-year", "college__short_name", "specialty__code"]
        constraints = [
            models.UniqueConstraint(
                fields=["college", "specialty", "year"],
                name="admissiontarget_unique",
                violation_error_message="КЦП этой ПОО по этой специальности на этот год уже есть.",
            )
        ]

    def __str__(self):
        return f"КЦП {self.year}: {self.college.short_name}, {self.specialty.code}"

    def get_absolute_url(self):
        return object_url("programs:admissiontarget_detail", self.pk)

    def clean(self):
        if self.agreed_on and self.agreed_on > timezone.localdate():
            raise ValidationError({"agreed_on": "Дата согласования не может быть позже сегодняшней."})


class AdmissionAgreement(models.Model):
    """One dated decision on a target's agreed number (``agreed`` empty: the agreement was withdrawn).

    Rows are only added, never changed: the annual report of a year reads the decisions dated in it,
    so a later change of the number is a new row and leaves the earlier year's report as it was.
    """

    target = models.ForeignKey(AdmissionTarget, verbose_name="КЦП", on_delete=models.PROTECT, related_name="agreements")
    agreed = models.PositiveIntegerField("согласовано", null=True, blank=True, help_text="Пусто — согласование снято")
    agreed_on = models.DateField("дата согласования")
    recorded_at = models.DateTimeField("внесено", auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(
        view={Role.COORDINATOR: ALL, Role.SECRETARY: ALL, Role.OBSERVER: ALL, Role.COLLEGE: own("target__college")},
    )

    class Meta:
        verbose_name = "согласование КЦП"
        verbose_name_plural = "согласования КЦП"
        ordering = ["target", "agreed_on", "pk"]
        indexes = [models.Index(fields=["agreed_on"], name="admissionagreement_on")]

    def __str__(self):
        return f"{self.target}: {self.agreed if self.agreed is not None else 'снято'} ({self.agreed_on:%d.%m.%Y})"


ROUND_ORDER_MESSAGE = "Согласование не может закончиться раньше, чем ПОО подадут предложения."


class AdmissionRound(TimeStampedModel):
    """A year's round of admission targets (КЦП): colleges propose by one date, the coordinator agrees by another.

    The deadlines feed «Мои задачи»: a college without proposals for the year sees «Предложить КЦП», the
    coordinator sees «Согласовать КЦП» with the date to agree by.
    """

    year = models.PositiveSmallIntegerField(
        "год приёма", validators=YEAR, unique=True, error_messages={"unique": "Сроки КЦП на этот год уже заданы."}
    )
    propose_by = models.DateField("предложения ПОО до")
    agree_by = models.DateField("согласование до")

    access_policy = Policy(
        view={Role.COORDINATOR: ALL, Role.SECRETARY: ALL, Role.OBSERVER: ALL, Role.COLLEGE: ALL},
        add=(Role.COORDINATOR,),
        change={Role.COORDINATOR: ALL},
    )

    class Meta:
        verbose_name = "сроки КЦП"
        verbose_name_plural = "сроки КЦП"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agree_by__gte=F("propose_by")),
                name="admissionround_agree_after_propose",
                violation_error_message=ROUND_ORDER_MESSAGE,
            )
        ]

    def __str__(self):
        return f"КЦП на {self.year} год"

    def clean(self):
        # The constraint's message, at the field it speaks of (a form then skips the constraint).
        if self.propose_by and self.agree_by and self.agree_by < self.propose_by:
            raise ValidationError({"agree_by": ROUND_ORDER_MESSAGE})

    def get_absolute_url(self):
        return object_url("programs:admissionround_detail", self.pk)
