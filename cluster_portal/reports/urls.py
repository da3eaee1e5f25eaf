from django.urls import path

from . import region, views

app_name = "reports"

urlpatterns = [
    path("", views.ReportIndexView.as_view(), name="index"),
    path("region/", region.RegionView.as_view(), name="region"),
    path("annual/<str:year>/", views.AnnualReportView.as_view(), name="annual"),
    path("annual/<str:year>/pdf/", views.AnnualReportPdfView.as_view(), name="annual_pdf"),
    path("annual/<str:year>/pdf/job/", views.AnnualReportPdfJobView.as_view(), name="annual_pdf_job"),
    path("annual/<str:year>/draft/", views.AnnualReportDraftJobView.as_view(), name="annual_draft"),
    path("annual/<str:year>/approve/", views.AnnualReportApproveView.as_view(), name="annual_approve"),
    path("annual/<str:year>/v<int:number>.html", views.ReportVersionHtmlView.as_view(), name="annual_version_html"),
    path("annual/<str:year>/xlsx/", views.AnnualReportXlsxView.as_view(), name="annual_xlsx"),
    path("annual/<str:year>/edit/", views.AnnualReportEditView.as_view(), name="annual_edit"),
]
