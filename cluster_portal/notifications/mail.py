"""E-mails of the portal, built here and always sent by a job: a request never talks to the mail server."""

from __future__ import annotations

import base64
from functools import partial

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string


def absolute(url: str) -> str:
    """``url`` (a path in the portal) as a link from outside, on ``PORTAL_BASE_URL``."""
    if not url or "://" in url:
        return url
    return settings.PORTAL_BASE_URL.rstrip("/") + url


def address_of(user) -> str:
    """Where a user's mail goes: the account's address, else the address of the user's person."""
    if user.email:
        return user.email
    person = getattr(user, "person", None) if user.person_id else None
    return (person.email if person else "") or ""


def message_of(notification, address: str) -> EmailMultiAlternatives:
    """A notification as plain text and HTML, with the absolute link to its page."""
    context = {
        "notification": notification,
        "link": absolute(notification.url),
        "settings_link": absolute("/notifications/settings/"),
        "portal_title": settings.PORTAL_TITLE,
    }
    subject = f"{settings.PORTAL_SHORT_TITLE}: {notification.title}"
    text = render_to_string("notifications/email/notification.txt", context)
    html = render_to_string("notifications/email/notification.html", context)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [address])
    message.attach_alternative(html, "text/html")
    return message


def send_later(*, subject: str, body: str, to: list[str], attachments=(), html: str = "") -> None:
    """Queue an e-mail (to anyone, with attachments as (name, text or bytes, mimetype)) once the transaction commits."""
    from .tasks import send_email

    payload = {
        "subject": subject,
        "body": body,
        "to": list(to),
        "html": html,
        "attachments": [
            {
                "name": name,
                "content": base64.b64encode(content.encode() if isinstance(content, str) else content).decode(),
                "mimetype": mimetype,
            }
            for name, content, mimetype in attachments
        ],
    }
    transaction.on_commit(partial(send_email.enqueue, payload))


def message_from(payload: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(payload["subject"], payload["body"], settings.DEFAULT_FROM_EMAIL, payload["to"])
    if payload.get("html"):
        message.attach_alternative(payload["html"], "text/html")
    for item in payload.get("attachments", ()):
        content = base64.b64decode(item["content"])
        if item["mimetype"].startswith("text/"):
            content = content.decode()
        message.attach(item["name"], content, item["mimetype"])
    return message
