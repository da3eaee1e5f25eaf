"""Expert sessions: versioned checklist templates, the expert pool, sessions, reviews and answers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from cluster_portal.core.access import ALL, Policy, Where, everyone, own, roles
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import Role
from members.choices import OrganizationKind
from members.models import Cluster, Organization, Person, Sector

from .choices import EDITABLE_STATUSES, NormKind, PracticeFigure, ReviewAction, ReviewStatus, Verdict

COORDINATION = (Role.COORDINATOR,)
STAFF = (Role.COORDINATOR, Role.SECRETARY)
EXPIRY_WARNING_DAYS = 60
SHARE = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
DEFAULT_TITLE = "Экспертный лист для оценки программы"


def _own_org(path: str, **extra) -> Where:
    """Rows whose ``path`` is the user's organization, with extra conditions; none without one."""

    def build(user):
        if not user.organization_id:
            return Q(pk__in=[])
        return Q(**{path: user.organization_id}, **extra)

    return Where(build)


def _as_expert(path: str, **extra) -> Where:
    """Rows of the expert profile behind ``path`` that belongs to the user."""
    return Where(lambda user: Q(**{path: user.pk}, **extra))


def format_share(value: Decimal | None) -> str:
    """62.50 → «62,5%», 100.00 → «100%»."""
    if value is None:
        return ""
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text}%"


# Checklist templates ----------------------------------------------------------------------------
class ChecklistTemplate(TimeStampedModel):
    """A version of the checklist: sections and criteria with norms; never edited once in use."""

    title = models.CharField("наименование", max_length=300, default=DEFAULT_TITLE)
    version = models.PositiveSmallIntegerField("версия", default=1)
    based_on = models.ForeignKey(
        "self",
        verbose_name="предыдущая версия",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="revisions",
    )
    is_archived = models.BooleanField(
        "в архиве", default=False, help_text="Заменён новой версией; остаётся у сессий, где уже применялся."
    )
    note = models.TextField("что изменено", blank=True)

    access_policy = Policy(view=everyone(), add=COORDINATION, change=roles(COORDINATION))

    class Meta:
        verbose_name = "шаблон экспертного листа"
        verbose_name_plural = "шаблоны экспертного листа"
        ordering = ["title", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["title", "version"],
                name="checklisttemplate_unique_version",
                violation_error_message="Шаблон с таким наименованием и номером версии уже есть.",
            )
        ]

    def __str__(self):
        return f"{self.title}, версия {self.version}"

    def get_absolute_url(self):
        return reverse("expertise:checklisttemplate_detail", args=[self.pk])

    def is_in_use(self) -> bool:
        """Whether any review was assigned under this version (it is then frozen)."""
        return Review.objects.filter(session_program__participant__session__template=self).exists()


class ChecklistSection(models.Model):
    """A numbered section of a checklist («1. Содержание …»)."""

    template = models.ForeignKey(
        ChecklistTemplate, verbose_name="шаблон", on_delete=models.CASCADE, related_name="sections"
    )
    number = models.PositiveSmallIntegerField("номер раздела", validators=[MinValueValidator(1)])
    title = models.CharField("наименование раздела", max_length=300)

    access_policy = Policy(view=everyone(), add=COORDINATION, change=roles(COORDINATION))

    class Meta:
        verbose_name = "раздел экспертного листа"
        verbose_name_plural = "разделы экспертного листа"
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"],
                name="checklistsection_unique_number",
                violation_error_message="Раздел с таким номером в шаблоне уже есть.",
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


CRITERION_NUMBER = RegexValidator(r"^\d{1,2}\.\d{1,2}$", "Номер критерия записывается как 2.1.")


