"""Expert sessions: the colleges taking part, their programs under review."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q

from cluster_portal.core.access import ALL, Policy, Where, own
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import COORDINATION, Role
from cluster_portal.core.urls_helpers import object_url
from members.choices import OrganizationKind
from members.models import Cluster, Organization

from .templates import ChecklistTemplate


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
    checklist_deadline = models.DateField(
        "срок заполнения экспертных листов",
        null=True,
        blank=True,
        help_text="После этого дня эксперты не могут менять листы, пока координатор не продлит срок. "
        "Пусто — без срока.",
    )
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
        cluster="cluster",
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
        return object_url("expertise:expertsession_detail", self.pk)


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
        cluster="session__cluster",
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
        cluster="participant__session__cluster",
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
        return object_url("expertise:sessionprogram_detail", self.pk)

    def clean(self):
        if self.participant_id and self.program_id and self.program.college_id != self.participant.college_id:
            raise ValidationError({"program": "Программа принадлежит другой ПОО."})
