"""Test helpers: a button that starts a job, run as a worker would run it."""

from __future__ import annotations

from .models import Job, JobStatus
from .services import job_run


def job_started_by(response) -> Job:
    """The job a button's POST redirected to (``/jobs/<pk>/``)."""
    return Job.objects.get(pk=response["Location"].rstrip("/").rsplit("/", 1)[-1])


def run_to_download(client, job: Job):
    """Run ``job`` as a worker would; the response of its file's download."""
    assert job_run(job_id=str(job.pk)) == JobStatus.DONE, job.error
    job.refresh_from_db()
    return client.get(job.result_url)
