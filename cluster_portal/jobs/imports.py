"""Large Excel imports as jobs: the upload is stored where every node reads it and checked by a worker."""

from __future__ import annotations

import posixpath
import uuid
import zipfile

from defusedxml import ElementTree
from django.contrib import messages
from django.core.files.storage import default_storage
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from cluster_portal.core.imports import ImportResult, get_kind, import_file
from cluster_portal.core.xlsx import WorkbookRefused, check_archive

from .registry import Outcome
from .services import job_start

LARGE_ROWS = 2000  # a file with more rows is imported by a worker, not inside the request
CHUNK = 1 << 20
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def first_sheet_path(book: zipfile.ZipFile) -> str:
    """The archive path of the workbook's first sheet (as the workbook's relationships name it)."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    sheet = workbook.find(f"{_MAIN}sheets/{_MAIN}sheet")
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    target = next(rel.get("Target") for rel in rels if rel.get("Id") == sheet.get(_REL))
    return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))


def sheet_rows(file) -> int:
    """How many rows the first sheet's XML holds, counted on the stream (no cell is parsed).

    Reading a 50,000-row sheet takes about a second; counting its ``<row`` elements takes milliseconds,
    so the request can decide at once whether the file goes to a worker (``<rowBreaks`` may add one).
    A file it refuses counts 0 (the request's own check then reports it).
    """
    try:
        check_archive(file)
        file.seek(0)
        with zipfile.ZipFile(file) as book, book.open(first_sheet_path(book)) as sheet:
            rows, tail = 0, b""
            while chunk := sheet.read(CHUNK):
                # a tag cut by the chunk's edge starts in the previous chunk's last three bytes
                rows += (tail + chunk).count(b"<row")
                tail = chunk[-3:]
            return rows
    except (WorkbookRefused, zipfile.BadZipFile, KeyError, StopIteration, AttributeError, ElementTree.ParseError):
        return 0
    finally:
        file.seek(0)


def offload(*, request, kind, upload):
    """Start an import job for a file of more than ``LARGE_ROWS`` rows; None keeps a smaller file in the request."""
    if sheet_rows(upload) - 1 <= LARGE_ROWS:
        return None
    path = default_storage.save(f"jobs/imports/{uuid.uuid4().hex}.xlsx", upload)
    job = job_start(
        user=request.user,
        kind="import",
        title=f"Загрузка «{upload.name}»: {kind.label}",
        params={"kind": kind.key, "path": path, "filename": upload.name},
    )
    messages.info(
        request,
        "Файл большой: он проверяется и сохраняется в фоне. Если хотя бы одна строка содержит ошибку, "
        "не сохранится ни одна. Страницу можно закрыть — по окончании придёт уведомление.",
    )
    return redirect(job)


def run(job, progress) -> Outcome:
    """The import job: the stored file through the import pipeline, saving all rows or none."""
    params = job.params
    with default_storage.open(params["path"], "rb") as stored:
        data = stored.read()
    result = import_file(
        kind=params["kind"],
        user_id=job.user_id,
        source=data,
        filename=params["filename"],
        dry_run=False,
        progress=progress,
    )
    if result.ok:
        default_storage.delete(params["path"])  # a refused file is kept for its error workbook
    return Outcome(result=result.as_dict(), url=_list_url(params["kind"], result))


def result_context(job) -> dict:
    """The import's report for the job's page."""
    return {"import_result": ImportResult.from_dict(job.result)}


def _list_url(kind_key: str, result) -> str:
    kind = get_kind(kind_key)
    if not (result.saved and kind.success_url_name):
        return ""
    url = reverse(kind.success_url_name)
    return f"{url}?{urlencode({'import': result.cid})}" if result.created or result.updated else url
