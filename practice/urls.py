from django.urls import path

from cluster_portal.core.routing import object_urls

from . import views

app_name = "practice"

urlpatterns = [
    path("", views.AnalyticsView.as_view(), name="analytics"),
    path("analytics/status/", views.AnalyticsStatusView.as_view(), name="analytics_status"),
    path("analytics/export/", views.AnalyticsExportView.as_view(), name="analytics_export"),
    *object_urls(
        "practicebase",
        "bases/",
        list=views.PracticeBaseListView,
        detail=views.PracticeBaseDetailView,
        edit=views.PracticeBaseEditView,
        delete=views.PracticeBaseDeleteView,
    ),
    *object_urls(
        "practiceagreement",
        "agreements/",
        list=views.AgreementListView,
        detail=views.AgreementDetailView,
        edit=views.AgreementEditView,
        delete=views.AgreementDeleteView,
    ),
    *object_urls(
        "student",
        "students/",
        list=views.StudentListView,
        detail=views.StudentDetailView,
        edit=views.StudentEditView,
        delete=views.StudentDeleteView,
    ),
    *object_urls(
        "placement",
        "placements/",
        list=views.PlacementListView,
        detail=views.PlacementDetailView,
        edit=views.PlacementEditView,
        delete=views.PlacementDeleteView,
    ),
    *object_urls(
        "employmentoutcome",
        "employment/",
        list=views.OutcomeListView,
        detail=views.OutcomeDetailView,
        edit=views.OutcomeEditView,
        delete=views.OutcomeDeleteView,
    ),
    *object_urls(
        "teacherinternship",
        "internships/",
        list=views.InternshipListView,
        detail=views.InternshipDetailView,
        edit=views.InternshipEditView,
        delete=views.InternshipDeleteView,
    ),
    *object_urls(
        "datacollection",
        "collections/",
        list=views.CollectionListView,
        detail=views.CollectionDetailView,
        edit=views.CollectionEditView,
        delete=views.CollectionDeleteView,
    ),
    *object_urls("submission", "submissions/", list=views.SubmissionListView, detail=views.SubmissionDetailView),
    path(
        "submissions/<int:pk>/submit/",
        views.SubmissionActionView.as_view(),
        {"action": "submit"},
        name="submission_submit",
    ),
    path(
        "submissions/<int:pk>/withdraw/",
        views.SubmissionActionView.as_view(),
        {"action": "withdraw"},
        name="submission_withdraw",
    ),
    path(
        "submissions/<int:pk>/review/",
        views.SubmissionActionView.as_view(),
        {"action": "review"},
        name="submission_review",
    ),
    *object_urls("studentdataaccess", "access-log/", list=views.AccessLogListView),
]
