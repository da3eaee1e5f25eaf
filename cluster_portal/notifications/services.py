"""Writes of the notifications app: notify users (the e-mail leaves by a job), read, choose kinds."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .choices import EMAIL_BY_DEFAULT, NotificationKind
from .models import Notification, NotificationPreference


def email_kinds_of(user_ids: Iterable[int], kind: str) -> set[int]:
    """Which of the users want ``kind`` by e-mail too (their choice, else the kind's default)."""
    user_ids = set(user_ids)
    chosen = dict(
        NotificationPreference.objects.filter(user_id__in=user_ids, kind=kind).values_list("user_id", "email")
    )
    default = kind in EMAIL_BY_DEFAULT
    return {pk for pk in user_ids if chosen.get(pk, default)}


def notify(*, users: Iterable, kind: str, title: str, text: str = "", url: str = "", email: bool = True) -> list:
    """A notification for each active user among ``users``; mail goes by a job after the transaction commits.

    ``email=False`` when the event already sent its own mail (an invitation with its calendar file).
    """
    NotificationKind(kind)
    ids = {user.pk for user in users if user is not None and getattr(user, "pk", None)}
    active = list(get_user_model().objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True))
    created = Notification.objects.bulk_create(
        [Notification(user_id=pk, kind=kind, title=title[:300], text=text, url=url) for pk in sorted(active)]
    )
    if email and created:
        from .tasks import send_notification_email

        wanted = email_kinds_of(active, kind)
        for notification in created:
            if notification.user_id in wanted:
                transaction.on_commit(partial(send_notification_email.enqueue, notification.pk))
    return created


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_mark_all_read(*, user) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def preferences_save(*, user, email_kinds: Iterable[str]) -> None:
    """The user's choice: the kinds in ``email_kinds`` come by e-mail too, the others in the portal only."""
    email_kinds = set(email_kinds)
    for kind in NotificationKind:
        NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"email": kind in email_kinds})
