"""Reads of the notifications app: each user reads only their own."""

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from cluster_portal.core.roles import Role

from .choices import EMAIL_BY_DEFAULT, NotificationKind
from .models import Notification, NotificationPreference

UNREAD_CAP = 99


def notification_list(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user) if getattr(user, "pk", None) else Notification.objects.none()


def unread_count(*, user) -> int:
    """Unread notifications, counted up to ``UNREAD_CAP`` + 1 (the bell shows «99+»)."""
    return notification_list(user=user).filter(read_at__isnull=True)[: UNREAD_CAP + 1].count()


def email_choices(*, user) -> dict[str, bool]:
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "email"))
    return {kind: chosen.get(kind, kind in EMAIL_BY_DEFAULT) for kind in NotificationKind}


def users_with_role(role: str) -> QuerySet:
    return get_user_model().objects.filter(role=role, is_active=True)


def coordinators() -> QuerySet:
    return users_with_role(Role.COORDINATOR)


def organization_users(organization_id, role: str) -> QuerySet:
    return users_with_role(role).filter(organization_id=organization_id)
