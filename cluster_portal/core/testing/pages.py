"""Test helpers over the portal's pages."""

from django.urls import URLResolver, get_resolver, reverse

from cluster_portal.core.views import ObjectListView


def _is_list_without_arguments(pattern) -> bool:
    view_class = getattr(pattern.callback, "view_class", object)
    return bool(pattern.name) and not pattern.pattern.regex.groups and issubclass(view_class, ObjectListView)


def _list_urls(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _list_urls(pattern.url_patterns, inner)
        elif _is_list_without_arguments(pattern):
            yield reverse(f"{namespace}{pattern.name}")


def list_page_urls() -> list[str]:
    """The URL of every list page of the portal (an ``ObjectListView`` without URL arguments), sorted."""
    return sorted(set(_list_urls(get_resolver().url_patterns)))
