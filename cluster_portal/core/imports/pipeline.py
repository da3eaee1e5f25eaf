"""An import run: read → map headers → parse cells → match references → validate → diff → save → record.

The rows go through the stages in batches inside one transaction; a file with one bad row saves
nothing, and a dry run (the preview) goes through every stage, saving included, and is rolled back,
so that it refuses exactly what the real run would. ``import_file`` is the entry point for callers
holding plain values (a background job, the command line).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from ..system_user import SYSTEM_USER
from ..xlsx import WorkbookRefused, read_sheet
from .history import record
from .kinds import ImportContext, ImportKind, get_kind
from .preview import preview_rows
from .rows import ImportResult, Row, RowError
from .saving import save
from .stages import HeaderMap, diff, match_references, parse_cells, validate

BATCH = 2000
Progress = Callable[[int, int], None]


def read(file, result: ImportResult) -> tuple[list[str], list[tuple[int, tuple]]] | None:
    """The read stage: the sheet's header and rows, or a file error (not a workbook, too many rows)."""
    try:
        header, rows = read_sheet(file)
    except WorkbookRefused as exc:
        result.add_error(RowError(0, "", str(exc)))
        return None
    if len(rows) > settings.PORTAL_IMPORT_MAX_ROWS:
        limit = settings.PORTAL_IMPORT_MAX_ROWS
        result.add_error(RowError(0, "", f"слишком много строк: {len(rows)}, допускается не более {limit}."))
        return None
    return header, rows


def run_import(
    kind: ImportKind,
    file,
    *,
    user,
    dry_run: bool,
    filename: str = "",
    progress: Progress | None = None,
    remote_addr: str | None = None,
) -> ImportResult:
    """Check every row of ``file``; unless ``dry_run`` and if all are valid, save them all in one transaction."""
    kind.check_permission(user)
    filename = filename or os.path.basename(getattr(file, "name", "") or "")
    result = ImportResult(kind=kind.key, filename=filename, dry_run=dry_run)
    sheet = read(file, result)
    if sheet is None:
        return result
    header, data = sheet
    return run_rows(
        kind, header, data, user=user, dry_run=dry_run, filename=filename, progress=progress, remote_addr=remote_addr
    )


def run_rows(
    kind: ImportKind,
    header: Sequence[str],
    data: Sequence[tuple[int, tuple]],
    *,
    user,
    dry_run: bool,
    filename: str = "",
    progress: Progress | None = None,
    remote_addr: str | None = None,
) -> ImportResult:
    """The stages after reading, for rows from a sheet or another source (the API's JSON).

    ``header`` names the columns by their headers; ``data`` holds (row number, values in the header's order).
    """
    kind.check_permission(user)
    result = ImportResult(kind=kind.key, filename=filename, dry_run=dry_run)
    headers = HeaderMap(kind, header, user)
    if headers.error():
        result.add_error(headers.error())
        return result
    ctx = ImportContext(kind=kind, user=user, dry_run=dry_run, filename=filename, remote_addr=remote_addr)
    ctx.total = result.rows = len(data)
    result.cid, result.headers = ctx.cid, [column.header for column, _index in headers.columns]
    with transaction.atomic():
        for start in range(0, len(data), BATCH):
            process(data[start : start + BATCH], headers, ctx, result)
            if progress is not None:
                progress(min(start + BATCH, len(data)), len(data))
        if dry_run or not result.ok:
            transaction.set_rollback(True)
    result.saved = result.ok and not dry_run
    return result


def process(batch: Sequence[tuple[int, tuple]], headers: HeaderMap, ctx: ImportContext, result: ImportResult) -> None:
    """One batch through every stage."""
    kind = ctx.kind
    rows = parse_cells(batch, headers)
    match_references(rows, kind, ctx, headers)
    validate(rows, kind, ctx, headers)
    diff(rows, kind)
    beside = save(rows, kind, ctx)
    if not ctx.dry_run and result.ok and all(row.ok for row in rows):
        record(rows, kind, ctx, beside)
    collect(rows, headers, result)


def collect(rows: Sequence[Row], headers: HeaderMap, result: ImportResult) -> None:
    for row in rows:
        for error in row.errors:
            result.add_error(error)
        if row.ok:
            result.count(row.status)
    room = max(0, PREVIEW_LIMIT - len(result.preview))
    if room:
        result.preview.extend(preview_rows([row for row in rows if row.ok][:room], headers))


PREVIEW_LIMIT = 100


def import_file(
    *,
    kind: str,
    user_id: int | None,
    source: bytes | str | os.PathLike,
    filename: str,
    dry_run: bool,
    progress: Progress | None = None,
    remote_addr: str | None = None,
) -> ImportResult:
    """An import from plain values: the kind's key, the user's id (None: the system), the file's bytes or path."""
    import_kind = get_kind(kind)
    user = SYSTEM_USER if user_id is None else get_user_model().objects.get(pk=user_id)
    handle = io.BytesIO(source) if isinstance(source, bytes) else open(source, "rb")  # noqa: SIM115
    with handle:
        return run_import(
            import_kind,
            handle,
            user=user,
            dry_run=dry_run,
            filename=filename,
            progress=progress,
            remote_addr=remote_addr,
        )
