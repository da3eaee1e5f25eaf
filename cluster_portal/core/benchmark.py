"""``make bench``: generate data at several scales and time key pages, imports and the PDF.

Each app's ``bench.register()`` says what it can generate and which pages matter; ``manage.py bench``
imports those modules (never at start-up) and runs them.
Each page is timed beside Django's admin change list of the same model and beside a bare view
that renders the same rows with no framework help, so the figures mean something on any machine.
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from django.apps import apps
from django.db import connection
from django.test.utils import CaptureQueriesContext

SCALES = {"seed": 1, "x10": 10, "x100": 100}


@dataclass(frozen=True)
class Generator:
    order: int
    label: str
    run: Callable[..., str]  # run(*, factor: int, rng: random.Random) -> summary


@dataclass(frozen=True)
class BenchPage:
    label: str
    url: str | Callable[[], str]  # a callable is resolved after the data is generated
    username: str
    model: str = ""  # "app_label.ModelName": compared with its admin change list and a bare view
    bare_fields: tuple[str, ...] = ()


@dataclass
class Timing:
    seconds: list[float] = field(default_factory=list)
    queries: int = 0
    status: int = 0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.seconds) * 1000 if self.seconds else float("nan")


_generators: dict[str, Generator] = {}
_pages: dict[str, BenchPage] = {}
_extras: dict[str, Callable[..., list[tuple[str, str, str]]]] = {}


def autodiscover() -> None:
    """Import each installed app's ``bench`` module and let it register (only ``manage.py bench`` does)."""
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.bench")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.bench":
                raise
            continue
        module.register()


def register_generator(label: str, run: Callable[..., str], *, order: int) -> None:
    _generators[label] = Generator(order, label, run)


def register_page(page: BenchPage) -> None:
    _pages[page.label] = page


def register_pages(pages) -> None:
    for page in pages:
        register_page(page)


def register_extra(label: str, run: Callable[..., list[tuple[str, str, str]]]) -> None:
    """An extra measurement returning rows (what, figure, comparison), e.g. import or PDF time."""
    _extras[label] = run


def generators() -> list[Generator]:
    return sorted(_generators.values(), key=lambda g: g.order)


def pages() -> list[BenchPage]:
    return list(_pages.values())


def extras() -> dict[str, Callable]:
    return dict(_extras)


SLOW_SECONDS = 5.0


def time_call(call: Callable[[], object], repeat: int = 5) -> Timing:
    """Median wall time and query count of ``call`` (the first, warming run is not counted).

    A call slower than ``SLOW_SECONDS`` when warm is timed once more only: the run stays bounded.
    """
    timing = Timing()
    start = time.perf_counter()
    call()
    if time.perf_counter() - start > SLOW_SECONDS:
        repeat = 1
    for index in range(repeat):
        with CaptureQueriesContext(connection) as ctx:
            start = time.perf_counter()
            result = call()
            timing.seconds.append(time.perf_counter() - start)
        if index == 0:
            timing.queries = len(ctx.captured_queries)
            timing.status = getattr(result, "status_code", 0)
    return timing


def rng(seed: int = 2022) -> random.Random:
    return random.Random(seed)
