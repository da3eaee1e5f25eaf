"""``manage.py bench``: how a loop's time depends on the depth it runs at (``framestack``)."""

from __future__ import annotations

import statistics
import time

from cluster_portal.bench import registry
from cluster_portal.core.framestack import in_fresh_chunk

CALLS = 20_000
DEPTHS = range(0, 300)


class _Text(str):
    pass


def _escaped(text: str) -> str:
    return _Text(text.replace("&", "&amp;"))


def _step(text: str) -> str:
    return _escaped(text)


def _loop() -> None:
    for _ in range(CALLS):
        _step("a&b")


def _timed(fresh: bool) -> float:
    started = time.perf_counter()
    in_fresh_chunk(_loop) if fresh else _loop()
    return (time.perf_counter() - started) * 1000


def _at_depth(depth: int, fresh: bool) -> float:
    if depth:
        return _at_depth(depth - 1, fresh)
    return min(_timed(fresh) for _ in range(2))


def _profile(fresh: bool) -> tuple[float, float, int]:
    """The median and the worst time of the loop over the depths, and the worst depth."""
    times = [(_at_depth(depth, fresh), depth) for depth in DEPTHS]
    worst, depth = max(times)
    return statistics.median(t for t, _ in times), worst, depth


def frame_stack(*, factor: int) -> list[tuple[str, str, str]]:
    median, worst, depth = _profile(fresh=False)
    fresh_median, fresh_worst, _ = _profile(fresh=True)
    return [
        (
            f"A loop of {CALLS:,} calls at each stack depth from 0 to {len(DEPTHS) - 1} frames",
            f"median {median:.1f} ms; slowest {worst:.1f} ms, {depth} frames deep",
            f"under `in_fresh_chunk`: median {fresh_median:.1f} ms, slowest {fresh_worst:.1f} ms",
        )
    ]


def register() -> None:
    """Called by ``registry.load()`` (``manage.py bench``), never at start-up."""
    registry.register_extra("Глубина стека", frame_stack)
