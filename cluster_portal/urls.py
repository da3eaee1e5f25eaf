"""Root URLs. Public pages opt out of the login requirement with ``login_not_required``.

Error pages are the templates 403.html, 404.html and 500.html (Django's default handlers).
"""

from django.contrib import admin
from django.contrib.auth.views import PasswordResetView
from django.urls import include, path

from cluster_portal.core.views.system import favicon, healthz
from cluster_portal.notifications.forms import QueuedPasswordResetForm

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    # the reset letter leaves by a job (never inside the request), its link on PORTAL_BASE_URL
    path(
        "accounts/password_reset/",
        PasswordResetView.as_view(form_class=QueuedPasswordResetForm),
        name="password_reset",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("members/", include("members.urls")),
    path("councils/", include("councils.urls")),
    path("programs/", include("programs.urls")),
    path("expertise/", include("expertise.urls")),
    path("practice/", include("practice.urls")),
    path("events/", include("events.urls")),
    path("reports/", include("cluster_portal.reports.urls")),
    path("catalog/", include("programs.catalog_urls")),
    path("jobs/", include("cluster_portal.jobs.urls")),
    path("notifications/", include("cluster_portal.notifications.urls")),
    path("api/", include("cluster_portal.api.urls")),
    path("profile/", include("cluster_portal.api.profile_urls")),
    path("", include("cluster_portal.core.urls")),
]
