"""Authentication backend: the logged-in user comes with their organization and person."""

from django.contrib.auth.backends import ModelBackend

from .models import User


class PortalModelBackend(ModelBackend):
    """Loads ``request.user`` in one query; the layout shows the organization and name on every page."""

    def get_user(self, user_id):
        user = User.objects.select_related("organization", "person").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
