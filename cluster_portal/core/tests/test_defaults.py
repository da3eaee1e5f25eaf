"""Production defaults that serve speed without code: cached templates, persistent checked connections."""

import os

import pytest
from django.template import engines
from django.template.loaders.app_directories import Loader as AppDirectoriesLoader
from django.template.loaders.cached import Loader as CachedLoader
from django.template.loaders.filesystem import Loader as FilesystemLoader


def test_the_template_engine_caches_compiled_templates(settings):
    """Django's cached loader, which it uses when ``TEMPLATES`` names no loaders."""
    assert all("loaders" not in backend.get("OPTIONS", {}) for backend in settings.TEMPLATES)
    (loader,) = engines["django"].engine.template_loaders
    assert isinstance(loader, CachedLoader)
    assert [type(inner) for inner in loader.loaders] == [FilesystemLoader, AppDirectoriesLoader]


def test_lists_render_with_the_portals_table_template(settings):
    assert settings.DJANGO_TABLES2_TEMPLATE == "generic/_table.html"


@pytest.mark.skipif("CONN_MAX_AGE" in os.environ, reason="CONN_MAX_AGE is set by the caller")
def test_database_connections_persist_a_minute_and_are_checked_before_reuse(settings):
    assert settings.DATABASES["default"]["CONN_MAX_AGE"] == 60
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
