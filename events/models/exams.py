"""Demonstration exams and independent assessment: sessions, their expert panels and students' results."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q

from cluster_portal.core.access import ALL, Policy, Where
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import Role
from cluster_portal.core.urls_helpers import object_url
from expertise.choices import CertificateKind
from members.choices import OrganizationKind
from members.models import Cluster, Organization

from ..choices import ExamGrade, ExamKind, PanelRole
from .access import own_org, students_results

C, S, CO, EM, EX, OB = (
    Role.COORDINATOR,
    Role.SECRETARY,
    Role.COLLEGE,
    Role.EMPLOYER,
    Role.EXPERT,
    Role.OBSERVER,
)
YEAR = [MinValueValidator(2000), MaxValueValidator(2100)]


def session_policy(prefix: str = "") -> dict:
    """Staff and the observer see every session; a college its own; experts and enterprises those they judge."""
    return {
        C: ALL,
        S: ALL,
        OB: ALL,
        CO: own_org(f"{prefix}college"),
        EX: Where(lambda user: Q(**{f"{prefix}panel__expert__user": user.pk}), distinct=True),
        EM: own_org(f"{prefix}panel__expert__person__organization", distinct=True),
    }


class ExamSession(TimeStampedModel):
    """A demonstration exam or an independent assessment of one college's graduates of one specialty and year."""

    cluster = models.ForeignKey(Cluster, verbose_name="кластер", on_delete=models.PROTECT, related_name="+")
    college = models.ForeignKey(
        Organization,
        verbose_name="ПОО",
        on_delete=models.PROTECT,
        related_name="exam_sessions",
        limit_choices_to={"kind": OrganizationKind.COLLEGE},
    )
    specialty = models.ForeignKey(
        "programs.Specialty", verbose_name="специальность / профессия", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("год выпуска", validators=YEAR)
    kind = models.CharField("вид", max_length=20, choices=ExamKind.choices)
    competence = models.CharField(
        "компетенция / оценочные материалы",
        max_length=300,
        blank=True,
        help_text="Например: КОД 1.1 «Токарные работы на станках с ЧПУ»",
    )
    date_from = models.DateField("дата экзамена (начало)")
    date_to = models.DateField("дата окончания", null=True, blank=True)
    site = models.CharField("площадка", max_length=300, help_text="Центр проведения экзамена: мастерская, адрес")
    site_organization = models.ForeignKey(
        Organization,
        verbose_name="площадка предприятия",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="Если экзамен проходит на площадке предприятия-участника",
    )
    plan_items = models.ManyToManyField(
        "councils.PlanItem", verbose_name="выполняет пункты плана", related_name="exam_sessions", blank=True
    )
    review_meetings = models.ManyToManyField(
        "councils.Meeting",
        verbose_name="результаты рассмотрены на заседаниях",
        related_name="exam_sessions",
        blank=True,
        help_text="Заседания КС и ЭС, на которых рассмотрены результаты (пункт плана 2.9)",
    )
    notes = models.TextField("примечания", blank=True)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(
        view=session_policy(), add=(C, CO), change={C: ALL, CO: own_org("college")}, cluster="cluster"
    )

    class Meta:
        verbose_name = "экзамен (ДЭ, НОК)"
        verbose_name_plural = "демонстрационные экзамены и НОК"
        ordering = ["-date_from", "college__short_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["college", "specialty", "kind", "date_from"],
                name="examsession_unique_day",
                violation_error_message="Экзамен этого вида по этой специальности в этой ПОО в этот день уже внесён.",
            ),
            models.CheckConstraint(
                condition=Q(date_to__isnull=True) | Q(date_to__gte=F("date_from")),
                name="examsession_dates_ordered",
                violation_error_message="Дата окончания экзамена раньше даты начала.",
            ),
        ]
        indexes = [models.Index(fields=["college", "specialty", "year"])]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.specialty.code}, {self.college.short_name}, {self.dates}"

    def get_absolute_url(self):
        return object_url("events:examsession_detail", self.pk)

    @property
    def dates(self) -> str:
        if self.date_to and self.date_to != self.date_from:
            return f"{self.date_from:%d.%m.%Y}–{self.date_to:%d.%m.%Y}"
        return f"{self.date_from:%d.%m.%Y}"

    @property
    def last_day(self):
        return self.date_to or self.date_from

    def clean(self):
        if self.date_from and self.year and abs(self.date_from.year - self.year) > 1:
            raise ValidationError(
                {"year": f"Экзамен {self.date_from:%d.%m.%Y} не может быть экзаменом выпуска {self.year} г."}
            )


