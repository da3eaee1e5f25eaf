"""The members app's lists in the API (registered from ``MembersConfig.ready``)."""

from cluster_portal.api.registry import ReadEndpoint

from . import views

ENDPOINTS = (
    ReadEndpoint("members/organizations", views.OrganizationListView),
    ReadEndpoint("members/clusters", views.ClusterListView),
    ReadEndpoint("members/memberships", views.MembershipListView),
    ReadEndpoint("members/groups", views.EnlargedGroupListView),
    ReadEndpoint("members/sectors", views.SectorListView),
    ReadEndpoint("members/persons", views.PersonListView),
    ReadEndpoint("members/documents", views.DocumentListView),
    ReadEndpoint(
        "members/users",
        views.UserListView,
        fields=("username", "first_name", "last_name", "email", "role", "organization", "person", "is_active"),
    ),
)
