"""Rate limits of the API (DRF throttling in the shared cache), set by ``API_RATE_USER``/``API_RATE_ANON``."""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class UserThrottle(UserRateThrottle):
    """Requests per user (a token or a session), whatever endpoint."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]  # read per request: settings may change in tests


class AnonThrottle(AnonRateThrottle):
    """Requests per address without a login (the open data)."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]
