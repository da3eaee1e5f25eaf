"""Change history (django-auditlog): registration and reading of an object's history."""

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.core.exceptions import FieldDoesNotExist

from .access import policy_of, readable
from .roles import STAFF_ROLES, role_of

HISTORY_LIMIT = 50


def track(model, **options):
    """Record every change to ``model`` (who, when, what) in the change history.

    The times the model stamps on saving (``auto_now``/``auto_now_add``: «создано», «изменено») are not
    recorded: an entry has its own time, and a stamp that changes on every save would be in every entry.
    Nor is the row's own key: an entry names its object by it (``object_pk``), and «ID: — → 123» was the
    first line of every creation.
    """
    own = [f.name for f in model._meta.concrete_fields if is_stamp(f) or f.primary_key]
    exclude = [*options.pop("exclude_fields", ()), *own]
    auditlog.register(model, exclude_fields=exclude, **options)
    return model


def is_stamp(field) -> bool:
    """A date-time the model sets on saving (every save its own)."""
    return getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)


def history_for(obj, user, limit: int = HISTORY_LIMIT):
    """The latest history entries of one object as ``user`` may read them, with their actors, in one query.

    Each entry gets ``shown_changes`` (the changes of the fields the user reads, by the model's policy)
    and ``actor_label`` (a name; the login only for staff).
    """
    entries = list(LogEntry.objects.get_for_object(obj).select_related("actor").order_by("-timestamp")[:limit])
    hidden = hidden_labels(obj, user)
    staff = getattr(user, "is_superuser", False) or role_of(user) in STAFF_ROLES
    for entry in entries:
        entry.shown_changes = readable_changes(entry, hidden)
        entry.actor_label = actor_label(entry.actor, staff=staff)
    return entries


def readable_changes(entry, hidden: set[str] = frozenset()) -> dict[str, tuple[str | None, str]]:
    """{label: (before, after)} of an entry as a person reads them: да/нет, names, dates as ДД.ММ.ГГГГ, choices
    by their labels; a many-to-many change is (None, «добавлены: …» or «убраны: …»). Fields in ``hidden`` are left out.

    auditlog's display dict already names related rows, labels choices and formats dates; what it leaves raw
    (booleans, empty values, many-to-many changes) is put into words here.
    """
    display = {str(label): values for label, values in entry.changes_display_dict.items()}
    model = entry.content_type.model_class()
    shown = {}
    for name, raw in entry.changes_dict.items():
        field = _field(model, name)
        label = str(getattr(field, "verbose_name", name))
        if label in hidden or name in hidden:
            continue
        if isinstance(raw, dict):  # a many-to-many change: {"type": "m2m", "operation": …, "objects": [...]}
            objects = ", ".join(str(o) for o in raw.get("objects", [])) or "—"
            shown[label] = (None, f"{'добавлены' if raw.get('operation') == 'add' else 'убраны'}: {objects}")
            continue
        before, after = (display.get(label) or raw or ["", ""])[:2]
        shown[label] = (person_value(before), person_value(after))
    return shown


def person_value(value) -> str:
    """One recorded value in words: «да»/«нет» for booleans, «—» for an empty one."""
    text = "" if value is None else str(value)
    return {"True": "да", "False": "нет", "None": "—", "": "—"}.get(text, text)


def _field(model, name):
    try:
        return model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:  # a field removed since the entry was written keeps its stored name
        return None


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
