"""Static files collect with the production storage (hashed names), and nothing comes from a CDN."""

import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[3]


def test_collectstatic_with_the_manifest_storage(tmp_path):
    # whitenoise's storage adds compression on top of this manifest; the manifest is what breaks.

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=str(tmp_path), STORAGES=storages):
        call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()


@pytest.mark.parametrize("folder", ["templates", "static/css", "static/js"])
def test_no_external_urls_in_templates_and_own_assets(folder):
    pattern = re.compile(r"""(?:src|href)=["']https?://|url\(["']?https?://|@import\s+["']https?://""")
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and path.suffix in {".html", ".css", ".js"} and pattern.search(path.read_text("utf-8"))
    ]
    assert offenders == []
