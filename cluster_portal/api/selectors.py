"""Reads of personal tokens: a user sees their own tokens only."""

from django.db.models import QuerySet

from .models import PersonalToken


def token_list(*, user) -> QuerySet[PersonalToken]:
    """The user's own tokens, newest first."""
    if not getattr(user, "pk", None):
        return PersonalToken.objects.none()
    return PersonalToken.objects.filter(user=user).order_by("-created_at", "-pk")
