"""The record stage: the change history of rows saved in bulk, written in bulk.

auditlog's signals do not see ``bulk_create``/``bulk_update`` (STYLE.md): the entries are built
here with auditlog's public pieces — its model, its field values, the model's registration — and carry
who imported (the actor), from where, the run's correlation id and which file it was (``additional_data``).

The change of a row is what auditlog's ``model_instance_diff`` would record, computed from what the
import already knows: a changed row's fields are those the diff stage found changed (only those are
read), a new row's are the model's tracked fields, each against the value auditlog records for
«no object» (worked out once per field, not per row). The values are auditlog's own
(``get_field_value``), so the record's history panel reads them as it reads any other entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from auditlog.diff import get_field_value, get_mask_function, is_primitive, track_field
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Field, Model
from django.utils.encoding import smart_str

from .kinds import ImportContext, ImportKind, Saving
from .rows import CHANGED, NEW, Row
from .saving import history_context


def record(rows: Sequence[Row], kind: ImportKind, ctx: ImportContext, beside: Sequence[Model] = ()) -> int:
    """Write the history of the batch's new and changed rows and of the rows kept ``beside`` them (written in
    bulk by the save stage); returns the number of entries.

    The entries are built and written ``ENTRIES`` at a time: each lives only until it is written, not for the
    whole batch (fewer objects for the garbage collector to walk while the batch is saved)."""
    if kind.saving is not Saving.BULK:
        return 0
    written = 0
    if auditlog.contains(kind.model):
        shared, tracked = shared_fields(kind.model, ctx), tracked_of(kind.model, ctx)
        saved = [row for row in rows if row.ok and row.status in (NEW, CHANGED)]
        for start in range(0, len(saved), ENTRIES):
            entries = [history_entry(row, shared, tracked) for row in saved[start : start + ENTRIES]]
            written += len(LogEntry.objects.bulk_create([entry for entry in entries if entry is not None]))
    entries = [entry for obj in beside for entry in [created_entry(obj, ctx)] if entry is not None]
    return written + len(LogEntry.objects.bulk_create(entries, batch_size=ENTRIES))


# History entries built and written at a time: in a 50,000-row save the garbage collector made 17 full passes
# with 500 at a time, 14 with 100 (each pass walks every object of the process).
ENTRIES = 100


def tracked_of(model: type[Model], ctx: ImportContext) -> Tracked:
    return ctx.once(f"history:tracked:{model._meta.label}", lambda: Tracked.of(model))


@dataclass(frozen=True)
class Tracked:
    """What auditlog records of a model: its tracked fields by name, the masked ones, «no object»'s values."""

    fields: dict[str, Field]
    masked: frozenset[str]
    mask_callable: str | None
    absent: dict[str, object]  # field name → the value auditlog records when there is no object (a new row's «before»)
    use_json: bool
    # A new row's fields with their attribute names, whose words are kept per value. The row's key and the times
    # it stamps on saving, its own values in every row, are not tracked (``core.audit.track``).
    reused: tuple[tuple[str, str, Field], ...] = ()
    # field → (type, value) → what a new row with that value records (None: nothing): a value repeated down a
    # file (a year, a status, a college) is put into words once; get_field_value reads only the field's value.
    # At most ``KEPT_VALUES`` per field: the values of a column that never repeats are not kept for nothing.
    recorded_for_new: dict[str, dict] = field(default_factory=dict, compare=False)

    @classmethod
    def of(cls, model: type[Model]) -> Tracked:
        rules = auditlog.get_model_fields(model)
        use_json = settings.AUDITLOG_STORE_JSON_CHANGES
        fields = {
            f.name: f
            for f in model._meta.concrete_fields
            if track_field(f)
            and (not rules["include_fields"] or f.name in rules["include_fields"])
            and f.name not in rules["exclude_fields"]
        }
        return cls(
            fields=fields,
            masked=frozenset(rules["mask_fields"]),
            mask_callable=rules.get("mask_callable"),
            absent={name: get_field_value(None, f, use_json) for name, f in fields.items()},
            use_json=use_json,
            reused=tuple((name, f.attname, f) for name, f in fields.items()),
            recorded_for_new={name: {} for name in fields},
        )

    def changes(self, old: Model | None, new: Model, names) -> dict[str, tuple] | None:
        """{field: (before, after)} as auditlog records them: a changed row's fields ``names``, a new row's all."""
        if old is None:
            return self.created(new)
        changes = {}
        for name in names:
            tracked = self.fields.get(name)
            if tracked is not None:
                before, after = (get_field_value(obj, tracked, self.use_json) for obj in (old, new))
                pair = self.compared(name, before, after)
                if pair is not None:
                    changes[name] = pair
        return changes or None

    def created(self, new: Model) -> dict[str, tuple] | None:
        """A new row's changes: each tracked field against «no object»."""
        changes = {}
        for name, attname, tracked in self.reused:
            value = getattr(new, attname)
            known = self.recorded_for_new[name]
            key = (type(value), value)
            try:
                pair = known[key]
            except KeyError:
                pair = self.from_nothing(name, tracked, new)
                if len(known) < KEPT_VALUES:
                    known[key] = pair
            except TypeError:  # a value that cannot be a key (a JSON document)
                pair = self.from_nothing(name, tracked, new)
            if pair is not None:
                changes[name] = pair
        return changes or None

    def from_nothing(self, name: str, tracked: Field, new: Model) -> tuple | None:
        return self.compared(name, self.absent[name], get_field_value(new, tracked, self.use_json))

    def compared(self, name: str, before, after) -> tuple | None:
        return self.recorded(name, before, after) if before != after else None

    def recorded(self, name: str, before, after) -> tuple:
        if name in self.masked:
            mask = get_mask_function(self.mask_callable)
            return mask(smart_str(before)), mask(smart_str(after))
        if not self.use_json:  # get_field_value gave most values as text already
            return tuple(value if isinstance(value, str) else smart_str(value) for value in (before, after))
        return tuple(value if is_primitive(value) else smart_str(value) for value in (before, after))


