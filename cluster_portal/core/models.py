"""Abstract models shared by the apps."""

from __future__ import annotations

import hashlib

from django.core.files.base import ContentFile
from django.db import models
from django.utils import timezone

from .files import upload_to


class TimeStampedModel(models.Model):
    """Creation and last-change time of a row."""

    created_at = models.DateTimeField("создано", auto_now_add=True)
    updated_at = models.DateTimeField("изменено", auto_now=True)

    class Meta:
        abstract = True


def sha256_hex(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


class KeptFile(models.Model):
    """A document kept as it was made (a signed protocol, an approved report): its PDF is written once,
    with its SHA-256 and who kept it when, and no path of the portal rewrites it.

    The subclass names its own who/when fields (``kept_by_field``, ``kept_at_field``: «подписал»,
    «утвердил»), downloads the PDF through the protected-file view and may redeclare ``pdf`` for its
    own verbose name.
    """

    pdf = models.FileField("PDF", upload_to=upload_to, max_length=200)
    sha256 = models.CharField("SHA-256 файла PDF", max_length=64)

    kept_at_field = "kept_at"
    kept_by_field = "kept_by"
    protected_file_fields = ("pdf",)

    class Meta:
        abstract = True

    def keep(self, content: bytes, *, name: str, user, at=None) -> None:
        """Store ``content`` as this row's PDF with its SHA-256, kept by ``user`` at ``at`` (now); the caller saves."""
        if self.sha256:
            raise ValueError(f"{self!r} already keeps its PDF: a kept document is never rewritten")
        self.sha256 = sha256_hex(content)
        setattr(self, self.kept_at_field, at or timezone.now())
        setattr(self, self.kept_by_field, user if getattr(user, "pk", None) else None)
        self.pdf.save(name, ContentFile(content), save=False)

    def pdf_bytes(self) -> bytes:
        with self.pdf.open("rb") as handle:
            return handle.read()

    def intact(self) -> bool:
        """Whether the stored PDF still has the SHA-256 recorded when it was kept."""
        return sha256_hex(self.pdf_bytes()) == self.sha256
