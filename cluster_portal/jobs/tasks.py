"""The django-tasks entry points of the jobs app (``manage.py db_worker`` runs them)."""

from django_tasks import task


@task()
def run_job(job_id: str) -> str:
    """Run the job ``job_id``; returns its final status."""
    from .services import job_run

    return job_run(job_id=job_id)


@task()
def compute_summary(summary_id: int) -> None:
    """Compute the stored summary ``summary_id`` (``jobs.summaries``) from the data as it is now."""
    from .summaries import summary_compute

    summary_compute(summary_id=summary_id)
