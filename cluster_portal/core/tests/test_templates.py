"""Templates are compiled once per process: Django's cached loader, used when ``TEMPLATES`` names no loaders."""

from django.template import engines
from django.template.loaders.app_directories import Loader as AppDirectoriesLoader
from django.template.loaders.cached import Loader as CachedLoader
from django.template.loaders.filesystem import Loader as FilesystemLoader


def test_the_template_engine_caches_compiled_templates(settings):
    assert all("loaders" not in backend.get("OPTIONS", {}) for backend in settings.TEMPLATES)
    (loader,) = engines["django"].engine.template_loaders
    assert isinstance(loader, CachedLoader)
    assert [type(inner) for inner in loader.loaders] == [FilesystemLoader, AppDirectoriesLoader]


def test_lists_render_with_the_portals_table_template(settings):
    assert settings.DJANGO_TABLES2_TEMPLATE == "generic/_table.html"
