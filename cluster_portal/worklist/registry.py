"""«Мои задачи»: the apps register providers in ``AppConfig.ready()``; each gives the user's work to do.

A provider takes the user and today's date and returns ``Task`` lines (an empty list when it has nothing
for the user's role); the home page shows them all, most urgent first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps
from django.utils import timezone


@dataclass(frozen=True)
class Task:
    """One thing to do: a link to the exact page where it is done, its deadline if it has one."""

    title: str
    url: str
    deadline: dt.date | None = None
    note: str = ""  # e.g. the coordinator's comment on returned data
    action: str = "открыть"
    demo: bool = False  # about generated rows (``is_demo``): the list marks it «демо»


Provider = Callable[..., Iterable[Task]]  # provider(user, today) -> tasks
_providers: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _providers:
        _providers.append(provider)
    return provider


def app_labels() -> tuple[str, ...]:
    """The apps whose providers are registered: the «Мои задачи» panel reads their tables."""
    found = (apps.get_containing_app_config(provider.__module__) for provider in _providers)
    return tuple(sorted({config.label for config in found if config is not None}))


@dataclass(frozen=True)
class Line:
    task: Task
    days: int | None  # days left (negative: overdue); None without a deadline

    @property
    def overdue(self) -> bool:
        return self.days is not None and self.days < 0

    @property
    def days_text(self) -> str:
        if self.days is None:
            return ""
        if self.days == 0:
            return "срок сегодня"
        if self.days > 0:
            return f"осталось {self.days} {days_word(self.days)}"
        return f"просрочено на {-self.days} {days_word(-self.days)}"


def days_word(n: int) -> str:
    """«день», «дня» or «дней» after ``n``."""
    if n % 10 == 1 and n % 100 != 11:
        return "день"
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return "дня"
    return "дней"


def tasks_for(user, today: dt.date | None = None) -> list[Line]:
    """Every provider's tasks for ``user``: those with a deadline first, the nearest (or most overdue) on top."""
    today = today or timezone.localdate()
    tasks = [task for provider in _providers for task in provider(user, today)]
    tasks.sort(key=lambda t: (t.deadline is None, t.deadline or dt.date.max, t.title))
    return [Line(t, (t.deadline - today).days if t.deadline else None) for t in tasks]
