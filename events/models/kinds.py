"""The reference list of event kinds the coordinator keeps."""

from __future__ import annotations

from django.db import models

from cluster_portal.core.access import Policy, everyone, roles
from cluster_portal.core.roles import Role
from cluster_portal.core.urls_helpers import object_url


class EventKind(models.Model):
    """A kind of event: акция, День отрасли, открытие мастерской, чемпионат …"""

    name = models.CharField("наименование", max_length=150, unique=True)
    is_competition = models.BooleanField(
        "конкурс, олимпиада или чемпионат",
        default=False,
        help_text="У таких мероприятий есть компетенции, участники-студенты, наставники и эксперты.",
    )
    public_by_default = models.BooleanField(
        "открытое по умолчанию",
        default=False,
        help_text="Новое мероприятие этого вида предлагается показать в открытом каталоге (дни открытых дверей, "
        "Дни отрасли).",
    )
    order = models.PositiveSmallIntegerField("порядок", default=0)

    access_policy = Policy(view=everyone(), add=(Role.COORDINATOR,), change=roles((Role.COORDINATOR,)))

    class Meta:
        verbose_name = "вид мероприятия"
        verbose_name_plural = "виды мероприятий"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return object_url("events:eventkind_detail", self.pk)
