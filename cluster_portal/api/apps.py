from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API: the apps' lists, their import kinds and the catalog's open data, over one kernel."""

    name = "cluster_portal.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        from cluster_portal.core import audit

        from . import models, schema  # noqa: F401 (the token's OpenAPI security scheme registers itself)

        # Creating and revoking a token is in its history; the digest and the use times are not.
        audit.track(models.PersonalToken, exclude_fields=["digest", "last_used_at"])
