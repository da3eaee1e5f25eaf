"""The public catalog (no login): mounted at /catalog/."""

from django.urls import path

from . import views

app_name = "catalog"

urlpatterns = [
    path("", views.catalog_index, name="index"),
    path("<int:pk>/", views.catalog_program, name="program"),
]
