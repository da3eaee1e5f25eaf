"""URL naming convention: ``<app_label>:<model_name>_<action>``."""

from django.urls import NoReverseMatch, reverse


def url_for(model_or_obj, action: str, **kwargs) -> str:
    meta = model_or_obj._meta
    name = f"{meta.app_label}:{meta.model_name}_{action}"
    if action in {"detail", "edit", "delete"} and not kwargs:
        kwargs = {"pk": model_or_obj.pk}
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""
