"""Change history (django-auditlog): registration and reading of an object's history."""

from auditlog.models import LogEntry
from auditlog.registry import auditlog

from .access import policy_of, readable
from .roles import STAFF_ROLES, role_of

HISTORY_LIMIT = 50


def track(model, **options):
    """Record every change to ``model`` (who, when, what) in the change history."""
    auditlog.register(model, **options)
    return model


def history_for(obj, user, limit: int = HISTORY_LIMIT):
    """The latest history entries of one object as ``user`` may read them, with their actors, in one query.

    Each entry gets ``shown_changes`` (the changes of the fields the user reads, by the model's policy)
    and ``actor_label`` (a name; the login only for staff).
    """
    entries = list(LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")[:limit])
    hidden = hidden_labels(obj, user)
    staff = getattr(user, "is_superuser", False) or role_of(user) in STAFF_ROLES
    for entry in entries:
        changes = entry.changes_display_dict.items()
        entry.shown_changes = {label: values for label, values in changes if label not in hidden}
        entry.actor_label = actor_label(entry.actor, staff=staff)
    return entries


def hidden_labels(obj, user) -> set[str]:
    """The labels (verbose names) under which the history shows the fields ``user`` may not read of ``obj``."""
    model = type(obj)
    ruled = policy_of(model).field_rules if hasattr(model, "access_policy") else {}
    hidden = set()
    for name in ruled:
        if not readable(user, obj, name):
            field = model._meta.get_field(name)
            hidden.add(str(getattr(field, "verbose_name", name)))
            hidden.add(name)
    return hidden


def actor_label(actor, *, staff: bool) -> str:
    if actor is None:
        return "система"
    name = actor.get_full_name()
    if staff:
        return f"{name or actor.username} ({actor.username})"
    return name or "пользователь портала"
