"""The annual report: the secretary's texts and layout, the approved versions, and the last draft built."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from cluster_portal.core.access import Policy, roles
from cluster_portal.core.files import upload_to
from cluster_portal.core.models import KeptFile, TimeStampedModel
from cluster_portal.core.reporting import AcademicYear
from cluster_portal.core.roles import REPORT_READERS, STAFF_ROLES


def report_url(year: AcademicYear, cluster_id: int, version: int | str = "") -> str:
    """The report page of a cluster's year: the latest approved version, version N, or the draft («draft»)."""
    url = f"{reverse('reports:annual', args=[year.slug])}?cluster={cluster_id}"
    return f"{url}&version={version}" if version else url


class AnnualReport(TimeStampedModel):
    """Texts and layout of one cluster's report for one academic year; numbers come from the data."""

    cluster = models.ForeignKey("members.Cluster", verbose_name="кластер", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("учебный год (год начала)")
    results_text = models.TextField(
        "основные направления и результаты деятельности",
        blank=True,
        help_text="Каждый пункт — с новой строки. Текст выводится как есть, без разметки.",
    )
    admission_text = models.TextField(
        "контрольные цифры приёма: текст над таблицей",
        blank=True,
        help_text="Каждый абзац — с новой строки. Таблицу КЦП, согласованных в учебном году, строит портал.",
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


class ReportVersion(KeptFile):
    """An approved version of a cluster's report for a year: its HTML, PDF/A-3b and the data it was built
    from, kept as approved. Nothing changes or deletes it; a new approval makes the next version."""

    cluster = models.ForeignKey("members.Cluster", verbose_name="кластер", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField("учебный год (год начала)")
    number = models.PositiveSmallIntegerField("версия")
    pdf = models.FileField("PDF утверждённого отчёта", upload_to=upload_to, max_length=200)
    html = models.TextField("HTML утверждённого отчёта")
    data = models.JSONField("данные, по которым построен отчёт")
    data_sha256 = models.CharField("SHA-256 данных (напечатан в PDF)", max_length=64)
    approved_at = models.DateTimeField("утверждён")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="утвердил",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    kept_at_field = "approved_at"
    kept_by_field = "approved_by"
    access_policy = Policy(view=roles(REPORT_READERS), add=STAFF_ROLES, cluster="cluster")

    class Meta:
        verbose_name = "утверждённая версия отчёта"
        verbose_name_plural = "утверждённые версии отчёта"
        ordering = ["cluster", "year", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "number"],
                name="reportversion_unique_number",
                violation_error_message="Такая версия отчёта уже есть.",
            )
        ]

    def __str__(self):
        return f"Отчёт за {self.academic_year.label} учебный год, версия {self.number}"

    @property
    def academic_year(self) -> AcademicYear:
        return AcademicYear(self.year)

    def get_absolute_url(self):
        return report_url(self.academic_year, self.cluster_id, self.number)

    def download_name(self, field: str) -> str:
        return f"otchet-klastera-{self.academic_year.slug}-v{self.number}.pdf"


class ReportDraft(models.Model):
    """The last report built from the live data by a job (one per cluster and year, rebuilt on «Обновить»):
    the page shows it instead of assembling the report inside the request."""

    cluster = models.ForeignKey("members.Cluster", verbose_name="кластер", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("учебный год (год начала)")
    html = models.TextField("HTML")
    data = models.JSONField("данные")
    data_sha256 = models.CharField("SHA-256 данных", max_length=64)
    data_version = models.CharField("версия данных", max_length=100, blank=True)
    layout = models.JSONField("разделы (ключ и заголовок), скрытые тоже", default=list, blank=True)
    built_at = models.DateTimeField("построен")

    access_policy = Policy(view=roles(REPORT_READERS), cluster="cluster")

    class Meta:
        verbose_name = "черновик отчёта"
        verbose_name_plural = "черновики отчёта"
        constraints = [models.UniqueConstraint(fields=["cluster", "year"], name="reportdraft_unique_year")]

    def __str__(self):
        return f"Черновик отчёта за {AcademicYear(self.year).label} учебный год"
