"""Notifications in the portal and each user's choice of which kinds also come by e-mail."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from .choices import NotificationKind


class Notification(models.Model):
    """One message to one user; the bell counts those not yet read."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField("вид", max_length=30, choices=NotificationKind.choices)
    title = models.CharField("заголовок", max_length=300)
    text = models.TextField("текст", blank=True)
    url = models.CharField("страница", max_length=500, blank=True)  # a path inside the portal
    created_at = models.DateTimeField("создано", auto_now_add=True)
    read_at = models.DateTimeField("прочитано", null=True, blank=True)

    class Meta:
        verbose_name = "уведомление"
        verbose_name_plural = "уведомления"
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="notification_user_idx"),
            models.Index(fields=["user"], condition=models.Q(read_at__isnull=True), name="notification_unread_idx"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("notifications:open", kwargs={"pk": self.pk})

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A user's choice for one kind: in the portal only, or also by e-mail."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField("вид", max_length=30, choices=NotificationKind.choices)
    email = models.BooleanField("также по электронной почте", default=True)

    class Meta:
        verbose_name = "настройка уведомлений"
        verbose_name_plural = "настройки уведомлений"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind"],
                name="notification_preference_unique",
                violation_error_message="Для этого вида уведомлений настройка уже есть.",
            )
        ]

    def __str__(self):
        return f"{self.user}: {self.get_kind_display()}"
