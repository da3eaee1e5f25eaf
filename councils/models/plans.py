"""The yearly work plan: sections, numbered items and the reports of what was done."""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from cluster_portal.core.access import Policy, everyone, roles
from cluster_portal.core.files import document_validator, upload_to
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.roles import STAFF_ROLES
from cluster_portal.core.urls_helpers import object_url
from members.models import Cluster, Person

from ..choices import PlanItemStatus
from .councils import Council
from .meetings import YEAR, Meeting

PLAN_NUMBER = re.compile(r"^(\d{1,2})\.(\d{1,2})$")


class WorkPlan(TimeStampedModel):
    """The work plan of a cluster for a calendar year («ПЛАН РАБОТЫ … на 2022 год»)."""

    cluster = models.ForeignKey(Cluster, verbose_name="кластер", on_delete=models.PROTECT, related_name="work_plans")
    year = models.PositiveSmallIntegerField("год", validators=YEAR)
    title = models.CharField(
        "заголовок после «ПЛАН РАБОТЫ»",
        max_length=300,
        help_text="Например: «Промышленного образовательно-отраслевого кластера на 2022 год»",
    )
    approved_by = models.CharField("кем утверждён", max_length=300, blank=True)
    approved_date = models.DateField("дата утверждения", null=True, blank=True)
    approval_meeting = models.ForeignKey(
        Meeting,
        verbose_name="утверждён на заседании",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField("демонстрационные данные", default=False)

    access_policy = Policy(view=everyone(), add=STAFF_ROLES, change=roles(STAFF_ROLES), cluster="cluster")

    class Meta:
        verbose_name = "план работы"
        verbose_name_plural = "планы работы"
        ordering = ["cluster", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year"],
                name="workplan_unique_year",
                violation_error_message="План работы кластера на этот год уже есть.",
            )
        ]

    def __str__(self):
        return f"План работы на {self.year} год"

    def get_absolute_url(self):
        return object_url("councils:workplan_detail", self.pk)

    @property
    def heading(self) -> str:
        return f"ПЛАН РАБОТЫ {self.title}".strip()


