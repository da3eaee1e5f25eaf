"""Request middleware of the portal."""

import time

from django.conf import settings


class IdleSessionMiddleware:
    """Ends sessions after SESSION_IDLE_SECONDS without requests.

    The session's expiry is renewed at most once a minute, so an active user stays logged in
    without a session write on every request.
    """

    touch_interval = 60

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and request.user.is_authenticated:
            now = int(time.time())
            last = session.get("_last_touch", 0)
            if now - last >= self.touch_interval:
                session["_last_touch"] = now
                session.set_expiry(settings.SESSION_IDLE_SECONDS)
        return self.get_response(request)