# Distinct values whose words are kept per field: enough for a date column over several years (366 a year).
KEPT_VALUES = 5000


def shared_fields(model: type[Model], ctx: ImportContext) -> list:
    """What every entry of the batch for ``model`` holds, as ``entry_fields()`` orders them: who, from where, the
    run's id and file, the model, one time for the batch; every other field's default. ``log_entry`` fills in each
    row's own."""
    context = history_context(ctx)
    actor = context.get("actor")
    # By their keys: an entry's references are not set through their descriptors, one by one per row.
    shared = {
        "content_type_id": ContentType.objects.get_for_model(model).pk,
        "actor_id": actor.pk if actor is not None else None,
        "actor_email": getattr(actor, "email", None) if actor is not None else None,
        "remote_addr": context["remote_addr"],
        "cid": context["cid"],
        "additional_data": context["additional_data"],
    }
    return [shared[f.attname] if f.attname in shared else f.get_default() for f in entry_fields()]


@cache
def entry_fields() -> tuple[Field, ...]:
    """The history entry's fields in the order its model takes them as positional values (``Model(*values)``)."""
    return tuple(LogEntry._meta.concrete_fields)


@cache
def own_positions() -> tuple[int, int, int, int, int]:
    """Where an entry's own values go among ``entry_fields()``: its object's key and name, action and changes."""
    at = {f.attname: index for index, f in enumerate(entry_fields())}
    return at["object_pk"], at["object_id"], at["object_repr"], at["action"], at["changes"]


def history_entry(row: Row, shared: list, tracked: Tracked) -> LogEntry | None:
    new = row.instance
    # A new row: its own columns (its reverse relations are empty); a changed row: the fields it changes.
    changes = tracked.changes(row.before, new, None if row.status == NEW else row.changes)
    action = LogEntry.Action.CREATE if row.status == NEW else LogEntry.Action.UPDATE
    return log_entry(new, shared, action, changes) if changes else None


def created_entry(obj: Model, ctx: ImportContext) -> LogEntry | None:
    """The history of a row the kind kept beside its own (a former name), created with them."""
    model = type(obj)
    if not auditlog.contains(model):
        return None
    changes = tracked_of(model, ctx).created(obj)
    return log_entry(obj, shared_fields(model, ctx), LogEntry.Action.CREATE, changes) if changes else None


def log_entry(obj: Model, shared: list, action: int, changes: dict) -> LogEntry:
    """The history entry of ``obj``: what every entry of the batch shares (``shared_fields``), and its own key,
    text and changes. Built from values in the fields' order, as Django builds a row it reads: by keyword, the
    model would look up each of its sixteen fields in the keywords and compute the defaults again for each row."""
    values = shared.copy()
    pk, object_id, text, kind, change = own_positions()
    values[pk], values[object_id] = str(obj.pk), obj.pk if isinstance(obj.pk, int) else None
    values[text], values[kind], values[change] = smart_str(obj), action, changes
    return LogEntry(*values)


def imported(queryset, cid: str, user):
    """The rows of ``queryset`` that the user's import ``cid`` added or changed (read from its history)."""
    entries = LogEntry.objects.filter(cid=cid, content_type=ContentType.objects.get_for_model(queryset.model))
    if getattr(user, "pk", None) is not None:
        entries = entries.filter(actor=user)
    return queryset.filter(pk__in=entries.values("object_id"))


def import_note_of(cid: str, user) -> dict | None:
    """What the history says of an import of the user: its file, kind and number of rows."""
    entry = LogEntry.objects.filter(cid=cid, actor=user).only("additional_data").first()
    data = entry.additional_data if entry is not None else None
    return data.get("import") if isinstance(data, dict) else None
