"""``Authorization: Bearer <token>``: a personal token authenticates as its user."""

from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from .services import token_authenticate


class PersonalTokenAuthentication(BaseAuthentication):
    """A request with a personal token acts as the token's user; ``request.auth`` is the token."""

    keyword = "Bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise AuthenticationFailed("Заголовок Authorization: ожидается «Bearer <токен>».")
        try:
            raw = parts[1].decode()
        except UnicodeError:
            raise AuthenticationFailed("Токен содержит недопустимые символы.") from None
        token = token_authenticate(raw)
        if token is None:
            raise AuthenticationFailed("Токен не принят: он отозван, истёк или не существует.")
        return token.user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="api"'
