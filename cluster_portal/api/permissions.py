"""Who may call an endpoint: the same policies as the pages; a token's scope limits it to reading."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from cluster_portal.core.access import may


class MayRead(BasePermission):
    """The user's role reads the endpoint's model at all (the selector then scopes the rows)."""

    message = "Ваша роль не даёт доступа к этому списку."

    def has_permission(self, request, view):
        return may(request.user, view.endpoint.model, "view")


class TokenScope(BasePermission):
    """A request with a read-scoped personal token may only read."""

    message = "Токен выпущен только для чтения: запись через него недоступна."

    def has_permission(self, request, view):
        token = request.auth
        if request.method in SAFE_METHODS or token is None or not hasattr(token, "allows_write"):
            return True
        return token.allows_write
