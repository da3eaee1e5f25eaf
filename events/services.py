"""Writes of the events app: proposal and publication of events, files and photos, exams."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from cluster_portal.core.roles import PROPOSER_ROLES, Role, role_of
from members.selectors import default_cluster

from .choices import EventStatus, FileKind
from .models import Event, EventFile, ExamSession
from .thumbnails import thumbnail_of

# What the public sees of a published event: its proposer changes it only through the coordinator.
PUBLISHED_FIELDS = (
    "kind",
    "title",
    "date_start",
    "date_end",
    "period",
    "place",
    "organizer",
    "organizer_text",
    "is_public",
)


# Rules the pages ask ------------------------------------------------------------------------------
def is_coordinator(user) -> bool:
    return role_of(user) == Role.COORDINATOR


def can_publish(user, event: Event) -> bool:
    return is_coordinator(user) and event.status != EventStatus.PUBLISHED


def can_return(user, event: Event) -> bool:
    return is_coordinator(user) and event.status != EventStatus.RETURNED and not _own_proposal(user, event)


def _own_proposal(user, event: Event) -> bool:
    return bool(event.proposed_by_id) and event.proposed_by_id == user.organization_id and not is_coordinator(user)


def locked_fields(user, event: Event) -> tuple[str, ...]:
    """Fields of ``event`` the user may not change: what the public sees, once the coordinator published it."""
    if event.pk and event.status == EventStatus.PUBLISHED and role_of(user) in PROPOSER_ROLES:
        return PUBLISHED_FIELDS
    return ()


# Events -----------------------------------------------------------------------------------------
def _refuse_locked(event: Event, user) -> None:
    locked = locked_fields(user, event)
    if not locked:
        return
    stored = Event.objects.get(pk=event.pk)
    changed = [name for name in locked if getattr(stored, name) != getattr(event, name)]
    if changed:
        label = Event._meta.get_field(changed[0]).verbose_name
        raise ValidationError(
            {
                name: f"Мероприятие опубликовано: «{label}» меняет координатор (попросите его вернуть мероприятие "
                "на доработку)."
                for name in changed
            }
        )


@transaction.atomic
def event_save(*, event: Event, user, relations: Mapping[str, Iterable] | None = None) -> Event:
    """Create or change an event; ``relations`` are its many-to-many links by field name.

    A new event of a college or an employer is proposed on behalf of its organization and waits for the
    coordinator; the coordinator's own events are published at once. A returned event is proposed again
    when its proposer saves it.
    """
    adding = event.pk is None
    if adding:
        event.cluster = event.cluster if event.cluster_id else default_cluster(with_relations=False)
        if event.cluster is None:
            raise ValidationError("В портале нет кластера: сначала заведите кластер.")
        if role_of(user) in PROPOSER_ROLES:
            event.proposed_by_id = user.organization_id
        if is_coordinator(user):
            event.status, event.published_at = EventStatus.PUBLISHED, timezone.now()
    else:
        _refuse_locked(event, user)
        if event.status == EventStatus.RETURNED and _own_proposal(user, event):
            event.status = EventStatus.PROPOSED
    event.full_clean()
    event.save()
    for name, values in (relations or {}).items():
        getattr(event, name).set(values)
    return event


@transaction.atomic
def event_publish(*, event: Event, user) -> Event:
    """The coordinator publishes a proposed (or returned) event."""
    if not can_publish(user, event):
        raise ValidationError("Опубликовать мероприятие может координатор, если оно ещё не опубликовано.")
    event.status, event.published_at, event.return_comment = EventStatus.PUBLISHED, timezone.now(), ""
    event.save(update_fields=["status", "published_at", "return_comment", "updated_at"])
    return event


@transaction.atomic
def event_return(*, event: Event, user, comment: str) -> Event:
    """The coordinator returns an event to its proposer, saying what to change; a published one is withdrawn."""
    if not can_return(user, event):
        raise ValidationError("Вернуть мероприятие на доработку может координатор.")
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": "Напишите, что нужно исправить."})
    event.status, event.published_at, event.return_comment = EventStatus.RETURNED, None, comment
    event.save(update_fields=["status", "published_at", "return_comment", "updated_at"])
    return event


# Files and photos -------------------------------------------------------------------------------
@transaction.atomic
def event_file_save(*, row: EventFile, user) -> EventFile:
    """Store a file of an event; a new photo gets its thumbnail (a file that is no image is refused)."""
    row.full_clean()
    stored = EventFile.objects.filter(pk=row.pk).values_list("file", flat=True).first() if row.pk else None
    new_upload = stored != row.file.name
    if row.kind == FileKind.PHOTO and (new_upload or not row.thumbnail):
        try:
            thumbnail = thumbnail_of(row.file)
        except ValidationError as exc:
            raise ValidationError({"file": exc.messages}) from None
        row.thumbnail.save(thumbnail.name, thumbnail, save=False)
    elif row.kind == FileKind.DOCUMENT and row.thumbnail:
        row.thumbnail.delete(save=False)
    if row.pk is None:
        row.uploaded_by = user if getattr(user, "pk", None) else None
    row.save()
    return row


# Exams ------------------------------------------------------------------------------------------
@transaction.atomic
def exam_session_save(*, session: ExamSession, relations: Mapping[str, Iterable] | None = None) -> ExamSession:
    """Create or change an exam; ``relations`` are its plan items and the meetings that reviewed it."""
    if not session.cluster_id:
        session.cluster = default_cluster(with_relations=False)
        if session.cluster is None:
            raise ValidationError("В портале нет кластера: сначала заведите кластер.")
    session.full_clean()
    session.save()
    for name, values in (relations or {}).items():
        getattr(session, name).set(values)
    return session
