"""Summaries computed by a worker after a change of the data they read; a page shows the latest one at once.

A figure that costs seconds at scale (the practice analytics) is not computed in the request. An app
registers a :class:`SummaryKind` (what it reads, how it is built into JSON); a page asks
:func:`latest` for the kind and its parameters and gets the stored summary, when it was computed and
whether a newer one is on its way. When the data version of the tables the kind reads
(``core.dataversion``) differs from the stored one, :func:`latest` queues one job for that key —
one at a time: a key with a job queued less than ``LOST_AFTER`` ago gets no second one. A build that
fails is reported (``Latest.failed``) and tried again by a view ``RETRY_AFTER`` later. Without data
versions (SQLite in development, or a transaction that has itself written the tables) the summary
is built in the request, as ``dataversion.kept`` computes its figures then.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone

from cluster_portal.core import dataversion

from . import progress
from .models import Summary

logger = logging.getLogger(__name__)

# A job queued this long ago and not finished is taken as lost (its worker stopped): the next view queues another.
LOST_AFTER = timedelta(minutes=15)
# After a failed build the page says so, and a view this long after queues the next try (not every view at once).
RETRY_AFTER = timedelta(minutes=2)


@dataclass(frozen=True)
class SummaryKind:
    name: str
    reads: tuple[type[Model], ...]  # every model whose table the build reads
    build: Callable[..., dict]  # build(params, progress) -> JSON-ready content
    revision: str = "1"  # part of the key: a new revision when the stored content's form changes


@dataclass(frozen=True)
class Latest:
    """What a page shows: the stored content (None before the first one), its time and whether a newer one comes."""

    content: dict | None
    computed_at: datetime | None
    pending: bool
    done: int = 0
    total: int = 0
    failed: bool = False  # the last build failed: the content (if any) is older than the data


_kinds: dict[str, SummaryKind] = {}


def register(kind: SummaryKind) -> SummaryKind:
    """Called from an app's ``AppConfig.ready()``."""
    _kinds[kind.name] = kind
    return kind


def key_of(kind: SummaryKind, params: dict) -> str:
    text = json.dumps([kind.revision, params], sort_keys=True, default=str)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()


def latest(name: str, params: dict) -> Latest:
    """The latest summary of ``name`` for ``params``; a job is queued when the data has changed since."""
    kind = _kinds[name]
    current = dataversion.version(dataversion.tables_of(kind.reads)) if dataversion.enabled() else None
    if current is None:
        return Latest(kind.build(params, _no_progress), timezone.now(), pending=False)
    key = key_of(kind, params)
    row = Summary.objects.filter(name=name, key=key).first()
    if row is not None and row.version == current:
        return Latest(row.content, row.computed_at, pending=False)
    row = _request(name, key, params, row)
    if row.version == current:  # a backend that runs jobs at once (django-tasks' immediate one) has stored it
        return Latest(row.content, row.computed_at, pending=False)
    if row.queued_at is None and row.failed_at is not None:  # failed, and not yet time to try again
        return Latest(row.content, row.computed_at, pending=False, failed=True)
    done, total = progress.read_key(_progress_key(row.pk))
    return Latest(row.content, row.computed_at, pending=True, done=done, total=total)


def _request(name: str, key: str, params: dict, row: Summary | None) -> Summary:
    """Queue the computation of ``row`` unless a job for it is queued already and not lost."""
    now = timezone.now()
    if row is None:
        row, queued = Summary.objects.get_or_create(name=name, key=key, defaults={"params": params, "queued_at": now})
        if queued:
            _forget_old_revisions(_kinds[name])
    else:
        idle = Q(queued_at__isnull=True) & (Q(failed_at__isnull=True) | Q(failed_at__lt=now - RETRY_AFTER))
        free = idle | Q(queued_at__lt=now - LOST_AFTER)
        queued = Summary.objects.filter(free, pk=row.pk).update(queued_at=now)
    if queued:
        transaction.on_commit(partial(_enqueue, row.pk))
        row.refresh_from_db()
    return row


def _forget_old_revisions(kind: SummaryKind) -> None:
    """Delete the kind's summaries stored under an earlier revision: no view asks for their keys any more."""
    rows = Summary.objects.filter(name=kind.name).values_list("pk", "key", "params")
    stale = [pk for pk, key, params in rows if key != key_of(kind, params)]
    if stale:
        Summary.objects.filter(pk__in=stale).delete()


def _enqueue(summary_id: int) -> None:
    from .tasks import compute_summary

    compute_summary.enqueue(summary_id)


def summary_compute(*, summary_id: int) -> None:
    """Build the summary ``summary_id`` from the data as it is now and store it with the version it read."""
    row = Summary.objects.get(pk=summary_id)
    kind = _kinds[row.name]
    tables = dataversion.tables_of(kind.reads)
    started = timezone.now()
    before = dataversion.version(tables) or ""
    try:
        content = kind.build(row.params, partial(progress.report, _progress_key(row.pk)))
    except Exception:
        # The page says so; a view after RETRY_AFTER tries again, not every view at once.
        logger.exception("summary %s (%s) failed", row.pk, row.name)
        Summary.objects.filter(pk=row.pk).update(queued_at=None, failed_at=timezone.now())
        progress.clear(_progress_key(row.pk))
        raise
    # Data changed while it was built: stored as the latest, with no version, so the next view queues another.
    version = before if dataversion.version(tables) == before else ""
    Summary.objects.filter(pk=row.pk).update(
        content=content, version=version, computed_at=started, queued_at=None, failed_at=None
    )
    progress.clear(_progress_key(row.pk))


def _progress_key(summary_id: int) -> str:
    return f"summary-{summary_id}"


def _no_progress(done: int, total: int) -> None:
    return None
