"""The programs app's lists in the API (registered from ``ProgramsConfig.ready``)."""

from cluster_portal.api.registry import ReadEndpoint

from . import views

ENDPOINTS = (
    ReadEndpoint("programs/programs", views.ProgramListView),
    ReadEndpoint("programs/specialties", views.SpecialtyListView),
    ReadEndpoint("programs/additional", views.AdditionalProgramListView),
    ReadEndpoint("programs/targets", views.AdmissionTargetListView),
)
