"""The django-tasks entry points of the jobs app (``manage.py db_worker`` runs them)."""

from django_tasks import task


@task()
def run_job(job_id: str) -> str:
    """Run the job ``job_id``; returns its final status."""
    from .services import job_run

    return job_run(job_id=job_id)
