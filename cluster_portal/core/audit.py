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


def log_saved(model, pairs, *, actor=None) -> int:
    """Write the history of rows saved with the per-row signal off, in bulk; returns the entries written.

    ``pairs`` are ``(old, new)``: ``old`` is the row as it was before (``None`` for a new row). Signals
    miss bulk writes and ``disable_auditlog()``, so a service doing those logs here (STYLE.md). The
    entries are the ones auditlog writes itself: same diff (excluded and masked fields included),
    representation, actor, remote address and correlation id; a new row's entry lists its own
    columns.
    """
    if not auditlog.contains(model):
        return 0
    from auditlog.diff import model_instance_diff
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.db.models.signals import pre_save
    from django.utils.encoding import smart_str

    # What auditlog's own save would add (actor, remote address, correlation id) is what its
    # pre_save receiver puts on an entry inside set_actor(): let it fill a probe.
    probe = LogEntry()
    pre_save.send(sender=LogEntry, instance=probe, raw=False, using=None, update_fields=None)
    if probe.actor_id is None and isinstance(actor, get_user_model()) and actor.pk is not None:
        probe.actor, probe.actor_email = actor, getattr(actor, "email", None)
    if probe.cid is None:
        from auditlog.cid import get_cid

        probe.cid = get_cid()
    shared = {
        "content_type": ContentType.objects.get_for_model(model),
        "actor_id": probe.actor_id,
        "actor_email": probe.actor_email,
        "remote_addr": probe.remote_addr,
        "remote_port": probe.remote_port,
        "cid": probe.cid,
    }
    # The row's own columns only: reverse relations of a new row are empty (auditlog would query each
    # one per row and log the managers' names). An update is logged by auditlog before auto_now
    # fields are set, so their new values are not a change.
    create_fields = [f.name for f in model._meta.concrete_fields]
    update_fields = [f.name for f in model._meta.concrete_fields if not getattr(f, "auto_now", False)]
    entries = []
    for old, new in pairs:
        changes = model_instance_diff(
            old,
            new,
            fields_to_check=create_fields if old is None else update_fields,
            use_json_for_changes=settings.AUDITLOG_STORE_JSON_CHANGES,
        )
        if not changes:
            continue
        get_additional_data = getattr(new, "get_additional_data", None)
        entries.append(
            LogEntry(
                **shared,
                object_pk=str(new.pk),
                object_id=new.pk if isinstance(new.pk, int) else None,
                object_repr=smart_str(new),
                serialized_data=LogEntry.objects._get_serialized_data_or_none(new),
                action=LogEntry.Action.CREATE if old is None else LogEntry.Action.UPDATE,
                changes=changes,
                additional_data=get_additional_data() if callable(get_additional_data) else None,
            )
        )
    LogEntry.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


def tracks_m2m(model) -> bool:
    """Whether the history of ``model`` records many-to-many changes (written by signals only)."""
    return auditlog.contains(model) and bool(auditlog._registry[model]["m2m_fields"])