class Criterion(models.Model):
    """A criterion with its norm: yes/no, or a minimum share in percent."""

    section = models.ForeignKey(
        ChecklistSection, verbose_name="раздел", on_delete=models.CASCADE, related_name="criteria"
    )
    number = models.CharField("номер", max_length=5, validators=[CRITERION_NUMBER])
    position = models.PositiveSmallIntegerField("порядок", default=0)
    text = models.TextField("название критерия")
    norm_kind = models.CharField("вид норматива", max_length=10, choices=NormKind.choices, default=NormKind.YES_NO)
    norm_share = models.DecimalField(
        "нормативная доля, не менее %",
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=SHARE,
    )
    practice_figure = models.CharField(
        "показатель из базы практик",
        max_length=20,
        choices=PracticeFigure.choices,
        blank=True,
        help_text="Показывается эксперту рядом с полем ввода.",
    )

    access_policy = Policy(view=everyone(), add=COORDINATION, change=roles(COORDINATION))

    class Meta:
        verbose_name = "критерий"
        verbose_name_plural = "критерии"
        ordering = ["section__number", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["section", "number"],
                name="criterion_unique_number",
                violation_error_message="Критерий с таким номером в разделе уже есть.",
            ),
            models.CheckConstraint(
                condition=(Q(norm_kind=NormKind.YES_NO) & Q(norm_share__isnull=True))
                | (Q(norm_kind=NormKind.SHARE) & Q(norm_share__gt=0) & Q(norm_share__lte=100)),
                name="criterion_norm_consistent",
                violation_error_message="Для доли укажите норматив от 0 до 100 %; для «да/нет» норматив не задаётся.",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:80]}"

    @property
    def label(self) -> str:
        """The number as the seed writes it: «1.1.»."""
        return f"{self.number}."

    @property
    def is_share(self) -> bool:
        return self.norm_kind == NormKind.SHARE

    @property
    def norm_display(self) -> str:
        return format_share(self.norm_share) if self.is_share else "ДА /Нет"

    def share_verdict(self, value: Decimal | None) -> str:
        """The portal's verdict for a share: complies when it reaches the norm."""
        if value is None or not self.is_share:
            return ""
        return Verdict.COMPLIES if value >= self.norm_share else Verdict.FAILS


# Expert pool ------------------------------------------------------------------------------------
class Expert(TimeStampedModel):
    """A specialist of an enterprise who reviews programs; logs in as a user with the expert role."""

    person = models.OneToOneField(Person, verbose_name="персона", on_delete=models.PROTECT, related_name="expert")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="пользователь портала",
        on_delete=models.PROTECT,
        related_name="expert_profile",
        limit_choices_to={"role": Role.EXPERT},
    )
    sectors = models.ManyToManyField(Sector, verbose_name="отрасли", related_name="experts", blank=True)
    affiliations = models.ManyToManyField(
        Organization,
        verbose_name="также работает в (совместительство)",
        related_name="+",
        blank=True,
        help_text="Например, преподаватель-совместитель ПОО: такие назначения отмечаются как конфликт интересов.",
    )
    specialization = models.CharField("область экспертизы", max_length=300, blank=True)
    is_active = models.BooleanField("привлекается к экспертизе", default=True)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(
        view={
            Role.COORDINATOR: ALL,
            Role.SECRETARY: ALL,
            Role.EXPERT: _as_expert("user"),
            Role.EMPLOYER: own("person__organization"),
        },
        add=COORDINATION,
        change={Role.COORDINATOR: ALL},
    )

    class Meta:
        verbose_name = "эксперт"
        verbose_name_plural = "эксперты"
        ordering = ["person__last_name", "person__first_name", "pk"]

    def __str__(self):
        return self.person.full_name

    def get_absolute_url(self):
        return reverse("expertise:expert_detail", args=[self.pk])

    @property
    def organization(self) -> Organization | None:
        return self.person.organization

    def clean(self):
        errors = {}
        person = self.person if self.person_id else None
        if person is not None and person.organization_id is None:
            errors["person"] = "У персоны эксперта не указана организация (предприятие)."
        if self.user_id:
            if self.user.role != Role.EXPERT:
                errors["user"] = "Пользователю эксперта нужна роль «Эксперт»."
            elif person is not None and self.user.organization_id != person.organization_id:
                errors["user"] = "Организация пользователя не совпадает с организацией персоны."
        if errors:
            raise ValidationError(errors)

    def works_for(self, organization_id: int, affiliation_ids: set[int] | None = None) -> bool:
        """Whether the expert works for that organization (main job or a second one)."""
        if affiliation_ids is None:
            affiliation_ids = {o.pk for o in self.affiliations.all()}
        own_org = self.person.organization
        return organization_id in {own_org.pk, own_org.parent_id, *affiliation_ids} if own_org else False


