"""The API kernel names no app: the apps register their endpoints from their AppConfig.ready()."""

from django.conf import settings

from cluster_portal.core.tests.test_kernel import names_in, portal_apps


def test_the_api_kernel_names_no_app():
    api = settings.BASE_DIR / "cluster_portal" / "api"
    files = [p for p in api.rglob("*.py") if "tests" not in p.relative_to(api).parts]
    assert files
    assert [found for path in files for found in names_in(path, portal_apps())] == []
