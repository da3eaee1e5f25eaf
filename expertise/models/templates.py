"""Versioned checklist templates: sections and criteria with their norms."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q

from cluster_portal.core.access import Policy, everyone, roles
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import COORDINATION
from cluster_portal.core.urls_helpers import object_url

from ..choices import NormKind, PracticeFigure, Verdict

SHARE = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]
DEFAULT_TITLE = "Экспертный лист для оценки программы"


def format_share(value: Decimal | None) -> str:
    """62.50 → «62,5%», 100.00 → «100%»."""
    if value is None:
        return ""
    text = f"{value.normalize():f}".replace(".", ",")
    return f"{text}%"


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
        return object_url("expertise:checklisttemplate_detail", self.pk)


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

    def verdict_for(self, *, value_yes: bool | None = None, value_share: Decimal | None = None) -> str:
        """The verdict an answer carries: a yes/no answer is the verdict, a share is measured against the norm."""
        if self.is_share:
            return self.share_verdict(value_share)
        if value_yes is None:
            return ""
        return Verdict.COMPLIES if value_yes else Verdict.FAILS
