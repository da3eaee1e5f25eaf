"""Competitions and olympiads: student participants with their mentors, and the independent experts."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from cluster_portal.core.access import ALL, Policy
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import PROPOSER_ROLES, Role
from members.choices import OrganizationKind
from members.models import Person

from ..choices import ExpertRole
from .access import own_org, students_results
from .events import Event, event_policy

C, S, CO = Role.COORDINATOR, Role.SECRETARY, Role.COLLEGE
ENTERPRISE_KINDS = (OrganizationKind.EMPLOYER, OrganizationKind.EMPLOYERS_UNION, OrganizationKind.OTHER)


def require_competition(event: Event | None, field: str = "event") -> None:
    if event is not None and not event.kind.is_competition:
        raise ValidationError(
            {
                field: f"«{event.title}» — не конкурс, не олимпиада и не чемпионат: участников и экспертов вносят "
                "в мероприятия этих видов."
            }
        )


def require_enterprise(person: Person | None, field: str, what: str) -> None:
    if person is None:
        return
    organization = person.organization
    if organization is None or organization.kind not in ENTERPRISE_KINDS:
        where = organization.short_name if organization else "организация не указана"
        raise ValidationError({field: f"{what} — специалист предприятия, а {person.full_name}: {where}."})


class Participant(TimeStampedModel):
    """A student of a college at a competition: competence, mentor from an enterprise, result and place."""

    event = models.ForeignKey(Event, verbose_name="конкурс", on_delete=models.CASCADE, related_name="participants_set")
    competence = models.CharField("компетенция", max_length=200)
    student = models.ForeignKey(
        "practice.Student", verbose_name="студент", on_delete=models.PROTECT, related_name="competitions"
    )
    mentor = models.ForeignKey(
        Person,
        verbose_name="наставник от предприятия",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="mentored_participants",
    )
    place = models.PositiveSmallIntegerField("место", null=True, blank=True)
    result = models.CharField(
        "результат", max_length=200, blank=True, help_text="Например: победитель, призёр, 54,3 балла"
    )
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = students_results(cluster="event__cluster")

    class Meta:
        verbose_name = "участник конкурса"
        verbose_name_plural = "участники конкурсов"
        ordering = ["event", "competence", "place", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "competence", "student"],
                name="participant_unique_student",
                violation_error_message="Этот студент уже участвует в конкурсе по этой компетенции.",
            )
        ]

    def __str__(self):
        return f"{self.student} — {self.competence}"

    def get_absolute_url(self):
        return self.event.get_absolute_url() + "#participants"

    def clean(self):
        require_competition(self.event if self.event_id else None)
        require_enterprise(self.mentor if self.mentor_id else None, "mentor", "Наставник")


class CompetitionExpert(TimeStampedModel):
    """An enterprise's specialist judging a competition (the independent experts of «Молодые профессионалы»)."""

    event = models.ForeignKey(Event, verbose_name="конкурс", on_delete=models.CASCADE, related_name="experts")
    person = models.ForeignKey(
        Person, verbose_name="эксперт", on_delete=models.PROTECT, related_name="competition_expertise"
    )
    competence = models.CharField("компетенция", max_length=200, blank=True)
    role = models.CharField("роль", max_length=20, choices=ExpertRole.choices, default=ExpertRole.INDEPENDENT)
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(
        view=event_policy("event__"),
        cluster="event__cluster",
        add=(C, S, *PROPOSER_ROLES),
        change={C: ALL, S: ALL, **{role: own_org("event__proposed_by") for role in PROPOSER_ROLES}},
    )

    class Meta:
        verbose_name = "эксперт конкурса"
        verbose_name_plural = "эксперты конкурсов"
        ordering = ["event", "competence", "person__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "person", "competence"],
                name="competitionexpert_unique",
                violation_error_message="Этот эксперт уже внесён в конкурс по этой компетенции.",
            )
        ]

    def __str__(self):
        return f"{self.person.short_name}, {self.get_role_display().lower()}"

    def get_absolute_url(self):
        return self.event.get_absolute_url() + "#experts"

    def clean(self):
        require_competition(self.event if self.event_id else None)
        require_enterprise(self.person if self.person_id else None, "person", "Эксперт конкурса")
