"""Change history (django-auditlog): registration and reading of an object's history."""

from auditlog.models import LogEntry
from auditlog.registry import auditlog

HISTORY_LIMIT = 50


def track(model, **options):
    """Record every change to ``model`` (who, when, what) in the change history."""
    auditlog.register(model, **options)
    return model


def history_for(obj, limit: int = HISTORY_LIMIT):
    """The latest history entries of one object, with their actors, in one query."""
    return list(LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")[:limit])
