"""Start-up check: e-mails need the portal's public address for their links."""

from django.conf import settings
from django.core import checks


@checks.register()
def portal_base_url(app_configs, **kwargs):
    if settings.DEBUG or settings.PORTAL_BASE_URL:
        return []
    return [
        checks.Warning(
            "PORTAL_BASE_URL is not set: links in e-mails cannot point at the portal.",
            hint="Set PORTAL_BASE_URL to the portal's public address, e.g. https://portal.example.org.",
            id="notifications.W001",
        )
    ]
