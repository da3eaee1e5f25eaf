"""Pieces one app shows on another app's page, registered in ``AppConfig.ready()``.

A page names a place (``{% fragments "catalog.program" program=program %}``); every builder
registered for that place gets the page's values and returns a ``Fragment`` (a template and its
context) or None. The page's app knows nothing of who fills the place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Fragment:
    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


Builder = Callable[..., "Fragment | None"]
_builders: dict[str, list[Builder]] = {}


def register(place: str, builder: Builder) -> Builder:
    """Add ``builder(request, **values)`` to a place; registering it again changes nothing."""
    builders = _builders.setdefault(place, [])
    if builder not in builders:
        builders.append(builder)
    return builder


def fragments_for(place: str, request, **values) -> list[Fragment]:
    found = [f for build in _builders.get(place, ()) if (f := build(request, **values)) is not None]
    return sorted(found, key=lambda f: f.order)
