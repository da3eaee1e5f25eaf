"""Demo data steps, registered by the apps and run in order by ``manage.py seed_demo``."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SeedStep:
    order: int
    label: str
    run: Callable[[], str]


_steps: dict[str, SeedStep] = {}


def register(label: str, run: Callable[[], str], *, order: int) -> None:
    """``run()`` must be idempotent and return a one-line summary."""
    _steps[label] = SeedStep(order, label, run)


def steps() -> list[SeedStep]:
    return sorted(_steps.values(), key=lambda s: s.order)


DEMO_PASSWORD = "cluster-demo"
