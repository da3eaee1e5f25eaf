"""Uploaded files: where they are stored, what may be uploaded, and who may download them."""

from __future__ import annotations

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible

# Signatures of the document types the portal accepts.
SIGNATURES = {
    ".pdf": (b"%PDF-",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
DOCUMENT_EXTENSIONS = (".pdf", ".docx", ".doc", ".xlsx", ".xls", ".odt", ".ods", ".pptx", ".png", ".jpg", ".jpeg")


@deconstructible
class DocumentValidator:
    """Checks an upload's extension, its leading bytes and its size."""

    def __init__(self, extensions=DOCUMENT_EXTENSIONS, max_bytes: int | None = None):
        self.extensions = tuple(extensions)
        self.max_bytes = max_bytes

    def __call__(self, file):
        name = getattr(file, "name", "") or ""
        ext = PurePath(name).suffix.lower()
        if ext not in self.extensions:
            raise ValidationError(
                "Недопустимый тип файла «%(ext)s». Разрешены: %(allowed)s.",
                params={"ext": ext or "без расширения", "allowed": ", ".join(self.extensions)},
                code="file_type",
            )
        limit = self.max_bytes or settings.PORTAL_UPLOAD_MAX_BYTES
        if file.size is not None and file.size > limit:
            raise ValidationError(
                "Файл слишком большой: %(size).1f МБ, допускается не более %(limit).0f МБ.",
                params={"size": file.size / 1048576, "limit": limit / 1048576},
                code="file_size",
            )
        if getattr(file, "closed", False):
            return  # a stored file not opened by this request (an upload is open): checked when it was uploaded
        head = file.read(8)
        file.seek(0)
        if not any(head.startswith(sig) for sig in SIGNATURES[ext]):
            raise ValidationError(
                "Содержимое файла не соответствует расширению «%(ext)s».",
                params={"ext": ext},
                code="file_content",
            )

    def __eq__(self, other):
        return isinstance(other, DocumentValidator) and (self.extensions, self.max_bytes) == (
            other.extensions,
            other.max_bytes,
        )


@deconstructible
class UploadTo:
    """Stores uploads under an unguessable name: ``<app>/<model>/<uuid><ext>``."""

    def __call__(self, instance, filename):
        meta = instance._meta
        return f"{meta.app_label}/{meta.model_name}/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"

    def __eq__(self, other):
        return isinstance(other, UploadTo)


upload_to = UploadTo()
document_validator = DocumentValidator()
