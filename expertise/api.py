"""The expertise app's lists in the API (registered from ``ExpertiseConfig.ready``)."""

from cluster_portal.api.registry import ReadEndpoint

from . import views

ENDPOINTS = (
    ReadEndpoint("expertise/sessions", views.SessionListView),
    ReadEndpoint("expertise/experts", views.ExpertListView),
    ReadEndpoint("expertise/reviews", views.ReviewListView),
    ReadEndpoint("expertise/templates", views.TemplateListView),
)
