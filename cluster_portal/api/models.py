"""Personal API tokens: a user's own keys to the API, read-only or read-write, until a date."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class TokenScope(models.TextChoices):
    READ = "read", "Только чтение"
    WRITE = "write", "Чтение и загрузка данных"


class PersonalToken(models.Model):
    """A token its user created on their profile page; only its SHA-256 digest is stored.

    It acts as its user (their role and organization, the same access policies) until it expires
    or is revoked; a read-scoped token cannot write.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="пользователь", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("название", max_length=100, help_text="Для чего токен: например, «Выгрузка из 1С:Колледж».")
    scope = models.CharField("права", max_length=5, choices=TokenScope.choices, default=TokenScope.READ)
    prefix = models.CharField("начало токена", max_length=12, editable=False)
    digest = models.CharField("отпечаток", max_length=64, unique=True, editable=False)
    expires_on = models.DateField("действует до", help_text="Последний день, когда токен принимается.")
    created_at = models.DateTimeField("создан", auto_now_add=True)
    last_used_at = models.DateTimeField("последнее обращение", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("отозван", null=True, blank=True, editable=False)

    class Meta:
        verbose_name = "токен API"
        verbose_name_plural = "токены API"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "-created_at"], name="api_token_user_created")]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and timezone.localdate() <= self.expires_on

    @property
    def allows_write(self) -> bool:
        return self.scope == TokenScope.WRITE

    @property
    def state(self) -> str:
        if self.revoked_at is not None:
            return "отозван"
        return "действует" if self.is_active else "истёк"
