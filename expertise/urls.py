from django.urls import path

from cluster_portal.core.routing import object_urls

from . import views

app_name = "expertise"

urlpatterns = [
    *object_urls(
        "expertsession",
        "",
        list=views.SessionListView,
        detail=views.SessionDetailView,
        edit=views.SessionEditView,
        delete=views.SessionDeleteView,
    ),
    path("<int:pk>/assign/", views.SessionAssignView.as_view(), name="expertsession_assign"),
    path("<int:pk>/extend/", views.SessionExtendView.as_view(), name="expertsession_extend"),
    path("<int:pk>/results/", views.SessionResultsView.as_view(), name="expertsession_results"),
    path("<int:pk>/results/pdf/", views.SessionResultsPdfView.as_view(), name="expertsession_results_pdf"),
    path("programs/<int:pk>/", views.SessionProgramDetailView.as_view(), name="sessionprogram_detail"),
    *object_urls(
        "review",
        "reviews/",
        list=views.ReviewListView,
        detail=views.ReviewDetailView,
        delete=views.ReviewDeleteView,
    ),
    path("reviews/<int:pk>/fill/", views.ReviewFillView.as_view(), name="review_fill"),
    path("reviews/<int:pk>/autosave/", views.ReviewAutosaveView.as_view(), name="review_autosave"),
    path("reviews/<int:pk>/return/", views.ReviewReturnView.as_view(), name="review_return"),
    path("reviews/<int:pk>/pdf/", views.ReviewPdfView.as_view(), name="review_pdf"),
    *object_urls(
        "expert",
        "experts/",
        list=views.ExpertListView,
        detail=views.ExpertDetailView,
        edit=views.ExpertEditView,
        delete=views.ExpertDeleteView,
    ),
    *object_urls(
        "checklisttemplate",
        "templates/",
        list=views.TemplateListView,
        detail=views.TemplateDetailView,
        edit=views.TemplateEditView,
        delete=views.TemplateDeleteView,
    ),
    path("templates/<int:pk>/pdf/", views.TemplatePdfView.as_view(), name="checklisttemplate_pdf"),
]