class ExpertCertificate(TimeStampedModel):
    """A certificate of an expert, e.g. the right to assess the demonstration exam."""

    expert = models.ForeignKey(Expert, verbose_name="эксперт", on_delete=models.CASCADE, related_name="certificates")
    title = models.CharField(
        "наименование", max_length=300, help_text="Например: право оценки демонстрационного экзамена"
    )
    competence = models.CharField("компетенция", max_length=300, blank=True)
    number = models.CharField("номер", max_length=100, blank=True)
    issued_by = models.CharField("кем выдан", max_length=300, blank=True)
    issued_on = models.DateField("дата выдачи", null=True, blank=True)
    valid_until = models.DateField("действует до", null=True, blank=True, help_text="Пусто — бессрочно")

    access_policy = Policy(
        view={
            Role.COORDINATOR: ALL,
            Role.SECRETARY: ALL,
            Role.EXPERT: _as_expert("expert__user"),
            Role.EMPLOYER: own("expert__person__organization"),
        },
        add=COORDINATION,
        change={Role.COORDINATOR: ALL},
    )

    class Meta:
        verbose_name = "сертификат эксперта"
        verbose_name_plural = "сертификаты экспертов"
        ordering = ["expert", "valid_until", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(issued_on__isnull=True) | Q(valid_until__gte=F("issued_on")),
                name="expertcertificate_dates_ordered",
                violation_error_message="Срок действия заканчивается раньше даты выдачи.",
            )
        ]

    def __str__(self):
        return f"{self.title}{f' № {self.number}' if self.number else ''}"

    def get_absolute_url(self):
        return self.expert.get_absolute_url()

    def expiry_state(self, today: dt.date | None = None) -> str:
        """«expired», «soon» (within EXPIRY_WARNING_DAYS) or «ok»."""
        if self.valid_until is None:
            return "ok"
        today = today or timezone.localdate()
        if self.valid_until < today:
            return "expired"
        if self.valid_until <= today + dt.timedelta(days=EXPIRY_WARNING_DAYS):
            return "soon"
        return "ok"

    @property
    def expiry_warning(self) -> str:
        state = self.expiry_state()
        if state == "expired":
            return f"Срок действия истёк {self.valid_until:%d.%m.%Y}"
        if state == "soon":
            return f"Истекает {self.valid_until:%d.%m.%Y}"
        return ""


# Expert sessions --------------------------------------------------------------------------------
class ExpertSession(TimeStampedModel):
    """An expert session of a cluster: colleges present programs, enterprise experts review them."""

    cluster = models.ForeignKey(Cluster, verbose_name="кластер", on_delete=models.PROTECT, related_name="+")
    title = models.CharField("наименование", max_length=300, default="Экспертиза образовательных программ")
    date_from = models.DateField("начало")
    date_to = models.DateField("окончание")
    template = models.ForeignKey(
        ChecklistTemplate, verbose_name="экспертный лист", on_delete=models.PROTECT, related_name="sessions"
    )
    description = models.TextField("описание", blank=True)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(
        view={
            Role.COORDINATOR: ALL,
            Role.SECRETARY: ALL,
            Role.OBSERVER: ALL,
            Role.COLLEGE: own("participants__college", distinct=True),
            Role.EMPLOYER: own("participants__enterprises", distinct=True),
            Role.EXPERT: Where(lambda u: Q(participants__programs__reviews__expert__user=u), distinct=True),
        },
        add=COORDINATION,
        change={Role.COORDINATOR: ALL},
    )

    class Meta:
        verbose_name = "экспертная сессия"
        verbose_name_plural = "экспертные сессии"
        ordering = ["-date_from", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(date_to__gte=F("date_from")),
                name="expertsession_dates_ordered",
                violation_error_message="Дата окончания сессии раньше даты начала.",
            )
        ]

    def __str__(self):
        return f"{self.title} {self.period}"

    @property
    def period(self) -> str:
        return f"{self.date_from:%d.%m.%Y}–{self.date_to:%d.%m.%Y}"

    def get_absolute_url(self):
        return reverse("expertise:expertsession_detail", args=[self.pk])


