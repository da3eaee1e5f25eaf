"""Start-up checks of what background jobs need in production."""

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache(app_configs, **kwargs):
    """A job's progress is kept in the cache: a per-process cache hides it from the web nodes."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.DEBUG or not backend.endswith(("LocMemCache", "DummyCache")):
        return []
    return [
        checks.Warning(
            "The progress of background jobs is kept in the cache, which is per-process here.",
            hint="Set CACHE_URL to a Redis cache (redis://host:6379/1) shared by web nodes and workers.",
            id="jobs.W001",
        )
    ]
