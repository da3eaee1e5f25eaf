"""Jobs whose result is a file (a PDF, a workbook): stored where every node reads it, downloaded by its owner."""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse

from .registry import JobKind, Outcome

# build(job, progress) -> (content, filename, content_type)
Build = Callable[..., tuple[bytes, str, str]]


def document_kind(key: str, build: Build) -> JobKind:
    """A job kind that builds one file; its page ends with the file's download link."""

    def run(job, progress) -> Outcome:
        content, filename, content_type = build(job, progress)
        path = default_storage.save(f"jobs/files/{job.pk}.{filename.rsplit('.', 1)[-1]}", ContentFile(content))
        result = {"path": path, "filename": filename, "content_type": content_type, "size": len(content)}
        return Outcome(result=result, url=reverse("jobs:download", kwargs={"pk": job.pk}))

    return JobKind(key, run, "jobs/partials/_file_result.html", progress_label="Выполнено шагов")
