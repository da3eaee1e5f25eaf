"""A background job as its user sees it: what was asked, how far it is, what came out."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse


class JobStatus(models.TextChoices):
    QUEUED = "queued", "В очереди"
    RUNNING = "running", "Выполняется"
    DONE = "done", "Готово"
    FAILED = "failed", "Ошибка"


FINISHED = (JobStatus.DONE, JobStatus.FAILED)


class Job(models.Model):
    """One run of a registered job kind for the user who started it (the task itself is django-tasks')."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField("вид", max_length=40)
    title = models.CharField("задача", max_length=300)
    params = models.JSONField("параметры", default=dict, blank=True)
    status = models.CharField("состояние", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    done = models.PositiveIntegerField("выполнено", default=0)
    total = models.PositiveIntegerField("всего", default=0)
    result = models.JSONField("результат", null=True, blank=True)
    result_url = models.CharField("ссылка на результат", max_length=500, blank=True)
    error = models.TextField("ошибка", blank=True)
    task_id = models.CharField("задача в очереди", max_length=64, blank=True)
    created_at = models.DateTimeField("создана", auto_now_add=True)
    started_at = models.DateTimeField("начата", null=True, blank=True)
    finished_at = models.DateTimeField("завершена", null=True, blank=True)

    class Meta:
        verbose_name = "фоновая задача"
        verbose_name_plural = "фоновые задачи"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "-created_at"], name="job_user_created_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("jobs:job_detail", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in FINISHED

    @property
    def percent(self) -> int:
        if self.status == JobStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class Summary(models.Model):
    """The latest figures of a registered summary kind for one key (``jobs.summaries``), computed by a worker.

    Kept in the jobs app, whose tables carry no data-version trigger: storing a summary changes no version.
    """

    name = models.CharField("вид", max_length=60)
    key = models.CharField("ключ", max_length=40)
    params = models.JSONField("параметры", default=dict)
    content = models.JSONField("содержание", null=True, blank=True)
    version = models.CharField("версия данных", max_length=120, blank=True)
    computed_at = models.DateTimeField("данные на", null=True, blank=True)
    queued_at = models.DateTimeField("пересчёт запрошен", null=True, blank=True)
    failed_at = models.DateTimeField("последний расчёт не удался", null=True, blank=True)

    class Meta:
        verbose_name = "сводка"
        verbose_name_plural = "сводки"
        constraints = [models.UniqueConstraint(fields=["name", "key"], name="summary_name_key_unique")]

    def __str__(self):
        return f"{self.name} {self.key}"
