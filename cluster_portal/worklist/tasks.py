"""The periodic jobs of the worklist app (queued by ``manage.py periodic_jobs``)."""

from django_tasks import task


@task()
def daily_digest() -> int:
    """Send today's digests; returns how many users got one."""
    from .digest import send_digests

    return send_digests()
