from django.urls import path

from cluster_portal.core.routing import object_urls

from . import views
from .views import rounds

app_name = "programs"

urlpatterns = [
    path("brochure/", views.BrochureView.as_view(), name="brochure"),
    path("<int:program_pk>/documents/add/", views.ProgramDocumentAddView.as_view(), name="programdocument_add"),
    path("documents/<int:pk>/delete/", views.ProgramDocumentDeleteView.as_view(), name="programdocument_delete"),
    path("targets/summary/", views.AdmissionTargetSummaryView.as_view(), name="admissiontarget_summary"),
    path("targets/<int:pk>/review/", views.AdmissionTargetReviewView.as_view(), name="admissiontarget_review"),
    *object_urls(
        "program",
        "",
        list=views.ProgramListView,
        detail=views.ProgramDetailView,
        edit=views.ProgramEditView,
        delete=views.ProgramDeleteView,
    ),
    *object_urls(
        "specialty",
        "specialties/",
        list=views.SpecialtyListView,
        detail=views.SpecialtyDetailView,
        edit=views.SpecialtyEditView,
        delete=views.SpecialtyDeleteView,
    ),
    *object_urls(
        "additionalprogram",
        "additional/",
        list=views.AdditionalProgramListView,
        detail=views.AdditionalProgramDetailView,
        edit=views.AdditionalProgramEditView,
        delete=views.AdditionalProgramDeleteView,
    ),
    *object_urls(
        "admissionround",
        "targets/rounds/",
        list=rounds.AdmissionRoundListView,
        detail=rounds.AdmissionRoundDetailView,
        edit=rounds.AdmissionRoundEditView,
        delete=rounds.AdmissionRoundDeleteView,
    ),
    *object_urls(
        "admissiontarget",
        "targets/",
        list=views.AdmissionTargetListView,
        detail=views.AdmissionTargetDetailView,
        edit=views.AdmissionTargetEditView,
        delete=views.AdmissionTargetDeleteView,
    ),
]
