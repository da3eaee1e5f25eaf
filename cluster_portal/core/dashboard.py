"""Dashboard panels, registered by the apps; each returns None when it has nothing for the user."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


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
    template: str = ""
    context: dict = field(default_factory=dict)
    order: int = 100


PanelBuilder = Callable[[object], "Panel | None"]
_builders: list[PanelBuilder] = []


def register(builder: PanelBuilder) -> PanelBuilder:
    """Register a panel builder taking the request; usable as a decorator."""
    if builder not in _builders:
        _builders.append(builder)
    return builder


def panels_for(request) -> list[Panel]:
    panels = [panel for build in _builders if (panel := build(request)) is not None]
    return sorted(panels, key=lambda p: p.order)
