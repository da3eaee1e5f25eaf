"""HTTP-level protections: no caching of personal pages, and rate limits on the login and password reset.

Both are middleware so no view can forget them.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control


def client_ip(request) -> str | None:
    """The client's address as the portal sees it (also django-axes' ``AXES_CLIENT_IP_CALLABLE``).

    Behind our reverse proxy (``BEHIND_PROXY``), the address the proxy appended last to X-Forwarded-For:
    the earlier ones are whatever the client sent. Otherwise REMOTE_ADDR.
    """
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR") or None


class NoStoreMiddleware:
    """``Cache-Control: private, no-store`` on every response to a logged-in user and on every download.

    Pages and exports carry personal data; neither the browser's cache nor a proxy keeps them.
    Public pages (the catalog for applicants) stay cacheable.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        download = "attachment" in response.get("Content-Disposition", "")
        if download or (user is not None and user.is_authenticated):
            patch_cache_control(response, private=True, no_store=True)
        return response


def rate_limited(scope: str, key: str) -> bool:
    """Count one attempt of ``scope`` by ``key``; True once the scope's limit for its window is passed.

    Limits are ``settings.RATE_LIMITS[scope] = (attempts, seconds)``; the counts live in the cache.
    """
    attempts, seconds = settings.RATE_LIMITS[scope]
    name = f"ratelimit:{scope}:{key}"
    if cache.add(name, 1, timeout=seconds):
        return attempts < 1
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, timeout=seconds)
        count = 1
    return count > attempts


RATE_LIMITED_VIEWS = {"login": "login", "password_reset": "password_reset"}


class RateLimitMiddleware:
    """Limits the POSTs to the login and password-reset forms by client address (HTTP 429, in Russian).

    django-axes locks out after failed logins; this also bounds guessing across many accounts and the
    password-reset mail a stranger can trigger.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            scope = self.scope_of(request.path_info)
            if scope and rate_limited(scope, client_ip(request) or "unknown"):
                response = render(request, "registration/rate_limited.html", {"scope": scope}, status=429)
                response["Retry-After"] = str(settings.RATE_LIMITS[scope][1])
                return response
        return self.get_response(request)

    @staticmethod
    def scope_of(path: str) -> str | None:
        try:
            name = resolve(path).url_name
        except Resolver404:
            return None
        return RATE_LIMITED_VIEWS.get(name)
