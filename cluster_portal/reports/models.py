"""The secretary's part of an annual report: narrative texts and the choice and order of sections."""

from django.db import models
from django.urls import reverse

from cluster_portal.core.access import Policy, roles
from cluster_portal.core.models import TimeStampedModel
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import REPORT_READERS, STAFF_ROLES


class AnnualReport(TimeStampedModel):
    """Texts and layout of one cluster's report for one academic year; numbers come from the data."""

    cluster = models.ForeignKey("members.Cluster", verbose_name="кластер", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("учебный год (год начала)")
    results_text = models.TextField(
        "основные направления и результаты деятельности",
        blank=True,
        help_text="Каждый пункт — с новой строки. Текст выводится как есть, без разметки.",
    )
    mentoring_title = models.CharField("заголовок раздела о наставничестве", max_length=300, blank=True)
    mentoring_features_intro = models.CharField("особенности наставничества: вводная фраза", max_length=300, blank=True)
    mentoring_features = models.TextField("особенности реализации программ наставничества на практике", blank=True)
    mentoring_difficulties = models.TextField("сложности при организации практики с наставничеством", blank=True)
    mentoring_proposals = models.TextField("предложения в региональную систему наставничества", blank=True)
    next_directions = models.TextField("предложения по основным направлениям на следующий учебный год", blank=True)
    section_order = models.JSONField("порядок разделов", default=list, blank=True)
    hidden_sections = models.JSONField("скрытые разделы", default=list, blank=True)

    access_policy = Policy(view=roles(REPORT_READERS), add=STAFF_ROLES, change=roles(STAFF_ROLES), cluster="cluster")

    class Meta:
        verbose_name = "годовой отчёт"
        verbose_name_plural = "годовые отчёты"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year"],
                name="annualreport_unique_year",
                violation_error_message="Отчёт кластера за этот учебный год уже есть.",
            )
        ]

    def __str__(self):
        return f"Отчёт за {self.academic_year.label} учебный год"

    @property
    def academic_year(self) -> AcademicYear:
        return AcademicYear(self.year)

    def get_absolute_url(self):
        return reverse("reports:annual", args=[self.academic_year.slug])
