from django.urls import path

from .views.autocomplete import autocomplete
from .views.imports import ImportErrorsView, ImportTemplateView, ImportView
from .views.system import DashboardView, protected_file

app_name = "core"

urlpatterns = [
    path("", DashboardView.as_view(), name="dashboard"),
    path("autocomplete/<str:name>/", autocomplete, name="autocomplete"),
    path("import/<slug:kind>/", ImportView.as_view(), name="import"),
    path("import/<slug:kind>/template/", ImportTemplateView.as_view(), name="import_template"),
    path("import/<slug:kind>/errors/<slug:token>/", ImportErrorsView.as_view(), name="import_errors"),
    path("files/<slug:app_label>/<slug:model_name>/<int:pk>/<slug:field>/", protected_file, name="file"),
]
