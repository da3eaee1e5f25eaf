from cluster_portal.core.routing import object_urls

from . import views

app_name = "members"

urlpatterns = [
    *object_urls(
        "organization",
        "",
        list=views.OrganizationListView,
        detail=views.OrganizationDetailView,
        edit=views.OrganizationEditView,
        delete=views.OrganizationDeleteView,
    ),
    *object_urls(
        "cluster",
        "clusters/",
        list=views.ClusterListView,
        detail=views.ClusterDetailView,
        edit=views.ClusterEditView,
        delete=views.ClusterDeleteView,
    ),
    *object_urls(
        "membership",
        "memberships/",
        list=views.MembershipListView,
        detail=views.MembershipDetailView,
        edit=views.MembershipEditView,
        delete=views.MembershipDeleteView,
    ),
    *object_urls(
        "enlargedgroup",
        "groups/",
        list=views.EnlargedGroupListView,
        detail=views.EnlargedGroupDetailView,
        edit=views.EnlargedGroupEditView,
        delete=views.EnlargedGroupDeleteView,
    ),
    *object_urls(
        "sector",
        "sectors/",
        list=views.SectorListView,
        detail=views.SectorDetailView,
        edit=views.SectorEditView,
        delete=views.SectorDeleteView,
    ),
    *object_urls(
        "person",
        "persons/",
        list=views.PersonListView,
        detail=views.PersonDetailView,
        edit=views.PersonEditView,
        delete=views.PersonDeleteView,
    ),
    *object_urls(
        "normativedocument",
        "documents/",
        list=views.DocumentListView,
        detail=views.DocumentDetailView,
        edit=views.DocumentEditView,
        delete=views.DocumentDeleteView,
    ),
    *object_urls(
        "user",
        "users/",
        list=views.UserListView,
        detail=views.UserDetailView,
        edit=views.UserEditView,
    ),
]
