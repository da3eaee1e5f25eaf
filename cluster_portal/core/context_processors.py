"""Template context shared by every page."""

from django.conf import settings
from django.urls import NoReverseMatch

from .navigation import menus_for
from .roles import role_of
from .urls_helpers import fixed_url


def _catalog_url() -> str:
    try:
        return fixed_url("catalog:index")
    except NoReverseMatch:
        return ""


def portal(request):
    # A page runs the context processors for each template it renders with the request (its table too).
    context = getattr(request, "_portal_context", None)
    if context is None:
        user = getattr(request, "user", None)
        context = request._portal_context = {
            "portal_title": settings.PORTAL_TITLE,
            "portal_short_title": settings.PORTAL_SHORT_TITLE,
            "nav_menus": menus_for(user) if user is not None else [],
            "user_role": role_of(user) if user is not None else None,
            "catalog_url": _catalog_url(),
        }
    return context
