"""Dashboard panels, registered by the apps and kept per data version.

An app's panel builder takes the user and returns a :class:`Panel` (or None when it has nothing for
them); :func:`reads` names the apps whose tables it reads, and the app registers it from its
``AppConfig.ready()``. Each panel is kept (``dataversion.kept``) for its user and the day until a
table of those apps changes, so between changes the dashboard reads only the data versions, one
query per panel, and does no aggregate work. A panel's own template is rendered when the panel is
built, so what is kept is plain text and numbers, not model rows that would query again.

The users table is left out of what a panel reads — every login writes it — and the user's role,
organization and person are part of the key instead.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string

from . import dataversion


@dataclass
class Figure:
    label: str
    value: object
    url: str = ""
    hint: str = ""


@dataclass
class Panel:
    title: str
    figures: list[Figure] = field(default_factory=list)
    template: str = ""  # a partial rendered with ``data`` = ``context`` when the panel is built
    context: dict = field(default_factory=dict)
    order: int = 100
    body: str = ""  # the partial as rendered (safe HTML)
    demo: bool = False  # its figures count generated rows (``core.demo``): the panel says so


PanelBuilder = Callable[[object], "Panel | None"]
_builders: list[PanelBuilder] = []


def reads(*app_labels: str) -> Callable[[PanelBuilder], PanelBuilder]:
    """Name the apps whose tables a panel builder reads (a decorator in the app's ``panels.py``)."""

    def mark(builder: PanelBuilder) -> PanelBuilder:
        builder.reads = app_labels
        return builder

    return mark


def register(builder: PanelBuilder) -> PanelBuilder:
    """Register a panel builder taking the user (called from the app's ``AppConfig.ready()``)."""
    if not getattr(builder, "reads", None):
        raise ImproperlyConfigured(f"{builder.__qualname__}: name the apps it reads with @dashboard.reads(...).")
    if builder not in _builders:
        _builders.append(builder)
    return builder


def registered() -> tuple[PanelBuilder, ...]:
    return tuple(_builders)


def panels_for(user) -> list[Panel]:
    """The user's panels in their order, each kept until the data it reads changes."""
    key = dataversion.user_day_key(user)  # overdue, upcoming and expiring figures count from today
    panels = [
        panel
        for build in _builders
        if (
            panel := dataversion.kept(
                f"dashboard.{build.__module__}.{build.__qualname__}",
                key,
                reads=dataversion.models_of(build.reads),
                compute=lambda build=build: _built(build, user),
            )
        )
        is not None
    ]
    return sorted(panels, key=lambda p: p.order)


def _built(build: PanelBuilder, user) -> Panel | None:
    panel = build(user)
    if panel is not None and panel.template:
        panel.body = render_to_string(panel.template, {"data": panel.context})
        panel.context = {}
    return panel
