"""The protocol of a meeting as a document: what it prints, rendered to PDF."""

from __future__ import annotations

from cluster_portal.core.pdf import render_pdf

from .choices import MinutesStatus
from .models import Decision, Meeting, Minutes

# Signed protocols are kept as archival PDFs.
ARCHIVE_VARIANT = "pdf/a-3b"


def protocol_context(meeting: Meeting, minutes: Minutes) -> dict:
    """Everything the protocol prints: header, attendance, and per agenda item what was heard and decided."""
    items = list(meeting.agenda_items.select_related("speaker").order_by("order", "pk"))
    decisions = list(
        Decision.objects.filter(agenda_item__meeting=meeting)
        .select_related("responsible_person", "responsible_organization")
        .order_by("agenda_item__order", "number", "pk")
    )
    for item in items:
        item.protocol_decisions = [d for d in decisions if d.agenda_item_id == item.pk]
    attendance = list(
        meeting.attendance.select_related("person", "person__organization").order_by(
            "person__last_name", "person__first_name", "pk"
        )
    )
    amendments = list(minutes.revisions.exclude(reopened_at=None).order_by("number")) if minutes.pk else []
    return {
        "title": str(minutes),
        "meeting": meeting,
        "minutes": minutes,
        "council": meeting.council,
        "cluster": meeting.council.cluster,
        "items": items,
        "present": [a for a in attendance if a.present],
        "absent": [a for a in attendance if not a.present],
        "guests": [line.strip() for line in meeting.guests.splitlines() if line.strip()],
        "quorum_needed": meeting.council.quorum_needed(meeting.members_count or 0),
        "draft_mark": "ПРОЕКТ" if minutes.status == MinutesStatus.DRAFT else "",
        "revision": len(amendments) + 1,
        "amendments": amendments,
    }


def render_protocol(meeting: Meeting, minutes: Minutes, *, pdf_variant: str | None = None) -> bytes:
    return render_pdf("councils/pdf/protocol.html", protocol_context(meeting, minutes), pdf_variant=pdf_variant)


def file_name(minutes: Minutes) -> str:
    return f"protokol-{minutes.number}-{minutes.date:%Y-%m-%d}.pdf".replace("/", "-")
