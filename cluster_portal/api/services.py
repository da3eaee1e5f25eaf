"""Writes of personal tokens: create (the token is shown once), revoke, and authenticate a request's token."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.utils import timezone

from .models import PersonalToken, TokenScope

TOKEN_PREFIX = "cp_"
MAX_DAYS = 366
LAST_USED_STEP = dt.timedelta(minutes=1)  # last_used_at is written at most once a minute per token


def digest_of(raw: str) -> str:
    """The stored form of a token: its SHA-256 (a random 256-bit token needs no slow hash)."""
    return hashlib.sha256(raw.encode()).hexdigest()


def token_create(*, user, name: str, scope: str, expires_on: dt.date) -> tuple[PersonalToken, str]:
    """A new token of ``user`` and its text, which is never stored and so is shown only this once."""
    today = timezone.localdate()
    if expires_on < today:
        raise ValidationError({"expires_on": "Дата уже прошла: укажите сегодняшнюю или более позднюю."})
    if expires_on > today + dt.timedelta(days=MAX_DAYS):
        raise ValidationError({"expires_on": f"Токен выпускается не более чем на {MAX_DAYS} дней."})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = PersonalToken(
        user=user, name=name.strip(), scope=scope, expires_on=expires_on, prefix=raw[:10], digest=digest_of(raw)
    )
    token.full_clean()
    token.save()
    return token, raw


def token_revoke(*, token: PersonalToken) -> PersonalToken:
    """Revoke the token now; a revoked token is refused from its next request."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(raw: str) -> PersonalToken | None:
    """The active token with this text (its user active too), or None; notes when it was used."""
    if not raw.startswith(TOKEN_PREFIX):
        return None
    token = PersonalToken.objects.select_related("user", "user__organization").filter(digest=digest_of(raw)).first()
    if token is None or not token.is_active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_STEP:
        PersonalToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


__all__ = ["TokenScope", "token_authenticate", "token_create", "token_revoke"]
