"""Secret calendar addresses of the users."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from cluster_portal.core.access import Policy, Where, everyone


class CalendarFeed(models.Model):
    """A user's secret calendar address: the token in the URL is the only credential."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="пользователь", on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField("ключ", max_length=64, unique=True)
    created_at = models.DateTimeField("создан", auto_now_add=True)
    last_used_at = models.DateTimeField("последнее обращение", null=True, blank=True)

    access_policy = Policy(view=everyone(Where(lambda user: Q(user_id=user.pk))), add=(), change={})

    class Meta:
        verbose_name = "подписка на календарь"
        verbose_name_plural = "подписки на календарь"

    def __str__(self):
        return f"Календарь пользователя {self.user}"
