"""Writes of the jobs app: start a job (after the request commits), run it, record how it ended."""

from __future__ import annotations

import logging
from functools import partial

from django.db import transaction
from django.utils import timezone

from cluster_portal.notifications.choices import NotificationKind
from cluster_portal.notifications.services import notify

from . import progress, registry
from .models import Job, JobStatus

logger = logging.getLogger(__name__)

FAILED_MESSAGE = (
    "Задача не выполнена из-за внутренней ошибки портала. Попробуйте ещё раз; "
    "если ошибка повторится, сообщите администратору портала (время: {at:%d.%m.%Y %H:%M})."
)


def job_start(*, user, kind: str, title: str, params: dict) -> Job:
    """Record the job and hand it to the task queue once the current transaction commits."""
    registry.get_kind(kind)
    job = Job(user=user, kind=kind, title=title[:300], params=params)
    job.full_clean()
    job.save()
    transaction.on_commit(partial(_enqueue, job.pk))
    return job


def _enqueue(job_id) -> None:
    from .tasks import run_job

    result = run_job.enqueue(str(job_id))
    Job.objects.filter(pk=job_id, task_id="").update(task_id=str(result.id)[:64])


def job_run(*, job_id: str) -> str:
    """Run a queued job once: claim it, call its kind, record the outcome; a second run changes nothing."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    job = Job.objects.get(pk=job_id)
    if not claimed:
        return job.status
    try:
        outcome = registry.get_kind(job.kind).run(job, partial(progress.report, job.pk))
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _finish(job, status=JobStatus.FAILED, error=FAILED_MESSAGE.format(at=timezone.localtime()))
        raise
    _finish(job, status=JobStatus.DONE, result=outcome.result, url=outcome.url)
    return job.status


def _finish(job: Job, *, status: str, result: dict | None = None, url: str = "", error: str = "") -> None:
    job.done, job.total = progress.read(job)
    if status == JobStatus.DONE and job.total:
        job.done = job.total
    job.status, job.result, job.result_url, job.error = status, result, url, error
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "result", "result_url", "error", "done", "total", "finished_at"])
    notify(
        users=[job.user],
        kind=NotificationKind.JOB_FINISHED,
        title=f"{'Готово' if status == JobStatus.DONE else 'Не выполнено'}: {job.title}",
        text=error,
        url=job.get_absolute_url(),
    )
