"""The region's comparison of its clusters: figures of one cluster for a year, registered by the apps.

An app registers ``figures(*, cluster, year) -> list[Figure]`` (from its selectors and kept figures) and,
where it knows one, ``latest(*) -> AcademicYear | None``: the latest year its data covers, so that the page
opens on a year with data. The kernel names no app; the page lays the figures side by side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One figure of one cluster: its group on the page («Участники»), its label and value."""

    group: str
    label: str
    value: int | str | None


@dataclass(frozen=True)
class Row:
    """One figure across the clusters compared, in the clusters' order."""

    group: str
    label: str
    values: tuple


@dataclass(frozen=True)
class Provider:
    order: int
    figures: Callable[..., list[Figure]]
    latest: Callable[[], object] | None


_providers: list[Provider] = []


def register(figures: Callable[..., list[Figure]], *, order: int, latest: Callable[[], object] | None = None) -> None:
    _providers.append(Provider(order, figures, latest))


def providers() -> list[Provider]:
    return sorted(_providers, key=lambda p: p.order)


def latest_year(default):
    """The latest academic year any app has data for, not after ``default`` (the current one)."""
    found = [year for p in providers() if p.latest is not None and (year := p.latest()) is not None]
    found = [year for year in found if year.start <= default.start]
    return max(found, key=lambda y: y.start) if found else default


def comparison(*, clusters, year) -> list[Row]:
    """Every registered figure for each cluster, one row per figure (a figure one cluster lacks is None)."""
    per_cluster = [[f for p in providers() for f in p.figures(cluster=c, year=year)] for c in clusters]
    keys: list[tuple[str, str]] = []
    values: dict[tuple[str, str], list] = {}
    for index, figures in enumerate(per_cluster):
        for figure in figures:
            key = (figure.group, figure.label)
            if key not in values:
                keys.append(key)
                values[key] = [None] * len(clusters)
            values[key][index] = figure.value
    return [Row(group, label, tuple(values[(group, label)])) for group, label in keys]