class SessionParticipant(models.Model):
    """A college taking part in a session, with the enterprises whose experts come."""

    session = models.ForeignKey(
        ExpertSession, verbose_name="сессия", on_delete=models.CASCADE, related_name="participants"
    )
    college = models.ForeignKey(
        Organization,
        verbose_name="ПОО",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": OrganizationKind.COLLEGE},
    )
    enterprises = models.ManyToManyField(
        Organization,
        verbose_name="эксперты со стороны предприятий",
        related_name="+",
        blank=True,
        limit_choices_to={"kind__in": [OrganizationKind.EMPLOYER, OrganizationKind.EMPLOYERS_UNION]},
    )
    order = models.PositiveSmallIntegerField("№", default=0)

    access_policy = Policy(
        view={
            Role.COORDINATOR: ALL,
            Role.SECRETARY: ALL,
            Role.OBSERVER: ALL,
            Role.COLLEGE: own("session__participants__college", distinct=True),
            Role.EMPLOYER: own("session__participants__enterprises", distinct=True),
        },
        add=COORDINATION,
        change={Role.COORDINATOR: ALL},
    )

    class Meta:
        verbose_name = "участник экспертной сессии"
        verbose_name_plural = "участники экспертной сессии"
        ordering = ["session", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "college"],
                name="sessionparticipant_unique_college",
                violation_error_message="Эта ПОО уже участвует в сессии.",
            )
        ]

    def __str__(self):
        return f"{self.college} — {self.session}"


class SessionProgram(models.Model):
    """A program presented at a session by a participating college; experts review it."""

    participant = models.ForeignKey(
        SessionParticipant, verbose_name="ПОО-участник", on_delete=models.CASCADE, related_name="programs"
    )
    program = models.ForeignKey(
        "programs.Program", verbose_name="программа", on_delete=models.PROTECT, related_name="expert_reviews"
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)

    access_policy = Policy(
        view={
            Role.COORDINATOR: ALL,
            Role.SECRETARY: ALL,
            Role.OBSERVER: ALL,
            Role.COLLEGE: own("program__college"),
        },
        add=COORDINATION,
        change={Role.COORDINATOR: ALL},
    )

    class Meta:
        verbose_name = "программа на экспертизе"
        verbose_name_plural = "программы на экспертизе"
        ordering = ["participant__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "program"],
                name="sessionprogram_unique_program",
                violation_error_message="Эта программа уже представлена на сессии.",
            )
        ]

    def __str__(self):
        return str(self.program)

    def get_absolute_url(self):
        return reverse("expertise:sessionprogram_detail", args=[self.pk])

    def clean(self):
        if self.participant_id and self.program_id and self.program.college_id != self.participant.college_id:
            raise ValidationError({"program": "Программа принадлежит другой ПОО."})