class PlanSection(models.Model):
    """A numbered section of a work plan."""

    plan = models.ForeignKey(WorkPlan, verbose_name="план работы", on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField("номер раздела", validators=[MinValueValidator(1), MaxValueValidator(99)])
    title = models.CharField("название раздела", max_length=500)

    access_policy = Policy(view=everyone(), add=STAFF_ROLES, change=roles(STAFF_ROLES), cluster="plan__cluster")

    class Meta:
        verbose_name = "раздел плана"
        verbose_name_plural = "разделы плана"
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="plansection_unique_number",
                violation_error_message="Раздел с таким номером в плане уже есть.",
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return object_url("councils:workplan_detail", self.plan_id) + f"#section-{self.number}"


def normalize_plan_number(value: str) -> str:
    """«1.1.» and « 1.1 » are the same item number: 1.1."""
    return (value or "").strip().rstrip(".").strip()


class PlanItem(TimeStampedModel):
    """A numbered item of a work plan (1.1 …): what, who, by when, with what result."""

    plan = models.ForeignKey(WorkPlan, verbose_name="план работы", on_delete=models.PROTECT, related_name="items")
    section = models.ForeignKey(PlanSection, verbose_name="раздел", on_delete=models.PROTECT, related_name="items")
    number = models.CharField("№ п/п", max_length=10, help_text="Например: 1.1 (номер раздела, точка, номер пункта)")
    position = models.PositiveIntegerField("порядок", default=0, editable=False)
    title = models.TextField("наименование мероприятия")
    executors = models.TextField("исполнители", blank=True)
    responsible_person = models.ForeignKey(
        Person,
        verbose_name="ответственный (для контроля)",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    deadline_text = models.CharField(
        "срок исполнения",
        max_length=200,
        blank=True,
        help_text="Как в плане: «Не реже 1 раза в квартал», «IV квартал 2022»",
    )
    due_date = models.DateField(
        "срок для контроля", null=True, blank=True, help_text="Если не указан, определяется по сроку исполнения"
    )
    expected_result = models.TextField("результат", blank=True)
    status_override = models.CharField(
        "статус вручную",
        max_length=20,
        choices=PlanItemStatus.choices,
        blank=True,
        help_text="Пусто — статус рассчитывается по подтверждениям и сроку",
    )
    status_override_reason = models.TextField(
        "почему статус установлен вручную", blank=True, help_text="Обязательно, если статус установлен вручную"
    )
    status_override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="статус установил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    status_override_at = models.DateTimeField("статус установлен", null=True, blank=True, editable=False)
    evidence_source = models.CharField(
        "подтверждается также записями",
        max_length=40,
        blank=True,
        help_text="Все записи выбранного вида за год плана (например, стажировки преподавателей) подтверждают пункт",
    )
    council = models.ForeignKey(
        Council,
        verbose_name="исполнение отражают заседания совета",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Для пунктов «Проведение заседаний …»: проведённые заседания года попадут в отчёт",
    )

    access_policy = Policy(view=everyone(), add=STAFF_ROLES, change=roles(STAFF_ROLES), cluster="plan__cluster")

    class Meta:
        verbose_name = "пункт плана"
        verbose_name_plural = "пункты плана"
        ordering = ["plan", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="planitem_unique_number",
                violation_error_message="Пункт с таким номером в этом плане уже есть.",
            )
        ]
        indexes = [models.Index(fields=["due_date"])]

    def __str__(self):
        return f"{self.display_number} {self.title[:80]}"

    def get_absolute_url(self):
        return object_url("councils:planitem_detail", self.pk)

    @property
    def display_number(self) -> str:
        return f"{self.number}."

    def clean(self):
        if self.status_override and not self.status_override_reason.strip():
            raise ValidationError(
                {"status_override_reason": "Укажите, почему статус установлен вручную, а не по подтверждениям."}
            )
        self.number = normalize_plan_number(self.number)
        match = PLAN_NUMBER.match(self.number)
        if not match:
            raise ValidationError({"number": "Номер пункта записывается как 1.1: номер раздела, точка, номер пункта."})
        self.position = int(match[1]) * 1000 + int(match[2])
        if self.section_id:
            if self.plan_id and self.section.plan_id != self.plan_id:
                raise ValidationError({"section": "Раздел относится к другому плану."})
            if int(match[1]) != self.section.number:
                raise ValidationError(
                    {
                        "number": f"Пункт {self.number} не может стоять в разделе {self.section.number}: "
                        "номер пункта начинается с номера раздела."
                    }
                )


class PlanReport(TimeStampedModel):
    """What was done on a plan item: an event held, a document issued."""

    item = models.ForeignKey(PlanItem, verbose_name="пункт плана", on_delete=models.CASCADE, related_name="reports")
    date = models.DateField("дата")
    text = models.TextField("что сделано")
    file = models.FileField("файл", upload_to=upload_to, validators=[document_validator], blank=True, max_length=200)
    link = models.URLField("ссылка", blank=True, help_text="Новость, страница мероприятия")
    completes = models.BooleanField(
        "пункт выполнен", default=False, help_text="Отчёт подтверждает выполнение пункта, а не промежуточный шаг"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    protected_file_fields = ("file",)
    access_policy = Policy(view=everyone(), add=STAFF_ROLES, change=roles(STAFF_ROLES), cluster="item__plan__cluster")

    class Meta:
        verbose_name = "отчёт о выполнении"
        verbose_name_plural = "отчёты о выполнении"
        ordering = ["item", "date", "pk"]

    def __str__(self):
        return f"{self.date:%d.%m.%Y}: {self.text[:80]}"

    def get_absolute_url(self):
        return object_url("councils:planitem_detail", self.item_id) + f"#report-{self.pk}"
