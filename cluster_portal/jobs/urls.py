from django.urls import path

from . import views

app_name = "jobs"

urlpatterns = [
    path("", views.JobListView.as_view(), name="job_list"),
    path("<uuid:pk>/", views.JobDetailView.as_view(), name="job_detail"),
    path("<uuid:pk>/status/", views.JobStatusView.as_view(), name="job_status"),
    path("<uuid:pk>/errors/", views.JobImportErrorsView.as_view(), name="import_errors"),
    path("<uuid:pk>/download/", views.JobDownloadView.as_view(), name="download"),
]