# Reviews ----------------------------------------------------------------------------------------
class Review(TimeStampedModel):
    """One expert's checklist for one program of a session: draft → submitted (read-only)."""

    session_program = models.ForeignKey(
        SessionProgram, verbose_name="программа на экспертизе", on_delete=models.PROTECT, related_name="reviews"
    )
    expert = models.ForeignKey(Expert, verbose_name="эксперт", on_delete=models.PROTECT, related_name="reviews")
    status = models.CharField("состояние", max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.ASSIGNED)
    version = models.PositiveIntegerField("версия записи", default=0, editable=False)
    conclusion = models.TextField("общее заключение эксперта", blank=True)
    submitted_at = models.DateTimeField("отправлен", null=True, blank=True)

    access_policy = Policy(
        view={
            Role.COORDINATOR: ALL,
            Role.SECRETARY: ALL,
            Role.EXPERT: _as_expert("expert__user"),
            Role.COLLEGE: _own_org("session_program__program__college", status=ReviewStatus.SUBMITTED),
        },
        add=COORDINATION,
        change={
            Role.COORDINATOR: ALL,
            Role.EXPERT: _as_expert("expert__user", status__in=EDITABLE_STATUSES),
        },
        delete={Role.COORDINATOR: Where(lambda u: Q(status=ReviewStatus.ASSIGNED))},
    )

    class Meta:
        verbose_name = "экспертный лист"
        verbose_name_plural = "экспертные листы"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session_program", "expert"],
                name="review_unique_expert",
                violation_error_message="Этот эксперт уже назначен на программу.",
            )
        ]

    def __str__(self):
        return f"Экспертный лист: {self.session_program.program} — {self.expert}"

    def get_absolute_url(self):
        return reverse("expertise:review_detail", args=[self.pk])

    def get_fill_url(self):
        return reverse("expertise:review_fill", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class ReviewAnswer(models.Model):
    """The expert's value, verdict and remark on one criterion."""

    review = models.ForeignKey(Review, verbose_name="экспертный лист", on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, verbose_name="критерий", on_delete=models.PROTECT, related_name="answers")
    value_yes = models.BooleanField("значение (да/нет)", null=True, blank=True)
    value_share = models.DecimalField(
        "значение, %", max_digits=5, decimal_places=2, null=True, blank=True, validators=SHARE
    )
    verdict = models.CharField("оценка эксперта", max_length=10, choices=Verdict.choices, blank=True)
    remark = models.TextField("замечания эксперта", blank=True)

    access_policy = Policy(
        view={
            Role.COORDINATOR: ALL,
            Role.SECRETARY: ALL,
            Role.EXPERT: _as_expert("review__expert__user"),
            Role.COLLEGE: _own_org("review__session_program__program__college", review__status=ReviewStatus.SUBMITTED),
        },
        change={Role.EXPERT: _as_expert("review__expert__user", review__status__in=EDITABLE_STATUSES)},
    )

    class Meta:
        verbose_name = "ответ по критерию"
        verbose_name_plural = "ответы по критериям"
        ordering = ["review", "criterion__section__number", "criterion__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"],
                name="reviewanswer_unique_criterion",
                violation_error_message="По этому критерию ответ уже есть.",
            ),
            models.CheckConstraint(
                condition=Q(value_share__isnull=True) | (Q(value_share__gte=0) & Q(value_share__lte=100)),
                name="reviewanswer_share_range",
                violation_error_message="Доля — от 0 до 100 %.",
            ),
        ]

    def __str__(self):
        return f"{self.criterion.number}: {self.get_verdict_display() or '—'}"

    @property
    def value_display(self) -> str:
        if self.value_share is not None:
            return format_share(self.value_share)
        if self.value_yes is None:
            return ""
        return "да" if self.value_yes else "нет"


class ReviewEvent(models.Model):
    """A step in a review's life: assigned, saved, submitted, returned for revision (with a reason)."""

    review = models.ForeignKey(Review, verbose_name="экспертный лист", on_delete=models.CASCADE, related_name="events")
    action = models.CharField("действие", max_length=10, choices=ReviewAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="кто",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField("когда", default=timezone.now)
    reason = models.TextField("причина / комментарий", blank=True)

    access_policy = Policy(
        view={
            Role.COORDINATOR: ALL,
            Role.SECRETARY: ALL,
            Role.EXPERT: _as_expert("review__expert__user"),
        }
    )

    class Meta:
        verbose_name = "событие экспертного листа"
        verbose_name_plural = "события экспертных листов"
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%d.%m.%Y %H:%M}"
