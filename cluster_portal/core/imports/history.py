"""The record stage: the change history of rows saved in bulk, written in bulk.

auditlog's signals do not see ``bulk_create``/``bulk_update`` (STYLE.md): the entries are built
here with auditlog's public pieces — its model, its diff, the model's registration — and carry who
imported (the actor), from where, the run's correlation id and which file it was (``additional_data``).
"""

from __future__ import annotations

from collections.abc import Sequence

from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.encoding import smart_str

from .kinds import ImportContext, ImportKind, Saving
from .rows import CHANGED, NEW, Row
from .saving import history_context


def record(rows: Sequence[Row], kind: ImportKind, ctx: ImportContext) -> int:
    """Write the history of the batch's new and changed rows; returns the number of entries."""
    if kind.saving is not Saving.BULK or not auditlog.contains(kind.model):
        return 0
    shared = shared_fields(kind, ctx)
    entries = [
        entry
        for row in rows
        if row.ok and row.status in (NEW, CHANGED)
        for entry in [history_entry(row, shared)]
        if entry is not None
    ]
    LogEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def shared_fields(kind: ImportKind, ctx: ImportContext) -> dict:
    context = history_context(ctx)
    actor = context.get("actor")
    return {
        "content_type": ContentType.objects.get_for_model(kind.model),
        "actor": actor,
        "actor_email": getattr(actor, "email", None) if actor is not None else None,
        "remote_addr": context["remote_addr"],
        "cid": context["cid"],
        "additional_data": context["additional_data"],
    }


def history_entry(row: Row, shared: dict) -> LogEntry | None:
    new = row.instance
    changes = model_instance_diff(
        row.old,
        new,
        # A new row: its own columns only (its reverse relations are empty, and would be queried).
        fields_to_check=list(row.changes) if row.old is not None else [f.name for f in new._meta.concrete_fields],
        use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES,
    )
    if not changes:
        return None
    return LogEntry(
        **shared,
        object_pk=str(new.pk),
        object_id=new.pk if isinstance(new.pk, int) else None,
        object_repr=smart_str(new),
        action=LogEntry.Action.CREATE if row.old is None else LogEntry.Action.UPDATE,
        changes=changes,
    )


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
