"""What ``make bench`` runs: data generators, key pages and extra measurements, and how it times them.

The scenario modules of :mod:`cluster_portal.bench.scenarios` fill this registry when
:func:`load` imports them (only ``manage.py bench`` and the bench tests do: nothing of the
benchmark loads when the portal starts). Each page is timed beside Django's admin change list of
the same model and beside a bare view that renders the same rows with no framework help, so the
figures mean something on any machine.
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

from .scenarios import SCENARIOS

SCALES = {"seed": 1, "x10": 10, "x100": 100}


@dataclass(frozen=True)
class Generator:
    label: str
    run: Callable[..., str]  # run(*, factor: int, rng: random.Random) -> summary


@dataclass(frozen=True)
class BenchPage:
    label: str
    url: str | Callable[[], str]  # a callable is resolved after the data is generated
    username: str
    model: str = ""  # "app_label.ModelName": compared with its admin change list and a bare view
    bare_fields: tuple[str, ...] = ()
    # "app_label.ModelName" written (untimed) before each request: the page's figures kept per
    # data version are computed afresh each time, as on the first view after someone's change.
    after_change: str = ""
    # Run once before the page is timed (untimed): e.g. the stored summary a worker would have computed.
    prepare: Callable[[], object] | None = None


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


def load() -> None:
    """Import the scenario modules of ``scenarios.SCENARIOS`` in their order and let each register."""
    for name in SCENARIOS:
        import_module(f"{__package__}.scenarios.{name}").register()


def register_generator(label: str, run: Callable[..., str]) -> None:
    """A data generator; generators run in the order of ``SCENARIOS``, each building on the ones before."""
    _generators[label] = Generator(label, run)


def register_page(page: BenchPage) -> None:
    _pages[page.label] = page


def register_pages(pages) -> None:
    for page in pages:
        register_page(page)


def register_extra(label: str, run: Callable[..., list[tuple[str, str, str]]]) -> None:
    """An extra measurement returning rows (what, figure, comparison), e.g. import or PDF time."""
    _extras[label] = run


def generators() -> list[Generator]:
    return list(_generators.values())


def pages() -> list[BenchPage]:
    return list(_pages.values())


def extras() -> dict[str, Callable]:
    return dict(_extras)


SLOW_SECONDS = 5.0


def time_calls(
    calls: dict[str, Callable[[], object]], repeat: int = 7, *, before: dict[str, Callable[[], object]] | None = None
) -> dict[str, Timing]:
    """Median wall time and query count of each call, timed in turns (portal, admin, bare, portal…).

    Taking turns exposes the calls compared with each other to the same moments of a shared,
    noisy machine. Each call is warmed up once; when a warm call takes longer than
    ``SLOW_SECONDS``, one timed turn is enough and the run stays bounded. ``before[name]``, if
    given, runs ahead of each call of ``name``, untimed.
    """
    before = before or {}
    timings = {name: Timing() for name in calls}
    slowest = 0.0
    for name, call in calls.items():
        if name in before:
            before[name]()
        start = time.perf_counter()
        call()
        slowest = max(slowest, time.perf_counter() - start)
    turns = 1 if slowest > SLOW_SECONDS else repeat
    for turn in range(turns):
        for name, call in calls.items():
            if name in before:
                before[name]()
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                result = call()
                timings[name].seconds.append(time.perf_counter() - start)
            if turn == 0:
                timings[name].queries = len(ctx.captured_queries)
                timings[name].status = getattr(result, "status_code", 0)
    return timings


def touch(label: str) -> Callable[[], None]:
    """A write to the table of ``label`` ("app_label.ModelName") that changes no row but its data version."""
    model = apps.get_model(label)

    def write() -> None:
        model.objects.filter(pk=-1).update(**{model._meta.pk.attname: -1})

    return write


def rng(seed: int = 2022) -> random.Random:
    return random.Random(seed)


# Targets at the largest scale: a list page within this many times its bare view (issue «Proof at
# scale»); on its first view after a change of its rows, at most this fraction of the admin change
# list's time (issue «A plain kernel»: goal ≤ 0.5×); as many queries at every scale.
BARE_FACTOR = 3.0
ADMIN_FACTOR = 0.5


@dataclass
class PageResult:
    page: BenchPage
    portal: Timing
    admin: Timing | None = None
    bare: Timing | None = None
    # A list page on its first view after a change of its model: its kept table and filter are
    # rendered afresh, as the admin's change list always is.
    fresh: Timing | None = None

    @property
    def is_list(self) -> bool:
        return self.bare is not None

    def ratio(self, other: Timing | None) -> float | None:
        return self.portal.median_ms / other.median_ms if other and other.median_ms else None

    @property
    def fresh_to_admin(self) -> float | None:
        if self.fresh is None or self.admin is None or not self.admin.median_ms:
            return None
        return self.fresh.median_ms / self.admin.median_ms


def _ms(timing: Timing | None) -> str:
    return f"{timing.median_ms:.0f}" if timing else "—"


def _ratio(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else "—"


def scale_table(results: list[PageResult]) -> list[str]:
    """The Markdown table of one scale: each page beside its admin change list and bare view."""
    lines = [
        "| page | portal, ms | queries | admin change list, ms | admin queries | bare view, ms "
        "| portal ÷ bare | portal ÷ admin | after a change, ms | after a change ÷ admin |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        status = "" if r.portal.status == 200 else f" (HTTP {r.portal.status})"
        lines.append(
            f"| {r.page.label}{status} | {_ms(r.portal)} | {r.portal.queries} | {_ms(r.admin)} | "
            f"{r.admin.queries if r.admin else '—'} | {_ms(r.bare)} | {_ratio(r.ratio(r.bare))} | "
            f"{_ratio(r.ratio(r.admin))} | {_ms(r.fresh)} | {_ratio(r.fresh_to_admin)} |"
        )
    return lines


def verdict_table(by_scale: dict[str, list[PageResult]]) -> list[str]:
    """Each list page against the targets, at the largest scale measured."""
    largest = list(by_scale)[-1]
    queries: dict[str, list[int]] = {}
    for results in by_scale.values():
        for r in results:
            queries.setdefault(r.page.label, []).append(r.portal.queries)
    lines = [
        f"| page (scale {largest}) | portal ÷ bare | within {BARE_FACTOR:g}× | after a change ÷ admin "
        f"| faster than admin | at most {ADMIN_FACTOR:g}× | queries per scale | constant |",
        "|---|---:|:-:|---:|:-:|:-:|---|:-:|",
    ]
    met = {"bare": 0, "admin": 0, "goal": 0, "queries": 0}
    lists = [r for r in by_scale[largest] if r.is_list]
    for r in lists:
        bare = r.ratio(r.bare)
        # The admin's list is never kept: it is compared with the portal's list rendered afresh
        # (the page between changes where no first view was timed).
        admin = r.fresh_to_admin if r.fresh is not None else r.ratio(r.admin)
        counts = queries[r.page.label]
        # The seed leaves some tables empty, and an empty list skips the query of its rows: the
        # generated scales (×10 and up) are compared when there are two of them.
        compared = counts[1:] if len(counts) > 2 else counts
        ok = {
            "bare": bare is not None and bare <= BARE_FACTOR,
            "admin": admin is not None and admin < 1,
            "goal": admin is not None and admin <= ADMIN_FACTOR,
            "queries": len(set(compared)) == 1,
        }
        for key, value in ok.items():
            met[key] += value
        lines.append(
            f"| {r.page.label} | {_ratio(bare)} | {_yes(ok['bare'])} | {_ratio(admin)} | {_yes(ok['admin'])} | "
            f"{_yes(ok['goal'])} | {' / '.join(map(str, counts))} | {_yes(ok['queries'])} |"
        )
    total = len(lists)
    lines += [
        "",
        f"Met at {largest}: within {BARE_FACTOR:g}× the bare view {met['bare']} of {total} list pages; "
        f"faster than the admin after a change {met['admin']} of {total}, at most {ADMIN_FACTOR:g}× "
        f"{met['goal']} of {total}; constant queries {met['queries']} of {total}.",
    ]
    return lines


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"
