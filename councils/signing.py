"""Signed protocols are frozen: the PDF is kept at signing, and a change needs «внести изменения» with a reason."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from .choices import MinutesStatus
from .models import Minutes, ProtocolRevision
from .protocol import ARCHIVE_VARIANT, file_name, render_protocol

SIGNED_MINUTES = (
    "Протокол подписан, и его содержание изменить нельзя. Если в протокол нужно внести изменения, "
    "нажмите «Внести изменения» на странице заседания и укажите причину."
)
DECISION_PROTOCOL_FIELDS = (
    "agenda_item_id",
    "number",
    "text",
    "responsible_person_id",
    "responsible_organization_id",
    "responsible_text",
    "deadline_text",
    "due_date",
)


def is_signed(meeting_id: int | None) -> bool:
    return bool(meeting_id) and Minutes.objects.filter(meeting_id=meeting_id, status=MinutesStatus.SIGNED).exists()


def ensure_open(meeting_id: int | None) -> None:
    """Refuse a change of what a signed protocol prints (agenda, attendance, votes, decisions)."""
    if is_signed(meeting_id):
        raise ValidationError(SIGNED_MINUTES)


def keep_signed(*, minutes: Minutes, user) -> ProtocolRevision:
    """Render the just-signed protocol once (PDF/A-3b) and keep it as the next revision with its SHA-256."""
    pdf = render_protocol(minutes.meeting, minutes, pdf_variant=ARCHIVE_VARIANT)
    last = minutes.revisions.aggregate(m=Max("number"))["m"] or 0
    revision = ProtocolRevision(
        minutes=minutes,
        number=last + 1,
        signed_scan=minutes.signed_scan.name if minutes.signed_scan else "",
    )
    revision.keep(pdf, name=file_name(minutes), user=user)
    revision.full_clean()
    revision.save()
    return revision


@transaction.atomic
def minutes_amend(*, minutes: Minutes, user, reason: str) -> Minutes:
    """«Внести изменения»: reopen a signed protocol as a draft of its next revision, recording who, when and why.

    The kept PDF of the signed revision (and its scan) stay downloadable; the next signing keeps a new one.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Укажите причину изменений: она записывается в историю протокола."})
    minutes = Minutes.objects.select_for_update().get(pk=minutes.pk)
    if minutes.status != MinutesStatus.SIGNED:
        raise ValidationError("Протокол ещё не подписан: изменения вносятся в него обычным порядком.")
    revision = minutes.revisions.order_by("-number").first()
    if revision is None:  # signed before signed protocols were kept: keep that version first
        revision = keep_signed(minutes=minutes, user=None)
    revision.reopened_at = timezone.now()
    revision.reopened_by = user if getattr(user, "pk", None) else None
    revision.reopen_reason = reason
    revision.save()
    minutes.status = MinutesStatus.DRAFT
    minutes.signed_scan = ""  # the scan belongs to the signed revision; a new signing brings its own
    minutes.save()
    return minutes
