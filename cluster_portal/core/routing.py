"""URL patterns of one model's generic views, named ``<model_name>_<action>``."""

from django.urls import path


def object_urls(model_name: str, prefix: str, *, list=None, detail=None, edit=None, delete=None) -> list:
    """``prefix`` is '' or ends with '/': list at prefix, add, <pk>/, <pk>/edit/, <pk>/delete/."""
    patterns = []
    if list is not None:
        patterns.append(path(prefix, list.as_view(), name=f"{model_name}_list"))
    if edit is not None:
        patterns.append(path(f"{prefix}add/", edit.as_view(), name=f"{model_name}_add"))
        patterns.append(path(f"{prefix}<int:pk>/edit/", edit.as_view(), name=f"{model_name}_edit"))
    if detail is not None:
        patterns.append(path(f"{prefix}<int:pk>/", detail.as_view(), name=f"{model_name}_detail"))
    if delete is not None:
        patterns.append(path(f"{prefix}<int:pk>/delete/", delete.as_view(), name=f"{model_name}_delete"))
    return patterns
