"""A running job's progress lives in the cache: the job's own writes are inside its transaction.

Web nodes and workers must share the cache (``CACHE_URL``) to see it; the row gets the final figures.
"""

from __future__ import annotations

from django.core.cache import cache

TIMEOUT = 24 * 3600


def key(job_id) -> str:
    return f"jobs:progress:{job_id}"


def report(job_id, done: int, total: int) -> None:
    cache.set(key(job_id), (done, total), TIMEOUT)


def read(job) -> tuple[int, int]:
    """(done, total) of ``job``: the cache while it runs, the row once it has finished."""
    if not job.is_finished:
        seen = cache.get(key(job.pk))
        if seen:
            return seen
    return job.done, job.total
