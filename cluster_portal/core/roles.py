"""The roles of portal users (DESIGN.md, «Users and what they do»)."""

from django.db import models


class Role(models.TextChoices):
    COORDINATOR = "coordinator", "Координатор кластера"
    SECRETARY = "secretary", "Секретарь"
    EXPERT = "expert", "Эксперт (специалист предприятия)"
    COLLEGE = "college", "Представитель ПОО"
    EMPLOYER = "employer", "Представитель работодателя"
    OBSERVER = "observer", "Наблюдатель (департамент)"


STAFF_ROLES = frozenset({Role.COORDINATOR, Role.SECRETARY})
ALL_ROLES = frozenset(Role)


def role_of(user) -> str | None:
    """The role of a user, or None for anonymous users."""
    if not getattr(user, "is_authenticated", False):
        return None
    if user.is_superuser:
        return Role.COORDINATOR
    return user.role
