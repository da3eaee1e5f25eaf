"""Signed versions of a protocol: the PDF kept as it was signed, and why the protocol was reopened."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from cluster_portal.core.access import Policy, roles
from cluster_portal.core.files import upload_to
from cluster_portal.core.models import KeptFile
from cluster_portal.core.roles import NON_STAFF_ROLES, STAFF_ROLES
from cluster_portal.core.urls_helpers import object_url

from .meetings import Minutes, minutes_readers


class ProtocolRevision(KeptFile):
    """One signing of a protocol. Its PDF (PDF/A-3b) is rendered once and never changes; a later change
    of the protocol reopens it («внести изменения») with who, when and why, and the next signing keeps
    a new revision next to this one."""

    minutes = models.ForeignKey(Minutes, verbose_name="протокол", on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveSmallIntegerField("редакция")
    pdf = models.FileField("PDF подписанного протокола", upload_to=upload_to, max_length=200)
    signed_scan = models.FileField("скан подписанного протокола", blank=True, max_length=200)
    signed_at = models.DateTimeField("подписан")
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="отметил подписание",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reopened_at = models.DateTimeField("изменения начаты", null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="внёс изменения",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reopen_reason = models.TextField("причина изменений", blank=True)

    kept_at_field = "signed_at"
    kept_by_field = "signed_by"
    protected_file_fields = ("pdf", "signed_scan")
    access_policy = Policy(
        view={**roles(STAFF_ROLES), **roles(NON_STAFF_ROLES, minutes_readers("minutes__meeting__"))},
        add=STAFF_ROLES,
        change=roles(STAFF_ROLES),
    )

    class Meta:
        verbose_name = "редакция протокола"
        verbose_name_plural = "редакции протокола"
        ordering = ["minutes", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["minutes", "number"],
                name="protocol_revision_unique_number",
                violation_error_message="Такая редакция протокола уже есть.",
            )
        ]

    def __str__(self):
        return f"{self.minutes}, редакция {self.number}"

    def get_absolute_url(self):
        return object_url("councils:meeting_detail", self.minutes.meeting_id) + "#minutes"

    def download_name(self, field: str) -> str:
        base = f"protokol-{self.minutes.number}-{self.minutes.date:%Y-%m-%d}-red{self.number}".replace("/", "-")
        if field == "signed_scan":
            return f"{base}-skan.{self.signed_scan.name.rsplit('.', 1)[-1]}"
        return f"{base}.pdf"
