"""What differs between an approved version and the draft built from the live data, kept per pair."""

from __future__ import annotations

from django.core.cache import cache

from .models import ReportDraft, ReportVersion
from .snapshot import SectionChange, differences

TIMEOUT = 7 * 24 * 3600


def changes_since(version: ReportVersion, draft: ReportDraft | None) -> list[SectionChange] | None:
    """The sections in which the live data (as the last draft has them) differ from ``version``; None before a draft.

    Equal digests answer at once; otherwise the two data JSONs are compared once per pair and kept (a version
    never changes, and a draft's digest names its data).
    """
    if draft is None:
        return None
    if draft.data_sha256 == version.data_sha256:
        return []
    key = f"reports:changes:{version.pk}:{version.data_sha256}:{draft.data_sha256}"
    found = cache.get(key)
    if found is None:
        approved = ReportVersion.objects.values_list("data", flat=True).get(pk=version.pk)
        live = ReportDraft.objects.values_list("data", flat=True).get(pk=draft.pk)
        found = differences(approved, live)
        cache.set(key, found, TIMEOUT)
    return found
