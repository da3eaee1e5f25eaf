"""What every API view shares: DRF answers for authentication itself (401, not the login page)."""

from django.contrib.auth.decorators import login_not_required


class APIViewMixin:
    """Opts the view out of ``LoginRequiredMiddleware``: tokens and sessions are checked by DRF."""

    @classmethod
    def as_view(cls, *args, **initkwargs):
        return login_not_required(super().as_view(*args, **initkwargs))
