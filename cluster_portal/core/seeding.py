"""Demo data steps, registered by the apps and run in order by ``manage.py seed_demo``."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class SeedStep:
    order: int
    label: str
    run: Callable[[], str]
    generated: bool = False  # invented rows (``is_demo``), not facts the seed report states


_steps: dict[str, SeedStep] = {}


def register(label: str, run: Callable[[], str], *, order: int, generated: bool = False) -> None:
    """``run()`` must be idempotent and return a one-line summary; ``generated`` steps invent their rows."""
    _steps[label] = SeedStep(order, label, run, generated)


def steps(*, generated: bool = True) -> list[SeedStep]:
    """The steps in order; without ``generated``, only those loading what the seed report states."""
    return sorted((s for s in _steps.values() if generated or not s.generated), key=lambda s: s.order)


DEMO_PASSWORD = "cluster-demo"
