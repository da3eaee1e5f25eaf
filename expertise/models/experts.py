"""The expert pool: experts with their sectors and certificates."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from cluster_portal.core.access import ALL, Policy, own
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import COORDINATION, Role
from cluster_portal.core.urls_helpers import object_url
from members.models import Organization, Person, Sector

from ..choices import CertificateKind
from .access import as_expert

EXPIRY_WARNING_DAYS = 60


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
            Role.EXPERT: as_expert("user"),
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
        return object_url("expertise:expert_detail", self.pk)

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

    demo_lookup = "expert__is_demo"  # a certificate of an invented expert (core.demo)

    expert = models.ForeignKey(Expert, verbose_name="эксперт", on_delete=models.CASCADE, related_name="certificates")
    kind = models.CharField("вид", max_length=20, choices=CertificateKind.choices, default=CertificateKind.OTHER)
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
            Role.EXPERT: as_expert("expert__user"),
            Role.EMPLOYER: own("expert__person__organization"),
        },
        add=COORDINATION,
        change={Role.COORDINATOR: ALL},
    )

    class Meta:
        verbose_name = "сертификат эксперта"
        verbose_name_plural = "сертификаты экспертов"
        ordering = ["expert", "valid_until", "pk"]
        # The expert list's «Сроки сертификатов» reads the soonest-expiring certificates first.
        indexes = [models.Index(fields=["valid_until", "id"], name="expertcert_valid_until")]
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

    def is_valid_on(self, date: dt.date) -> bool:
        """Whether the certificate was issued by ``date`` and had not run out on it."""
        issued = self.issued_on is None or self.issued_on <= date
        return issued and (self.valid_until is None or self.valid_until >= date)

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
        return self.expiry_warning_on()

    def expiry_warning_on(self, today: dt.date | None = None) -> str:
        """The warning of ``expiry_state(today)``, or "" when the certificate is valid for long."""
        state = self.expiry_state(today)
        if state == "expired":
            return f"Срок действия истёк {self.valid_until:%d.%m.%Y}"
        if state == "soon":
            return f"Истекает {self.valid_until:%d.%m.%Y}"
        return ""
