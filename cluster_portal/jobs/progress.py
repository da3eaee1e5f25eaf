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
        seen = read_key(job.pk)
        if seen != (0, 0):
            return seen
    return job.done, job.total


def read_key(job_id) -> tuple[int, int]:
    """(done, total) last reported for ``job_id``; (0, 0) before the first report."""
    return cache.get(key(job_id)) or (0, 0)


def clear(job_id) -> None:
    cache.delete(key(job_id))
