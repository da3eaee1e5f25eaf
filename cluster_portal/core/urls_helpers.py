"""URL naming convention: ``<app_label>:<model_name>_<action>``; object URLs reversed once per route."""

from functools import cache

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse

# An id no route of the portal spells otherwise: where it lands in a reversed URL, an object's id goes.
_PLACEHOLDER = "7340019823"


def url_for(model_or_obj, action: str, **kwargs) -> str:
    meta = model_or_obj._meta
    name = f"{meta.app_label}:{meta.model_name}_{action}"
    if action in {"detail", "edit", "delete"} and not kwargs:
        kwargs = {"pk": model_or_obj.pk}
    try:
        return reverse(name, kwargs=kwargs or None)
    except NoReverseMatch:
        return ""


@cache
def _route(viewname: str, urlconf, prefix: str) -> tuple[str, str] | None:
    """The reversed URL of ``viewname`` around its one integer argument, or None if it has no such shape."""
    try:
        url = reverse(viewname, urlconf=urlconf, args=[int(_PLACEHOLDER)])
    except NoReverseMatch:
        return None
    head, found, tail = url.partition(_PLACEHOLDER)
    return (head, tail) if found and _PLACEHOLDER not in tail else None


@cache
def _fixed(viewname: str, urlconf, prefix: str) -> str:
    return reverse(viewname, urlconf=urlconf)


def fixed_url(viewname: str) -> str:
    """``reverse(viewname)`` of a route without arguments (a menu entry), reversed once."""
    return _fixed(viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())


def object_url(viewname: str, pk: int) -> str:
    """``reverse(viewname, args=[pk])`` for an object's id: the route is reversed once, not for every row of a list."""
    route = _route(viewname, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    if route is None or type(pk) is not int:
        return reverse(viewname, args=[pk])
    return f"{route[0]}{pk}{route[1]}"
