"""Councils and the people sitting on them."""

from __future__ import annotations

import datetime as dt
import math

from django.db import models
from django.db.models import F, Q

from cluster_portal.core.access import Policy, everyone, roles
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import STAFF_ROLES
from cluster_portal.core.urls_helpers import object_url
from members.models import Cluster, NormativeDocument, Person

from ..choices import CouncilKind, MemberRole, QuorumRule


class Council(TimeStampedModel):
    """An expert or coordination council of a cluster."""

    demo_lookup = "members__person__is_demo"  # invented members make its composition demo (core.demo)

    cluster = models.ForeignKey(Cluster, verbose_name="кластер", on_delete=models.PROTECT, related_name="councils")
    kind = models.CharField("вид", max_length=20, choices=CouncilKind.choices)
    name = models.CharField("наименование", max_length=200, help_text="Как в документах кластера: «Экспертный Совет»")
    name_genitive = models.CharField(
        "наименование в родительном падеже",
        max_length=200,
        help_text="Для заголовков: «заседания Экспертного Совета»",
    )
    quorum_rule = models.CharField("кворум", max_length=20, choices=QuorumRule.choices, default=QuorumRule.MAJORITY)
    regulation = models.ForeignKey(
        NormativeDocument,
        verbose_name="положение / распоряжение о совете",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField("задачи совета", blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    access_policy = Policy(view=everyone(), add=STAFF_ROLES, change=roles(STAFF_ROLES), cluster="cluster")

    class Meta:
        verbose_name = "совет"
        verbose_name_plural = "советы"
        ordering = ["cluster", "order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "kind"],
                name="council_unique_kind",
                violation_error_message="Совет этого вида в кластере уже есть.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("councils:council_detail", self.pk)

    def quorum_needed(self, members: int) -> int:
        """How many members make a quorum out of ``members``."""
        if members <= 0:
            return 0
        if self.quorum_rule == QuorumRule.TWO_THIRDS:
            return math.ceil(members * 2 / 3)
        return members // 2 + 1


class CouncilMember(TimeStampedModel):
    """A person on a council, with the role they hold there."""

    demo_lookup = "person__is_demo"  # an invented person (core.demo)

    council = models.ForeignKey(Council, verbose_name="совет", on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, verbose_name="персона", on_delete=models.PROTECT, related_name="council_seats")
    role = models.CharField("роль в совете", max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    date_from = models.DateField("в составе с", null=True, blank=True)
    date_to = models.DateField("в составе по", null=True, blank=True)
    order = models.PositiveSmallIntegerField("порядок", default=0)

    access_policy = Policy(view=everyone(), add=STAFF_ROLES, change=roles(STAFF_ROLES), cluster="council__cluster")

    class Meta:
        verbose_name = "член совета"
        verbose_name_plural = "члены советов"
        ordering = ["council", "order", "person__last_name", "person__first_name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "person"],
                name="councilmember_unique_person",
                violation_error_message="Эта персона уже входит в совет.",
            ),
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(role=MemberRole.CHAIR, date_to__isnull=True),
                name="councilmember_one_chair",
                violation_error_message="У совета уже есть председатель: укажите дату окончания его полномочий.",
            ),
            models.CheckConstraint(
                condition=Q(date_to__isnull=True) | Q(date_from__isnull=True) | Q(date_to__gte=F("date_from")),
                name="councilmember_dates_ordered",
                violation_error_message="Дата выхода из совета раньше даты включения.",
            ),
        ]

    def __str__(self):
        return f"{self.person.short_name} — {self.get_role_display().lower()}"

    def get_absolute_url(self):
        return object_url("councils:council_detail", self.council_id) + "#members"

    def active_on(self, date: dt.date) -> bool:
        return (self.date_from is None or self.date_from <= date) and (self.date_to is None or self.date_to >= date)
