"""Backup and restore of the portal's data and uploaded files as one archive.

The archive holds ``data.json`` (Django's dumpdata of every app with the primary keys as they are
and natural keys for content types, in the ``json-exact`` format: timestamps to the microsecond,
so it loads into any supported database exactly as saved) and ``media/`` (the uploaded files).
Restoring needs an empty, migrated installation of the same version.
"""

from __future__ import annotations

import io
import json
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

from auditlog.context import disable_auditlog
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import transaction

from . import dataversion

EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]
FORMAT_VERSION = 1
EXACT_FORMAT = "json-exact"
# Checks that tell whether the installation already holds data: apps register them from ready().
_in_use_checks: dict[str, Callable[[], bool]] = {}


class RestoreRefused(Exception):
    """The archive cannot be restored here."""


def backup_create(*, target: Path) -> dict:
    """Write the archive to ``target``; returns a summary (objects, files)."""
    data = io.StringIO()
    serializers.register_serializer(EXACT_FORMAT, "cluster_portal.core.exact_json")
    # Primary keys are kept (rows come back as they were); content types go by natural key.
    call_command("dumpdata", format=EXACT_FORMAT, exclude=EXCLUDED, natural_foreign=True, indent=None, stdout=data)
    payload = data.getvalue().encode()
    media = Path(settings.MEDIA_ROOT)
    files = [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
    manifest = {"format": FORMAT_VERSION, "objects": len(json.loads(payload)), "files": len(files)}
    with tarfile.open(target, "w:gz") as archive:
        for name, content in (("manifest.json", json.dumps(manifest).encode()), ("data.json", payload)):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
        for path in files:
            archive.add(path, arcname=f"media/{path.relative_to(media).as_posix()}")
    return manifest


def register_in_use(check: Callable[[], bool]) -> Callable[[], bool]:
    """``check()`` is true when the app holds data a restore must not overwrite (from an app's ``ready()``)."""
    _in_use_checks[f"{check.__module__}.{check.__qualname__}"] = check
    return check


def installation_in_use() -> bool:
    """Whether any registered check finds data in this installation."""
    return any(check() for check in _in_use_checks.values())


def backup_restore(*, source: Path, force: bool = False) -> dict:
    """Load the archive into this (empty, migrated) installation: data in one transaction, then files."""
    if installation_in_use() and not force:
        raise RestoreRefused("В базе уже есть данные: восстановление выполняется в пустую установку (или --force).")
    with tarfile.open(source, "r:gz") as archive:
        manifest = json.load(archive.extractfile("manifest.json"))
        if manifest.get("format") != FORMAT_VERSION:
            raise RestoreRefused(f"Неизвестный формат архива: {manifest.get('format')}.")
        payload = archive.extractfile("data.json").read()
        media_members = [m for m in archive.getmembers() if m.name.startswith("media/") and m.isfile()]
        # The archive carries the history as it was: loading rows must not write history of its own.
        with tempfile.NamedTemporaryFile(suffix=".json") as spool, transaction.atomic(), disable_auditlog():
            spool.write(payload)
            spool.flush()
            call_command("loaddata", spool.name, verbosity=0)
            dataversion.new_epoch()
        media = Path(settings.MEDIA_ROOT)
        for member in media_members:
            relative = Path(member.name).relative_to("media")
            if relative.is_absolute() or ".." in relative.parts:
                raise RestoreRefused(f"Недопустимый путь файла в архиве: {member.name}")
            destination = media / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(archive.extractfile(member).read())
    return manifest
