"""Job kinds, registered by the apps in ``AppConfig.ready()``: what runs and how its result is shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class Outcome:
    """What a finished job hands back: a JSON-ready result and, if any, the page it leads to."""

    result: dict
    url: str = ""


@dataclass(frozen=True)
class JobKind:
    key: str
    run: Callable[..., Outcome]  # run(job, progress) -> Outcome
    result_template: str = ""  # renders the finished job's result
    result_context: Callable[..., dict] | None = None  # result_context(job) -> the template's values
    progress_label: str = "Обработано строк"  # what the progress counts, before «N из M»


_kinds: dict[str, JobKind] = {}


def register(kind: JobKind) -> JobKind:
    _kinds[kind.key] = kind
    return kind


def get_kind(key: str) -> JobKind:
    try:
        return _kinds[key]
    except KeyError:
        raise LookupError(f"unknown job kind {key!r}") from None
