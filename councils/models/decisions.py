"""Decisions of the meetings, tracked until they are done."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from cluster_portal.core.access import Policy, roles
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import NON_STAFF_ROLES, STAFF_ROLES
from cluster_portal.core.urls_helpers import object_url
from members.models import Organization, Person

from ..choices import DecisionStatus
from .meetings import AgendaItem, minutes_readers


class Decision(TimeStampedModel):
    """A decision of a meeting on one agenda item, tracked until it is done."""

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name="вопрос повестки", on_delete=models.PROTECT, related_name="decisions"
    )
    number = models.PositiveSmallIntegerField("№ решения по вопросу", default=0)
    text = models.TextField("решение")
    responsible_person = models.ForeignKey(
        Person, verbose_name="ответственный", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    responsible_organization = models.ForeignKey(
        Organization,
        verbose_name="ответственная организация",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    responsible_text = models.CharField(
        "ответственные (текстом)", max_length=300, blank=True, help_text="Например: «ПОО - участники Кластера»"
    )
    deadline_text = models.CharField("срок (как в протоколе)", max_length=200, blank=True)
    due_date = models.DateField(
        "срок для контроля", null=True, blank=True, help_text="По нему решение считается просроченным"
    )
    status = models.CharField("статус", max_length=20, choices=DecisionStatus.choices, default=DecisionStatus.OPEN)
    done_date = models.DateField("дата исполнения", null=True, blank=True)
    result = models.TextField("отметка об исполнении", blank=True)
    plan_item = models.ForeignKey(
        "PlanItem",
        verbose_name="пункт плана работы",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )

    access_policy = Policy(
        view={
            **roles(STAFF_ROLES),
            **roles(NON_STAFF_ROLES, minutes_readers("agenda_item__meeting__", responsible=True)),
        },
        add=STAFF_ROLES,
        change=roles(STAFF_ROLES),
        cluster="agenda_item__meeting__council__cluster",
    )

    class Meta:
        verbose_name = "решение"
        verbose_name_plural = "решения"
        ordering = ["agenda_item__meeting__date", "agenda_item__order", "number", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=DecisionStatus.DONE) | Q(done_date__isnull=False),
                name="decision_done_has_date",
                violation_error_message="Укажите дату исполнения решения.",
            )
        ]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return f"Решение {self.agenda_item.order}.{self.number}: {self.text[:70]}"

    def get_absolute_url(self):
        return object_url("councils:decision_detail", self.pk)

    @property
    def responsible(self) -> str:
        parts = []
        if self.responsible_person_id:
            parts.append(self.responsible_person.short_name)
        if self.responsible_organization_id:
            parts.append(self.responsible_organization.short_name)
        if self.responsible_text:
            parts.append(self.responsible_text)
        return ", ".join(parts)

    @property
    def deadline(self) -> str:
        return self.deadline_text or (self.due_date.strftime("%d.%m.%Y") if self.due_date else "")

    @staticmethod
    def overdue_condition() -> Q:
        """``is_overdue`` as a query condition."""
        return Q(status=DecisionStatus.OPEN, due_date__lt=timezone.localdate())

    @property
    def is_overdue(self) -> bool:
        return self.status == DecisionStatus.OPEN and self.due_date is not None and self.due_date < timezone.localdate()
