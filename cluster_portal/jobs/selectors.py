"""Reads of the jobs app: a user sees only the jobs they started."""

from django.db.models import QuerySet

from .models import Job


def job_list(*, user) -> QuerySet[Job]:
    return Job.objects.filter(user=user) if getattr(user, "pk", None) else Job.objects.none()
