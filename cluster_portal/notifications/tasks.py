"""E-mail jobs: each message is one task, retried later when the mail server does not answer."""

from __future__ import annotations

import logging
from datetime import timedelta
from smtplib import SMTPException

from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

ATTEMPTS = 4  # then the task fails and the worker's log says so


def _retry(task_function, *args, attempt: int, error: Exception) -> str:
    if attempt >= ATTEMPTS:
        raise error
    delay = timedelta(minutes=2**attempt)
    task_function.using(run_after=timezone.now() + delay).enqueue(*args, attempt=attempt + 1)
    logger.warning("mail not sent (attempt %s), retrying in %s", attempt, delay)
    return "retry"


@task()
def send_notification_email(notification_id: int, attempt: int = 1) -> str:
    """Mail one notification to its user, if they still have an address."""
    from .mail import address_of, message_of
    from .models import Notification

    notification = Notification.objects.select_related("user__person").filter(pk=notification_id).first()
    if notification is None:
        return "gone"
    address = address_of(notification.user)
    if not address:
        return "no address"
    try:
        message_of(notification, address).send()
    except (SMTPException, OSError) as error:
        return _retry(send_notification_email, notification_id, attempt=attempt, error=error)
    return "sent"


@task()
def send_email(payload: dict, attempt: int = 1) -> str:
    """Mail a prepared message (``mail.send_later``)."""
    from .mail import message_from

    try:
        message_from(payload).send()
    except (SMTPException, OSError) as error:
        return _retry(send_email, payload, attempt=attempt, error=error)
    return "sent"