class ExamPanelMember(TimeStampedModel):
    """An expert of the pool on an exam's panel; needs a valid certificate for the exam's kind."""

    demo_lookup = "session__is_demo"  # on the panel of a demo exam (core.demo)

    session = models.ForeignKey(ExamSession, verbose_name="экзамен", on_delete=models.CASCADE, related_name="panel")
    expert = models.ForeignKey(
        "expertise.Expert", verbose_name="эксперт", on_delete=models.PROTECT, related_name="exam_panels"
    )
    role = models.CharField("роль", max_length=10, choices=PanelRole.choices, default=PanelRole.EXPERT)

    # The coordinator assigns the experts of the pool, as for expert sessions; the college sees its panels.
    access_policy = Policy(view=session_policy("session__"), add=(C,), change={C: ALL}, cluster="session__cluster")

    class Meta:
        verbose_name = "эксперт экзамена"
        verbose_name_plural = "экспертные группы экзаменов"
        ordering = ["session", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "expert"],
                name="exampanel_unique_expert",
                violation_error_message="Этот эксперт уже в экспертной группе экзамена.",
            )
        ]

    def __str__(self):
        return f"{self.expert}, {self.get_role_display().lower()}"

    def get_absolute_url(self):
        return self.session.get_absolute_url() + "#panel"

    def clean(self):
        if self.session_id and self.expert_id:
            refusal = panel_refusal(self.expert, self.session)
            if refusal:
                raise ValidationError({"expert": refusal})


def required_certificate(kind: str) -> str:
    """The kind of certificate an expert of an exam of ``kind`` must hold."""
    return CertificateKind.QUALIFICATION_ASSESSMENT if kind == ExamKind.NOK else CertificateKind.EXAM_ASSESSMENT


def panel_refusal(expert, session: ExamSession) -> str:
    """Why ``expert`` cannot judge ``session`` («» when they can): a certificate valid on every day of the exam."""
    needed = required_certificate(session.kind)
    certificates = [c for c in expert.certificates.all() if c.kind == needed]
    if any(c.is_valid_on(session.date_from) and c.is_valid_on(session.last_day) for c in certificates):
        return ""
    label = CertificateKind(needed).label.lower()
    if not certificates:
        return f"У эксперта {expert} нет свидетельства «{label}»: включить его в экспертную группу нельзя."
    held = "; ".join(certificate_span(c) for c in certificates)
    return (
        f"Свидетельство эксперта {expert} («{label}») не действует на даты экзамена {session.dates}: {held}. "
        "Включить его в экспертную группу нельзя."
    )


def certificate_span(certificate) -> str:
    number = f"№ {certificate.number} " if certificate.number else ""
    issued = f"выдано {certificate.issued_on:%d.%m.%Y}" if certificate.issued_on else "дата выдачи не указана"
    until = f", действует до {certificate.valid_until:%d.%m.%Y}" if certificate.valid_until else ", бессрочно"
    return f"{number}{issued}{until}"


class ExamResult(TimeStampedModel):
    """One graduate's result of an exam: score, grade, passed."""

    session = models.ForeignKey(ExamSession, verbose_name="экзамен", on_delete=models.CASCADE, related_name="results")
    student = models.ForeignKey(
        "practice.Student", verbose_name="студент", on_delete=models.PROTECT, related_name="exam_results"
    )
    score = models.DecimalField(
        "баллы", max_digits=6, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    grade = models.PositiveSmallIntegerField("оценка", choices=ExamGrade.choices, null=True, blank=True)
    passed = models.BooleanField("успешно прошёл", default=False)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = students_results(cluster="session__cluster")

    class Meta:
        verbose_name = "результат экзамена"
        verbose_name_plural = "результаты экзаменов"
        ordering = ["session", "student__record_number", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "student"],
                name="examresult_unique_student",
                violation_error_message="Результат этого студента на этом экзамене уже внесён.",
            ),
            models.CheckConstraint(
                condition=Q(grade__isnull=True) | ~Q(grade=ExamGrade.FAILED) | Q(passed=False),
                name="examresult_failed_not_passed",
                violation_error_message="С оценкой «неудовлетворительно» экзамен не считается пройденным.",
            ),
        ]

    def __str__(self):
        return f"{self.student}: {'сдал' if self.passed else 'не сдал'}"

    def get_absolute_url(self):
        return self.session.get_absolute_url() + "#results"

    def clean(self):
        if not (self.session_id and self.student_id):
            return
        session, student = self.session, self.student
        errors = []
        if student.college_id != session.college_id:
            errors.append(
                f"студент {student} учится в {student.college.short_name}, а экзамен — {session.college.short_name}"
            )
        elif student.program.specialty_id != session.specialty_id:
            errors.append(
                f"студент {student} учится по специальности {student.program.specialty.code}, "
                f"а экзамен — по {session.specialty.code}"
            )
        elif student.graduation_year != session.year:
            errors.append(
                f"студент {student} выпускается в {student.graduation_year} г., а экзамен — выпуска {session.year} г."
            )
        if errors:
            raise ValidationError({"student": "Нельзя внести результат: " + "; ".join(errors) + "."})
